import { useCallback, useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AgendaView } from '@domain/group/contract'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDate } from '@/shared/lib/dates'
import { Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { GROUP_ROUTES } from '../../components/routes'
import '../../components/group.scss'

/** 议事厅: every agenda item with its status (已提交 → 已排期 → 已讨论 → 已决定 → 已办结), the meeting, outcome and follow-up. */
export default function AgendaPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? null
  const [items, setItems] = useState<AgendaView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    callCloud('group', 'agenda.list', { communityId })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])
  return (
    <PageShell title='议事厅' id='agenda-page'>
      <PageHeader title='议事厅' caption='居民提议由居委会安排上会，结果和办理情况在这里公开' />
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && !items.length ? <Empty title='还没有议题' /> : null}
      {(items ?? []).map((i) => (
        <Card key={i.id} title={i.title} id={`agenda-${i.id}`}>
          <Text className='tag'>{i.statusLabel}</Text>
          <Text className='body-text' style={{ display: 'block' }}>{i.summary}</Text>
          <Text className='caption' style={{ display: 'block' }}>提议人 {i.raisedByMasked}{i.meetingAt ? ` · 会议 ${formatDate(i.meetingAt)}` : ''}</Text>
          {i.outcome ? <Text className='body-text' style={{ display: 'block' }}>议定：{i.outcome}</Text> : null}
          {i.followUp ? <Text className='body-text' style={{ display: 'block' }}>办理：{i.followUp}</Text> : null}
          {i.postId ? <Text className='link caption' onClick={() => void Taro.navigateTo({ url: `${GROUP_ROUTES.post}?id=${i.postId}` })}>查看讨论</Text> : null}
        </Card>
      ))}
    </PageShell>
  )
}
