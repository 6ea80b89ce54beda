import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, CloudError, type CallOutput } from '@/services/cloud'
import { shanghaiDate } from '@domain/booking/time'
import { Button, Choice, ConfirmSheet, Empty, ErrorState, ListRow, Loading, PageHeader, TextField } from '@/shared/ui'
import { BOOKING_ROUTES } from '../../routes'
import { dayChoices, slotLabel } from '../../components/day-choices'
import { useResources } from '../../components/use-resources'

type Availability = CallOutput<'booking', 'availability'>
type Slot = Availability['slots'][number]
type Booking = CallOutput<'booking', 'create'>['booking']

const RESULT_TEXT: Record<string, string> = {
  CONFIRMED: '预约成功',
  PENDING_APPROVAL: '已提交，等待工作人员审核',
  WAITLISTED: '已加入候补',
}

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
  const [data, setData] = useState<Availability | null>(null)
  const [date, setDate] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [picked, setPicked] = useState<Slot | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string; booking?: Booking } | null>(null)

  const load = useCallback(
    (first?: string) => {
      setError(null)
      // The first load asks for today; the server clamps the window to the horizon (Shanghai days).
      const ask = first ?? date
      callCloud('booking', 'availability', { resourceId, date: ask ?? shanghaiDate(new Date()), days: 14 })
        .then((a) => {
          setData(a)
          setDate((d) => d ?? a.date)
        })
        .catch((e: unknown) => {
          // A phone clock a day off: start from the server's today instead.
          const today = e instanceof CloudError ? (e.details as { today?: string } | undefined)?.today : undefined
          if (!ask && today) load(today)
          else setError(errorText(e))
        })
    },
    [resourceId, date],
  )
  useEffect(() => load(), []) // eslint-disable-line react-hooks/exhaustive-deps

  const choices = useMemo(() => (data ? dayChoices(data.today, data.lastDate) : []), [data])
  const day = data?.days.find((d) => d.date === date) ?? null

  const book = async () => {
    if (!picked || !date) return
    setBusy(true)
    try {
      const r = await callCloud('booking', 'create', { resourceId, date, start: picked.start, ...(resource?.sensitive && note.trim() ? { note: note.trim() } : {}) })
      const pos = r.booking.waitPosition ? `（第${r.booking.waitPosition}位）` : ''
      setResult({ ok: true, text: `${RESULT_TEXT[r.booking.status] ?? r.booking.statusLabel}${pos}：${slotLabel(r.booking.date, r.booking.start, r.booking.end)}`, booking: r.booking })
      setPicked(null)
      setNote('')
    } catch (e) {
      setResult({ ok: false, text: errorText(e) })
      setPicked(null)
    } finally {
      setBusy(false)
      load()
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
      {error ? <ErrorState message={error} onRetry={() => load()} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <Text className='section-title'>选择日期</Text>
          <View className='choice-grid' id='day-choices'>
            {choices.map((c) => (
              <Choice key={c.date} id={`day-${c.date}`} label={c.label} on={c.date === date} onClick={() => setDate(c.date)} />
            ))}
          </View>
          <Text className='section-title'>选择时段</Text>
          {day?.closedReason ? <Empty id='day-closed' title={`当天不开放（${day.closedReason}）`} /> : null}
          {day?.slots.map((s) => (
            <ListRow
              key={s.start}
              id={`slot-${s.start.replace(':', '')}`}
              className={`slot-row slot-row--${s.state.toLowerCase()}`}
              title={`${s.start}–${s.end}`}
              description={s.capacity > 1 ? `共${s.capacity}位，已约${s.booked}位${s.waiting ? `，候补${s.waiting}位` : ''}` : s.waiting ? `候补${s.waiting}位` : undefined}
              extra={<Text className={s.bookable ? 'tag' : 'caption'}>{s.label}</Text>}
              onClick={s.bookable ? () => setPicked(s) : undefined}
            />
          ))}
        </>
      ) : null}
      {resource ? (
        <View className='notice-block'>
          <Text className='section-title'>预约规则</Text>
          {resource.rules.map((line) => (
            <Text key={line} className='body-text notice-line'>{`· ${line}`}</Text>
          ))}
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
            {resource?.rules.map((line) => (
              <Text key={line} className='body-text notice-line'>{`· ${line}`}</Text>
            ))}
            {resource?.sensitive ? (
              <TextField id='booking-note' label='简要事由（可不填，只有服务人员能看到）' value={note} onChange={setNote} maxlength={60} hint='请只写必要的信息，30天后自动删除' />
            ) : null}
          </View>
        ) : null}
      </ConfirmSheet>
    </PageShell>
  )
}
