import { Text, View } from '@tarojs/components'
import { Button } from './Button'

/**
 * A failed load: the zh-CN message and a retry button. No error code: "NETWORK" means nothing to a
 * resident (issue #7 item 10); the request id is in the function logs for support.
 */
export function ErrorState({ message, onRetry, retrying }: { message: string; onRetry?: () => void; retrying?: boolean }) {
  return (
    <View className='state state--error' ariaRole='alert'>
      <Text className='state__title title'>加载失败</Text>
      <Text className='state__desc body-text'>{message}</Text>
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
