import { Text, View } from '@tarojs/components'

/** The caller's roles as tags (居民 · 业主 · 网格员 …), on 首页 and 我的. */
export function RoleTags({ labels }: { labels: readonly string[] }) {
  return (
    <View>
      {labels.map((label) => (
        <Text key={label} className='tag role-tag'>
          {label}
        </Text>
      ))}
    </View>
  )
}
