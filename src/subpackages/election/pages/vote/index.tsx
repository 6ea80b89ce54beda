import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, isCloudError, type CallOutput } from '@/services/cloud'
import { recountBallotFile } from '@domain/election/ballot-file'
import { Button, Card, Checkbox, Choice, ErrorState, ListRow, Loading, PageHeader, TextField } from '@/shared/ui'
import { ROUTES } from '@/shared/lib/routes'
import './index.scss'

type Got = CallOutput<'election', 'get'>
type Mine = CallOutput<'election', 'myBallot'>
type Turnout = CallOutput<'election', 'turnout'>
type Results = CallOutput<'election', 'results'>
type Verified = CallOutput<'election', 'verifyReceipt'>
type Totals = { heads: number; areaCentiM2: number }

const CHOICES = [
  { value: 'YES', label: '同意' },
  { value: 'NO', label: '反对' },
  { value: 'ABSTAIN', label: '弃权' },
] as const
const CHOICE_LABEL: Record<string, string> = { YES: '同意', NO: '反对', ABSTAIN: '弃权' }
const m2 = (centi: number) => `${(centi / 100).toFixed(2)} 平方米`
const t = (x: Totals) => `${x.heads} 人 · ${m2(x.areaCentiM2)}`

/**
 * One vote (issue #12 item 10): the rule in plain words first — what is needed in heads and area
 * and where the count stands — then the ballot, the 投票码 and 验证我的投票, candidates, results with
 * the recount file. Tenants and family see the vote and the rule, never a ballot (R2.8).
 */
export default function VotePage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const [data, setData] = useState<{ got: Got; mine: Mine; turnout: Turnout | null; results: Results | null } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    if (!id) return
    try {
      const [got, mine] = await Promise.all([callCloud('election', 'get', { electionId: id }), callCloud('election', 'myBallot', { electionId: id })])
      // Turnout and results are for owners and staff; a tenant's FORBIDDEN just hides them.
      const quiet = <T,>(p: Promise<T>) => p.catch(() => null)
      const [turnout, results] = await Promise.all([quiet(callCloud('election', 'turnout', { electionId: id })), quiet(callCloud('election', 'results', { electionId: id }))])
      setData({ got, mine, turnout, results })
      setError(null)
    } catch (e) {
      setError(errorText(e))
    }
  }, [id])
  useDidShow(() => void load())

  if (error) return <PageShell title='表决详情' id='election-page'><ErrorState message={error} onRetry={() => void load()} /></PageShell>
  if (!data) return <PageShell title='表决详情' id='election-page'><Loading /></PageShell>
  const { got, mine, turnout, results } = data
  const e = got.election
  const voted = mine.rights.some((r) => r.voted)
  const go = (url: string) => void Taro.navigateTo({ url: `${url}?id=${encodeURIComponent(e.id)}` })
  const rosterPublic = e.status === 'ROSTER_PUBLICIZED' || e.status === 'DOCS_PUBLICIZED'
  return (
    <PageShell title='表决详情' id='election-page'>
      <PageHeader title={e.title} caption={`${e.statusLabel} · ${e.rule.legalBasis}（${e.matterLabel}）`} />
      {e.origin?.kind === 'post' ? (
        <ListRow id='election-origin' title='来自邻里讨论' description='这项表决由邻里群里的讨论提出' arrow onClick={() => void Taro.navigateTo({ url: `/subpackages/group/pages/post/index?id=${encodeURIComponent(e.origin!.id)}` })} />
      ) : null}
      <Card title='这次表决怎么算' id='election-rule'>
        <Text className='body-text notice-block'>{e.rule.quorum}</Text>
        <Text className='body-text notice-block'>{e.rule.approval}</Text>
        <Text className='caption notice-block'>{`投票时间：${e.votingOpensAt.slice(0, 10)} 至 ${e.votingClosesAt.slice(0, 10)}${e.extensions.length ? `（已延期 ${e.extensions.length} 次，已投的票继续有效）` : ''}`}</Text>
        {turnout ? (
          <View className='list' id='election-turnout'>
            <ListRow title='已参与' extra={<Text className='body-text'>{t(turnout.participating)}</Text>} />
            <ListRow title='至少需要' extra={<Text className='body-text'>{t(turnout.needed)}</Text>} />
            <ListRow title='参与是否已够' extra={<Text className='body-text'>{turnout.quorumMet ? '已够三分之二' : '还不够'}</Text>} />
          </View>
        ) : null}
      </Card>
      <Text className='body-text notice-block'>{e.description}</Text>

      {got.candidates.length ? (
        <Card title={`候选人（选 ${e.seats ?? 0} 名）`} id='election-candidates'>
          <View className='list'>
            {got.candidates.map((c) => <ListRow key={c.id} title={`${c.name} · ${c.unitLabel}`} description={c.statement} />)}
          </View>
        </Card>
      ) : null}

      {!mine.eligible ? (
        <Card title='投票' id='election-no-ballot'>
          <Text className='body-text'>{mine.reason ?? got.whyNot ?? '您不参加这次表决'}</Text>
        </Card>
      ) : voted ? (
        <MyVote mine={mine} />
      ) : got.canVote ? (
        <Ballot got={got} onCast={() => void load()} />
      ) : (
        <Card title='投票' id='election-closed'><Text className='body-text'>{got.whyNot ?? '现在不能投票'}</Text></Card>
      )}

      {e.votingOpen ? mine.proxies.filter((p) => p.status === 'APPROVED').map((p) => <Ballot key={p.id} got={got} forUnitId={p.unitId} title='代理投票（委托已审核通过）' onCast={() => void load()} />) : null}
      {!['PRELIM_RESULT', 'RESULT_FINAL', 'OFFICERS_CHOSEN', 'LIST_PUBLICIZED', 'FILED', 'TERMINATED'].includes(e.status) ? (
        <ListRow id='election-proxy-link' title='受业主委托代投' description={mine.proxies.length ? `已提交 ${mine.proxies.length} 份委托：${mine.proxies.filter((p) => p.status === 'PENDING').length} 份待审核，${mine.proxies.filter((p) => p.status === 'USED').length} 份已代投` : '业主书面委托您代为投票时，在这里上传委托书'} arrow onClick={() => go(ROUTES.electionProxy)} />
      ) : null}
      {got.canNominate ? (
        <Card title='报名参选' id='election-nominate'>
          <Text className='body-text notice-block'>本小区已核验的业主可以报名参选业委会委员（自荐、业主联名或居委会推荐），候选人名单公示前截止。</Text>
          <Button id='election-nominate-go' variant='secondary' block onClick={() => go(ROUTES.electionNominate)}>我要报名参选</Button>
        </Card>
      ) : null}
      {rosterPublic && turnout ? (
        <ListRow id='election-roster-link' title='业主名册公示中' description={e.status === 'ROSTER_PUBLICIZED' ? '面积或房屋有误？可以提出异议' : '查看参与表决的房屋和面积'} arrow onClick={() => go(ROUTES.electionRoster)} />
      ) : null}
      {got.canManage ? (
        <Card title='组织者' id='election-organiser'>
          <Text className='caption notice-block'>{`当前：${e.statusLabel}。流程、候选人审核、名册异议、纸质选票和委托都在组织页面。`}</Text>
          <Button id='election-manage-go' variant='secondary' block onClick={() => go(ROUTES.electionManage)}>组织表决</Button>
        </Card>
      ) : null}
      {voted || e.votingOpen || results?.published ? <VerifyCard electionId={e.id} /> : null}
      {results?.counting ? <Card title='表决结果' id='election-counting'><Text className='body-text'>{`计票中 ${results.counting.percent} %，完成后在这里公布。`}</Text></Card> : null}
      {results?.published && results.results ? <ResultsCard electionId={e.id} results={results.results} candidates={got.candidates} /> : null}
    </PageShell>
  )
}

/** forUnitId: voting as an approved proxy for that flat (R2.6); the server checks the approval. */
function Ballot({ got, onCast, forUnitId, title = '我的选票' }: { got: Got; onCast: () => void; forUnitId?: string; title?: string }) {
  const e = got.election
  const [choice, setChoice] = useState<string | null>(null)
  const [approve, setApprove] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const seats = e.seats ?? 0
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const who = forUnitId ? { forUnitId } : {}
      await callCloud('election', 'castBallot', e.kind === 'MOTION' ? { electionId: e.id, choice: choice as 'YES' | 'NO' | 'ABSTAIN', ...who } : { electionId: e.id, approve, ...who })
      onCast()
    } catch (err) {
      setError(isCloudError(err) && err.code === 'ALREADY_VOTED' ? '这个表决权已经有人投过票了（共有人、代理人或纸质选票），以第一张为准。' : errorText(err))
      if (isCloudError(err) && err.code === 'ALREADY_VOTED') onCast()
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title={title} id={forUnitId ? `election-proxy-ballot-${forUnitId}` : 'election-ballot'}>
      <Text className='caption notice-block'>选票记名保存，只有您自己能看到您的选择。共有的房屋只能投一票，以第一张有效选票为准。</Text>
      {e.kind === 'MOTION' ? (
        <View className='choice-grid'>
          {CHOICES.map((c) => <Choice key={c.value} id={`${forUnitId ? 'proxy-' : ''}ballot-${c.value}`} label={c.label} on={choice === c.value} onClick={() => setChoice(c.value)} />)}
        </View>
      ) : (
        <View>
          <Text className='body-text notice-block'>{`最多选 ${seats} 人，也可以都不选（弃权）。`}</Text>
          {got.candidates.map((c) => (
            <Checkbox key={c.id} id={`ballot-${c.id}`} checked={approve.includes(c.id)} disabled={!approve.includes(c.id) && approve.length >= seats} onChange={(on) => setApprove((a) => (on ? [...a, c.id] : a.filter((x) => x !== c.id)))}>
              {`${c.name}（${c.unitLabel}）`}
            </Checkbox>
          ))}
        </View>
      )}
      {error ? <Text className='form-error body-text' id='ballot-error'>{error}</Text> : null}
      <Button id={forUnitId ? 'proxy-ballot-submit' : 'ballot-submit'} block loading={busy} disabled={e.kind === 'MOTION' && !choice} onClick={() => void submit()}>
        提交选票
      </Button>
    </Card>
  )
}

function MyVote({ mine }: { mine: Mine }) {
  return (
    <Card title='我的投票' id='election-my-vote'>
      {mine.rights.map((r) => (
        <View key={r.party} className='notice-block'>
          {r.byMe ? (
            <>
              <Text className='body-text notice-block'>{`已投：${r.choice ? CHOICE_LABEL[r.choice] : `选了 ${r.approve?.length ?? 0} 人`}（面积 ${m2(r.areaCentiM2)}）`}</Text>
              <Text className='body-text notice-block'>投票码（请抄下或截图保存，用来核对记录）：</Text>
              <Text className='election-receipt' id='election-receipt' userSelect>{r.receipt}</Text>
            </>
          ) : (
            <Text className='body-text'>{`这个表决权已经投过票（${r.via === 'PAPER' ? '纸质选票' : r.via === 'PROXY' ? '代理人' : '共有人'}），内容只有投票人本人能看到。`}</Text>
          )}
        </View>
      ))}
    </Card>
  )
}

function VerifyCard({ electionId }: { electionId: string }) {
  const [code, setCode] = useState('')
  const [result, setResult] = useState<Verified | null>(null)
  const [error, setError] = useState<string | null>(null)
  const verify = async () => {
    setError(null)
    try {
      setResult(await callCloud('election', 'verifyReceipt', { electionId, receipt: code }))
    } catch (e) {
      setError(errorText(e))
    }
  }
  return (
    <Card title='验证我的投票' id='election-verify'>
      <TextField id='verify-code' label='投票码' value={code} onChange={setCode} placeholder='例如 K7QF-2MZX-…' hint='输入投票码，查看系统记录的是不是您投的内容' maxlength={24} />
      <Button id='verify-submit' variant='secondary' block disabled={code.trim().length < 4} onClick={() => void verify()}>验证</Button>
      {error ? <Text className='form-error body-text'>{error}</Text> : null}
      {result ? (
        <Text className='body-text notice-block' id='verify-result'>
          {result.found ? `记录一致：${result.choice ? CHOICE_LABEL[result.choice] : `选了 ${result.approve?.length ?? 0} 人`}，${result.castAt?.slice(0, 16).replace('T', ' ')} 记录。公开选票文件中这张票的编号是 ${result.receiptHash.slice(0, 12)}…` : '没有找到这个投票码，请检查是否输错。'}
        </Text>
      ) : null}
    </Card>
  )
}

function ResultsCard({ electionId, results, candidates }: { electionId: string; results: NonNullable<Results['results']>; candidates: Got['candidates'] }) {
  const [recount, setRecount] = useState<string | null>(null)
  const name = (cid: string) => candidates.find((c) => c.id === cid)?.name ?? cid
  const check = async () => {
    try {
      const file = await callCloud('election', 'ballotFile', { electionId })
      const again = recountBallotFile(file.text)
      const same = JSON.stringify(again.motion ?? again.election) === JSON.stringify(results.motion ?? results.election)
      setRecount(`${same && file.sha256 === results.ballotFileSha256 ? '用公开的选票文件重新计票：与公布结果一致 ✓' : '重新计票与公布结果不一致，请向业委会提出异议'}（文件 ${file.text.split('\n').filter((l) => l.startsWith('ballot,')).length} 张票）`)
    } catch (e) {
      setRecount(errorText(e))
    }
  }
  const m = results.motion
  const el = results.election
  return (
    <Card title='表决结果' id='election-results'>
      {m ? (
        <View className='list'>
          <ListRow title='结论' extra={<Text className='body-text' id='result-passed'>{!m.quorumMet ? '参与不足三分之二，未形成决定' : m.passed ? '通过' : '未通过'}</Text>} />
          <ListRow title='参与' extra={<Text className='body-text'>{t(m.participating)}</Text>} />
          <ListRow title='同意' extra={<Text className='body-text'>{t(m.yes)}</Text>} />
          <ListRow title='反对' extra={<Text className='body-text'>{t(m.no)}</Text>} />
          <ListRow title='弃权' extra={<Text className='body-text'>{t(m.abstain)}</Text>} />
          <ListRow title='全体' extra={<Text className='body-text'>{t(m.total)}</Text>} />
        </View>
      ) : el ? (
        <View className='list'>
          {el.candidates.map((c) => <ListRow key={c.id} title={name(c.id)} description={t(c.yes)} extra={<Text className='body-text'>{el.elected.includes(c.id) ? '当选' : el.tiesAtCutoff.includes(c.id) ? '票数相同，需再投' : el.alternates.includes(c.id) ? '候补' : '未当选'}</Text>} />)}
        </View>
      ) : null}
      <Text className='caption notice-block'>{`${results.legalBasis}。选票文件 SHA-256：${results.ballotFileSha256}`}</Text>
      <Button id='result-recount' variant='secondary' block onClick={() => void check()}>下载选票文件并重新计票</Button>
      {recount ? <Text className='body-text notice-block' id='recount-result'>{recount}</Text> : null}
    </Card>
  )
}
