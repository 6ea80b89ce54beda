import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, Checkbox, Choice, ListRow, TextField } from '@/shared/ui'
import { OBJECTION_DAYS, PUBLICITY_DAYS } from '@domain/election/lifecycle'
import { day, parseDay, totalsText } from '../../lib/format'

type Summary = CallOutput<'election', 'get'>['election']
type Results = CallOutput<'election', 'results'> | null
type Candidates = CallOutput<'election', 'candidates'>['candidates']
type Step = 'ROSTER_PUBLICIZED' | 'DOCS_PUBLICIZED' | 'VOTING_OPEN' | 'PRELIM_RESULT' | 'RESULT_FINAL' | 'OFFICERS_CHOSEN' | 'LIST_PUBLICIZED' | 'FILED' | 'EXTEND' | 'TERMINATED'

const DAY = 24 * 3600 * 1000
const plus = (iso: string | null, days: number) => (iso ? new Date(Date.parse(iso) + days * DAY).toISOString() : null)

/** The steps in order, with what each needs in dates (R3.1), as the organiser reads them. */
function stepsOf(e: Summary): { key: string; title: string; when: string }[] {
  const rows = [
    { key: 'PREP_GROUP_FORMED', title: '筹备', when: '核对业主名册、起草表决材料' },
    { key: 'ROSTER_PUBLICIZED', title: '公示业主名册', when: '公示时生成名册快照，接受业主异议，投票开始前可以更正' },
    { key: 'DOCS_PUBLICIZED', title: e.kind === 'ELECTION' ? '公示表决事项和候选人' : '公示表决事项', when: e.docsPublicizedAt ? `${day(e.docsPublicizedAt)} 公示，${day(plus(e.docsPublicizedAt, PUBLICITY_DAYS))} 起可以开始投票` : `须在投票开始 ${PUBLICITY_DAYS} 日前公示，公示后事项不能再改` },
    { key: 'VOTING_OPEN', title: '投票', when: `${day(e.votingOpensAt)} 至 ${day(e.votingClosesAt)}${e.extensions.length ? `（已延期 ${e.extensions.length} 次，最晚 ${day(plus(e.originalClosesAt, 91))} 前）` : ''}` },
    { key: 'PRELIM_RESULT', title: '公布初步结果', when: e.prelimAt ? `${day(e.prelimAt)} 公布，异议期到 ${day(plus(e.prelimAt, OBJECTION_DAYS))}` : `投票截止后，参与达到三分之二才能公布；公示 ${OBJECTION_DAYS} 日接受异议` },
    { key: 'RESULT_FINAL', title: '确定最终结果', when: e.finalAt ? `${day(e.finalAt)} 确定` : '异议期满后确定' },
  ]
  if (e.kind === 'ELECTION') {
    rows.push(
      { key: 'OFFICERS_CHOSEN', title: '推选主任、副主任', when: e.officersAt ? `${day(e.officersAt)} 完成` : e.due.officersBy ? `须在 ${day(e.due.officersBy)} 前（选举后 7 日内）` : '选举后 7 日内' },
      { key: 'LIST_PUBLICIZED', title: '公示委员名单', when: e.listAt ? `${day(e.listAt)} 公示` : e.due.listBy ? `须在 ${day(e.due.listBy)} 前（推选后 3 日内）` : '推选后 3 日内' },
      { key: 'FILED', title: '备案', when: e.filedAt ? `${day(e.filedAt)} 备案，回执 ${e.filingRef ?? ''}` : e.due.filingBy ? `须在 ${day(e.due.filingBy)} 前（选举后 30 日内）向区住建部门和街道备案` : '选举后 30 日内' },
    )
  }
  return rows
}

/**
 * The lifecycle card: where the vote stands, what each step needs, and the next step's button with
 * what it asks for (new close for an extension, chair and vice-chairs, the filing receipt). The
 * server decides on the dates and explains a refusal.
 */
export function Lifecycle({ election: e, results, candidates, onChanged }: { election: Summary; results: Results; candidates: Candidates; onChanged: () => void }) {
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [newClose, setNewClose] = useState(day(plus(e.votingClosesAt, 14)))
  const [chair, setChair] = useState<string | null>(null)
  const [vice, setVice] = useState<string[]>([])
  const [filingRef, setFilingRef] = useState('')
  const steps = stepsOf(e)
  const doneUpTo = e.status === 'TERMINATED' ? -1 : steps.findIndex((s) => s.key === e.status)
  const elected = results?.results?.election?.elected ?? []
  const name = (id: string) => candidates.find((c) => c.id === id)?.name ?? id

  const step = async (to: Step) => {
    setBusy(to)
    setMessage(null)
    try {
      const extra: Record<string, unknown> = {}
      if (to === 'EXTEND') {
        const d = parseDay(newClose)
        if (!d) throw new Error('请按 2026-01-31 的格式填写延期后的截止日期')
        extra.votingClosesAt = d.toISOString()
      }
      if (to === 'OFFICERS_CHOSEN') {
        if (!chair) throw new Error('请选择主任')
        extra.officers = { chair, viceChairs: vice.filter((v) => v !== chair) }
      }
      if (to === 'FILED') extra.filingRef = filingRef.trim()
      await callCloud('election', 'transition', { communityId: e.communityId, electionId: e.id, to, ...extra } as never)
      setMessage('已完成，并记入审计链')
      onChanged()
    } catch (err) {
      setMessage(err instanceof Error && !('code' in err) ? err.message : errorText(err))
    } finally {
      setBusy(null)
    }
  }
  const btn = (to: Step, label: string, variant: 'primary' | 'secondary' | 'text' = 'primary') => (
    <Button key={to} id={`staff-step-${to}`} variant={variant} block loading={busy === to} onClick={() => void step(to)}>{label}</Button>
  )

  return (
    <Card title='表决流程' id='election-staff'>
      {e.status === 'TERMINATED' ? <Text className='body-text notice-block' id='manage-terminated'>{`已终止：参与不足三分之二。同一事项 ${day(e.lockUntil)} 前不能再次发起。`}</Text> : null}
      <View className='list' id='manage-steps'>
        {steps.map((s, i) => (
          <ListRow key={s.key} title={`${i < doneUpTo ? '✓' : i === doneUpTo ? '●' : i === doneUpTo + 1 ? '→' : '○'} ${s.title}${i === doneUpTo ? '（当前）' : ''}`} description={s.when} />
        ))}
      </View>
      {e.total ? <Text className='caption notice-block'>{`已参与 ${totalsText(e.participating)}，全体 ${totalsText(e.total)}`}</Text> : null}
      <View id='manage-next'>
        {e.status === 'PREP_GROUP_FORMED' ? btn('ROSTER_PUBLICIZED', '公示业主名册') : null}
        {e.status === 'ROSTER_PUBLICIZED' ? btn('DOCS_PUBLICIZED', e.kind === 'ELECTION' ? '公示表决事项和候选人' : '公示表决事项') : null}
        {e.status === 'DOCS_PUBLICIZED' ? btn('VOTING_OPEN', '开始投票') : null}
        {e.status === 'VOTING_OPEN' ? (
          <View>
            {btn('PRELIM_RESULT', '截止后公布初步结果')}
            <TextField id='manage-extend-date' label='参与不足时延期到（年-月-日）' value={newClose} onChange={setNewClose} maxlength={10} hint='每次延期都会公示，已投的票继续有效；累计不超过3个月' />
            {btn('EXTEND', '延期投票', 'secondary')}
            {btn('TERMINATED', '截止后参与仍不足：终止表决', 'text')}
          </View>
        ) : null}
        {e.status === 'PRELIM_RESULT' && !results?.counting ? btn('RESULT_FINAL', '异议期满：确定最终结果') : null}
        {e.status === 'RESULT_FINAL' && e.kind === 'ELECTION' ? (
          <View id='manage-officers'>
            <Text className='body-text notice-block'>从当选委员中推选主任（选一人）和副主任：</Text>
            {elected.map((c) => <Choice key={c} id={`officer-chair-${c}`} label={`主任：${name(c)}`} on={chair === c} onClick={() => setChair(c)} />)}
            {elected.filter((c) => c !== chair).map((c) => (
              <Checkbox key={c} id={`officer-vice-${c}`} checked={vice.includes(c)} onChange={(on) => setVice((v) => (on ? [...v, c] : v.filter((x) => x !== c)))}>{`副主任：${name(c)}`}</Checkbox>
            ))}
            {btn('OFFICERS_CHOSEN', '记录推选结果')}
          </View>
        ) : null}
        {e.status === 'OFFICERS_CHOSEN' ? btn('LIST_PUBLICIZED', '公示委员名单') : null}
        {e.status === 'LIST_PUBLICIZED' ? (
          <View>
            <TextField id='manage-filing-ref' label='备案回执编号' value={filingRef} onChange={setFilingRef} maxlength={80} />
            {btn('FILED', '记录备案')}
          </View>
        ) : null}
      </View>
      {message ? <Text className='body-text notice-block' id='staff-message'>{message}</Text> : null}
    </Card>
  )
}
