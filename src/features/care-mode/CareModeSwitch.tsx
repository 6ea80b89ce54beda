import { Text, View } from '@tarojs/components'
import { Toggle } from '@/shared/ui'
import { setCareMode, useCareMode } from './care-mode-store'

/**
 * A compact 长辈版 switch for page headers (首页): the label says the state in words, not by
 * colour alone (R6.5); the whole pill is the target, at least 3rem tall.
 */
export function CareModeSwitch({ id }: { id: string }) {
  const { enabled } = useCareMode()
  return (
    <View
      id={id}
      className='care-switch'
      ariaRole='switch'
      aria-checked={enabled}
      hoverClass='list-row--hover'
      onClick={() => void setCareMode(!enabled)}
    >
      <Text className='care-switch__label body-text'>{enabled ? '长辈版 开' : '长辈版'}</Text>
      <Toggle on={enabled} />
    </View>
  )
}
