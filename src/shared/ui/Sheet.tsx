import { ScrollView, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from './class-names'
import './sheet.scss'

export interface SheetProps {
  open: boolean
  title: string
  children: ReactNode
  /**
   * Action buttons, stacked at the bottom centre (a close position allowed by R6.3). The footer
   * never scrolls: only the body does, so 同意 / 不同意 stay inside the screen however long the
   * notice is and however large the font (issue #7 item 1).
   */
  footer?: ReactNode
  /**
   * Closing without a decision: the ✕ at the top right (R6.3 close position, ≥ 44 px / 60 px in
   * 长辈版) and a tap on the dimmed page. Omit only while something is being sent (busy).
   */
  onClose?: () => void
  id?: string
  className?: string
}

/** A bottom sheet over a dimmed page. Rendered inside the page (weapp has no global layer). */
export function Sheet({ open, title, children, footer, onClose, id, className }: SheetProps) {
  if (!open) return null
  return (
    <View id={id} className={cx('sheet', className)} catchMove>
      <View className='sheet__mask' onClick={onClose} />
      <View className='sheet__panel' ariaRole='dialog' ariaLabel={title}>
        <View className='sheet__head'>
          <Text className='sheet__title heading'>{title}</Text>
          {onClose ? (
            <View id={id ? `${id}-close` : undefined} className='sheet__close' ariaRole='button' ariaLabel='关闭' onClick={onClose}>
              <Text className='sheet__close-mark' aria-hidden>
                ✕
              </Text>
            </View>
          ) : null}
        </View>
        {/* A scroll-view, not an overflow view: the root's catchMove would stop a plain view scrolling in weapp. */}
        <ScrollView className='sheet__body' scrollY>
          {children}
        </ScrollView>
        {footer ? <View className='sheet__footer'>{footer}</View> : null}
      </View>
    </View>
  )
}
