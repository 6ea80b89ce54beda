import { Text, View } from '@tarojs/components'
import { ListRow } from '@/shared/ui'
import type { WorkCount } from './portal-model'
import { openUrl } from './open-url'

/** Staff work on 首页 (issue 7 item 15): one row per count above zero, each a tap away. */
export function WorkCard({ work, identity }: { work: WorkCount[] | null; identity: string }) {
  return (
    <View id='work-card' className='home-block card card--rows'>
      <Text className='card__title title'>工作台</Text>
      <Text className='caption notice-block'>{identity}</Text>
      {work === null ? <Text className='caption notice-block'>正在统计待办…</Text> : null}
      {work !== null && work.length === 0 ? (
        <Text id='work-none' className='body-text notice-block'>
          暂无待办事项
        </Text>
      ) : null}
      {work?.map((w) => (
        <ListRow
          key={w.key}
          id={`work-${w.key}`}
          title={w.title}
          // The number alone: with "条" the title wrapped at a 24 px root.
          extra={<Text className='count-badge'>{String(w.count)}</Text>}
          arrow
          onClick={() => openUrl(w.url)}
        />
      ))}
    </View>
  )
}
