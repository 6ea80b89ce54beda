import { currentPageKey } from '@/shared/lib/active-page'
import { createStore, useStore } from '@/shared/lib/store'

/**
 * The one pending platform-privacy prompt (R5.2). Whoever opens it passes `settle`, which must be
 * called exactly once — WeChat waits for resolve() and the privacy API call hangs otherwise. So a
 * new prompt settles a still-open older one as 'disagree' before replacing it.
 */
export type PrivacyOutcome = 'agree' | 'disagree'

export interface PrivacyPrompt {
  id: number
  contractName: string
  /** The API that triggered the prompt (eventInfo.referrer), for the explanation text. */
  referrer?: string
  /** The page instance that opened the prompt (shared/lib/active-page): shown only there. */
  owner: string | null
  settle(outcome: PrivacyOutcome): void
}

export const DEFAULT_CONTRACT_NAME = '《邻里小程序隐私保护指引》'
/** Must match the agree button's id: WeChat checks resolve({buttonId}) against the tapped button. */
export const AGREE_BUTTON_ID = 'agree-btn'

export const privacyPromptStore = createStore<PrivacyPrompt | null>(null)

let nextId = 1

export function openPrivacyPrompt(init: Omit<PrivacyPrompt, 'id' | 'settle' | 'owner'> & { settle(outcome: PrivacyOutcome): void }): number {
  settlePrivacyPrompt('disagree')
  const id = nextId++
  let settled = false
  privacyPromptStore.set({
    id,
    contractName: init.contractName || DEFAULT_CONTRACT_NAME,
    referrer: init.referrer,
    owner: currentPageKey(),
    settle(outcome) {
      if (settled) return
      settled = true
      init.settle(outcome)
    },
  })
  return id
}

/** Settle the open prompt (if any) and close it. */
export function settlePrivacyPrompt(outcome: PrivacyOutcome): void {
  const prompt = privacyPromptStore.get()
  if (!prompt) return
  privacyPromptStore.set(null)
  prompt.settle(outcome)
}

/** The page `owner` is leaving: an open prompt is settled as not agreed (WeChat still gets its resolve). */
export function settlePrivacyPromptOf(owner: string): void {
  if (privacyPromptStore.get()?.owner === owner) settlePrivacyPrompt('disagree')
}

export function usePrivacyPrompt(): PrivacyPrompt | null {
  return useStore(privacyPromptStore)
}
