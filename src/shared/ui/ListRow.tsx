import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from './class-names'

export interface ListRowProps {
  title: ReactNode
  description?: ReactNode
  /** Right-hand content: a value, a switch, a badge. */
  extra?: ReactNode
  id?: string
  className?: string
  onClick?: () => void
  /** Shows a chevron: the row navigates somewhere. */
  arrow?: boolean
  /** Accessibility role when the row acts as a control (e.g. 'switch'). */
  role?: string
  checked?: boolean
}

/** A tappable row, min 3rem tall (48 px / 60 px in care mode); the whole row is the target. */
export function ListRow({ title, description, extra, id, className, onClick, arrow, role, checked }: ListRowProps) {
  return (
    <View
      id={id}
      className={cx('list-row', onClick && 'list-row--tappable', className)}
      onClick={onClick}
      hoverClass={onClick ? 'list-row--hover' : 'none'}
      ariaRole={role ?? (onClick ? 'button' : undefined)}
      aria-checked={checked}
    >
      <View className='list-row__main'>
        <Text className='list-row__title body-text'>{title}</Text>
        {description ? <Text className='list-row__desc caption'>{description}</Text> : null}
      </View>
      {extra !== undefined ? <View className='list-row__extra'>{extra}</View> : null}
      {arrow ? <Text className='list-row__arrow' aria-hidden>›</Text> : null}
    </View>
  )
}
