/**
 * Who counts as family for booking on someone's behalf (issue #11 item 4, R6.7: "a family member
 * ... linked to the household"). Two approved members of the same unit are one family, except a
 * tenant and the unit's owner: the landlord is on the unit's register but is not the tenant's
 * household, so neither books in the other's name (they do share the unit's quota, which is per
 * home). A FAMILY member may belong to either side; we cannot tell which, so they may help both.
 */
import type { Relation } from '../community/model'

const isOwner = (r: Relation) => r === 'OWNER' || r === 'CO_OWNER'

export function oneFamily(a: Relation, b: Relation): boolean {
  return !((a === 'TENANT' && isOwner(b)) || (b === 'TENANT' && isOwner(a)))
}
