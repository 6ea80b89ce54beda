import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from './class-names'

export interface SheetProps {
  open: boolean
  title: string
  children: ReactNode
  /** Action buttons, stacked at the bottom centre (a close position allowed by R6.3). */
  footer?: ReactNode
  /** Tapping the mask; omit to make the sheet modal (a decision is required). */
  onMaskClick?: () => void
  id?: string
  className?: string
}

/** A bottom sheet over a dimmed page. Rendered inside the page (weapp has no global layer). */
export function Sheet({ open, title, children, footer, onMaskClick, id, className }: SheetProps) {
  if (!open) return null
  return (
    <View id={id} className={cx('sheet', className)} catchMove>
      <View className='sheet__mask' onClick={onMaskClick} />
      <View className='sheet__panel' ariaRole='dialog' ariaLabel={title}>
        <Text className='sheet__title heading'>{title}</Text>
        <View className='sheet__body'>{children}</View>
        {footer ? <View className='sheet__footer'>{footer}</View> : null}
      </View>
    </View>
  )
}
