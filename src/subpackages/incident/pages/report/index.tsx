import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Checkbox, Choice, PageHeader, TextField } from '@/shared/ui'
import { ImagePicker } from '@/features/media/ImagePicker'
import { uploadAll, type PickedImage } from '@/features/media/images'
import { CATEGORY_IDS, EMERGENCY_DISCLAIMER, EMERGENCY_NUMBERS, INCIDENT_CATEGORIES, KIND_LABELS, type IncidentCategory, type IncidentKind } from '@domain/incident/model'

/** The contract's limit for one report. */
const MAX_PHOTOS = 6

type Emergency = NonNullable<CallOutput<'incident', 'report'>['emergency']>

/** 110 / 119 / 120 as buttons that call (R7.6), with the reminder that Linli is not an emergency service. */
function EmergencyCard({ emergency }: { emergency: Pick<Emergency, 'disclaimer'> & { numbers: readonly { number: string; label: string }[] } }) {
  return (
    <Card id='emergency-card'>
      <Text className='body-text notice-block notice-sensitive'>{emergency.disclaimer}</Text>
      <View className='btn-row'>
        {emergency.numbers.map((n) => (
          <Button key={n.number} id={`call-${n.number}`} onClick={() => void Taro.makePhoneCall({ phoneNumber: n.number }).catch(() => undefined)}>
            {`${n.label} ${n.number}`}
          </Button>
        ))}
      </View>
    </Card>
  )
}

/**
 * 事件上报 / 社情民意 (R7.5, R7.7): what, where (my home, a building or a few words), photos
 * (shared media module, checked by mediaCheckAsync, R5.8), how urgent. 紧急 shows
 * 110/119/120 at once — before anything is sent (R7.6).
 */
export default function IncidentReportPage() {
  const session = useSession().data
  const communityId = session?.currentCommunity?.id ?? ''
  const home = session?.memberships.find((m) => m.communityId === communityId && m.status === 'APPROVED')
  const [kind, setKind] = useState<IncidentKind>('INCIDENT')
  const [category, setCategory] = useState<IncidentCategory>('SAFETY')
  const [atHome, setAtHome] = useState(false)
  const [buildings, setBuildings] = useState<Array<{ id: string; name: string }>>([])
  const [buildingId, setBuildingId] = useState<string | null>(null)
  const [where, setWhere] = useState('')
  const [description, setDescription] = useState('')
  const [urgent, setUrgent] = useState(false)
  const [photos, setPhotos] = useState<PickedImage[]>([])
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  // Buildings of the community: a report with a building reaches that grid's worker (R7.5), not only the community.
  useEffect(() => {
    if (!communityId) return
    callCloud('community', 'grids', { communityId })
      .then((r) => setBuildings(r.grids.flatMap((g) => g.buildingIds.map((id, i) => ({ id, name: g.buildingNames[i] ?? id })))))
      .catch(() => setBuildings([]))
  }, [communityId])

  const submit = async () => {
    setBusy(true)
    setProblem(null)
    try {
      // Photos first: a failed upload throws here and nothing is reported (the page keeps what was typed).
      const fileIds = photos.length ? await uploadAll(photos, 'incident') : []
      const r = await callCloud('incident', 'report', {
        communityId,
        kind,
        category,
        ...(atHome && home ? { unitId: home.unitId } : buildingId ? { buildingId } : {}),
        ...(where.trim() ? { locationText: where.trim() } : {}),
        description: description.trim(),
        urgency: urgent ? 'URGENT' : 'NORMAL',
        photos: fileIds,
      })
      await Taro.redirectTo({ url: `${ROUTES.incidentDetail}?id=${encodeURIComponent(r.incident.id)}` })
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='事件上报' id='incident-report-page'>
      <PageHeader title='事件上报' intro='发现安全隐患、环境问题，或有意见建议，告诉网格员。每一步处理您都能看到。' />
      {urgent ? <EmergencyCard emergency={{ numbers: EMERGENCY_NUMBERS, disclaimer: EMERGENCY_DISCLAIMER }} /> : null}
      <Card>
        <View className='choice-grid' ariaRole='radiogroup'>
          {(['INCIDENT', 'REQUEST'] as const).map((k) => (
            <Choice key={k} id={`incident-kind-${k}`} label={KIND_LABELS[k]} on={kind === k} onClick={() => setKind(k)} />
          ))}
        </View>
        <View className='choice-grid' ariaRole='radiogroup'>
          {CATEGORY_IDS.map((c) => (
            <Choice key={c} id={`incident-category-${c}`} label={INCIDENT_CATEGORIES[c].label} on={category === c} onClick={() => setCategory(c)} />
          ))}
        </View>
      </Card>
      <Card title='位置'>
        {home ? (
          <Checkbox id='incident-at-home' checked={atHome} onChange={setAtHome}>
            {`在我家（${home.unitLabel}）`}
          </Checkbox>
        ) : null}
        {!atHome && buildings.length ? (
          <>
            <Text className='caption'>在哪栋楼（可不选）：</Text>
            <View className='choice-grid' ariaRole='radiogroup'>
              {buildings.map((b) => (
                <Choice key={b.id} id={`incident-building-${b.id}`} label={b.name} on={buildingId === b.id} onClick={() => setBuildingId(buildingId === b.id ? null : b.id)} />
              ))}
            </View>
          </>
        ) : null}
        <TextField id='incident-where' label='具体位置' value={where} onChange={setWhere} maxlength={60} hint='例如：3栋一楼楼道' />
      </Card>
      <Card>
        <TextField id='incident-description' label='情况说明' value={description} onChange={setDescription} multiline maxlength={500} />
        <Text className='body-text'>照片（可不选，最多6张）</Text>
        <View id='incident-photos'>
          <ImagePicker value={photos} onChange={setPhotos} max={MAX_PHOTOS} />
        </View>
        <Checkbox id='incident-urgent' checked={urgent} onChange={setUrgent}>
          紧急（会显示报警、火警、急救电话）
        </Checkbox>
      </Card>
      {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
      <Button id='incident-submit' block loading={busy} disabled={description.trim().length < 5 || (!where.trim() && !atHome && !buildingId)} onClick={() => void submit()}>
        提交
      </Button>
    </PageShell>
  )
}
