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

/**
 * 走访 (R7.4): what is due in my grids — care households past their follow-up date (most overdue
 * first) and households a notice did not reach (R7.3) — and a visit log from chips, few words.
 */
export default function VisitsPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? ''
  const [data, setData] = useState<Overdue | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [target, setTarget] = useState<{ unitId: string; unitLabel: string } | null>(null)
  const [chips, setChips] = useState<VisitChip[]>([])
  const [flags, setFlags] = useState<VisitFlag[]>([])
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)

  const load = useCallback(async () => {
    setProblem(null)
    try {
      setData(await callCloud('visit', 'overdue', { communityId }))
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

  const open = (unitId: string, unitLabel: string) => {
    setTarget({ unitId, unitLabel })
    setChips([])
    setFlags([])
    setNote('')
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
                extra={<Button variant='secondary' id={`visit-log-${s.unitId}`} onClick={() => open(s.unitId, s.unitLabel)}>记录走访</Button>}
              />
            ))}
          </View>
          <Text className='section-title title'>{`通知未送达（${data.tasks.length}户）`}</Text>
          <View className='list' id='visit-tasks'>
            {data.tasks.map((t) => (
              <ListRow key={t.id} title={t.unitLabel} description={t.noticeTitle} extra={<Button variant='secondary' onClick={() => open(t.unitId, t.unitLabel)}>记录走访</Button>} />
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
          {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
        </Sheet>
      ) : null}
    </PageShell>
  )
}
