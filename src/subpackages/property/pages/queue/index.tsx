import { useCallback, useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { can } from '@/features/portal/session-facts'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, Choice, Empty, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { CATEGORY_LABELS, STATUS_LABELS, TRANSITIONS } from '@domain/repair/model'
import { StaffRepair } from '../../components/StaffRepair'
import '../../components/property.scss'

type Item = CallOutput<'repair', 'list'>['items'][number]
type Detail = CallOutput<'repair', 'get'>
type View = 'queue' | 'overdue' | 'finished' | 'escalated' | 'escalatedAll'
const SLA_WORDS = { red: '已超时', amber: '即将超时', green: '时限内', grey: '已结束' } as const
const OVERDUE_WORDS = { RESPONSE: '超时未受理', COMPLETION: '超时未完成' } as const

/**
 * 报修队列 (issue #14 §1). Property staff of the community (repair.handle): 待处理 (oldest
 * first), 超时, 已完工 (for the quality check); each with the SLA colour in words and the next
 * step as one button (派单 asks who goes, on that repair). The residents' committee
 * (repair.oversee) sees 督办: what the SLA timer escalated, read-only. No household directory
 * here (R4.14); a call-back phone only on the opened repair, logged.
 */
export default function QueuePage() {
  const session = useSession()
  const { params } = useRouter()
  const communityId = session.data?.currentCommunity?.id ?? null
  const handler = !!session.data && can(session.data, 'repair.handle')
  const overseer = !!session.data && can(session.data, 'repair.oversee')
  // The committee opens only what was escalated to it (repair.get), so that is its one view.
  const views: [View, string][] = handler ? [['queue', '待处理'], ['overdue', '超时'], ['finished', '已完工']] : overseer ? [['escalated', '督办中'], ['escalatedAll', '全部督办']] : []
  // The view follows the session once it has loaded (a ?view= from 首页 wins when the role has it).
  const [chosen, setView] = useState<View | null>(null)
  const view: View | null = chosen ?? views.find(([v]) => v === params.view)?.[0] ?? views[0]?.[0] ?? null
  const [items, setItems] = useState<Item[] | null>(null)
  const [hasMore, setHasMore] = useState(false)
  const [page, setPage] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [who, setWho] = useState<Record<string, string>>({})
  const [busyId, setBusyId] = useState<string | null>(null)
  const [open, setOpen] = useState<Detail | null>(null)

  const load = useCallback(() => {
    if (!communityId || !view) return
    setError(null)
    const input =
      view === 'finished' ? { view: 'queue' as const, communityId, status: 'FINISHED' as const, page } : view === 'escalatedAll' ? { view: 'escalated' as const, communityId, status: 'ALL' as const, page } : { view, communityId, page }
    callCloud('repair', 'list', input)
      .then((r) => {
        setItems(r.items)
        setHasMore(r.hasMore)
      })
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId, view, page])
  useEffect(load, [load])

  const show = async (id: string) => {
    try {
      setOpen(await callCloud('repair', 'get', { id }))
    } catch (e) {
      setNote(errorText(e))
    }
  }

  const step = async (r: Item, action: Item['actions'][number]) => {
    setBusyId(r.id)
    try {
      await callCloud('repair', 'transition', { id: r.id, action, note: action === 'assign' ? (who[r.id] ?? '').trim() : '', expectedStatus: r.status })
      setNote(`${r.place}：已${TRANSITIONS[action].label}`)
      if (open?.repair.id === r.id) await show(r.id)
      load()
    } catch (e) {
      setNote(errorText(e))
      load()
    } finally {
      setBusyId(null)
    }
  }

  if (session.data && !handler && !overseer) return (
    <PageShell title='报修队列' id='queue-page'>
      <Empty title='只有物业人员和居委会工作人员可以查看' />
    </PageShell>
  )

  return (
    <PageShell title='报修队列' id='queue-page'>
      <PageHeader title={handler ? '报修队列' : '督办报修'} caption={`${session.data?.currentCommunity?.name ?? ''} · 颜色旁都有文字：已超时 / 即将超时 / 时限内`} />
      <View className='choice-grid'>
        {views.map(([v, label]) => <Choice key={v} id={`view-${v}`} label={label} on={view === v} onClick={() => { setView(v); setPage(0); setOpen(null) }} />)}
      </View>
      {note ? <Text className='status-note body-text' id='queue-note'>{note}</Text> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty id='queue-empty' title={view === 'escalated' || view === 'escalatedAll' ? '暂无督办的报修' : view === 'overdue' ? '没有超时的报修' : view === 'finished' ? '暂无已完工的报修' : '暂无待处理的报修'} /> : null}
      {items?.map((r) => (
        <Card key={r.id} id={`queue-${r.id}`} title={`${CATEGORY_LABELS[r.category]} · ${STATUS_LABELS[r.status]}`} className='queue-item'>
          <Text className={`body-text sla-${r.slaColour}`}>{`${r.overdue ? OVERDUE_WORDS[r.overdue] : SLA_WORDS[r.slaColour]}${r.escalated ? ' · 已提交居委会督办' : ''}`}</Text>
          <Text className='body-text notice-block'>{r.summary}</Text>
          <Text className='caption notice-block'>{`${r.place} · ${formatDateTime(r.createdAt)}${r.assignee ? ` · ${r.assignee}` : ''}${r.callbackRequested ? ' · 需回电' : ''}${r.reopenCount ? ` · 返修${r.reopenCount}次` : ''}`}</Text>
          {r.actions.includes('assign') ? <TextField id={`assign-who-${r.id}`} label='派单给谁' value={who[r.id] ?? ''} onChange={(v) => setWho((w) => ({ ...w, [r.id]: v }))} placeholder='如 电工 李师傅' maxlength={40} /> : null}
          {r.actions.map((a) => (
            <Button key={a} id={`${a}-${r.id}`} block loading={busyId === r.id} disabled={busyId !== null || (a === 'assign' && !(who[r.id] ?? '').trim())} onClick={() => void step(r, a)}>
              {TRANSITIONS[a].label}
            </Button>
          ))}
          {open?.repair.id === r.id ? (
            <>
              <StaffRepair detail={open} handler={handler} onChanged={() => show(r.id)} />
              <Button id={`close-${r.id}`} variant='text' block onClick={() => setOpen(null)}>收起</Button>
            </>
          ) : (
            <Button id={`detail-${r.id}`} variant='text' block onClick={() => void show(r.id)}>查看详情与进度</Button>
          )}
        </Card>
      ))}
      {items && (page > 0 || hasMore) ? (
        <View className='btn-row'>
          <Button id='queue-prev' variant='secondary' disabled={page === 0} onClick={() => setPage((p) => p - 1)}>上一页</Button>
          <Button id='queue-next' variant='secondary' disabled={!hasMore} onClick={() => setPage((p) => p + 1)}>下一页</Button>
        </View>
      ) : null}
    </PageShell>
  )
}
