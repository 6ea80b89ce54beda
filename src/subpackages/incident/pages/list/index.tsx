import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Empty, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'
import { LEVEL_LABELS } from '@domain/incident/model'

type Item = CallOutput<'incident', 'list'>['incidents'][number]

/** 我的上报 (the reporter's own), or with ?staff=1 the cases of my grids (incident.handle). */
export default function IncidentListPage() {
  const staff = useRouter().params.staff === '1'
  const communityId = useSession().data?.currentCommunity?.id ?? ''
  const [items, setItems] = useState<Item[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const load = useCallback(async () => {
    setProblem(null)
    try {
      setItems((await callCloud('incident', 'list', { communityId, mine: !staff })).incidents)
    } catch (e) {
      setProblem(errorText(e))
    }
  }, [communityId, staff])
  // Opened directly, the session may still be loading: load once the community is known.
  useEffect(() => {
    if (communityId) void load()
  }, [communityId, load])
  useDidShow(() => {
    if (communityId) void load()
  })
  const title = staff ? '事件处理' : '我的上报'
  return (
    <PageShell title={title} id='incident-list-page'>
      <PageHeader title={title} />
      {/* Grid workers report what they find on their rounds too (R7.5). */}
      <Button id='incident-new' block variant={staff ? 'secondary' : undefined} onClick={() => void Taro.navigateTo({ url: ROUTES.incidentReport })}>
        {staff ? '上报新事件' : '我要上报'}
      </Button>
      {items === null && !problem ? <Loading /> : null}
      {problem ? <ErrorState message={problem} onRetry={() => void load()} /> : null}
      {items?.length === 0 ? <Empty id='incident-empty' title='暂无记录' /> : null}
      <View className='list' id='incident-list'>
        {(items ?? []).map((i) => (
          <ListRow
            key={i.id}
            id={`incident-${i.id}`}
            title={`${i.urgency === 'URGENT' ? '【紧急】' : ''}${i.categoryLabel} · ${i.locationLabel}`}
            description={`${i.stateLabel} · ${LEVEL_LABELS[i.level]} · ${formatDateTime(i.createdAt)}${i.overdue ? ' · 已超时' : ''}`}
            arrow
            onClick={() => void Taro.navigateTo({ url: `${ROUTES.incidentDetail}?id=${encodeURIComponent(i.id)}` })}
          />
        ))}
      </View>
    </PageShell>
  )
}
