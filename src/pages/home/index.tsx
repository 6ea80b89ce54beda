import { useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { BootstrapOutput } from '@domain/user/contract'
import { ROLE_LABELS } from '@domain/access/capabilities'
import { PageShell, withPullDownRefresh } from '@/app-shell/PageShell'
import { SessionGate } from '@/app-shell/SessionGate'
import { roleLabels } from '@/app-shell/roles'
import { RoleTags } from '@/app-shell/RoleTags'
import { CareModeSwitch } from '@/features/care-mode/CareModeSwitch'
import { GridCards } from '@/features/grid/GridCard'
import { AlertStrip } from '@/features/portal/AlertStrip'
import { EntryGrid } from '@/features/portal/EntryGrid'
import { MyThingsCard } from '@/features/portal/MyThingsCard'
import { VisitorCard } from '@/features/portal/VisitorCard'
import { WorkCard } from '@/features/portal/WorkCard'
import { visibleEntries } from '@/features/portal/portal-model'
import { registrations } from '@/features/portal/registry'
import { hasHome, isStaff, isVisitor, staffRolesHere } from '@/features/portal/session-facts'
import type { PortalRegistration } from '@/features/portal/types'
import { usePortal } from '@/features/portal/use-portal'
import { loadSession, useSession } from '@/features/session/session-store'
import { ROUTES } from '@/shared/lib/routes'
import { MEMBERSHIP_STATUS_LABELS, RELATION_LABELS } from '@/shared/lib/labels'
import { Button, ListRow } from '@/shared/ui'

/**
 * 首页 as a service portal (issue 7): community header with the 长辈版 switch, the 紧急/unread
 * strip, staff work counts, "my things", the grid of service entries, the person's homes, the
 * grid card (R7.1), and for a visitor what joining unlocks. Features fill it through
 * features/portal/registry.ts; every block keeps the same 1rem gap (.home-block).
 */
export default function HomePage({ portal = registrations }: { portal?: readonly PortalRegistration[] }) {
  const session = useSession()
  // Counts are reloaded each time the tab is shown again (after a review, a count must follow);
  // the first show is the mount, which loads them already.
  const [shown, setShown] = useState(0)
  const mounted = useRef(false)
  useDidShow(() => {
    if (mounted.current) setShown((n) => n + 1)
    mounted.current = true
  })
  usePullDownRefresh(() => void withPullDownRefresh(loadSession))
  return (
    <PageShell title='邻里' id='home-page'>
      <SessionGate session={session}>{(data) => <HomeContent session={data} portal={portal} shown={shown} />}</SessionGate>
    </PageShell>
  )
}

function HomeContent({ session, portal, shown }: { session: BootstrapOutput; portal: readonly PortalRegistration[]; shown: number }) {
  const { work, things, alerts } = usePortal(portal, session, shown)
  const entries = visibleEntries(portal, session)
  const staff = isStaff(session)
  const visitor = isVisitor(session)
  // A new person starts with the privacy and consent steps; someone who has been through them
  // (or is staff) goes straight to choosing a unit.
  const startJoin = () => void Taro.navigateTo({ url: session.isNew ? ROUTES.onboarding : ROUTES.joinUnit })
  const staffLabels = [...new Set(staffRolesHere(session).map((r) => ROLE_LABELS[r.role]))]
  return (
    <View>
      <HomeHeader session={session} />
      <AlertStrip alerts={alerts} />
      {staff ? <WorkCard work={work} identity={`${staffLabels.join('、')} · ${session.currentCommunity?.name ?? ''}`} /> : null}
      <MyThingsCard things={things} />
      {/* A visitor first reads what joining gives, then what already works without it. */}
      {visitor && !session.memberships.some((m) => m.status === 'APPLIED') ? (
        <VisitorCard
          title={session.isNew ? '欢迎来到邻里' : '还没有绑定房屋'}
          joinLabel={session.isNew ? '加入社区' : '绑定房屋'}
          onJoin={startJoin}
        />
      ) : null}
      <EntryGrid entries={entries} title={visitor ? '现在就可以使用' : '社区服务'} />
      <MyHomes session={session} />
      {hasHome(session) ? <GridCards communityId={session.currentCommunity?.id ?? null} reloadKey={session} className='home-block' /> : null}
      {/* Staff without a home of their own: a quiet hint rather than the full welcome. */}
      {staff && !hasHome(session) && !session.memberships.some((m) => m.status === 'APPLIED') ? (
        <View className='home-block card' id='join-hint'>
          <Text className='card__title title'>我的房屋</Text>
          <Text className='body-text notice-block'>您还没有绑定房屋。如果您也住在本社区，可以绑定自己的房屋。</Text>
          <Button id='join-btn' variant='secondary' block onClick={startJoin}>
            绑定房屋
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/**
 * The community the person is in — 当前社区 for members and staff; 正在浏览 for someone who
 * follows a community without a home (a developer's representative), never 当前社区 above
 * 还没有加入社区 (issue 7 item 10).
 */
function HomeHeader({ session }: { session: BootstrapOutput }) {
  const roles = roleLabels(session)
  const member = hasHome(session) || isStaff(session)
  const community = session.currentCommunity
  return (
    <View className='home-block home-header' id='home-header'>
      <View className='home-header__text'>
        <Text className='caption'>{community ? (member ? '当前社区' : '正在浏览') : '邻里 · 社区服务'}</Text>
        <Text id='community-name' className='heading'>
          {community?.name ?? '尚未加入社区'}
        </Text>
        {roles.length > 0 ? (
          <View id='my-roles' className='home-header__roles'>
            <RoleTags labels={roles} />
          </View>
        ) : null}
      </View>
      <CareModeSwitch id='home-care-toggle' />
    </View>
  )
}

function MyHomes({ session }: { session: BootstrapOutput }) {
  if (session.memberships.length === 0) return null
  return (
    <View className='home-block card card--rows' id='my-homes'>
      <Text className='card__title title'>我的房屋</Text>
      {session.memberships.map((m) => (
        <ListRow
          key={m.id}
          title={m.unitLabel}
          description={`${m.communityName} · ${RELATION_LABELS[m.relation]}`}
          extra={<Text className='caption'>{MEMBERSHIP_STATUS_LABELS[m.status]}</Text>}
        />
      ))}
    </View>
  )
}
