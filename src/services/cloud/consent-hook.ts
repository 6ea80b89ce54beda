/**
 * The seam between callCloud and the consent feature. services/ must not import features/, so the
 * consent feature registers its handler here at launch (app-shell/start-app.ts) and callCloud asks
 * it whenever a function answers CONSENT_REQUIRED.
 */
import type { ConsentRequiredDetails as WireDetails } from '@domain/privacy/consent-model'

/** The server's CONSENT_REQUIRED details (domain/privacy/consent-model.ts); tests may pass a Date. */
export type ConsentRequiredDetails = Omit<WireDetails, 'purpose' | 'reason' | 'policyVersion' | 'askAfter'> &
  Partial<Pick<WireDetails, 'reason' | 'policyVersion'>> & { purpose: string; askAfter: string | Date | null }

/**
 * What happened when the person was asked:
 * - granted: the consent is recorded; callCloud retries the call once.
 * - refused: the person said no (recorded as a refusal); the call fails, nothing is retried.
 * - cooldown: not asked, because they refused less than 48 h ago.
 * - dismissed: the person closed the sheet (✕, a tap outside, back) without deciding; nothing recorded.
 * - unavailable: the sheet could not be shown (no policy, no page); the call fails as it came.
 */
export type ConsentOutcome = 'granted' | 'refused' | 'cooldown' | 'dismissed' | 'unavailable'

export type ConsentHandler = (details: ConsentRequiredDetails) => Promise<ConsentOutcome>

let handler: ConsentHandler | null = null

export function setConsentHandler(next: ConsentHandler | null): void {
  handler = next
}

export function getConsentHandler(): ConsentHandler | null {
  return handler
}

export function consentDetailsOf(details: unknown): ConsentRequiredDetails | null {
  if (!details || typeof details !== 'object') return null
  const d = details as Record<string, unknown>
  if (typeof d.purpose !== 'string' || !d.purpose) return null
  return {
    purpose: d.purpose,
    reason: typeof d.reason === 'string' ? (d.reason as WireDetails['reason']) : undefined,
    policyVersion: typeof d.policyVersion === 'string' ? d.policyVersion : undefined,
    // A server that omits canAsk is treated as "may ask": the sheet is the informed path.
    canAsk: d.canAsk !== false,
    askAfter: typeof d.askAfter === 'string' || d.askAfter instanceof Date ? d.askAfter : null,
  }
}
