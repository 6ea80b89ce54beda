import { Text, View } from '@tarojs/components'
import type { CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { STATUS_LABELS } from '@domain/repair/model'

type History = CallOutput<'repair', 'get'>['history']

/** Every step of a repair with who, when and the note (issue #14 §1), oldest first. */
export function Timeline({ history }: { history: History }) {
  return (
    <View id='repair-timeline' className='timeline'>
      {history.map((h, i) => (
        <View key={i} className='timeline__step'>
          <Text className='body-text timeline__what'>{`${h.action === 'escalate' ? '已督办' : STATUS_LABELS[h.to]} · ${h.by}`}</Text>
          <Text className='caption'>{formatDateTime(h.at)}</Text>
          {h.note ? <Text className='body-text'>{h.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}
