import { useState } from 'react'
import { errorText } from '@/features/consent/messages'

/** One button's call: busy while it runs, the error in words when it fails (survey pages). */
export function useRun(): { busy: boolean; error: string | null; run: (fn: () => Promise<void>) => Promise<boolean> } {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
      return true
    } catch (e) {
      setError(errorText(e))
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}
