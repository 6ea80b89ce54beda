import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { can } from '@/features/portal/session-facts'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { fenToYuan } from '@domain/finance/model'
import { Bar } from '../../components/Bar'
import { HeldQueue } from '../../components/HeldQueue'
import { PeriodDetail } from '../../components/PeriodDetail'
import '../../components/property.scss'

type Period = CallOutput<'finance', 'list'>['periods'][number]
type Detail = CallOutput<'finance', 'get'>
const PUBLISH = '/subpackages/property/pages/publish/index'

/**
 * 收支公示 (issue #14 §2; Civil Code Art. 281–282): each published period with income and
 * expenditure as bars, opened for the detail (PeriodDetail). By role: property staff publish a
 * period or a correction and answer questions; the owners' committee comments; the residents'
 * committee moderates held questions and comments (HeldQueue).
 */
export default function FinancePage() {
  const session = useSession()
  const communityId = session.data?.currentCommunity?.id ?? null
  const s = session.data
  const roles = {
    answer: !!s && can(s, 'finance.publish'),
    comment: !!s && can(s, 'finance.comment'),
    ask: !!s && s.roles.some((r) => r.communityId === communityId && r.role === 'RESIDENT'),
  }
  const moderator = !!s && can(s, 'finance.moderate')
  const [periods, setPeriods] = useState<Period[] | null>(null)
  const [detail, setDetail] = useState<Detail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('finance', 'list', { communityId })
      .then((r) => setPeriods(r.periods))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])
  // Back from 发布收支: the list shows the new period or version.
  useDidShow(() => {
    if (periods) load()
  })
  const open = async (periodKey: string, version?: number) => {
    if (!communityId) return
    try {
      setDetail(await callCloud('finance', 'get', { communityId, periodKey, ...(version ? { version } : {}) }))
    } catch (e) {
      setError(errorText(e))
    }
  }
  const refresh = async () => {
    if (detail) await open(detail.periodKey, detail.version)
    load()
  }
  const max = Math.max(1, ...(periods ?? []).flatMap((p) => [p.incomeTotalFen, p.expenditureTotalFen]))

  return (
    <PageShell title='收支公示' id='finance-page'>
      <PageHeader title='物业收支公示' caption='金额单位：元；已公示数据不可修改，更正会另发新版本并列出变化' />
      {roles.answer ? <Button id='finance-publish-new' block onClick={() => void Taro.navigateTo({ url: PUBLISH })}>发布新一期收支</Button> : null}
      {moderator && communityId ? <HeldQueue communityId={communityId} onDecided={() => void refresh()} /> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {communityId && !periods && !error ? <Loading /> : null}
      {periods && periods.length === 0 ? <Empty title='暂无公示' /> : null}
      {periods?.map((p) => (
        <Card key={p.periodKey} id={`period-${p.periodKey}`} title={`${p.label}${p.corrected ? `（第${p.version}版，已更正）` : ''}`}>
          <Bar label='收入' fraction={p.incomeTotalFen / max} value={fenToYuan(p.incomeTotalFen)} />
          <Bar label='支出' fraction={p.expenditureTotalFen / max} value={fenToYuan(p.expenditureTotalFen)} />
          <Text className='body-text notice-block'>{`维修资金余额：${fenToYuan(p.fundClosingFen)} 元`}</Text>
          {p.openQuestions ? <Text className='body-text notice-block sla-amber'>{`${p.openQuestions} 个提问待答复`}</Text> : null}
          {detail?.periodKey === p.periodKey ? (
            <>
              <PeriodDetail communityId={communityId!} detail={detail} roles={roles} onChanged={refresh} openVersion={(v) => void open(p.periodKey, v)} />
              <Button id={`close-${p.periodKey}`} variant='text' block onClick={() => setDetail(null)}>收起明细</Button>
            </>
          ) : (
            <Button id={`open-${p.periodKey}`} variant='text' block onClick={() => void open(p.periodKey)}>查看明细与提问</Button>
          )}
          {roles.answer ? <Button id={`correct-${p.periodKey}`} variant='secondary' block onClick={() => void Taro.navigateTo({ url: `${PUBLISH}?period=${p.periodKey}` })}>发布更正</Button> : null}
        </Card>
      ))}
    </PageShell>
  )
}
