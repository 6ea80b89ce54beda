import { useState } from 'react'
import { errorText } from '@/features/consent/messages'

/**
 * One cloud step at a time on a card: busy while it runs (buttons show loading), its message or
 * the error in words afterwards. A step returns the note to show, or nothing.
 */
export function useBusy() {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const run = async (step: () => Promise<string | void>) => {
    setBusy(true)
    try {
      const said = await step()
      if (said) setNote(said)
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, note, setNote, run }
}
