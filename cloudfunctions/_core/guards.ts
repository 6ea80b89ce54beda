/**
 * Guards. The router applies the declarative ones (access, purpose) before a handler runs; the
 * handler calls requireGridScope once it knows which household or grid a request touches.
 * Each guard returns a narrowed value, so code after it cannot use what it did not check.
 */
import { AppError } from '../../domain/shared/errors'
import { capabilityScope, type Capability, type Role } from '../../domain/access/capabilities'
import { needsConsent, POLICY_VERSION, purposeById, type PurposeId } from '../../domain/privacy/purposes'
import { consentId, type ConsentDoc, type ConsentRequiredDetails } from '../../domain/privacy/consent-model'
import { consentView } from '../../domain/privacy/consent-rules'
import type { UserDoc } from '../../domain/community/model'
import { getDoc } from './data'
import type { CallContext } from './context'

export type MemberContext = CallContext & { user: UserDoc }

export function requireMember(ctx: CallContext): MemberContext {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', '请先进入小程序完成初始化')
  return ctx as MemberContext
}

/** 'all' or the grid ids the caller may act on for this capability in this community. */
export function requireCapability(ctx: CallContext, capability: Capability, communityId: string | undefined): 'all' | string[] {
  const scope = communityId ? capabilityScope(ctx.roles, capability, communityId) : null
  if (!scope) throw new AppError('FORBIDDEN', '没有权限执行此操作', { capability, communityId: communityId ?? null })
  return scope
}

/** R7.2: a grid worker may only touch households of their own grids. */
export function requireGridScope(scope: 'all' | string[] | null, gridId: string | null | undefined): void {
  if (scope === 'all') return
  if (!scope || !gridId || !scope.includes(gridId)) {
    throw new AppError('FORBIDDEN', '只能处理本人负责网格内的事项', { gridId: gridId ?? null })
  }
}

/** The caller holds one of these roles in the community (for checks the capability table does not name). */
export function requireRole(ctx: CallContext, roles: readonly Role[], communityId: string): void {
  if (!ctx.roles.some((r) => r.communityId === communityId && roles.includes(r.role))) {
    throw new AppError('FORBIDDEN', '没有权限执行此操作', { roles, communityId })
  }
}

/**
 * R4.3/R4.5: the caller's consent for a purpose, current policy version. Purposes on another legal
 * basis (CONTRACT, LEGAL_DUTY …) pass without a record. Missing, refused, withdrawn or given under
 * an older policy → CONSENT_REQUIRED with the purpose, so the client opens that sheet — unless the
 * person refused it less than 48 h ago: then details.canAsk is false and the client must not
 * prompt before details.askAfter (R4.5), only explain what does not work.
 */
export async function requireConsent(ctx: CallContext, purpose: PurposeId): Promise<void> {
  const p = purposeById(purpose)
  if (!needsConsent(p)) return
  const doc = await getDoc<ConsentDoc & Record<string, unknown>>('consents', consentId(ctx.openid, purpose))
  const view = consentView(p, doc, ctx.now)
  if (view.effective) return
  const details: ConsentRequiredDetails = {
    purpose,
    reason: !doc ? 'NOT_ASKED' : doc.state !== 'GRANTED' ? doc.state : 'POLICY_CHANGED',
    policyVersion: POLICY_VERSION,
    canAsk: view.canAsk,
    askAfter: view.askAfter ? view.askAfter.toISOString() : null,
  }
  throw new AppError('CONSENT_REQUIRED', `需要您同意“${p.title}”后才能继续`, details)
}
