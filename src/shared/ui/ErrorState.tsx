import { Text, View } from '@tarojs/components'
import { Button } from './Button'

/** A failed load: the zh-CN message, the code (for support calls) and a retry button. */
export function ErrorState({ message, code, onRetry, retrying }: { message: string; code?: string; onRetry?: () => void; retrying?: boolean }) {
  return (
    <View className='state state--error' ariaRole='alert'>
      <Text className='state__title title'>加载失败</Text>
      <Text className='state__desc body-text'>{message}</Text>
      {code ? <Text className='state__code caption'>错误代码：{code}</Text> : null}
      {onRetry ? (
        <View className='state__action'>
          <Button id='retry-btn' onClick={onRetry} loading={retrying}>
            重试
          </Button>
        </View>
      ) : null}
    </View>
  )
}
