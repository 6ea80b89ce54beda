import { currentPageKey } from '@/shared/lib/active-page'
import { createStore, useStore } from '@/shared/lib/store'
import type { NoticePurpose } from './policy'

/**
 * The one open consent sheet. Like the platform-privacy prompt, whoever opens it passes `settle`,
 * called exactly once; a new request settles an older open one first, so no caller waits forever.
 *
 * mode 'prompt': a function needed the purpose; 不同意 records a refusal (R4.5 48 h quiet period).
 * mode 'settings': the person opened it from 隐私设置; 取消 records nothing (they only looked).
 */
export type SheetResult = 'granted' | 'refused' | 'dismissed'

export interface ConsentRequest {
  id: number
  purpose: NoticePurpose
  policyVersion: string
  mode: 'prompt' | 'settings'
  /** The page instance that opened the sheet (shared/lib/active-page): shown only there. */
  owner: string | null
  settle(result: SheetResult): void
}

export const consentRequestStore = createStore<ConsentRequest | null>(null)

let nextId = 1

export function openConsentRequest(init: Omit<ConsentRequest, 'id' | 'owner'>): number {
  closeConsentRequest('dismissed')
  const id = nextId++
  let settled = false
  consentRequestStore.set({
    ...init,
    id,
    owner: currentPageKey(),
    settle(result) {
      if (settled) return
      settled = true
      init.settle(result)
    },
  })
  return id
}

export function closeConsentRequest(result: SheetResult): void {
  const open = consentRequestStore.get()
  if (!open) return
  consentRequestStore.set(null)
  open.settle(result)
}

/** The page `owner` is leaving (unload): its open sheet goes with it, undecided. */
export function closeConsentRequestOf(owner: string): void {
  if (consentRequestStore.get()?.owner === owner) closeConsentRequest('dismissed')
}

export function useConsentRequest(): ConsentRequest | null {
  return useStore(consentRequestStore)
}
