import { Text, View } from '@tarojs/components'

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='state state--loading' ariaRole='status'>
      <View className='spinner' aria-hidden />
      <Text className='state__desc body-text'>{text}</Text>
    </View>
  )
}
