import { usePullDownRefresh } from '@tarojs/taro'
import { PageShell, withPullDownRefresh } from '@/app-shell/PageShell'
import { SessionGate } from '@/app-shell/SessionGate'
import { loadSession, useSession } from '@/features/session/session-store'
import { Empty } from '@/shared/ui'

/** The notice board (R5.6: the primary channel). The list arrives with the notice feature. */
export default function NoticesPage() {
  const session = useSession()
  usePullDownRefresh(() => void withPullDownRefresh(loadSession))
  return (
    <PageShell title='通知' id='notices-page'>
      <SessionGate session={session}>
        {(data) => (
          <Empty
            id='notices-empty'
            title='暂无通知'
            description={
              data.currentCommunity ? `${data.currentCommunity.name}发布的通知会显示在这里。` : '加入社区后，社区发布的通知会显示在这里。'
            }
          />
        )}
      </SessionGate>
    </PageShell>
  )
}
