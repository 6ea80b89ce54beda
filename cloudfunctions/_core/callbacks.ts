/**
 * Service requests that can carry a resident's "请回电联系我" (issue #9 §7.6). Empty until the
 * features that bring them land: repairs add `repair: { collection: 'repair_requests' }` (and
 * declare that collection in database/collections.json with the fields of
 * domain/access/callback.ts CallbackRequest). Until then property staff can reveal no phone.
 */
import { getDoc } from './data'
import { callbackPermits, parseServiceRequestId, type CallbackRequest } from '../../domain/access/callback'

export const CALLBACK_SOURCES: Record<string, { collection: string }> = {
  // Issue #14: repair_requests documents carry the CallbackRequest fields (cloudfunctions/repair).
  repair: { collection: 'repair_requests' },
}

/** The open call-back request `ref` names in this community, or null. */
export async function findCallbackRequest(communityId: string, ref: string): Promise<CallbackRequest | null> {
  const parsed = parseServiceRequestId(ref)
  const source = parsed && Object.prototype.hasOwnProperty.call(CALLBACK_SOURCES, parsed.kind) ? CALLBACK_SOURCES[parsed.kind] : null
  if (!parsed || !source) return null
  const doc = await getDoc<CallbackRequest>(source.collection, parsed.id)
  return callbackPermits(doc, communityId) ? doc : null
}
