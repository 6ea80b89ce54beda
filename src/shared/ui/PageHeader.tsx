import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/**
 * The top of a page: its heading and one line under it — an explanation in body text (`intro`,
 * read by everyone, so full size) or a quiet caption such as the community name (`caption`).
 */
export function PageHeader({ title, intro, caption }: { title: string; intro?: ReactNode; caption?: ReactNode }) {
  return (
    <View className='page-header'>
      <Text className='heading'>{title}</Text>
      {intro ? <Text className='body-text'>{intro}</Text> : null}
      {caption ? <Text className='caption'>{caption}</Text> : null}
    </View>
  )
}
