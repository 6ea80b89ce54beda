import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Card, Choice, ErrorState, Loading } from '@/shared/ui'

export interface PickedUnit {
  communityId: string
  communityName: string
  buildingId: string
  unitId: string
  label: string
}

type Community = CallOutput<'community', 'list'>['communities'][number]
type Units = CallOutput<'community', 'units'>

/** Community → building → door, each a set of large choices (no tiny pickers for older people). */
export function UnitPicker({ value, onChange }: { value: PickedUnit | null; onChange: (unit: PickedUnit | null) => void }) {
  const [communities, setCommunities] = useState<Community[] | null>(null)
  const [community, setCommunity] = useState<Community | null>(null)
  const [buildings, setBuildings] = useState<Units['buildings'] | null>(null)
  const [buildingId, setBuildingId] = useState<string | null>(null)
  const [units, setUnits] = useState<Units['units'] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const loadCommunities = () => {
    setError(null)
    callCloud('community', 'list', {})
      .then(({ communities: list }) => {
        setCommunities(list)
        // One community to choose from: choose it, one tap fewer.
        if (list.length === 1) setCommunity(list[0])
      })
      .catch((e: unknown) => setError(errorText(e)))
  }
  useEffect(loadCommunities, [])

  useEffect(() => {
    if (!community) return
    setBuildings(null)
    setBuildingId(null)
    onChange(null)
    callCloud('community', 'units', { communityId: community.id })
      .then((r) => setBuildings(r.buildings))
      .catch((e: unknown) => setError(errorText(e)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [community?.id])

  useEffect(() => {
    if (!community || !buildingId) return
    setUnits(null)
    onChange(null)
    callCloud('community', 'units', { communityId: community.id, buildingId })
      .then((r) => setUnits(r.units))
      .catch((e: unknown) => setError(errorText(e)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [community?.id, buildingId])

  if (error) return <ErrorState message={error} onRetry={loadCommunities} />
  if (!communities) return <Loading />

  return (
    <>
      <Card title='社区' id='community-card'>
        <View className='choice-grid' ariaRole='radiogroup'>
          {communities.map((c) => (
            <Choice key={c.id} id={`community-${c.id}`} label={c.name} on={community?.id === c.id} onClick={() => setCommunity(c)} />
          ))}
        </View>
      </Card>
      {community ? (
        <Card title='楼栋' id='building-card'>
          {buildings ? (
            <View className='choice-grid' ariaRole='radiogroup'>
              {buildings.map((b) => (
                <Choice key={b.id} id={`building-${b.id}`} label={b.name} on={buildingId === b.id} onClick={() => setBuildingId(b.id)} />
              ))}
            </View>
          ) : (
            <Loading />
          )}
        </Card>
      ) : null}
      {community && buildingId ? (
        <Card title='房号' id='unit-card'>
          {units ? (
            units.length === 0 ? (
              <Text className='body-text'>该楼栋暂无可选择的房屋</Text>
            ) : (
              <View className='choice-grid' ariaRole='radiogroup'>
                {units.map((u) => (
                  <Choice
                    key={u.id}
                    id={`unit-${u.number}`}
                    label={u.number}
                    on={value?.unitId === u.id}
                    onClick={() => onChange({ communityId: community.id, communityName: community.name, buildingId: u.buildingId, unitId: u.id, label: u.label })}
                  />
                ))}
              </View>
            )
          ) : (
            <Loading />
          )}
        </Card>
      ) : null}
      {value ? (
        <Text id='picked-unit' className='status-note body-text'>
          已选择：{value.communityName} {value.label}
        </Text>
      ) : null}
    </>
  )
}
