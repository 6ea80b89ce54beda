import type { BootstrapOutput } from '@domain/user/contract'
import { callCloud, CloudError } from '@/services/cloud'
import { createStore, useStore } from '@/shared/lib/store'

/**
 * Who the caller is (user.bootstrap): loaded at launch, reloaded on pull-down refresh and after a
 * persona switch. Keeps the last good data while reloading or after a failed reload, so a page
 * can keep showing it with an error banner instead of going blank.
 */
export type SessionState =
  | { status: 'idle'; data: null; error: null }
  | { status: 'loading'; data: BootstrapOutput | null; error: null }
  | { status: 'ready'; data: BootstrapOutput; error: null }
  | { status: 'error'; data: BootstrapOutput | null; error: CloudError }

export const sessionStore = createStore<SessionState>({ status: 'idle', data: null, error: null })

const listeners = new Set<(data: BootstrapOutput) => void>()
let inFlight: Promise<void> | null = null

/** Load (or reload) the session; concurrent callers share one request. Never throws. */
export function loadSession(): Promise<void> {
  if (inFlight) return inFlight
  sessionStore.set((prev) => ({ status: 'loading', data: prev.data, error: null }))
  inFlight = callCloud('user', 'bootstrap', {})
    .then((data) => {
      sessionStore.set({ status: 'ready', data, error: null })
      listeners.forEach((listener) => listener(data))
    })
    .catch((error: unknown) => {
      const cloudError =
        error instanceof CloudError ? error : new CloudError({ code: 'INTERNAL', requestId: '', details: String(error) })
      sessionStore.set((prev) => ({ status: 'error', data: prev.data, error: cloudError }))
    })
    .finally(() => {
      inFlight = null
    })
  return inFlight
}

/** Run after every successful bootstrap (e.g. to adopt the server's care-mode choice). */
export function onSessionLoaded(listener: (data: BootstrapOutput) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useSession(): SessionState {
  return useStore(sessionStore)
}

/** For tests and persona switches: forget who we were. */
export function resetSession(): void {
  sessionStore.set({ status: 'idle', data: null, error: null })
}
