import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, ListRow } from '@/shared/ui'

type Summary = CallOutput<'election', 'get'>['election']
type Proxy = CallOutput<'election', 'proxies'>['proxies'][number]
type Step = 'ROSTER_PUBLICIZED' | 'DOCS_PUBLICIZED' | 'VOTING_OPEN' | 'PRELIM_RESULT' | 'RESULT_FINAL' | 'EXTEND' | 'TERMINATED'

/** The next lifecycle steps a status offers (the server decides whether the dates allow it, R3.1). */
const NEXT: Record<string, { to: Step; label: string }[]> = {
  PREP_GROUP_FORMED: [{ to: 'ROSTER_PUBLICIZED', label: '公示业主名册' }],
  ROSTER_PUBLICIZED: [{ to: 'DOCS_PUBLICIZED', label: '公示表决事项和候选人' }],
  DOCS_PUBLICIZED: [{ to: 'VOTING_OPEN', label: '开始投票' }],
  VOTING_OPEN: [
    { to: 'PRELIM_RESULT', label: '公布初步结果' },
    { to: 'EXTEND', label: '延期 14 天' },
    { to: 'TERMINATED', label: '终止表决' },
  ],
  PRELIM_RESULT: [{ to: 'RESULT_FINAL', label: '确定最终结果' }],
}
const PROXY_STATUS: Record<string, string> = { PENDING: '待审核', APPROVED: '已通过', REJECTED: '已退回' }

/**
 * For organisers (election.manage): move the vote along its lifecycle — each step audited, dates
 * enforced by the server, which explains a refusal (公示期未满 …) — and review proxies (R2.6).
 */
export function StaffPanel({ election, onChanged }: { election: Summary; onChanged: () => void }) {
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [proxies, setProxies] = useState<Proxy[]>([])
  const communityId = election.communityId

  const loadProxies = async () => {
    try {
      setProxies((await callCloud('election', 'proxies', { communityId, electionId: election.id })).proxies)
    } catch {
      setProxies([])
    }
  }
  useEffect(() => void loadProxies(), [election.id])

  const step = async (to: Step) => {
    setBusy(to)
    setMessage(null)
    try {
      const extra = to === 'EXTEND' ? { votingClosesAt: new Date(Math.max(Date.now(), Date.parse(election.votingClosesAt)) + 14 * 24 * 3600 * 1000).toISOString() } : {}
      await callCloud('election', 'transition', { communityId, electionId: election.id, to, ...extra })
      setMessage('已完成，并记入审计链')
      onChanged()
    } catch (e) {
      setMessage(errorText(e))
    } finally {
      setBusy(null)
    }
  }
  const review = async (proxyId: string, approve: boolean) => {
    setBusy(proxyId)
    try {
      await callCloud('election', 'approveProxy', { communityId, proxyId, approve })
      await loadProxies()
    } catch (e) {
      setMessage(errorText(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Card title='组织者操作' id='election-staff'>
      <Text className='caption notice-block'>{`当前：${election.statusLabel}。每一步都按日期由服务器核验，并写入不可篡改的审计链。`}</Text>
      <View className='btn-row'>
        {(NEXT[election.status] ?? []).map((n) => (
          <Button key={n.to} id={`staff-step-${n.to}`} variant={n.to === 'TERMINATED' ? 'text' : 'secondary'} loading={busy === n.to} onClick={() => void step(n.to)}>
            {n.label}
          </Button>
        ))}
      </View>
      {message ? <Text className='body-text notice-block' id='staff-message'>{message}</Text> : null}
      {proxies.length ? (
        <View className='list' id='staff-proxies'>
          {proxies.map((p) => (
            <ListRow
              key={p.id}
              title={`${p.unitLabel} · 委托人 ${p.ownerName}`}
              description={`代理人 ${p.agent} · ${PROXY_STATUS[p.status] ?? p.status} · 委托书 ${p.authorisationFileId}`}
              extra={
                p.status === 'PENDING' ? (
                  <View className='btn-row'>
                    <Button variant='secondary' loading={busy === p.id} onClick={() => void review(p.id, true)}>通过</Button>
                    <Button variant='text' onClick={() => void review(p.id, false)}>退回</Button>
                  </View>
                ) : undefined
              }
            />
          ))}
        </View>
      ) : null}
    </Card>
  )
}
