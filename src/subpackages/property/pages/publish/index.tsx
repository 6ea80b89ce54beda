import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { can } from '@/features/portal/session-facts'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, ConfirmSheet, Empty, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { changeText, fenToYuan, periodLabel, periodsOverlap, PERIOD_KEY, type FinanceReport } from '@domain/finance/model'
import { periodOf } from '@domain/repair/model'
import { LineEditor, amountProblem } from '../../components/LineEditor'
import { closingFen, emptyForm, formOf, formProblems, linesTotal, pendingChanges, reportOf, type FormDraft } from './model'
import '../../components/property.scss'

type Published = CallOutput<'finance', 'get'>

/** Last month: what a property company usually publishes at the start of a month. */
function lastMonth(): string {
  const [y, m] = periodOf(new Date()).split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/**
 * 发布收支 (issue #14 §2), property staff (finance.publish): a month or quarter's income and
 * expenditure by category, the common-parts income (Civil Code Art. 282), the maintenance fund
 * with each use and the owners' decision behind it. Amounts are typed in 元 and sent as integer
 * 分; totals and the closing balance are computed, not typed. With ?period= it corrects the
 * latest version: the changes are listed before publishing and a reason is required — the
 * published version itself never changes.
 */
export default function PublishPage() {
  const session = useSession()
  const { params } = useRouter()
  const communityId = session.data?.currentCommunity?.id ?? null
  const allowed = !!session.data && can(session.data, 'finance.publish')
  const correcting = typeof params.period === 'string' && PERIOD_KEY.test(params.period) ? params.period : null
  const [published, setPublished] = useState<Published | null>(null)
  const [form, setForm] = useState<FormDraft>(() => emptyForm(correcting ?? lastMonth()))
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<string | null>(null)
  const [taken, setTaken] = useState<string[]>([])

  // A new publication: the periods already published, so an overlap is said before the tap
  // (the server refuses it anyway); the default is last month unless that is taken.
  useEffect(() => {
    if (!communityId || correcting) return
    callCloud('finance', 'list', { communityId })
      .then((r) => {
        const keys = r.periods.map((p) => p.periodKey)
        setTaken(keys)
        setForm((f) => (keys.some((k) => periodsOverlap(k, f.periodKey)) ? { ...f, periodKey: '' } : f))
      })
      .catch(() => undefined)
  }, [communityId, correcting])

  useEffect(() => {
    if (!communityId || !correcting) return
    callCloud('finance', 'get', { communityId, periodKey: correcting })
      .then((p) => {
        setPublished(p)
        setForm(formOf(correcting, p.report as FinanceReport))
      })
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId, correcting])

  const set = (patch: Partial<FormDraft>) => setForm((f) => ({ ...f, ...patch }))
  const clash = correcting ? undefined : taken.find((k) => periodsOverlap(k, form.periodKey))
  const problems = [
    ...(PERIOD_KEY.test(form.periodKey) ? [] : ['期间格式为 2026-03（月）或 2026-Q1（季度）']),
    ...(clash ? [`与已公示的${periodLabel(clash)}重叠；要改已公示的数字，请在收支公示里发布更正`] : []),
    ...formProblems(form),
  ]
  const changes = published && problems.length === 0 ? pendingChanges(published.report as FinanceReport, form) : []
  const reasonProblem = correcting && reason.trim().length < 4 ? '请说明更正原因（至少4个字）' : null
  const ready = problems.length === 0 && !reasonProblem && (!correcting || changes.length > 0)

  const publish = async () => {
    if (!communityId) return
    setBusy(true)
    try {
      const r = await callCloud('finance', 'publish', {
        communityId,
        periodKey: form.periodKey,
        report: reportOf(form),
        ...(published ? { correctsVersion: published.latestVersion, correctionReason: reason.trim() } : {}),
      })
      setConfirming(false)
      setResult(r.version > 1 ? `已发布第${r.version}版更正，共 ${r.changes.length} 处变化；原版本仍可查看` : `${periodLabel(r.periodKey)}收支已公示`)
    } catch (e) {
      setConfirming(false)
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  if (session.data && !allowed) return (
    <PageShell title='发布收支' id='publish-page'>
      <Empty title='只有物业人员可以发布收支' />
    </PageShell>
  )

  return (
    <PageShell title='发布收支' id='publish-page'>
      <PageHeader
        title={correcting ? `更正 ${periodLabel(correcting)}` : '发布收支公示'}
        caption={correcting ? '更正会作为新版本公示，列出每一处变化；原版本保留，居民都能看到' : '金额以元填写（到分）；合计自动计算。公示后不能修改，只能发布更正'}
      />
      {error ? <ErrorState message={error} onRetry={() => setError(null)} /> : null}
      {correcting && !published && !error ? <Loading /> : null}
      {result ? (
        <Card id='publish-done' title='已公示'>
          <Text className='body-text status-note'>{result}</Text>
          <Button id='publish-back' block onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/subpackages/property/pages/finance/index' }))}>返回收支公示</Button>
        </Card>
      ) : !correcting || published ? (
        <>
          <Card title='期间'>
            <TextField id='publish-period' label='月份或季度' value={form.periodKey} onChange={(v) => set({ periodKey: v.trim() })} placeholder='2026-11 或 2026-Q4' maxlength={7} disabled={!!correcting} hint={PERIOD_KEY.test(form.periodKey) ? periodLabel(form.periodKey) : '格式：2026-11（月）或 2026-Q4（季度）'} />
          </Card>
          <Card>
            <LineEditor id='income' title='收入' lines={form.income} onChange={(v) => set({ income: v })} placeholder='如 物业费、停车费' />
          </Card>
          <Card>
            <LineEditor id='expenditure' title='支出' lines={form.expenditure} onChange={(v) => set({ expenditure: v })} placeholder='如 人员工资、保洁' />
          </Card>
          <Card>
            <LineEditor id='common' title='公共部位收益' lines={form.commonIncome} onChange={(v) => set({ commonIncome: v })} placeholder='如 电梯广告、场地租金' />
          </Card>
          <Card title='维修资金' id='publish-fund'>
            <TextField id='fund-opening' label='期初余额（元）' value={form.openingYuan} onChange={(v) => set({ openingYuan: v })} maxlength={16} error={amountProblem(form.openingYuan)} />
            <TextField id='fund-deposits' label='本期存入（元）' value={form.depositsYuan} onChange={(v) => set({ depositsYuan: v })} maxlength={16} error={amountProblem(form.depositsYuan)} />
            {form.uses.map((u, i) => (
              <View key={i} className='line-editor__row' id={`fund-use-${i}`}>
                <TextField id={`fund-use-${i}-amount`} label={`使用第${i + 1}项 金额（元）`} value={u.yuan} onChange={(v) => set({ uses: form.uses.map((x, j) => (j === i ? { ...x, yuan: v } : x)) })} maxlength={16} error={amountProblem(u.yuan)} />
                <TextField id={`fund-use-${i}-purpose`} label='用途' value={u.purpose} onChange={(v) => set({ uses: form.uses.map((x, j) => (j === i ? { ...x, purpose: v } : x)) })} placeholder='如 更换3栋电梯钢丝绳' maxlength={100} />
                <TextField id={`fund-use-${i}-ref`} label='业主共同决定（文号或名称）' value={u.decisionRef} onChange={(v) => set({ uses: form.uses.map((x, j) => (j === i ? { ...x, decisionRef: v } : x)) })} placeholder='如 2026年第1次业主大会决议第3项' maxlength={100} />
                <Button id={`fund-use-${i}-remove`} variant='text' block onClick={() => set({ uses: form.uses.filter((_, j) => j !== i) })}>删除这一项使用</Button>
              </View>
            ))}
            <Button id='fund-use-add' variant='secondary' block onClick={() => set({ uses: [...form.uses, { yuan: '', purpose: '', decisionRef: '' }] })}>添加一项维修资金使用</Button>
            <Text className='body-text line-editor__total' id='fund-closing'>{`期末余额（自动计算）：${fenToYuan(closingFen(form))} 元`}</Text>
          </Card>
          <Card title='核对' id='publish-summary'>
            <Text className='body-text notice-block'>{`收入 ${fenToYuan(linesTotal(form.income))} 元 · 支出 ${fenToYuan(linesTotal(form.expenditure))} 元 · 公共收益 ${fenToYuan(linesTotal(form.commonIncome))} 元`}</Text>
            {problems.map((p) => <Text key={p} className='body-text form-error notice-block'>{p}</Text>)}
            {correcting ? (
              <>
                {problems.length === 0 && changes.length === 0 ? <Text className='body-text notice-block' id='publish-no-change'>与已公示的版本相同，没有可更正的内容</Text> : null}
                {changes.length ? <Text className='title notice-block'>{`将更正 ${changes.length} 处：`}</Text> : null}
                {changes.map((c) => <Text key={c.path} className='body-text notice-block publish-change'>{changeText(c)}</Text>)}
                <TextField id='publish-reason' label='更正原因（居民会看到）' value={reason} onChange={setReason} multiline maxlength={200} error={reason ? reasonProblem : null} />
              </>
            ) : null}
            <Button id='publish-submit' block disabled={!ready} onClick={() => setConfirming(true)}>{correcting ? '发布更正' : '公示'}</Button>
          </Card>
        </>
      ) : null}
      <ConfirmSheet
        id='publish-confirm'
        open={confirming}
        title={correcting ? `发布 ${periodLabel(form.periodKey)} 的更正？` : `公示 ${periodLabel(form.periodKey)} 的收支？`}
        confirmText={correcting ? '确认发布更正' : '确认公示'}
        busy={busy}
        onConfirm={() => void publish()}
        onCancel={() => setConfirming(false)}
      >
        <Text className='body-text'>公示后所有居民都能看到，数字不能再改；发现错误只能再发布更正，原版本和变化会一并显示。</Text>
      </ConfirmSheet>
    </PageShell>
  )
}
