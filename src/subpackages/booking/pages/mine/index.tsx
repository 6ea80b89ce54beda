import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { NO_SHOW_POLICY } from '@domain/booking/no-show'
import { dayLabel, shanghaiDate, shanghaiTime } from '@domain/booking/time'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, ConfirmSheet, Empty, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { useSession } from '@/features/session/session-store'
import { slotLabel } from '../../components/day-choices'
import { CheckInQr } from '../../components/CheckInQr'

type Mine = CallOutput<'booking', 'mine'>
type Booking = Mine['bookings'][number]

/**
 * 我的预约: bookings made by the person or for them (a family member's or grid worker's booking
 * says who made it, R6.7), with the check-in code large, the waitlist place, and 取消预约 when the
 * rules allow it. Reloaded on every show, so a promotion from the waitlist appears at once.
 */
export default function MyBookingsPage() {
  const [data, setData] = useState<Mine | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState<Booking | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)

  const [appeal, setAppeal] = useState('')
  const communityId = useSession().data?.currentCommunity?.id ?? null
  const sendAppeal = async () => {
    if (!communityId) return
    setBusy(true)
    try {
      await callCloud('booking', 'appeal', { communityId, reason: appeal.trim() })
      setNote('申诉已提交，工作人员处理后会恢复预约')
      setAppeal('')
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const load = useCallback(() => {
    setError(null)
    callCloud('booking', 'mine', {})
      .then(setData)
      .catch((e: unknown) => setError(errorText(e)))
  }, [])
  useDidShow(load)

  const cancel = async (b: Booking) => {
    setBusy(true)
    try {
      await callCloud('booking', 'cancel', { bookingId: b.id })
      setNote(`已取消：${b.resourceName} ${slotLabel(b.date, b.start, b.end)}`)
      setCancelling(null)
      load()
    } catch (e) {
      setNote(errorText(e))
      setCancelling(null)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='我的预约' id='booking-mine-page'>
      <PageHeader title='我的预约' intro='到场后把签到码给工作人员看' />
      {note ? (
        <Text id='mine-note' className='status-note body-text'>
          {note}
        </Text>
      ) : null}
      {data?.standing.pausedUntil ? (
        <Card title='预约暂停中' id='mine-paused'>
          <Text className='body-text notice-block'>{`因多次未到场，预约暂停至 ${dayLabel(shanghaiDate(new Date(data.standing.pausedUntil)))} ${shanghaiTime(data.standing.pausedUntil)}。如有特殊情况（生病、住院、临时有事），可以申诉，工作人员会处理。`}</Text>
          <TextField id='appeal-reason' label='申诉理由' value={appeal} onChange={setAppeal} maxlength={200} multiline />
          <Button id='appeal-btn' block loading={busy} disabled={appeal.trim().length < 4} onClick={() => void sendAppeal()}>
            提交申诉
          </Button>
        </Card>
      ) : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.bookings.length === 0 ? <Empty id='mine-empty' title='还没有预约' /> : null}
      {data?.bookings.map((b) => (
        <Card key={b.id} id={`mine-${b.id}`} className='mine-item' title={b.resourceName}>
          <Text className='title notice-block'>{slotLabel(b.date, b.start, b.end)}</Text>
          <View>
            <Text className='tag mine-status'>{b.waitPosition ? `${b.statusLabel}：第${b.waitPosition}位` : b.statusLabel}</Text>
            {b.bookedByLabel !== '本人预约' ? <Text className='tag'>{b.bookedByLabel}</Text> : null}
            {!b.forSelf ? <Text className='tag'>为他人代约</Text> : null}
          </View>
          {b.location ? <Text className='caption notice-block'>{b.location}</Text> : null}
          {b.checkInCode ? (
            <View className='checkin-code' id={`checkin-${b.id}`}>
              <Text className='caption'>签到码（给工作人员扫码，或念出6位数字）</Text>
              <CheckInQr bookingId={b.id} code={b.checkInCode} id={`qr-${b.id}`} />
              <Text className='invite-code checkin-code__digits'>{b.checkInCode}</Text>
              {b.checkInOpensAt && b.checkInClosesAt ? <Text className='caption'>{`签到时间 ${shanghaiTime(b.checkInOpensAt)}—${shanghaiTime(b.checkInClosesAt)}（北京时间）`}</Text> : null}
            </View>
          ) : null}
          {b.sensitive && b.note ? <Text className='caption notice-block'>{`事由：${b.note}`}</Text> : null}
          {b.canCancel ? (
            <Button id={`cancel-${b.id}`} variant='secondary' block onClick={() => setCancelling(b)}>
              取消预约
            </Button>
          ) : null}
        </Card>
      ))}
      <Text className='caption notice-block' id='no-show-policy'>{`未到场规则：${NO_SHOW_POLICY}`}</Text>

      <ConfirmSheet
        open={cancelling !== null}
        id='cancel-sheet'
        title='取消这个预约？'
        confirmText='确认取消'
        cancelText='不取消'
        danger
        busy={busy}
        onConfirm={() => cancelling && void cancel(cancelling)}
        onCancel={() => setCancelling(null)}
      >
        {cancelling ? <Text className='title'>{`${cancelling.resourceName}\n${slotLabel(cancelling.date, cancelling.start, cancelling.end)}`}</Text> : null}
        <Text className='body-text notice-block'>取消后名额会自动让给候补的邻居。</Text>
      </ConfirmSheet>
    </PageShell>
  )
}
