import { Text, View } from '@tarojs/components'
import '../survey.scss'

export interface BarItem {
  id: string
  label: string
  /** Percent 0–100, or null when suppressed / not available. */
  share: number | null
  /** What is written beside the bar: "12人 · 40%", "少于5人，不显示". */
  text: string
  baseline?: boolean
}

/**
 * A bar chart drawn with plain views (no canvas, nothing heavy, issue #15): one labelled row per
 * bar, the value written out in words too, so the chart never relies on length or colour alone (R6.5).
 */
export function Bars({ items, id }: { items: BarItem[]; id?: string }) {
  return (
    <View id={id} className='bars'>
      {items.map((b) => (
        <View key={b.id} className='bar-row' id={id ? `${id}-${b.id}` : undefined}>
          <View className='bar-row__label'>
            <Text>{b.label}</Text>
            <Text className='bar-row__value'>{b.text}</Text>
          </View>
          <View className='bar-row__track'>
            <View className={b.baseline ? 'bar-row__fill bar-row__fill--baseline' : 'bar-row__fill'} style={{ width: `${Math.max(0, Math.min(100, b.share ?? 0))}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
}

/** "12人 · 40%" or the suppression note. */
export function cellText(count: number | null, share: number | null, unit = '人'): string {
  return count === null ? '少于5人，不显示' : `${count}${unit} · ${share ?? 0}%`
}
