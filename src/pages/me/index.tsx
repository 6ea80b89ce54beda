import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell, withPullDownRefresh } from '@/app-shell/PageShell'
import { SessionGate } from '@/app-shell/SessionGate'
import { roleLabels } from '@/app-shell/roles'
import { CareModeRow } from '@/features/care-mode/CareModeRow'
import { loadSession, useSession } from '@/features/session/session-store'
import { ROUTES } from '@/shared/lib/routes'
import { Card, ListRow } from '@/shared/ui'

export default function MePage() {
  const session = useSession()
  usePullDownRefresh(() => void withPullDownRefresh(loadSession))
  const go = (url: string) => () => void Taro.navigateTo({ url })

  return (
    <PageShell title='我的' id='me-page'>
      <SessionGate session={session}>
        {(data) => {
          const roles = roleLabels(data)
          return (
            <Card id='profile-card'>
              <Text id='profile-name' className='heading'>
                {data.profile.nickname ?? '微信用户'}
              </Text>
              <Text className='caption'>{data.currentCommunity?.name ?? '尚未加入社区'}</Text>
              {roles.length > 0 ? (
                <View className='spacer' />
              ) : null}
              <View>
                {roles.map((label) => (
                  <Text key={label} className='tag role-tag'>
                    {label}
                  </Text>
                ))}
              </View>
            </Card>
          )
        }}
      </SessionGate>

      {/* Settings stay usable even when the session failed to load. */}
      <Text className='section-title'>设置</Text>
      <View className='list'>
        <CareModeRow />
        <ListRow id='care-settings-row' title='长辈版说明与设置' arrow onClick={go(ROUTES.careModeSettings)} />
        <ListRow id='privacy-row' title='隐私设置' description='查看个人信息的用途，管理授权' arrow onClick={go(ROUTES.privacySettings)} />
        {process.env.TARO_ENV === 'h5' ? (
          <ListRow id='persona-row' title='切换身份' description='开发环境：以演示身份使用' arrow onClick={go(ROUTES.devPersona)} />
        ) : null}
      </View>
    </PageShell>
  )
}
