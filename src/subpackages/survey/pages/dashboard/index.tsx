import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { Bars } from '../../components/Bars'
import { useLoad } from '../../components/use-load'

type Dash = CallOutput<'dashboard', 'get'>
type Figure = Dash['figures'][number]

function valueText(f: Figure): string {
  if (!f.available) return '暂无数据'
  if (f.suppressed) return '少于5户，不显示'
  if (f.value === null) return '暂无数据'
  return f.unit === '%' ? `${f.value}%` : `${f.value}${f.unit}`
}

function FigureRow({ f }: { f: Figure }) {
  return (
    <View className='figure-row' id={`figure-${f.key}`}>
      <Text className='title'>{f.label}</Text>
      <Text className={f.available && !f.suppressed && f.value !== null ? 'figure-row__value' : 'figure-row__muted'}>{valueText(f)}</Text>
      {f.count !== null && f.of !== null ? <Text className='caption'>{`${f.count} / ${f.of}`}</Text> : null}
      {f.baseline && f.unit === '%' && f.available ? (
        <Bars
          items={[
            { id: 'now', label: '本社区', share: f.value, text: valueText(f) },
            { id: 'study', label: '实地调查', share: f.baseline.value, text: f.baseline.statement, baseline: true },
          ]}
        />
      ) : null}
      {f.source !== '—' ? <Text className='caption figure-row__line'>{`来源：${f.source}`}</Text> : null}
      {f.baseline ? <Text className='caption figure-row__line'>{`对照：${f.baseline.source} ${f.baseline.statement}`}</Text> : null}
      {f.note ? <Text className='caption figure-row__line'>{f.note}</Text> : null}
    </View>
  )
}

/**
 * 治理看板 (dashboard.view): this community's figures from the nightly aggregate, each beside the
 * field study's value, small cells suppressed, missing features named as missing (issue #15).
 */
export default function DashboardPage() {
  const community = useSession().data?.currentCommunity ?? null
  const communityId = community?.id ?? ''
  const dash = useLoad(communityId ? () => callCloud('dashboard', 'get', { communityId }) : null, [communityId])
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const refresh = async () => {
    setBusy(true)
    setNote(null)
    try {
      await callCloud('dashboard', 'refresh', { communityId })
      dash.reload()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const groups = dash.status === 'ready' ? [...new Set(dash.data.figures.map((f) => f.group))] : []
  return (
    <PageShell title='治理看板' id='dashboard-page'>
      <PageHeader title='治理看板' caption={community?.name} intro='每晚统计一次，与长沙八社区实地调查的结果对照。少于5户的数字不显示。' />
      {dash.status === 'loading' ? <Loading /> : null}
      {dash.status === 'error' ? <ErrorState message={dash.message} onRetry={dash.reload} /> : null}
      {dash.status === 'ready' && !dash.data.month ? <Empty id='dashboard-empty' title='还没有统计结果' description='夜间统计每天2:15运行，也可以现在统计一次。' /> : null}
      {dash.status === 'ready' && dash.data.month ? <Text className='caption' id='dashboard-month'>{`统计月份：${dash.data.month}`}</Text> : null}
      <Button id='dashboard-refresh' variant='secondary' loading={busy} onClick={refresh}>
        现在统计
      </Button>
      {note ? <Text className='form-error'>{note}</Text> : null}
      {dash.status === 'ready'
        ? groups.map((g) => (
            <Card key={g} title={g}>
              {dash.data.figures.filter((f) => f.group === g).map((f) => (
                <FigureRow key={f.key} f={f} />
              ))}
            </Card>
          ))
        : null}
      {dash.status === 'ready' && dash.data.trend.length > 1 ? (
        <Card title='每月趋势：已绑定住户'>
          <Bars items={dash.data.trend.map((t) => ({ id: t.month, label: t.month, share: t.households ? (t.activeHouseholds / t.households) * 100 : 0, text: `${t.activeHouseholds} / ${t.households}户` }))} />
        </Card>
      ) : null}
    </PageShell>
  )
}
