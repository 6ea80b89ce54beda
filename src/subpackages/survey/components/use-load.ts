import { useCallback, useEffect, useState } from 'react'
import { errorText } from '@/features/consent/messages'

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string }

/** Load once (and on reload()) with a loading / ready / error state — what each survey page needs. */
export function useLoad<T>(load: (() => Promise<T>) | null, deps: unknown[]): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!load) return
    let live = true
    // A reload keeps what is shown until the new answer is in: unmounting the page's cards mid-tap
    // (a button still showing its spinner) breaks Taro H5's components and flickers anyway.
    setState((cur) => (cur.status === 'ready' ? cur : { status: 'loading' }))
    load().then(
      (data) => live && setState({ status: 'ready', data }),
      (e) => live && setState({ status: 'error', message: errorText(e) }),
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, reload }
}
