import type { PurposeId } from './purposes'

export type ConsentState = 'GRANTED' | 'REFUSED' | 'WITHDRAWN'

/** One document per (person, purpose): `_id = consentId(openid, purpose)`. History lives in consent_events. */
export interface ConsentDoc {
  _id: string
  openid: string
  purposeId: PurposeId
  state: ConsentState
  policyVersion: string
  /** Where it was given: the sheet/button id (R4.4). */
  channel: string
  updatedAt: Date
  grantedAt: Date | null
  refusedAt: Date | null
  withdrawnAt: Date | null
}

export function consentId(openid: string, purpose: PurposeId): string {
  return `${openid}:${purpose}`
}

/** A refused optional purpose is not asked again for this long (R4.5, 网络数据安全管理条例 Art. 22). */
export const REASK_COOLDOWN_MS = 48 * 3600 * 1000

/** The details of a CONSENT_REQUIRED error, as they travel (JSON: askAfter is an ISO string). */
export interface ConsentRequiredDetails {
  purpose: PurposeId
  reason: 'NOT_ASKED' | 'REFUSED' | 'WITHDRAWN' | 'POLICY_CHANGED'
  policyVersion: string
  /** False within 48 h of a refusal (R4.5): the client must not prompt, only explain. */
  canAsk: boolean
  askAfter: string | null
}
