import { useCallback, useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { AgendaView } from '@domain/group/contract'
import { AGENDA_LABELS } from '@domain/group/rules'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { can } from '@/features/portal/session-facts'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDate, formatDateTime } from '@/shared/lib/dates'
import { Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { AgendaStaff } from '../../components/AgendaStaff'
import { DerivedLinks } from '../../components/DerivedLinks'
import { GROUP_ROUTES } from '../../components/routes'
import '../../components/group.scss'

const STEPS = ['SUBMITTED', 'SCHEDULED', 'DISCUSSED', 'DECIDED', 'DONE'] as const

/**
 * 议事厅: every agenda item with where it stands (已提交 → 已排期 → 已讨论 → 已决定 → 已办结), the
 * meeting, outcome and follow-up, and what it became (问卷, 业主表决, 你说我办). Staff with
 * agenda.manage move items on here.
 */
export default function AgendaPage() {
  const session = useSession().data
  const communityId = session?.currentCommunity?.id ?? null
  const manage = !!session && can(session, 'agenda.manage')
  const [items, setItems] = useState<AgendaView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('group', 'agenda.list', { communityId })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])
  useDidShow(load)
  const replace = (next: AgendaView) => setItems((list) => (list ?? []).map((i) => (i.id === next.id ? next : i)))
  return (
    <PageShell title='议事厅' id='agenda-page'>
      <PageHeader title='议事厅' caption='居民在邻里群提出的事，由居委会安排上会，结果和办理情况在这里公开' />
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && !items.length ? <Empty title='还没有议题' description='在邻里群的帖子里点“提交议事”' /> : null}
      {(items ?? []).map((i) => (
        <Card key={i.id} title={i.title} id={`agenda-${i.id}`}>
          <Text className='tag' id={`agenda-status-${i.id}`}>{i.statusLabel}</Text>
          <Text className='caption agenda-history'>
            {i.status === 'DECLINED' ? '已提交 → 不予上会' : STEPS.map((s) => (STEPS.indexOf(s) <= STEPS.indexOf(i.status as (typeof STEPS)[number]) ? `● ${AGENDA_LABELS[s]}` : `○ ${AGENDA_LABELS[s]}`)).join('  ')}
          </Text>
          <Text className='body-text' style={{ display: 'block' }}>{i.summary}</Text>
          <Text className='caption' style={{ display: 'block' }}>
            提议人 {i.raisedByMasked} · 更新于 {formatDate(i.updatedAt)}
            {i.meetingAt ? ` · 会议 ${formatDateTime(i.meetingAt)}` : ''}
          </Text>
          {i.outcome ? <Text className='body-text' style={{ display: 'block' }}>议定：{i.outcome}</Text> : null}
          {i.followUp ? <Text className='body-text' style={{ display: 'block' }}>办理：{i.followUp}</Text> : null}
          {i.status === 'DECLINED' ? <Text className='body-text' style={{ display: 'block' }}>理由：{i.history[i.history.length - 1]?.note}</Text> : null}
          <DerivedLinks id={`agenda-derived-${i.id}`} items={i.derived} actions={i.actions} />
          {i.postId ? (
            <Text className='link caption derived-link' id={`agenda-post-${i.id}`} onClick={() => void Taro.navigateTo({ url: `${GROUP_ROUTES.post}?id=${i.postId}` })}>
              查看邻里群里的讨论 ›
            </Text>
          ) : null}
          {manage && communityId && i.status !== 'DECLINED' ? (
            <AgendaStaff item={i} communityId={communityId} canAct={can(session!, 'action.manage')} canSurvey={can(session!, 'survey.manage')} onChange={replace} />
          ) : null}
        </Card>
      ))}
    </PageShell>
  )
}
