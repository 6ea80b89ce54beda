import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDate, formatDateTime } from '@/shared/lib/dates'
import { Button, Choice, TextField } from '@/shared/ui'
import { changeText, fenToYuan } from '@domain/finance/model'
import { Bar } from './Bar'
import { useBusy } from './use-busy'

type Detail = CallOutput<'finance', 'get'>
type Question = Detail['questions'][number]

export interface PeriodRoles {
  /** Property staff: answer questions (finance.publish). */
  answer: boolean
  /** An owners' committee member: comment (finance.comment). */
  comment: boolean
  /** A resident of the community: ask. */
  ask: boolean
}

function Lines({ title, lines, total, id }: { title: string; lines: { category: string; amountFen: number }[]; total: number; id: string }) {
  const max = Math.max(1, ...lines.map((l) => l.amountFen))
  return (
    <View id={id} className='notice-block'>
      <Text className='title'>{`${title}（合计 ${fenToYuan(total)} 元）`}</Text>
      {lines.length === 0 ? <Text className='body-text'>本期无</Text> : lines.map((l) => <Bar key={l.category} label={l.category} fraction={l.amountFen / max} value={fenToYuan(l.amountFen)} />)}
    </View>
  )
}

/**
 * One period opened: each part as bars with amounts in words, the maintenance fund with each use
 * and the owners' decision behind it, every version with what it changed (older versions stay
 * readable), committee comments, questions with their age — and, by role, the answer, comment
 * and ask forms (issue #14 §2).
 */
export function PeriodDetail({ communityId, detail, roles, onChanged, openVersion }: { communityId: string; detail: Detail; roles: PeriodRoles; onChanged: () => Promise<void>; openVersion: (v: number) => void }) {
  const [text, setText] = useState('')
  const [comment, setComment] = useState('')
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const { busy, note, run: step } = useBusy()
  const r = detail.report
  // After each step the period is read again (answers, held questions, counts).
  const run = (f: () => Promise<string>) =>
    step(async () => {
      const said = await f()
      await onChanged()
      return said
    })
  const ask = () =>
    run(async () => {
      const res = await callCloud('finance', 'ask', { communityId, periodKey: detail.periodKey, text })
      setText('')
      return res.status === 'PUBLISHED' ? '已公开提问，物业答复后会显示在这里' : '提问正在审核，通过后公开'
    })
  const addComment = () =>
    run(async () => {
      const res = await callCloud('finance', 'comment', { communityId, periodKey: detail.periodKey, text: comment })
      setComment('')
      return res.status === 'PUBLISHED' ? '评论已公开' : '评论正在审核，通过后公开'
    })
  const answer = (q: Question) =>
    run(async () => {
      await callCloud('finance', 'answer', { communityId, questionId: q.id, text: answers[q.id] ?? '' })
      return '已答复'
    })

  return (
    <View id='finance-detail'>
      {detail.latestVersion > 1 ? (
        <View className='choice-grid' id='finance-versions'>
          {detail.versions.map((v) => <Choice key={v.version} id={`version-${v.version}`} label={`第${v.version}版`} on={v.version === detail.version} onClick={() => openVersion(v.version)} />)}
        </View>
      ) : null}
      <Text className='caption notice-block'>{`第${detail.version}版${detail.version === detail.latestVersion ? '（最新）' : `（已被第${detail.latestVersion}版更正）`} · ${detail.publishedBy} · ${formatDateTime(detail.publishedAt)} 公示`}</Text>
      <Lines id='detail-income' title='收入' lines={r.income} total={r.incomeTotalFen} />
      <Lines id='detail-expenditure' title='支出' lines={r.expenditure} total={r.expenditureTotalFen} />
      <Lines id='detail-common' title='公共部位收益' lines={r.commonIncome} total={r.commonIncomeTotalFen} />
      <View className='notice-block' id='detail-fund'>
        <Text className='title'>维修资金</Text>
        <Text className='body-text notice-block'>{`期初 ${fenToYuan(r.fund.openingFen)} 元 · 存入 ${fenToYuan(r.fund.depositsFen)} 元 · 期末 ${fenToYuan(r.fund.closingFen)} 元`}</Text>
        {r.fund.uses.length === 0 ? <Text className='body-text'>本期未使用</Text> : null}
        {r.fund.uses.map((u, i) => <Text key={i} className='body-text notice-block'>{`使用：${u.purpose} ${fenToYuan(u.amountFen)} 元（依据：${u.decisionRef}）`}</Text>)}
      </View>
      {detail.versions.filter((v) => v.version > 1).map((v) => (
        <View key={v.version} className='notice-block correction' id={`correction-${v.version}`}>
          <Text className='title'>{`第${v.version}版更正（${formatDate(v.publishedAt)}）`}</Text>
          <Text className='body-text'>{`原因：${v.reason ?? ''}`}</Text>
          {v.changes.map((c) => <Text key={c.path} className='body-text'>{changeText(c)}</Text>)}
        </View>
      ))}
      <View className='notice-block' id='detail-comments'>
        <Text className='title'>业委会意见</Text>
        {detail.comments.length === 0 ? <Text className='body-text'>暂无</Text> : detail.comments.map((c) => <Text key={c.id} className='body-text notice-block'>{`${c.by}：${c.text}`}</Text>)}
        {detail.myHeldComments.map((c) => <Text key={c.id} className='body-text notice-block'>{`您的评论${c.status === 'REJECTED' ? `未通过审核：${c.rejectReason ?? ''}` : '正在审核'}：${c.text}`}</Text>)}
        {roles.comment ? (
          <>
            <TextField id='finance-comment' label='业委会意见（公开，署名）' value={comment} onChange={setComment} multiline maxlength={500} />
            <Button id='finance-comment-submit' block loading={busy} disabled={comment.trim().length < 4} onClick={() => void addComment()}>发表意见</Button>
          </>
        ) : null}
      </View>
      <View className='notice-block' id='detail-questions'>
        <Text className='title'>{`居民提问（${detail.questions.length}）`}</Text>
        {detail.questions.map((q) => (
          <View key={q.id} className='notice-block question' id={`question-${q.id}`}>
            <Text className='body-text'>{`${q.authorMasked}：${q.text}`}</Text>
            {q.status === 'PENDING_REVIEW' ? <Text className='caption'>您的提问正在审核，通过后公开</Text> : null}
            {q.status === 'REJECTED' ? <Text className='body-text form-error'>{`您的提问未公开：${q.rejectReason ?? ''}`}</Text> : null}
            {q.status === 'PUBLISHED' ? (
              q.answer ? (
                <Text className='body-text answer'>{`${q.answer.by}答复（用时 ${q.ageDays} 天）：${q.answer.text}`}</Text>
              ) : (
                <Text className={`body-text ${q.ageDays >= 7 ? 'sla-red' : q.ageDays >= 3 ? 'sla-amber' : ''}`}>{`已等待 ${q.ageDays} 天，尚未答复`}</Text>
              )
            ) : null}
            {roles.answer && q.status === 'PUBLISHED' && !q.answer ? (
              <>
                <TextField id={`answer-${q.id}`} label='答复（公开，署名）' value={answers[q.id] ?? ''} onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))} multiline maxlength={500} />
                <Button id={`answer-submit-${q.id}`} block loading={busy} disabled={(answers[q.id] ?? '').trim().length < 2} onClick={() => void answer(q)}>答复</Button>
              </>
            ) : null}
          </View>
        ))}
        {roles.ask ? (
          <>
            <TextField id='finance-question' label='对本期收支提问（公开，署名打码）' value={text} onChange={setText} multiline maxlength={300} />
            <Button id='finance-ask' block loading={busy} disabled={text.trim().length < 4} onClick={() => void ask()}>公开提问</Button>
          </>
        ) : null}
      </View>
      {note ? <Text className='status-note body-text' id='finance-note'>{note}</Text> : null}
    </View>
  )
}
