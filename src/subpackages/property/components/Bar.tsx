import { Text, View } from '@tarojs/components'

/**
 * A horizontal bar drawn with plain views (no chart library, issue #14 §6), with its value in
 * words beside it so nothing relies on colour or length alone (R6.5).
 */
export function Bar({ label, fraction, value, id }: { label: string; fraction: number; value: string; id?: string }) {
  const pct = Math.max(0, Math.min(1, fraction)) * 100
  return (
    <View className='property-bar' id={id}>
      <Text className='property-bar__label body-text'>{label}</Text>
      <View className='property-bar__track'>
        <View className='property-bar__fill' style={{ width: `${pct.toFixed(1)}%` }} />
      </View>
      <Text className='property-bar__value body-text'>{value}</Text>
    </View>
  )
}
