import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Empty, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'

type Election = CallOutput<'election', 'list'>['elections'][number]

const day = (iso: string) => iso.slice(0, 10)

/** 业主表决: every vote of the current community, open ones first (issue #12 item 10). */
export default function ElectionListPage() {
  const session = useSession()
  const communityId = session.data?.currentCommunity?.id ?? null
  const [state, setState] = useState<{ loading: boolean; error: string | null; elections: Election[] }>({ loading: true, error: null, elections: [] })

  const load = useCallback(async () => {
    if (!communityId) return
    setState((s) => ({ ...s, loading: true, error: null }))
    try {
      const { elections } = await callCloud('election', 'list', { communityId })
      elections.sort((a, b) => Number(b.votingOpen) - Number(a.votingOpen))
      setState({ loading: false, error: null, elections })
    } catch (error) {
      setState({ loading: false, error: errorText(error), elections: [] })
    }
  }, [communityId])
  useDidShow(() => void load())

  return (
    <PageShell title='业主表决' id='election-list-page'>
      <PageHeader title='业主表决' caption={session.data?.currentCommunity?.name ?? ''} />
      {communityId && (session.data?.capabilities[communityId] ?? []).includes('election.manage') ? (
        <Button id='election-create-go' variant='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.electionCreate })}>发起表决或选举</Button>
      ) : null}
      <Text className='body-text notice-block'>业主共同决定的事项按《民法典》第278条表决：先要三分之二以上的业主（人数和面积都要）参与，再看同意的是否过半或达到四分之三。租户和家庭成员可以查看，不参加表决。</Text>
      {!communityId ? <Empty title='还没有加入社区' /> : state.loading && !state.elections.length ? <Loading /> : state.error ? <ErrorState message={state.error} onRetry={() => void load()} /> : state.elections.length === 0 ? <Empty title='暂时没有表决事项' /> : (
        <View className='list' id='election-list'>
          {state.elections.map((e) => (
            <ListRow
              key={e.id}
              className='election-row'
              title={e.title}
              description={`${e.statusLabel} · ${e.votingOpen ? `投票截止 ${day(e.votingClosesAt)}` : `投票 ${day(e.votingOpensAt)} 至 ${day(e.votingClosesAt)}`}`}
              arrow
              onClick={() => void Taro.navigateTo({ url: `${ROUTES.electionVote}?id=${encodeURIComponent(e.id)}` })}
            />
          ))}
        </View>
      )}
    </PageShell>
  )
}
