import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, ConfirmSheet, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { BOOKING_ROUTES } from '../../routes'
import { bookedText, slotLabel } from '../../components/day-choices'
import { useResources } from '../../components/use-resources'
import { useAvailability, type Slot } from '../../components/use-availability'
import { DaysAndSlots, RuleLines } from '../../components/SlotRows'

type Booking = CallOutput<'booking', 'create'>['booking']

/**
 * One resource, day by day (issue #11): large day buttons, then every slot as a full-width row
 * that says its state in words (可预约（剩3位） / 已满，可候补 / 已满, R6.5). Tapping a bookable
 * slot opens a large-font summary with the rules before the confirming tap, no time limit (R6.6).
 */
export default function BookingDayPage() {
  const { params } = useRouter()
  const resourceId = decodeURIComponent(params.id ?? '')
  const { resources } = useResources()
  const resource = resources?.find((r) => r.id === resourceId) ?? null
  const av = useAvailability(resourceId)
  const { data, date, error } = av
  const [picked, setPicked] = useState<Slot | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string; booking?: Booking } | null>(null)

  const book = async () => {
    if (!picked || !date) return
    setBusy(true)
    try {
      const r = await callCloud('booking', 'create', { resourceId, date, start: picked.start, ...(resource?.sensitive && note.trim() ? { note: note.trim() } : {}) })
      setResult({ ok: true, text: bookedText(r.booking), booking: r.booking })
      setPicked(null)
      setNote('')
    } catch (e) {
      setResult({ ok: false, text: errorText(e) })
      setPicked(null)
    } finally {
      setBusy(false)
      av.reload()
    }
  }

  return (
    <PageShell title={resource?.name ?? '选择时段'} id='booking-day-page'>
      <PageHeader title={resource?.name ?? '选择时段'} intro={resource ? `${resource.location} · ${resource.description}` : undefined} />
      {result ? (
        <View id='booking-result' className={result.ok ? 'status-note body-text' : 'error-banner body-text'}>
          <Text>{result.text}</Text>
          {result.ok ? (
            <Button id='go-mine' variant='secondary' block onClick={() => void Taro.navigateTo({ url: BOOKING_ROUTES.mine })}>
              查看我的预约
            </Button>
          ) : null}
        </View>
      ) : null}
      {error ? <ErrorState message={error} onRetry={av.reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? <DaysAndSlots av={av} onPick={setPicked} /> : null}
      {resource ? (
        <View className='notice-block'>
          <Text className='section-title'>预约规则</Text>
          <RuleLines rules={resource.rules} />
        </View>
      ) : null}

      <ConfirmSheet
        open={picked !== null}
        id='booking-confirm'
        title={picked?.state === 'WAITLIST' ? '确认加入候补' : '确认预约'}
        confirmText={picked?.state === 'WAITLIST' ? '加入候补' : '确认预约'}
        busy={busy}
        onConfirm={() => void book()}
        onCancel={() => setPicked(null)}
      >
        {picked && date ? (
          <View id='booking-summary'>
            <Text className='title notice-block'>{resource?.name}</Text>
            <Text className='title notice-block' id='booking-summary-time'>{slotLabel(date, picked.start, picked.end)}</Text>
            {picked.state === 'WAITLIST' ? <Text className='body-text notice-block'>此时段已满。有人取消时按候补顺序自动为您保留，并通知您。</Text> : null}
            {resource ? <RuleLines rules={resource.rules} /> : null}
            {resource?.sensitive ? (
              <TextField id='booking-note' label='简要事由（可不填，只有服务人员能看到）' value={note} onChange={setNote} maxlength={60} hint='请只写必要的信息，30天后自动删除' />
            ) : null}
          </View>
        ) : null}
      </ConfirmSheet>
    </PageShell>
  )
}
