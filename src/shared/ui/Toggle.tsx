import { View } from '@tarojs/components'
import { cx } from './class-names'

/** A visual on/off knob; the row that contains it is the tap target and carries role="switch". */
export function Toggle({ on }: { on: boolean }) {
  return (
    <View className={cx('toggle', on && 'toggle--on')} aria-hidden>
      <View className='toggle__knob' />
    </View>
  )
}
