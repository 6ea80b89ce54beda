import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { BootstrapOutput } from '@domain/user/contract'
import { ROLE_LABELS } from '@domain/access/capabilities'
import { PageShell, withPullDownRefresh } from '@/app-shell/PageShell'
import { SessionGate } from '@/app-shell/SessionGate'
import { roleLabels } from '@/app-shell/roles'
import { RoleTags } from '@/app-shell/RoleTags'
import { CareModeRow } from '@/features/care-mode/CareModeRow'
import { capabilitiesOf, hasHome, isStaff, staffRolesHere } from '@/features/portal/session-facts'
import { loadSession, useSession } from '@/features/session/session-store'
import { ROUTES } from '@/shared/lib/routes'
import { Card, ListRow } from '@/shared/ui'

const go = (url: string) => () => void Taro.navigateTo({ url })

export default function MePage() {
  const session = useSession()
  usePullDownRefresh(() => void withPullDownRefresh(loadSession))

  return (
    <PageShell title='我的' id='me-page'>
      <SessionGate session={session}>
        {(data) => (
          <>
            <ProfileCard data={data} />
            <View className='list'>
              <ListRow id='profile-row' title='我的资料' description='昵称、姓名、联系电话' arrow onClick={go(ROUTES.profile)} />
              <ListRow id='households-row' title='我的房屋' description='申请记录、退出房屋' arrow onClick={go(ROUTES.myHouseholds)} />
              <OwnerReviewRow data={data} />
            </View>
            <StaffEntries data={data} />
          </>
        )}
      </SessionGate>

      {/* Settings stay usable even when the session failed to load. */}
      <Text className='section-title'>设置</Text>
      <View className='list'>
        <CareModeRow />
        <ListRow id='care-settings-row' title='长辈版说明与设置' arrow onClick={go(ROUTES.careModeSettings)} />
        <ListRow id='privacy-row' title='隐私设置' description='查看个人信息的用途，开启或撤回授权' arrow onClick={go(ROUTES.privacySettings)} />
        <ListRow id='my-data-entry' title='我的数据' description='下载我的数据、注销账号' arrow onClick={go(ROUTES.myData)} />
        <ListRow id='access-log-entry' title='谁看过我的数据' arrow onClick={go(ROUTES.accessLog)} />
      </View>

      {/* Rarely needed, so below the fold (issue 7 item 17): only staff handed a code use it. */}
      <Text className='section-title'>更多</Text>
      <View className='list' id='more-list'>
        <ListRow id='redeem-invite-row' title='输入邀请码' description='工作人员凭邀请码开通工作角色' arrow onClick={go(ROUTES.redeemInvite)} />
        {process.env.TARO_ENV === 'h5' ? (
          <ListRow id='persona-row' title='切换身份' description='开发环境：以演示身份使用' arrow onClick={go(ROUTES.devPersona)} />
        ) : null}
      </View>
    </PageShell>
  )
}

function ProfileCard({ data }: { data: BootstrapOutput }) {
  const roles = roleLabels(data)
  return (
    <Card id='profile-card'>
      <Text id='profile-name' className='heading'>
        {data.profile.nickname ?? '微信用户'}
      </Text>
      <Text className='caption'>{communityLine(data)}</Text>
      {roles.length > 0 ? <View className='spacer' /> : null}
      <RoleTags labels={roles} />
    </Card>
  )
}

/** 正在浏览 for someone who follows a community without a home or role (issue 7 item 10). */
function communityLine(data: BootstrapOutput): string {
  const name = data.currentCommunity?.name
  if (!name) return '尚未加入社区'
  return hasHome(data) || isStaff(data) ? name : `正在浏览：${name}`
}

/**
 * Owners review the tenant/family applications to their own units (household.listForReview and
 * household.review allow it without a staff role). Shown here, with the count, when they are not
 * staff who already have the 工作台 entry.
 */
function OwnerReviewRow({ data }: { data: BootstrapOutput }) {
  if (data.ownerReviews <= 0 || capabilitiesOf(data).has('household.review')) return null
  return (
    <ListRow
      id='owner-review-row'
      title='审核入户申请'
      description={`${data.ownerReviews} 条租户/家庭成员的入户申请待您审核`}
      extra={<Text className='tag'>{data.ownerReviews}</Text>}
      arrow
      onClick={go(ROUTES.staffReview)}
    />
  )
}

/**
 * Work entries by capability in the current community. Hiding them is a convenience only: every
 * action is checked by the server against the same capability table (domain/access/capabilities).
 * Anyone holding a granted role sees the section with their work identity, even when that role has
 * no page yet (物业人员).
 */
function StaffEntries({ data }: { data: BootstrapOutput }) {
  const caps = capabilitiesOf(data)
  const staffRoles = staffRolesHere(data)
  const entries = [
    caps.has('household.review') ? (
      <ListRow
        key='review'
        id='staff-review-row'
        title='审核入户申请'
        description={data.ownerReviews > 0 ? `其中 ${data.ownerReviews} 条是您房屋的申请` : undefined}
        arrow
        onClick={go(ROUTES.staffReview)}
      />
    ) : null,
    caps.has('household.read') ? (
      <ListRow key='directory' id='staff-directory-row' title='住户名册' description='按楼栋查看住户；查看电话会留痕' arrow onClick={go(ROUTES.staffDirectory)} />
    ) : null,
    caps.has('roster.import') ? <ListRow key='roster' id='staff-roster-row' title='业主名册导入' arrow onClick={go(ROUTES.staffRoster)} /> : null,
    caps.has('role.manage') ? <ListRow key='roles' id='staff-roles-row' title='角色管理' description='授予角色、生成邀请码' arrow onClick={go(ROUTES.staffRoles)} /> : null,
  ].filter(Boolean)
  if (entries.length === 0 && staffRoles.length === 0) return null
  const labels = [...new Set(staffRoles.map((r) => ROLE_LABELS[r.role]))]
  return (
    <>
      <Text className='section-title'>工作台</Text>
      <View className='list' id='staff-entries'>
        {labels.length > 0 ? (
          <ListRow
            id='staff-identity-row'
            title={`工作身份：${labels.join('、')}`}
            description={entries.length === 0 ? '该角色的工作功能将陆续开放' : data.currentCommunity?.name}
          />
        ) : null}
        {entries}
      </View>
    </>
  )
}
