import { Text, View } from '@tarojs/components'
import { ListRow } from '@/shared/ui'
import type { Thing } from './portal-model'
import { openUrl } from './open-url'

/** "My things": the person's open matters (an application under review, later bookings, repairs, votes). */
export function MyThingsCard({ things }: { things: Thing[] }) {
  if (things.length === 0) return null
  return (
    <View id='my-things' className='home-block card card--rows'>
      <Text className='card__title title'>我的事项</Text>
      {things.map((t) => (
        <ListRow key={t.key} id={`thing-${t.key}`} title={t.title} description={t.description} arrow onClick={() => openUrl(t.url)} />
      ))}
    </View>
  )
}
