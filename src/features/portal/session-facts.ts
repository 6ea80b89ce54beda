import type { BootstrapOutput } from '@domain/user/contract'
import type { Capability } from '@domain/access/capabilities'

/**
 * Small facts about the caller that the portal's registrations and the tab pages share. UI
 * hiding only: every action is checked again by the server against domain/access/capabilities.
 */

/** Capabilities held in the current community. */
export function capabilitiesOf(session: BootstrapOutput): Set<string> {
  const communityId = session.currentCommunity?.id
  return new Set(communityId ? session.capabilities[communityId] ?? [] : [])
}

export function can(session: BootstrapOutput, capability: Capability): boolean {
  return capabilitiesOf(session).has(capability)
}

/** At least one approved home (a resident of some community). */
export function hasHome(session: BootstrapOutput): boolean {
  return session.memberships.some((m) => m.status === 'APPROVED')
}

/** Granted (not derived) roles in the current community: grid worker, staff, committee, admin. */
export function staffRolesHere(session: BootstrapOutput): BootstrapOutput['roles'] {
  const communityId = session.currentCommunity?.id
  return session.roles.filter((r) => r.communityId === communityId && r.role !== 'RESIDENT' && r.role !== 'OWNER')
}

export function isStaff(session: BootstrapOutput): boolean {
  return staffRolesHere(session).length > 0
}

/**
 * A visitor browses without a home and without a work role: a new person after 先逛逛, someone
 * whose application is still pending, or a developer's representative who follows a community.
 */
export function isVisitor(session: BootstrapOutput): boolean {
  return !hasHome(session) && !isStaff(session)
}
