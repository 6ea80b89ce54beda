import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDate } from '@/shared/lib/dates'
import { Button, Card, Empty, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { fenToYuan } from '@domain/finance/model'
import { Bar } from '../../components/Bar'
import '../../components/property.scss'

type Period = CallOutput<'finance', 'list'>['periods'][number]
type Detail = CallOutput<'finance', 'get'>

/**
 * 收支公示 (issue #14 §2; Civil Code Art. 281–282): each published period with income and
 * expenditure as bars, the maintenance fund and its uses, corrections with what changed, public
 * questions (author masked) that show how long they have waited, committee comments.
 */
export default function FinancePage() {
  const session = useSession()
  const communityId = session.data?.currentCommunity?.id ?? null
  const [periods, setPeriods] = useState<Period[] | null>(null)
  const [detail, setDetail] = useState<Detail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [question, setQuestion] = useState('')
  const [note, setNote] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    callCloud('finance', 'list', { communityId })
      .then((r) => setPeriods(r.periods))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])
  const open = async (periodKey: string) => communityId && setDetail(await callCloud('finance', 'get', { communityId, periodKey }))
  const ask = async () => {
    if (!communityId || !detail) return
    try {
      const r = await callCloud('finance', 'ask', { communityId, periodKey: detail.periodKey, text: question })
      setNote(r.status === 'PUBLISHED' ? '已公开提问，物业答复后会显示在这里' : '提问正在审核，通过后公开')
      setQuestion('')
      await open(detail.periodKey)
    } catch (e) {
      setNote(errorText(e))
    }
  }
  const max = Math.max(1, ...(periods ?? []).flatMap((p) => [p.incomeTotalFen, p.expenditureTotalFen]))

  return (
    <PageShell title='收支公示' id='finance-page'>
      <PageHeader title='物业收支公示' caption='金额单位：元；已公示数据不可修改，更正会另发新版本并列出变化' />
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {communityId && !periods && !error ? <Loading /> : null}
      {periods && periods.length === 0 ? <Empty title='暂无公示' /> : null}
      {periods?.map((p) => (
        <Card key={p.periodKey} id={`period-${p.periodKey}`} title={`${p.label}${p.corrected ? `（第${p.version}版，已更正）` : ''}`}>
          <Bar label='收入' fraction={p.incomeTotalFen / max} value={fenToYuan(p.incomeTotalFen)} />
          <Bar label='支出' fraction={p.expenditureTotalFen / max} value={fenToYuan(p.expenditureTotalFen)} />
          <Text className='body-text notice-block'>{`维修资金余额：${fenToYuan(p.fundClosingFen)} 元${p.openQuestions ? ` · ${p.openQuestions} 个提问待答复` : ''}`}</Text>
          <Button id={`open-${p.periodKey}`} variant='text' block onClick={() => void open(p.periodKey)}>查看明细与提问</Button>
          {detail?.periodKey === p.periodKey ? (
            <View id='finance-detail'>
              {[...detail.report.income.map((l) => ['收入', l] as const), ...detail.report.expenditure.map((l) => ['支出', l] as const), ...detail.report.commonIncome.map((l) => ['公共收益', l] as const)].map(([k, l]) => (
                <Text key={`${k}${l.category}`} className='body-text notice-block'>{`${k} · ${l.category}：${fenToYuan(l.amountFen)}`}</Text>
              ))}
              {detail.report.fund.uses.map((u, i) => (
                <Text key={i} className='body-text notice-block'>{`维修资金使用：${u.purpose} ${fenToYuan(u.amountFen)}（依据：${u.decisionRef}）`}</Text>
              ))}
              {detail.versions.filter((v) => v.version > 1).map((v) => (
                <Text key={v.version} className='caption notice-block'>{`第${v.version}版更正（${formatDate(v.publishedAt)}）：${v.reason ?? ''}；变化 ${v.changes.map((c) => `${c.path} ${c.before ?? '—'}→${c.after ?? '—'}`).join('，')}`}</Text>
              ))}
              {detail.comments.map((c) => <Text key={c.id} className='body-text notice-block'>{`${c.by}：${c.text}`}</Text>)}
              {detail.questions.map((q) => (
                <View key={q.id} className='notice-block' id={`question-${q.id}`}>
                  <Text className='body-text'>{`${q.authorMasked}：${q.text}`}</Text>
                  <Text className='caption'>{q.answer ? `${q.answer.by}答复：${q.answer.text}` : `已等待 ${q.ageDays} 天，尚未答复`}</Text>
                </View>
              ))}
              <TextField id='finance-question' label='对本期收支提问（公开，署名打码）' value={question} onChange={setQuestion} multiline maxlength={300} />
              <Button id='finance-ask' block disabled={question.trim().length < 4} onClick={() => void ask()}>公开提问</Button>
              {note ? <Text className='status-note body-text'>{note}</Text> : null}
            </View>
          ) : null}
        </Card>
      ))}
    </PageShell>
  )
}
