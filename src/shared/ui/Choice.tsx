import { Text, View } from '@tarojs/components'
import { cx } from './class-names'

/**
 * One option of a single choice (building, door, relation, 同意/不同意). A tap target of at least
 * 3rem; the chosen one is filled and also announced (aria-checked), not marked by colour alone.
 */
export function Choice({ label, on, onClick, id, className }: { label: string; on: boolean; onClick: () => void; id?: string; className?: string }) {
  return (
    <View id={id} className={cx('choice', on && 'choice--on', className)} ariaRole='radio' aria-checked={on} onClick={onClick}>
      <Text>{on ? `✓ ${label}` : label}</Text>
    </View>
  )
}
