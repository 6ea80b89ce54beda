import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'
import { CandidateReview } from './CandidateReview'
import { Lifecycle } from './Lifecycle'
import { ProxyReview } from './ProxyReview'

type Got = CallOutput<'election', 'get'>
type Results = CallOutput<'election', 'results'>
type Candidates = CallOutput<'election', 'candidates'>['candidates']

/**
 * 组织表决 (election.manage): the lifecycle with the dates the server enforces (R3.1), the
 * preparatory group's review of nominations (R3.4), roster publicity and objections, paper entry
 * and its reconciliation, proxies with their written authorisations (R2.6), and the count's
 * progress (R5.14). Every step is audited in the election's hash chain.
 */
export default function ManagePage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const [data, setData] = useState<{ got: Got; results: Results | null; candidates: Candidates } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    if (!id) return
    try {
      const [got, results, cands] = await Promise.all([
        callCloud('election', 'get', { electionId: id }),
        callCloud('election', 'results', { electionId: id }).catch(() => null),
        callCloud('election', 'candidates', { electionId: id }),
      ])
      setData({ got, results, candidates: cands.candidates })
      setError(null)
    } catch (e) {
      setError(errorText(e))
    }
  }, [id])
  useDidShow(() => void load())

  if (error) return <PageShell title='组织表决' id='election-manage-page'><ErrorState message={error} onRetry={() => void load()} /></PageShell>
  if (!data) return <PageShell title='组织表决' id='election-manage-page'><Loading /></PageShell>
  const { got, results, candidates } = data
  const e = got.election
  if (!got.canManage) return <PageShell title='组织表决' id='election-manage-page'><ErrorState message='只有业委会、居委会和社区管理员可以组织表决' /></PageShell>
  const go = (url: string) => void Taro.navigateTo({ url: `${url}?id=${encodeURIComponent(e.id)}` })
  const paperTime = e.status === 'VOTING_OPEN'
  return (
    <PageShell title='组织表决' id='election-manage-page'>
      <PageHeader title={e.title} caption={`${e.statusLabel} · ${e.rule.legalBasis}`} />
      {results?.counting ? (
        <Card title='计票' id='manage-counting'>
          <Text className='body-text'>{`计票中 ${results.counting.percent} %（已读 ${results.counting.done} / ${results.counting.of} 张选票），完成后自动公布初步结果。`}</Text>
          <Button variant='secondary' onClick={() => void load()}>刷新</Button>
        </Card>
      ) : null}
      <Lifecycle election={e} results={results} candidates={candidates} onChanged={() => void load()} />
      {e.kind === 'ELECTION' ? <CandidateReview election={e} candidates={candidates} onChanged={() => void load()} /> : null}
      <Card title='名册、纸质选票和委托' id='manage-links'>
        <View className='list'>
          <ListRow title='业主名册公示与异议' description={e.total ? `全体 ${e.total.heads} 个表决权；公示期间可以更正` : '公示名册时生成快照'} arrow onClick={() => go(ROUTES.electionRoster)} />
          <ListRow title='纸质选票录入与核对' description={paperTime ? '每张纸质选票须由两位工作人员分别录入，一致才计入' : '投票期间可以录入'} arrow onClick={() => go(ROUTES.electionPaper)} />
          <ListRow title='表决详情（业主看到的页面）' arrow onClick={() => go(ROUTES.electionVote)} />
        </View>
      </Card>
      <ProxyReview election={e} />
    </PageShell>
  )
}
