import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { useStaffCommunity } from '../../components/use-staff-community'
import { ALERT_ADVICE, alertText, type SecurityAlert } from './alert-text'

/**
 * 核验异常提醒 (household.securityAlerts, issue #9 §7.2): units in the caller's review scope (a grid
 * worker's grids, R7.2) where online owner verification reached the day's limit in the last 7
 * days — unit, what happened, when — and the way back to the review queue, where applications to
 * those units wait for a careful look.
 */
export default function SecurityAlertsPage() {
  const { communityId, communityName } = useStaffCommunity()
  const [alerts, setAlerts] = useState<SecurityAlert[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('household', 'securityAlerts', { communityId })
      .then((r) => setAlerts(r.alerts))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])

  return (
    <PageShell title='核验异常提醒' id='alerts-page'>
      <PageHeader title='核验异常提醒' caption={communityName} />
      {!communityId ? <Empty title='没有可查看的社区' /> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {communityId && !alerts && !error ? <Loading /> : null}
      {alerts && alerts.length === 0 ? <Empty id='alerts-empty' title='近7天没有核验异常' /> : null}
      {alerts?.map((a) => (
        <Card key={a.id} title={a.unitLabel} className='security-alert' id={`alert-${a.id}`}>
          <Text className='body-text notice-block'>{alertText(a)}</Text>
          <Text className='caption notice-block'>{`时间：${formatDateTime(a.at)}`}</Text>
          <Text className='caption notice-block'>{ALERT_ADVICE}</Text>
        </Card>
      ))}
      {communityId ? (
        <Button id='alerts-to-review' block onClick={() => void Taro.navigateTo({ url: ROUTES.staffReview })}>
          去审核入户申请
        </Button>
      ) : null}
    </PageShell>
  )
}
