import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { CloudImages } from '@/features/media/CloudImages'
import { Button, Card, ListRow } from '@/shared/ui'

type Summary = CallOutput<'election', 'get'>['election']
type Proxy = CallOutput<'election', 'proxies'>['proxies'][number]

const STATUS: Record<string, string> = { PENDING: '待审核', APPROVED: '已通过', REJECTED: '已退回', USED: '代理人已投票', SUPERSEDED: '业主已亲自投票，委托不再使用' }

/**
 * Proxies (R2.6): staff check the signed written authorisation (which item, the owner's choice)
 * before approving; the cap per agent and the bar on property-company staff are the server's.
 */
export function ProxyReview({ election: e }: { election: Summary }) {
  const [proxies, setProxies] = useState<Proxy[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const load = async () => {
    try {
      setProxies((await callCloud('election', 'proxies', { communityId: e.communityId, electionId: e.id })).proxies)
    } catch (err) {
      setMessage(errorText(err))
    }
  }
  useEffect(() => void load(), [e.id])
  const review = async (proxyId: string, approve: boolean) => {
    setMessage(null)
    try {
      await callCloud('election', 'approveProxy', { communityId: e.communityId, proxyId, approve })
      await load()
    } catch (err) {
      setMessage(errorText(err))
    }
  }
  return (
    <Card title='委托投票审核' id='staff-proxies'>
      <Text className='caption notice-block'>核对书面委托书：业主签名、委托的事项和业主的意见。每位代理人最多代理的户数按小区规定，物业人员不能做代理人。</Text>
      {proxies && !proxies.length ? <Text className='body-text'>暂无委托</Text> : null}
      <View className='list'>
        {(proxies ?? []).map((p) => (
          <View key={p.id} className='notice-block staff-proxy' id={`proxy-${p.id}`}>
            <ListRow title={`${p.unitLabel} · 委托人 ${p.ownerName}`} description={`代理人 ${p.agent} · ${STATUS[p.status] ?? p.status}`} />
            <CloudImages fileIds={p.authorisation} held={p.authorisationHeld} />
            {p.status === 'PENDING' ? (
              <View className='btn-row'>
                <Button id={`proxy-approve-${p.id}`} variant='secondary' onClick={() => void review(p.id, true)}>委托书无误，通过</Button>
                <Button id={`proxy-reject-${p.id}`} variant='text' onClick={() => void review(p.id, false)}>退回</Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
      {message ? <Text className='form-error body-text'>{message}</Text> : null}
    </Card>
  )
}
