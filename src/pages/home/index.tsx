import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { BootstrapOutput } from '@domain/user/contract'
import { PageShell, withPullDownRefresh } from '@/app-shell/PageShell'
import { SessionGate } from '@/app-shell/SessionGate'
import { roleLabels } from '@/app-shell/roles'
import { RoleTags } from '@/app-shell/RoleTags'
import { GridCards } from '@/features/grid/GridCard'
import { loadSession, useSession } from '@/features/session/session-store'
import { ROUTES } from '@/shared/lib/routes'
import { MEMBERSHIP_STATUS_LABELS, RELATION_LABELS } from '@/shared/lib/labels'
import { Button, Card, Empty, ListRow } from '@/shared/ui'

export default function HomePage() {
  const session = useSession()
  usePullDownRefresh(() => void withPullDownRefresh(loadSession))
  return (
    <PageShell title='邻里' id='home-page'>
      <SessionGate session={session}>{(data) => <HomeContent session={data} />}</SessionGate>
    </PageShell>
  )
}

function HomeContent({ session }: { session: BootstrapOutput }) {
  const roles = roleLabels(session)
  const needsToJoin = session.isNew || session.memberships.length === 0
  const hasHome = session.memberships.some((m) => m.status === 'APPROVED')
  // A new person starts with the privacy and consent steps; someone who has been through them
  // (or is staff) goes straight to choosing a unit.
  const startJoin = () => void Taro.navigateTo({ url: session.isNew ? ROUTES.onboarding : ROUTES.joinUnit })
  return (
    <View>
      <View className='page-header'>
        <Text className='caption'>当前社区</Text>
        <Text id='community-name' className='heading'>
          {session.currentCommunity?.name ?? '尚未加入社区'}
        </Text>
      </View>

      {roles.length > 0 ? (
        <Card title='我的身份' id='my-roles'>
          <RoleTags labels={roles} />
        </Card>
      ) : null}

      {session.memberships.length > 0 ? (
        <>
          <Text className='section-title'>我的房屋</Text>
          <View className='list' id='my-homes'>
            {session.memberships.map((m) => (
              <ListRow
                key={m.id}
                title={m.unitLabel}
                description={`${m.communityName} · ${RELATION_LABELS[m.relation]}`}
                extra={<Text className='caption'>{MEMBERSHIP_STATUS_LABELS[m.status]}</Text>}
              />
            ))}
          </View>
        </>
      ) : null}

      {hasHome ? <GridCards communityId={session.currentCommunity?.id ?? null} reloadKey={session} /> : null}

      {/* Staff without a home of their own: a quiet hint rather than the full welcome. */}
      {needsToJoin && !session.isNew && roles.length > 0 ? (
        <Card title='我的房屋' id='join-hint'>
          <Text className='body-text'>您还没有绑定房屋。如果您也住在本社区，可以绑定自己的房屋。</Text>
          <View className='spacer' />
          <Button id='join-btn' variant='secondary' block onClick={startJoin}>
            绑定房屋
          </Button>
        </Card>
      ) : null}

      {needsToJoin && (session.isNew || roles.length === 0) ? (
        <Empty
          id='join-empty'
          title={session.isNew ? '欢迎来到邻里' : '还没有加入社区'}
          description='加入您所在的社区后，可以查看社区通知、预约场地、参与社区议事。'
          action={
            <Button id='join-btn' block onClick={startJoin}>
              加入社区
            </Button>
          }
        />
      ) : null}
    </View>
  )
}
