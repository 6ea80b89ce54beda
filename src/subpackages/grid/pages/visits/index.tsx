import { useCallback, useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDate } from '@/shared/lib/dates'
import { Button, Checkbox, Empty, ErrorState, ListRow, Loading, PageHeader, Sheet, TextField } from '@/shared/ui'
import { VISIT_CHIPS, VISIT_FLAG_LABELS, VISIT_FLAGS, type VisitChip, type VisitFlag } from '@domain/visit/model'

type Overdue = CallOutput<'visit', 'overdue'>
type Visit = CallOutput<'visit', 'list'>['visits'][number]
/** Follow-up frequencies a worker may set for a care household (R7.4); the community's rule is the default. */
const EVERY_DAYS = [7, 14, 30] as const

/** What was found, in one line: the chips, the flags (shown to the grid's worker only, R4.10) and the note. */
function visitLine(v: Visit): string {
  return [v.chips.join('、'), ...v.flags.map((f) => VISIT_FLAG_LABELS[f as VisitFlag] ?? f), v.note].filter(Boolean).join(' · ')
}

/**
 * 走访 (R7.4): what is due in my grids — care households past their follow-up date (most overdue
 * first) and households a notice did not reach (R7.3) — a visit log from chips, few words, with the
 * household's earlier visits and its follow-up frequency (visit.schedule); below, the latest visits.
 */
export default function VisitsPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? ''
  const [data, setData] = useState<Overdue | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [target, setTarget] = useState<{ unitId: string; unitLabel: string; scheduled: boolean } | null>(null)
  const [recent, setRecent] = useState<Visit[]>([])
  const [history, setHistory] = useState<Visit[] | null>(null)
  const [scheduleNote, setScheduleNote] = useState<string | null>(null)
  const [chips, setChips] = useState<VisitChip[]>([])
  const [flags, setFlags] = useState<VisitFlag[]>([])
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)

  const load = useCallback(async () => {
    setProblem(null)
    try {
      const [due, latest] = await Promise.all([callCloud('visit', 'overdue', { communityId }), callCloud('visit', 'list', { communityId })])
      setData(due)
      setRecent(latest.visits.slice(0, 10))
    } catch (e) {
      setProblem(errorText(e))
    }
  }, [communityId])
  // Opened directly, the session may still be loading: load once the community is known.
  useEffect(() => {
    if (communityId) void load()
  }, [communityId, load])
  useDidShow(() => {
    if (communityId) void load()
  })

  const open = (unitId: string, unitLabel: string, scheduled = false) => {
    setTarget({ unitId, unitLabel, scheduled })
    setChips([])
    setFlags([])
    setNote('')
    setScheduleNote(null)
    setHistory(null)
    // This household's last visits, so the worker knows what was found before knocking.
    callCloud('visit', 'list', { communityId, unitId })
      .then((r) => setHistory(r.visits.slice(0, 3)))
      .catch(() => setHistory([]))
  }
  /** Change or stop the follow-up schedule of a care household (visit.schedule, audited). */
  const reschedule = async (everyDays: number | null) => {
    if (!target) return
    setBusy(true)
    try {
      const r = await callCloud('visit', 'schedule', { communityId, unitId: target.unitId, ...(everyDays ? { everyDays } : {}), active: everyDays !== null })
      setScheduleNote(r.active ? `已改为每${r.everyDays}天走访一次，下次 ${formatDate(r.nextDueAt)}` : '已停止定期走访')
      await load()
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v])
  const save = async () => {
    if (!target) return
    setBusy(true)
    try {
      await callCloud('visit', 'log', { communityId, unitId: target.unitId, chips, flags, ...(note.trim() ? { note: note.trim() } : {}) })
      setDone(`${target.unitLabel} 的走访已记录`)
      setTarget(null)
      await load()
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='走访' id='visits-page'>
      <PageHeader title='走访' intro='关爱对象按计划定期走访；通知未送达的住户也会列在这里。关爱类别属于敏感信息，仅本网格可见。' />
      {done ? <Text className='status-note body-text' id='visit-done'>{done}</Text> : null}
      {!data && !problem ? <Loading /> : null}
      {problem && !data ? <ErrorState message={problem} onRetry={() => void load()} /> : null}
      {data ? (
        <>
          <Text className='section-title title'>{`逾期的定期走访（${data.schedules.length}户）`}</Text>
          {data.schedules.length === 0 ? <Empty id='visits-none' title='没有逾期的走访' /> : null}
          <View className='list' id='visit-schedules'>
            {data.schedules.map((s) => (
              <ListRow
                key={s.unitId}
                id={`visit-due-${s.unitId}`}
                title={`${s.unitLabel}${s.tags.length ? ` · ${s.tags.join('、')}` : ''}`}
                description={`已逾期${s.daysOverdue}天 · 上次走访 ${s.lastVisitAt ? formatDate(s.lastVisitAt) : '无'}`}
                extra={<Button variant='secondary' id={`visit-log-${s.unitId}`} onClick={() => open(s.unitId, s.unitLabel, true)}>记录走访</Button>}
              />
            ))}
          </View>
          <Text className='section-title title'>{`通知未送达（${data.tasks.length}户）`}</Text>
          <View className='list' id='visit-tasks'>
            {data.tasks.map((t) => (
              <ListRow key={t.id} title={t.unitLabel} description={t.noticeTitle} extra={<Button variant='secondary' onClick={() => open(t.unitId, t.unitLabel)}>记录走访</Button>} />
            ))}
          </View>
          <Text className='section-title title'>最近走访</Text>
          {recent.length === 0 ? <Empty id='visits-recent-none' title='还没有走访记录' /> : null}
          <View className='list' id='visit-recent'>
            {recent.map((v) => (
              <ListRow key={v.id} id={`visit-${v.id}`} title={`${v.unitLabel} · ${formatDate(v.visitedAt)}`} description={visitLine(v)} />
            ))}
          </View>
        </>
      ) : null}
      {target ? (
        <Sheet
          open
          id='visit-sheet'
          title={`走访 ${target.unitLabel}`}
          footer={
            <>
              <Button id='visit-save' block disabled={chips.length === 0} loading={busy} onClick={() => void save()}>
                保存走访记录
              </Button>
              <Button variant='secondary' block onClick={() => setTarget(null)}>
                取消
              </Button>
            </>
          }
        >
          {history?.length ? (
            <View id='visit-history' className='card'>
              <View>
                <Text className='body-text'>以前的走访</Text>
              </View>
              {history.map((v) => (
                <View key={v.id}>
                  <Text className='caption'>{`${formatDate(v.visitedAt)} ${v.visitorName}：${visitLine(v)}`}</Text>
                </View>
              ))}
            </View>
          ) : null}
          <Text className='body-text'>走访情况（可多选）</Text>
          {VISIT_CHIPS.map((c) => (
            <Checkbox key={c} checked={chips.includes(c)} onChange={() => setChips(toggle(chips, c))}>
              {c}
            </Checkbox>
          ))}
          <Text className='body-text'>需要关注</Text>
          {VISIT_FLAGS.map((f) => (
            <Checkbox key={f} checked={flags.includes(f)} onChange={() => setFlags(toggle(flags, f))}>
              {VISIT_FLAG_LABELS[f]}
            </Checkbox>
          ))}
          <TextField id='visit-note' label='补充说明（可不填）' value={note} onChange={setNote} maxlength={200} />
          {target.scheduled ? (
            <View id='visit-schedule'>
              <Text className='body-text'>定期走访频率</Text>
              <View className='btn-row'>
                {EVERY_DAYS.map((d) => (
                  <Button key={d} id={`visit-every-${d}`} variant='secondary' disabled={busy} onClick={() => void reschedule(d)}>
                    {`每${d}天`}
                  </Button>
                ))}
                <Button id='visit-stop' variant='secondary' disabled={busy} onClick={() => void reschedule(null)}>
                  停止定期走访
                </Button>
              </View>
              {scheduleNote ? <Text className='status-note body-text' id='visit-schedule-note'>{scheduleNote}</Text> : null}
            </View>
          ) : null}
          {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
        </Sheet>
      ) : null}
    </PageShell>
  )
}
