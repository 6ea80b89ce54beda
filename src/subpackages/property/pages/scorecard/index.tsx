import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, Choice, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { ITEM_LABELS, MIN_CELL, SATISFACTION_ITEMS, type SatisfactionItem } from '@domain/scorecard/model'
import { Bar } from '../../components/Bar'
import '../../components/property.scss'

type Card = CallOutput<'scorecard', 'get'>
type Fig = { value: number | null; n: number; suppressed: boolean }

const shown = (f: Fig, fmt: (v: number) => string) => (f.suppressed ? `不足${MIN_CELL}人不显示（${f.n}）` : f.value === null ? '—' : `${fmt(f.value)}（${f.n}）`)
const pct = (v: number) => `${Math.round(v * 100)}%`

/**
 * 物业评分 (issue #14 §3): each satisfaction item with the number of ratings behind it, cells
 * under 5 suppressed, repair SLA kept, reopen rate, median completion time, questions answered;
 * the last months as trend rows. Residents rate this month once.
 */
export default function ScorecardPage() {
  const session = useSession()
  const communityId = session.data?.currentCommunity?.id ?? null
  const [card, setCard] = useState<Card | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [scores, setScores] = useState<Partial<Record<SatisfactionItem, number>>>({})
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('scorecard', 'get', { communityId, months: 6 })
      .then(setCard)
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])

  const submit = async () => {
    if (!communityId) return
    setBusy(true)
    try {
      await callCloud('scorecard', 'rate', { communityId, scores })
      setNote('感谢评价，已计入本月评分')
      setScores({})
      load()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  // 本月 by default; any of the last months can be opened (early in a month 本月 has few ratings).
  const [period, setPeriod] = useState<string | null>(null)
  const current = card?.periods.find((p) => p.period === period) ?? card?.periods[0]
  return (
    <PageShell title='物业评分' id='scorecard-page'>
      <PageHeader title='物业服务评分' caption={`${session.data?.currentCommunity?.name ?? ''} · 括号内为评价人数，不足${MIN_CELL}人不显示`} />
      {!communityId ? <Empty title='加入社区后可查看' /> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {communityId && !card && !error ? <Loading /> : null}
      {card && card.periods.length > 1 ? (
        <View className='choice-grid' id='scorecard-periods'>
          {card.periods.map((p, i) => <Choice key={p.period} id={`period-${p.period}`} label={i === 0 ? '本月' : p.period} on={current?.period === p.period} onClick={() => setPeriod(p.period)} />)}
        </View>
      ) : null}
      {current ? (
        <Card title={current.period === card?.currentPeriod ? `本月（${current.period}）` : current.period} id='scorecard-current'>
          {current.items.map((i) => (
            <Bar key={i.item} id={`score-${i.item}`} label={i.label} fraction={i.suppressed || i.value === null ? 0 : i.value / 5} value={shown(i, (v) => `${v.toFixed(1)}分`)} />
          ))}
          <Text className='body-text notice-block' id='score-repair-rating'>{`报修评价：${shown(current.repairRating, (v) => `${v.toFixed(1)}分`)}`}</Text>
          <Text className='body-text notice-block'>{`按时响应：${shown(current.responseKept, pct)}`}</Text>
          <Text className='body-text notice-block'>{`按时完成：${shown(current.completionKept, pct)}`}</Text>
          <Text className='body-text notice-block'>{`返修率：${shown(current.reopenRate, pct)}`}</Text>
          <Text className='body-text notice-block'>{`完成用时中位数：${shown(current.medianCompletionHours, (v) => `${v}小时`)}`}</Text>
          <Text className='body-text notice-block'>{`收支提问答复率：${shown(current.questionsAnswered, pct)}`}</Text>
          <Text className='body-text notice-block'>{`提问答复用时中位数：${shown(current.medianAnswerHours, (v) => `${v}小时`)}`}</Text>
          <Text className='body-text notice-block' id='score-reported'>{`本月报修：${current.repairsReported} 件`}</Text>
        </Card>
      ) : null}
      {card ? <Text className='caption notice-block'>每个数字都来自居民评价和报修、提问记录，写入时即计入；可作为业主共同决定物业服务事项时的依据。</Text> : null}
      {card ? (
        <Card title='近几个月（各项平均分）' id='scorecard-trend'>
          {card.periods.map((p) => {
            const rated = p.items.filter((i) => !i.suppressed && i.value !== null)
            const mean = rated.length ? rated.reduce((s, i) => s + (i.value ?? 0), 0) / rated.length : null
            return <Bar key={p.period} label={p.period} fraction={mean === null ? 0 : mean / 5} value={mean === null ? '人数不足' : `${mean.toFixed(1)}分`} />
          })}
        </Card>
      ) : null}
      {card && !card.myRatingThisPeriod ? (
        <Card title='评价本月物业服务' id='scorecard-rate'>
          {SATISFACTION_ITEMS.map((item) => (
            <View key={item} className='notice-block'>
              <Text className='body-text'>{ITEM_LABELS[item]}</Text>
              <View className='choice-grid'>
                {[1, 2, 3, 4, 5].map((s) => (
                  <Choice key={s} id={`rate-${item}-${s}`} label={`${s}分`} on={scores[item] === s} onClick={() => setScores((prev) => ({ ...prev, [item]: s }))} />
                ))}
              </View>
            </View>
          ))}
          <Button id='scorecard-submit' block loading={busy} disabled={Object.keys(scores).length === 0} onClick={() => void submit()}>
            提交评价
          </Button>
        </Card>
      ) : null}
      {note ? <Text className='status-note body-text' id='scorecard-note'>{note}</Text> : null}
    </PageShell>
  )
}
