import { Text } from '@tarojs/components'
import { Button, Sheet } from '@/shared/ui'
import { dismissCareModeSuggestion, setCareMode, useCareMode } from './care-mode-store'

/** R6.1: a large WeChat font suggests care mode — offered, never forced. */
export function CareModeSuggestion() {
  const { suggestion } = useCareMode()
  return (
    <Sheet
      open={suggestion}
      id='care-suggestion'
      title='开启长辈版？'
      onClose={dismissCareModeSuggestion}
      footer={
        <>
          <Button id='care-suggestion-accept' block onClick={() => void setCareMode(true)}>
            开启长辈版
          </Button>
          <Button id='care-suggestion-dismiss' variant='secondary' block onClick={dismissCareModeSuggestion}>
            暂不开启
          </Button>
        </>
      }
    >
      <Text className='body-text'>我们发现您调大了微信字体。长辈版字更大、按钮更大，看得更清楚。以后可在“我的 → 长辈版”中随时切换。</Text>
    </Sheet>
  )
}
