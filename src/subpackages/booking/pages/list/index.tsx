import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { CATEGORY_LABELS } from '@domain/booking/model'
import { PageShell } from '@/app-shell/PageShell'
import { callCloud } from '@/services/cloud'
import { Card, Empty, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'
import { BOOKING_ROUTES } from '../../routes'
import { useResources } from '../../components/use-resources'

/**
 * 预约服务: the community's facilities and services (issue #11), each with who runs it, seats and
 * whether it needs approval — then a tap to the day-by-day view. Staff with booking.manage also
 * get the day sheet (check-in, approvals) and the resource editor. 代人预约 shows only when there is
 * someone to book for (a family member in the home, or a grid to serve): no row that leads nowhere.
 */
export default function BookingListPage() {
  const { communityId, communityName, resources, error, reload, canManage } = useResources()
  const go = (url: string) => void Taro.navigateTo({ url })
  const [canProxy, setCanProxy] = useState(false)
  useEffect(() => {
    if (!communityId) return
    callCloud('booking', 'proxyTargets', { communityId })
      .then((r) => setCanProxy(r.family.length > 0 || r.buildings.length > 0))
      .catch(() => setCanProxy(false))
  }, [communityId])
  return (
    <PageShell title='预约服务' id='booking-list-page'>
      <PageHeader title='预约服务' caption={communityName} />
      <ListRow id='booking-mine-row' title='我的预约' description='查看签到码、候补顺序，取消预约' arrow onClick={() => go(BOOKING_ROUTES.mine)} />
      {canProxy ? <ListRow id='booking-proxy-row' title='代人预约' description='为家人或网格内的居民预约，对方可查看和取消' arrow onClick={() => go(BOOKING_ROUTES.proxy)} /> : null}
      <Text className='section-title'>可预约的设施和服务</Text>
      {!communityId ? <Empty title='加入社区后即可预约' /> : null}
      {error ? <ErrorState message={error} onRetry={reload} /> : null}
      {communityId && !resources && !error ? <Loading /> : null}
      {resources && resources.length === 0 ? <Empty title='本社区暂无可预约的设施' /> : null}
      {resources?.map((r) => (
        <ListRow
          key={r.id}
          id={`resource-${r.id}`}
          className='resource-row'
          title={r.name}
          description={`${CATEGORY_LABELS[r.category]} · ${r.location} · ${r.exclusive ? '一户独享' : `每时段${r.capacity}个名额`}${r.requiresApproval ? ' · 需审核' : ''}${r.sensitive ? ' · 敏感服务' : ''}`}
          arrow
          onClick={() => go(`${BOOKING_ROUTES.day}?id=${encodeURIComponent(r.id)}`)}
        />
      ))}
      {canManage ? (
        <Card title='工作台' id='booking-staff-card'>
          <ListRow id='booking-sheet-row' title='预约名单与签到' description='按设施和日期查看名单、审核、签到' arrow onClick={() => go(BOOKING_ROUTES.sheet)} />
          <ListRow id='booking-manage-row' title='设施管理' description='开放时间、名额、限额、审核与签到规则' arrow onClick={() => go(BOOKING_ROUTES.manage)} />
        </Card>
      ) : null}
    </PageShell>
  )
}
