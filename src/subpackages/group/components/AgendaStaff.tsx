import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AgendaView } from '@domain/group/contract'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { Button, Choice, TextField } from '@/shared/ui'
import { ReasonPicker } from './ReasonPicker'
import { DECISION_ROUTES, originQuery } from './routes'

/** Meeting dates a tap away: the next council evenings (19:00 Beijing), 3, 7 and 14 days on. */
function meetingChoices(now: Date): { label: string; iso: string }[] {
  return [3, 7, 14].map((d) => {
    const day = new Date(now.getTime() + d * 86400_000)
    const ymd = day.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
    return { label: `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日 19:00`, iso: new Date(`${ymd}T19:00:00+08:00`).toISOString() }
  })
}
const addDays = (n: number) => new Date(Date.now() + n * 86400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
const DECLINE_PRESETS = ['属于物业合同事项，转物业处理', '已有相同议题', '不属于居民议事范围'] as const

/**
 * Staff controls of one agenda item (agenda.manage): schedule it for a meeting, mark it discussed,
 * record the outcome and the follow-up, or decline it with a reason residents read; then carry it
 * out as a 你说我办 item (action.manage) or put it to a survey / owners' decision.
 */
export function AgendaStaff({ item, communityId, canAct, canSurvey, onChange }: { item: AgendaView; communityId: string; canAct: boolean; canSurvey: boolean; onChange: (i: AgendaView) => void }) {
  const [text, setText] = useState('')
  const [meetingAt, setMeetingAt] = useState<string | null>(null)
  const [owner, setOwner] = useState('')
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null)
  const move = async (to: AgendaView['status'], extra: { meetingAt?: string; outcome?: string; followUp?: string; note?: string }) => {
    setBusy(true)
    setMsg(null)
    try {
      const r = await callCloud('group', 'agenda.transition', { communityId, itemId: item.id, to, note: extra.note ?? '', ...extra })
      onChange({ ...r.item, derived: item.derived, actions: item.actions })
      setText('')
      setMeetingAt(null)
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) })
    } finally {
      setBusy(false)
    }
  }
  const toAction = async () => {
    setBusy(true)
    setMsg(null)
    try {
      const a = await callCloud('action', 'create', {
        communityId,
        title: item.title.slice(0, 100),
        description: [item.summary, item.outcome ? `议定：${item.outcome}` : ''].filter(Boolean).join('\n'),
        source: { kind: 'agenda', ref: item.id, label: `议事厅：${item.title}`.slice(0, 100) },
        ownerName: owner,
        dueDate: addDays(30),
      })
      onChange({ ...item, actions: [...item.actions, { id: a.id, title: a.title, status: a.status }] })
      setMsg({ ok: true, text: '已转为你说我办，30 天内办结' })
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) })
    } finally {
      setBusy(false)
    }
  }
  const id = (s: string) => `agenda-${s}-${item.id}`
  const s = item.status
  return (
    <View className='agenda-staff' id={id('staff')}>
      {s === 'SUBMITTED' || s === 'SCHEDULED' || s === 'DISCUSSED' ? (
        <>
          <Text className='caption'>{s === 'SUBMITTED' ? '安排上会' : '改期'}</Text>
          <View className='choice-grid'>
            {meetingChoices(new Date()).map((m, i) => (
              <Choice key={m.iso} id={id(`meeting-${i}`)} label={m.label} on={meetingAt === m.iso} onClick={() => setMeetingAt(m.iso)} />
            ))}
          </View>
          <Button id={id('schedule')} variant={s === 'SUBMITTED' ? 'primary' : 'secondary'} disabled={!meetingAt} loading={busy} onClick={() => void move('SCHEDULED', { meetingAt: meetingAt!, note: '安排上会' })}>
            {s === 'SUBMITTED' ? '排期' : '改期'}
          </Button>
        </>
      ) : null}
      {s === 'SCHEDULED' ? <Button id={id('discussed')} loading={busy} onClick={() => void move('DISCUSSED', { note: '会上已讨论' })}>已上会讨论</Button> : null}
      {s === 'DISCUSSED' ? (
        <>
          <TextField id={id('outcome')} label='议定结果（居民可以看到）' value={text} maxlength={500} multiline onChange={setText} />
          <Button id={id('decide')} disabled={!text.trim()} loading={busy} onClick={() => void move('DECIDED', { outcome: text.trim(), note: '会议议定' })}>记录结果</Button>
        </>
      ) : null}
      {s === 'DECIDED' ? (
        <>
          <TextField id={id('followup')} label='办理情况（居民可以看到）' value={text} maxlength={500} multiline onChange={setText} />
          <Button id={id('done')} disabled={!text.trim()} loading={busy} onClick={() => void move('DONE', { followUp: text.trim(), note: '已办结' })}>办结</Button>
        </>
      ) : null}
      {s === 'SUBMITTED' || s === 'SCHEDULED' ? (
        <>
          <ReasonPicker id={id('decline-reason')} presets={DECLINE_PRESETS} value={text} onChange={setText} label='不予上会的理由（提议人可以看到）' />
          <Button id={id('decline')} variant='secondary' disabled={!text.trim()} loading={busy} onClick={() => void move('DECLINED', { note: text.trim() })}>不予上会</Button>
        </>
      ) : null}
      {(s === 'DECIDED' || s === 'DONE') && canAct && !item.actions.length ? (
        <>
          <TextField id={id('owner')} label='你说我办负责人' value={owner} maxlength={40} onChange={setOwner} />
          <Button id={id('to-action')} variant='secondary' disabled={!owner.trim()} loading={busy} onClick={() => void toAction()}>转为你说我办</Button>
        </>
      ) : null}
      {s !== 'DECLINED' && canSurvey ? (
        <Button id={id('to-survey')} variant='text' onClick={() => void Taro.navigateTo({ url: `${DECISION_ROUTES.surveyBuilder}?${originQuery('agenda', item.id, item.title)}` })}>转为问卷</Button>
      ) : null}
      {msg ? <Text className={msg.ok ? 'status-note body-text' : 'form-error body-text'} id={`agenda-msg-${item.id}`}>{msg.text}</Text> : null}
    </View>
  )
}
