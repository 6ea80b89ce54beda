import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export function Empty({ title, description, action, id }: { title: string; description?: string; action?: ReactNode; id?: string }) {
  return (
    <View id={id} className='state state--empty'>
      <Text className='state__title title'>{title}</Text>
      {description ? <Text className='state__desc body-text'>{description}</Text> : null}
      {action ? <View className='state__action'>{action}</View> : null}
    </View>
  )
}
