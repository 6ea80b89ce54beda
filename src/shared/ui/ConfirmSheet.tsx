import type { ReactNode } from 'react'
import { Button } from './Button'
import { Sheet } from './Sheet'

export interface ConfirmSheetProps {
  open: boolean
  title: string
  children: ReactNode
  confirmText: string
  cancelText?: string
  onConfirm: () => void
  onCancel: () => void
  busy?: boolean
  /** The confirm button waits for something deliberate (e.g. a tick that the consequences are understood). */
  confirmDisabled?: boolean
  /** Shown in the fixed footer above the buttons, so what enables confirm is never scrolled away. */
  acknowledge?: ReactNode
  /** Irreversible actions (withdraw and delete, cancel the account) get the danger colour and a label that says what happens. */
  danger?: boolean
  id?: string
}

/**
 * A confirmation in our own sheet rather than showModal: it follows care mode (rem sizes, 60 px
 * buttons) and its buttons sit at the bottom centre (R6.3). Cancel is as large as confirm.
 */
export function ConfirmSheet({ open, title, children, confirmText, cancelText = '取消', onConfirm, onCancel, busy, confirmDisabled, acknowledge, danger, id }: ConfirmSheetProps) {
  return (
    <Sheet
      open={open}
      id={id}
      title={title}
      onClose={busy ? undefined : onCancel}
      footer={
        <>
          {acknowledge}
          <Button id={id ? `${id}-confirm` : undefined} block className={danger ? 'btn-danger' : undefined} loading={busy} disabled={confirmDisabled} onClick={onConfirm}>
            {confirmText}
          </Button>
          <Button id={id ? `${id}-cancel` : undefined} variant='secondary' block disabled={busy} onClick={onCancel}>
            {cancelText}
          </Button>
        </>
      }
    >
      {children}
    </Sheet>
  )
}
