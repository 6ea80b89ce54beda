/**
 * Pure consent rules shared by the consent sheet and the server (R4.3–R4.5). Everything takes
 * `now` as an argument (architecture.md conventions) so the 48 h cooldown is testable.
 */
import { needsConsent, POLICY_VERSION, PURPOSES, type Purpose, type PurposeId } from './purposes'
import { REASK_COOLDOWN_MS, type ConsentDoc } from './consent-model'

/** NOT_REQUIRED: the purpose rests on another legal basis (CONTRACT, LEGAL_DUTY …) — shown, not toggled. */
export type ConsentViewState = 'GRANTED' | 'REFUSED' | 'WITHDRAWN' | 'NOT_ASKED' | 'NOT_REQUIRED'

export interface ConsentView {
  purposeId: PurposeId
  state: ConsentViewState
  /** The policy version the record was given under (null when there is no record). */
  policyVersion: string | null
  /** The record was given under the current policy (always true for NOT_REQUIRED). */
  current: boolean
  /** Whether the processing may happen now: GRANTED under the current policy, or not consent-based. */
  effective: boolean
  /** Whether the app may prompt for it now (R4.5: a refusal is not re-asked within 48 h). */
  canAsk: boolean
  askAfter: Date | null
}

type ConsentRecord = Pick<ConsentDoc, 'state' | 'policyVersion' | 'refusedAt'>

export function consentView(purpose: Purpose, doc: ConsentRecord | null, now: Date, policyVersion = POLICY_VERSION): ConsentView {
  const id = purpose.id as PurposeId
  if (!needsConsent(purpose)) {
    return { purposeId: id, state: 'NOT_REQUIRED', policyVersion: null, current: true, effective: true, canAsk: false, askAfter: null }
  }
  if (!doc) {
    return { purposeId: id, state: 'NOT_ASKED', policyVersion: null, current: false, effective: false, canAsk: true, askAfter: null }
  }
  const current = doc.policyVersion === policyVersion
  let canAsk = doc.state !== 'GRANTED' || !current
  let askAfter: Date | null = null
  // R4.5 / 网络数据安全管理条例 Art. 22: no frequent re-asking after a refusal. A new policy version
  // is a change of rules (PIPL Art. 14) and may be asked at once.
  if (doc.state === 'REFUSED' && current && doc.refusedAt) {
    const until = new Date(new Date(doc.refusedAt).getTime() + REASK_COOLDOWN_MS)
    if (until > now) {
      canAsk = false
      askAfter = until
    }
  }
  return {
    purposeId: id,
    state: doc.state,
    policyVersion: doc.policyVersion,
    current,
    effective: doc.state === 'GRANTED' && current,
    canAsk,
    askAfter,
  }
}

/**
 * Problems with one grant request, or null. Separate-consent purposes (PIPL Art. 29, R4.3) must be
 * granted on their own: bundling one with anything else is refused, as is granting a purpose that
 * is not consent-based (it cannot be toggled).
 */
export function grantProblems(purposeIds: readonly PurposeId[]): string | null {
  const unique = [...new Set(purposeIds)]
  if (unique.length !== purposeIds.length) return '同一项目不能重复提交'
  const purposes = unique.map((id) => (PURPOSES as readonly Purpose[]).find((p) => p.id === id))
  if (purposes.some((p) => !p)) return '未知的处理目的'
  if (purposes.some((p) => p && !needsConsent(p))) return '该项目依法处理，无需也不能单独同意或撤回'
  if (unique.length > 1 && purposes.some((p) => p?.legalBasis === 'SEPARATE_CONSENT')) {
    return '敏感个人信息需要单独同意，不能与其他项目一并勾选'
  }
  return null
}
