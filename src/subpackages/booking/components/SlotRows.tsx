import { Text, View } from '@tarojs/components'
import { Choice, Empty, ListRow } from '@/shared/ui'
import type { useAvailability, Slot } from './use-availability'

/**
 * The day buttons and the slots of the chosen day: every slot a full-width row that says its
 * state in words (可预约（剩3位） / 已满，可候补 / 已满, R6.5) — no calendar grid, so 长辈版 stays
 * usable at 78. A bookable row opens the caller's confirmation.
 */
export function DaysAndSlots({ av, onPick }: { av: ReturnType<typeof useAvailability>; onPick: (s: Slot) => void }) {
  const { choices, date, setDate, day } = av
  return (
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
          onClick={s.bookable ? () => onPick(s) : undefined}
        />
      ))}
    </>
  )
}

/** The resource's rules in words, one line each (stated before the confirming tap, issue #11). */
export function RuleLines({ rules }: { rules: readonly string[] }) {
  return (
    <>
      {rules.map((line) => (
        <Text key={line} className='body-text notice-line'>{`· ${line}`}</Text>
      ))}
    </>
  )
}
