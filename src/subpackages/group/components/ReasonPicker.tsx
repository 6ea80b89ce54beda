import { Text, View } from '@tarojs/components'
import { Choice, TextField } from '@/shared/ui'

/**
 * A reason the author (or the proposer) will read (R5.8: every moderation step shown with its
 * reason): common ones a tap away — staff on a phone, often in 长辈版 — or written out.
 */
export function ReasonPicker({ id, presets, value, onChange, label = '理由（对方可以看到）' }: { id: string; presets: readonly string[]; value: string; onChange: (v: string) => void; label?: string }) {
  return (
    <View className='reason-picker' id={id}>
      <Text className='caption'>{label}</Text>
      <View className='choice-grid'>
        {presets.map((p, i) => (
          <Choice key={p} id={`${id}-preset-${i}`} label={p} on={value === p} onClick={() => onChange(p)} />
        ))}
      </View>
      <TextField id={`${id}-text`} label='或写明理由' value={presets.includes(value) ? '' : value} maxlength={200} onChange={onChange} />
    </View>
  )
}
