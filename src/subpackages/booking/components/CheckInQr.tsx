import { useMemo } from 'react'
import { View } from '@tarojs/components'
import { useTheme } from '@/features/care-mode/care-mode-store'
import { checkInPayload, qrModules, QUIET_ZONE, runsOf } from './check-in-qr'
import './check-in-qr.scss'

/**
 * The check-in QR drawn with plain views: one row per module row, each run of light or dark
 * modules one view whose width is its share of the row. Black on white (the contrast scanners and
 * domain-rules §6 ask for), a 4-module white quiet zone, and a side in rem — 13rem is 208 px; in
 * 长辈版 15rem at a 20 px root is 300 px, big enough to hold up to a scanner with a shaking hand.
 */
export function CheckInQr({ bookingId, code, id }: { bookingId: string; code: string; id?: string }) {
  const { careMode } = useTheme()
  const payload = checkInPayload(bookingId, code)
  const rows = useMemo(() => qrModules(payload).map(runsOf), [payload])
  const sideRem = careMode ? 15 : 13
  const module = sideRem / (rows.length + 2 * QUIET_ZONE)
  return (
    <View className='checkin-qr' id={id} data-payload={payload} style={{ width: `${sideRem}rem`, padding: `${module * QUIET_ZONE}rem` }}>
      {rows.map((runs, y) => (
        <View key={y} className='checkin-qr__row' style={{ height: `${module}rem` }}>
          {runs.map((n, i) => (n > 0 ? <View key={i} className={i % 2 ? 'checkin-qr__dark' : 'checkin-qr__light'} style={{ width: `${(n * 100) / rows.length}%` }} /> : null))}
        </View>
      ))}
    </View>
  )
}
