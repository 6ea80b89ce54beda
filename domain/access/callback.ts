/**
 * Property staff see a resident's phone only for a service request of that resident that asked
 * for a call-back (issue #9 §7.6, docs/decisions.md: the property company is a separate processor,
 * R4.14 — no roster, no browsing). Features that bring service requests (repairs, bookings)
 * register their collection in cloudfunctions/_core/callbacks.ts and store, on each request, the
 * fields below; access.reveal then accepts `serviceRequestId: '<kind>:<id>'` and checks this rule.
 */
export interface CallbackRequest {
  _id: string
  communityId: string
  /** The resident who made the request: the only person whose phone it can reveal. */
  openid: string
  buildingId: string
  unitId?: string | null
  /** The resident ticked "请回电联系我" on this request. */
  callbackRequested: boolean
  /** Open requests only: a closed or cancelled one no longer justifies a call. */
  status: string
  closedAt?: Date | string | null
}

/** Statuses after which no call-back is due, whatever the feature calls them. */
export const CLOSED_STATUSES = ['CLOSED', 'DONE', 'CANCELLED', 'REJECTED'] as const

/** May this request justify revealing its resident's phone in this community? */
export function callbackPermits(req: CallbackRequest | null, communityId: string): req is CallbackRequest {
  if (!req || req.communityId !== communityId) return false
  if (req.callbackRequested !== true) return false
  if (req.closedAt) return false
  return !(CLOSED_STATUSES as readonly string[]).includes(req.status)
}

/** '<kind>:<id>' → its parts, or null. */
export function parseServiceRequestId(ref: string): { kind: string; id: string } | null {
  const m = /^([a-z][a-z_]{1,30}):([A-Za-z0-9_:-]{1,120})$/.exec(ref)
  return m ? { kind: m[1], id: m[2] } : null
}
