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
  settle(result: SheetResult): void
}

export const consentRequestStore = createStore<ConsentRequest | null>(null)

let nextId = 1

export function openConsentRequest(init: Omit<ConsentRequest, 'id'>): number {
  closeConsentRequest('dismissed')
  const id = nextId++
  let settled = false
  consentRequestStore.set({
    ...init,
    id,
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

export function useConsentRequest(): ConsentRequest | null {
  return useStore(consentRequestStore)
}
