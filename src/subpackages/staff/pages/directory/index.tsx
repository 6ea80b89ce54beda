import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { useSession } from '@/features/session/session-store'
import { RELATION_LABELS } from '@/shared/lib/labels'
import { Button, Card, Empty, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'
import { BuildingFilter } from '../../components/BuildingFilter'
import { buildingsInScope } from '../../components/building-scope'
import { RevealPhoneSheet, type RevealTarget } from '../../components/RevealPhoneSheet'
import { useCommunityMeta } from '../../components/use-community-meta'
import { DirectoryStatus } from '../../components/DirectoryStatus'
import { useDirectory } from '../../components/use-directory'
import { useStaffCommunity } from '../../components/use-staff-community'

/**
 * 住户名册 (household.read; grid workers only their grids, R7.2): the approved members of one
 * building at a time, 50 a page, names masked (R4.9). Phones are never listed: staff with
 * personal.reveal tap 查看电话, give a reason, and the view is logged and shown to the resident
 * in 谁看过我的数据 (R4.10).
 */
export default function DirectoryPage() {
  const { communityId, communityName, can } = useStaffCommunity()
  const roles = useSession().data?.roles ?? []
  const meta = useCommunityMeta(communityId)
  const buildings = meta.status === 'ready' && communityId ? buildingsInScope(meta.buildings, meta.grids, roles, communityId) : []
  const [buildingId, setBuildingId] = useState<string | null>(null)
  const [revealing, setRevealing] = useState<RevealTarget | null>(null)
  const canReveal = can('personal.reveal')

  // Start with the first building in scope: a building is a short list, the whole community is not.
  const firstBuilding = buildings[0]?.id ?? null
  useEffect(() => {
    if (buildingId === null && firstBuilding) setBuildingId(firstBuilding)
  }, [firstBuilding, buildingId])

  const directory = useDirectory(communityId, buildingId, buildingId !== null)

  return (
    <PageShell title='住户名册' id='directory-page'>
      <PageHeader title='住户名册' caption={communityName} />
      <Text className='body-text notice-block'>
        {canReveal
          ? '姓名已打码，电话不直接显示。查看电话需填写理由，每次查看都会被记录，居民本人可以在“谁看过我的数据”中看到。'
          : '姓名已打码，电话不在名册中显示。'}
      </Text>

      {!communityId ? <Empty title='没有可查看的社区' /> : null}
      {meta.status === 'loading' && communityId ? <Loading /> : null}
      {meta.status === 'error' ? <ErrorState message={meta.message} onRetry={meta.retry} /> : null}
      {meta.status === 'ready' && buildings.length === 0 ? <Empty id='directory-no-scope' title='您负责的范围内没有楼栋' /> : null}

      {buildings.length > 0 ? (
        <Card>
          <BuildingFilter buildings={buildings} value={buildingId} onChange={(id) => id && setBuildingId(id)} />
        </Card>
      ) : null}

      {directory.status === 'ready' && directory.items.length === 0 ? <Empty id='directory-empty' title='该楼栋暂无已认证的住户' /> : null}
      {directory.items.length > 0 ? (
        <View className='list' id='directory-list'>
          {directory.items.map((item) => (
            <ListRow
              key={item.memberId}
              id={`dir-${item.memberId}`}
              className='directory-row'
              title={`${item.unitLabel} · ${item.nameMasked}`}
              description={`${RELATION_LABELS[item.relation]}${item.hasPhone ? '' : ' · 未留电话'}`}
              extra={
                item.hasPhone && canReveal ? (
                  <Button
                    id={`reveal-${item.memberId}`}
                    variant='secondary'
                    onClick={() => setRevealing({ id: item.memberId, unitLabel: item.unitLabel, nameMasked: item.nameMasked })}
                  >
                    查看电话
                  </Button>
                ) : undefined
              }
            />
          ))}
        </View>
      ) : null}
      <DirectoryStatus directory={directory} moreId='directory-more' />

      {revealing && communityId ? <RevealPhoneSheet communityId={communityId} item={revealing} onClose={() => setRevealing(null)} /> : null}
    </PageShell>
  )
}
