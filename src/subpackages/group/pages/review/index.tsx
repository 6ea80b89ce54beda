import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { CallOutput } from '@/services/cloud'
import type { GroupView } from '@domain/group/contract'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { ReasonPicker } from '../../components/ReasonPicker'
import '../../components/group.scss'

type Proposal = CallOutput<'group', 'proposals'>['groups'][number]
type Decision = 'APPROVE' | 'REJECT' | 'CLOSE' | 'REOPEN' | 'ARCHIVE'
const REFUSE_PRESETS = ['已有同类的群', '名称或介绍不清楚', '不属于本社区事务'] as const
const CLOSE_PRESETS = ['暂停活动', '长期无人发言', '群主申请关闭'] as const
const DONE: Record<Decision, string> = { APPROVE: '已通过，群已开放', REJECT: '已拒绝，发起人会看到理由', CLOSE: '已关闭，只能查看', REOPEN: '已重新开放', ARCHIVE: '已归档' }

/**
 * 兴趣群审核 (group.review, residents' committee staff): proposed interest groups to approve or
 * refuse with a reason the proposer reads; open groups to close (read-only), reopen or archive.
 */
export default function GroupReviewPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? null
  const [proposals, setProposals] = useState<Proposal[] | null>(null)
  const [groups, setGroups] = useState<GroupView[]>([])
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState<Record<string, string>>({})
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    Promise.all([callCloud('group', 'proposals', { communityId }), callCloud('group', 'list', { communityId })])
      .then(([p, l]) => {
        setProposals(p.groups)
        setGroups(l.groups.filter((g) => g.kind === 'INTEREST' && (g.status === 'ACTIVE' || g.status === 'CLOSED')))
      })
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])

  const decide = async (g: { id: string; name: string }, decision: Decision) => {
    if (!communityId) return
    const why = (reason[g.id] ?? '').trim()
    if (decision !== 'APPROVE' && decision !== 'REOPEN' && !why) return setNote('请先选择或写明理由')
    setBusy(`${g.id}-${decision}`)
    setNote(null)
    try {
      await callCloud('group', 'review', { communityId, groupId: g.id, decision, ...(why ? { reason: why } : {}) })
      setNote(`“${g.name}”${DONE[decision]}`)
      load()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(null)
    }
  }
  const button = (g: { id: string; name: string }, d: Decision, label: string, primary = false) => (
    <Button id={`review-${d.toLowerCase()}-${g.id}`} variant={primary ? 'primary' : 'secondary'} loading={busy === `${g.id}-${d}`} onClick={() => void decide(g, d)}>
      {label}
    </Button>
  )

  return (
    <PageShell title='兴趣群审核' id='group-review-page'>
      <PageHeader title='兴趣群审核' caption='居民发起的兴趣群经审核后开放；拒绝和关闭需写明理由' />
      {note ? <Text id='review-note' className='status-note body-text'>{note}</Text> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!proposals && !error ? <Loading /> : null}
      {proposals && !proposals.length ? <Empty title='没有待审核的兴趣群' /> : null}
      {(proposals ?? []).map((g) => (
        <Card key={g.id} title={g.name} id={`proposal-${g.id}`}>
          <Text className='body-text' style={{ display: 'block' }}>{g.description}</Text>
          <Text className='caption' style={{ display: 'block' }}>发起人 {g.proposedByMasked} · {formatDateTime(g.createdAt)}</Text>
          <View className='compose-actions'>{button(g, 'APPROVE', '通过', true)}</View>
          <ReasonPicker id={`reason-${g.id}`} presets={REFUSE_PRESETS} value={reason[g.id] ?? ''} onChange={(v) => setReason({ ...reason, [g.id]: v })} label='不通过的理由（发起人可以看到）' />
          <View className='compose-actions'>{button(g, 'REJECT', '不通过')}</View>
        </Card>
      ))}
      {groups.length ? <Text className='section-title'>已开放的兴趣群</Text> : null}
      {groups.map((g) => (
        <Card key={g.id} title={`${g.name}${g.status === 'CLOSED' ? '（已关闭）' : ''}`} id={`managed-${g.id}`}>
          {g.reviewNote && g.status === 'CLOSED' ? <Text className='caption' style={{ display: 'block' }}>关闭理由：{g.reviewNote}</Text> : null}
          {g.status === 'ACTIVE' ? (
            <ReasonPicker id={`reason-${g.id}`} presets={CLOSE_PRESETS} value={reason[g.id] ?? ''} onChange={(v) => setReason({ ...reason, [g.id]: v })} label='关闭或归档的理由（群成员可以看到）' />
          ) : null}
          <View className='compose-actions'>
            {g.status === 'ACTIVE' ? button(g, 'CLOSE', '关闭') : button(g, 'REOPEN', '重新开放')}
            {g.status === 'ACTIVE' ? button(g, 'ARCHIVE', '归档') : null}
          </View>
        </Card>
      ))}
    </PageShell>
  )
}
