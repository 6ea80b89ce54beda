import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from './class-names'

export interface CheckboxProps {
  checked: boolean
  onChange: (checked: boolean) => void
  children: ReactNode
  id?: string
  disabled?: boolean
}

/**
 * A consent tick box as a full-width row (min 3rem: 48 px / 60 px in care mode). It starts however
 * the caller says — consent boxes are always passed `checked={false}` first (R4.3: no pre-ticked
 * boxes). The state is also written out (已勾选), never shown by colour alone (R6.5).
 */
export function Checkbox({ checked, onChange, children, id, disabled }: CheckboxProps) {
  return (
    <View
      id={id}
      className={cx('checkbox-row', checked && 'checkbox-row--checked', disabled && 'checkbox-row--disabled')}
      ariaRole='checkbox'
      aria-checked={checked}
      aria-disabled={disabled}
      onClick={disabled ? undefined : () => onChange(!checked)}
    >
      <View className={cx('checkbox__box', checked && 'checkbox__box--on')} aria-hidden>
        {checked ? <Text className='checkbox__mark'>✓</Text> : null}
      </View>
      <Text className='checkbox__label body-text'>{children}</Text>
    </View>
  )
}
