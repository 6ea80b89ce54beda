import { Button as TaroButton } from '@tarojs/components'
import type { ButtonProps as TaroButtonProps } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from './class-names'

export interface ButtonProps {
  children: ReactNode
  variant?: 'primary' | 'secondary' | 'text'
  /** Full width of its container. */
  block?: boolean
  id?: string
  className?: string
  disabled?: boolean
  loading?: boolean
  onClick?: () => void
  /** WeChat open abilities, e.g. 'agreePrivacyAuthorization' for the privacy popup. */
  openType?: TaroButtonProps['openType']
  onAgreePrivacyAuthorization?: TaroButtonProps['onAgreePrivacyAuthorization']
}

/**
 * The native button (keeps screen-reader and open-type support), restyled: class `btn-<variant>`
 * gives min 3rem × 3rem — 48 px normally, 60 px in care mode (see shared/lib/theme.ts).
 */
export function Button({ children, variant = 'primary', block, id, className, disabled, loading, onClick, openType, onAgreePrivacyAuthorization }: ButtonProps) {
  return (
    <TaroButton
      id={id}
      className={cx('btn', `btn-${variant}`, block && 'btn--block', className)}
      // undefined, not false: Taro H5 writes disabled="false" as an attribute, which [disabled] matches.
      disabled={disabled || loading ? true : undefined}
      // Announced to assistive tech (and tests): the H5 custom element has no native disabled state.
      aria-disabled={disabled || loading ? true : undefined}
      loading={loading || undefined}
      openType={openType}
      onAgreePrivacyAuthorization={onAgreePrivacyAuthorization}
      onClick={onClick}
      hoverClass='btn--hover'
    >
      {children}
    </TaroButton>
  )
}
