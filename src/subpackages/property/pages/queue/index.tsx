import { useCallback, useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, Choice, Empty, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { CATEGORY_LABELS, STATUS_LABELS, TRANSITIONS } from '@domain/repair/model'
import '../../components/property.scss'

type Item = CallOutput<'repair', 'list'>['items'][number]
const SLA_WORDS = { red: '已超时', amber: '即将超时', green: '时限内', grey: '已结束' } as const

/**
 * 报修队列 (issue #14 §1), property staff of the current community only (repair.handle): SLA
 * colour with words, the next step as one button (assign asks who goes). No resident names or
 * phones here; a call-back goes through 查看电话 on the repair (access.reveal, logged).
 */
export default function QueuePage() {
  const session = useSession()
  const communityId = session.data?.currentCommunity?.id ?? null
  const [view, setView] = useState<'queue' | 'overdue'>('queue')
  const [items, setItems] = useState<Item[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [who, setWho] = useState('')
  const [busyId, setBusyId] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('repair', 'list', { view, communityId })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId, view])
  useEffect(load, [load])

  const step = async (r: Item, action: Item['actions'][number]) => {
    setBusyId(r.id)
    try {
      await callCloud('repair', 'transition', { id: r.id, action, note: action === 'assign' ? who : '', expectedStatus: r.status })
      setNote(`${r.place}：${TRANSITIONS[action].label}`)
      load()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusyId(null)
    }
  }

  return (
    <PageShell title='报修队列' id='queue-page'>
      <PageHeader title='报修队列' caption={session.data?.currentCommunity?.name ?? ''} />
      <Choice id='view-queue' label='待处理' on={view === 'queue'} onClick={() => setView('queue')} />
      <Choice id='view-overdue' label='超时' on={view === 'overdue'} onClick={() => setView('overdue')} />
      <TextField id='assign-who' label='派单给（派单时填写）' value={who} onChange={setWho} maxlength={40} />
      {note ? <Text className='status-note body-text' id='queue-note'>{note}</Text> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty id='queue-empty' title='暂无待处理的报修' /> : null}
      {items?.map((r) => (
        <Card key={r.id} id={`queue-${r.id}`} title={`${CATEGORY_LABELS[r.category]} · ${STATUS_LABELS[r.status]}`} className='queue-item'>
          <Text className={`body-text sla-${r.slaColour}`}>{`${SLA_WORDS[r.slaColour]}${r.escalated ? ' · 已督办' : ''}`}</Text>
          <Text className='body-text notice-block'>{r.summary}</Text>
          <Text className='caption notice-block'>{`${r.place} · ${formatDateTime(r.createdAt)}${r.callbackRequested ? ' · 需回电' : ''}`}</Text>
          {r.actions.map((a) => (
            <Button key={a} id={`${a}-${r.id}`} block loading={busyId === r.id} disabled={busyId !== null || (a === 'assign' && who.trim().length < 1)} onClick={() => void step(r, a)}>
              {TRANSITIONS[a].label}
            </Button>
          ))}
        </Card>
      ))}
    </PageShell>
  )
}
