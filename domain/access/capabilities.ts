/**
 * Roles and capabilities: the one table both the UI (what to show) and the server guards (what
 * to allow) read. The UI hiding a button is not security — the router enforces this table.
 *
 * RESIDENT and OWNER are derived from approved household memberships (R2.8: tenants and family
 * are residents, not owners). The other roles are granted per community by an admin, and every
 * grant or revocation is audited. GRID_WORKER grants carry grid ids: their data access is limited
 * to those grids (R4.10, R7.2).
 */
export const ROLES = [
  'RESIDENT',
  'OWNER',
  'GRID_WORKER',
  'PROPERTY_STAFF',
  'RC_STAFF',
  'COMMITTEE_MEMBER',
  'COMMUNITY_ADMIN',
] as const
export type Role = (typeof ROLES)[number]

/** Roles an admin can grant; the derived ones come from households only. */
export const GRANTABLE_ROLES = ['GRID_WORKER', 'PROPERTY_STAFF', 'RC_STAFF', 'COMMITTEE_MEMBER', 'COMMUNITY_ADMIN'] as const
export type GrantableRole = (typeof GRANTABLE_ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  RESIDENT: '居民',
  OWNER: '业主',
  GRID_WORKER: '网格员',
  PROPERTY_STAFF: '物业人员',
  RC_STAFF: '居委会工作人员',
  COMMITTEE_MEMBER: '业委会委员',
  COMMUNITY_ADMIN: '社区管理员',
}

export const CAPABILITIES = {
  /** Approve or reject applications to join a unit (owners of the unit review their own tenants/family too). */
  'household.review': ['GRID_WORKER', 'RC_STAFF', 'COMMUNITY_ADMIN'],
  /** See the households and their members (masked) of a community — grid workers only their grids. */
  'household.read': ['GRID_WORKER', 'RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Reveal a masked personal field (phone …) of a resident; always logged with a reason (R4.6). */
  'personal.reveal': ['GRID_WORKER', 'RC_STAFF', 'PROPERTY_STAFF'],
  /** Import the owner register (units, areas, owner parties) — R2.1/R2.2. */
  'roster.import': ['COMMITTEE_MEMBER', 'RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Publish the roster for objections before a vote (R2.2). */
  'roster.publish': ['COMMITTEE_MEMBER', 'RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Assign and revoke the grantable roles. */
  'role.manage': ['COMMUNITY_ADMIN'],
  /** Broadcast notices (grid workers to their grids, property staff only 物业) — R7.3. */
  'notice.publish': ['GRID_WORKER', 'RC_STAFF', 'PROPERTY_STAFF', 'COMMUNITY_ADMIN'],
  /**
   * Booking resources (issue #11): create and edit facilities and services, approve bookings, the
   * day sheet and check-in. Property staff only for the facilities the property company runs
   * (resource.operator PROPERTY, checked by the booking function).
   */
  'booking.manage': ['RC_STAFF', 'COMMUNITY_ADMIN', 'PROPERTY_STAFF'],
  /** Book for a resident of their grid who asked for help (R6.7), with the resident's recorded agreement. */
  'booking.proxy': ['GRID_WORKER'],
  /** Reach of notices: authors their own, RC staff and admins all, grid workers their grids' households. */
  'notice.reach': ['GRID_WORKER', 'RC_STAFF', 'PROPERTY_STAFF', 'COMMUNITY_ADMIN'],
  /** The unread-household list and 已上门送达 / 已纸质张贴 (R7.3 door-visit list). */
  'notice.deliver': ['GRID_WORKER', 'RC_STAFF'],
  /** Release or reject a notice held by msgSecCheck (a second staff member, R5.8). */
  'notice.moderate': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Record 走访 and keep follow-up schedules for care households (R7.4). */
  'visit.log': ['GRID_WORKER', 'RC_STAFF'],
  /** See visits and the overdue list (R7.4; health flags only inside the grid, R4.10). */
  'visit.read': ['GRID_WORKER', 'RC_STAFF'],
  /** Accept, assign, work on and resolve incidents and requests (R7.5, R7.7). */
  'incident.handle': ['GRID_WORKER', 'RC_STAFF', 'COMMUNITY_ADMIN'],
  /** The governance dashboard (aggregates only). */
  'dashboard.view': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Approve proposed interest groups; close, reopen, archive groups (issue #13). */
  'group.review': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Moderate every group of the community: the held queue, hide, remove, mute, expel (R5.8, issue #13). */
  'group.moderate': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Run the residents' council agenda (议事厅): schedule, record outcomes and follow-up (issue #13). */
  'agenda.manage': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Create owners' decisions and elections, move them through their lifecycle, approve proxies (R3.1, Art. 277 guidance). */
  'election.manage': ['COMMITTEE_MEMBER', 'RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Enter paper ballots (two different people per ballot, R3.11) — never property staff. */
  'election.paper': ['COMMITTEE_MEMBER', 'RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Work the repair queue of a community: accept, assign, complete, inspect (issue #14; no directory, R4.14). */
  'repair.handle': ['PROPERTY_STAFF'],
  /** See the repairs the SLA timer escalated to the residents' committee (issue #14 §1). */
  'repair.oversee': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Publish income and expenditure periods and answer residents' questions on them (issue #14 §2). */
  'finance.publish': ['PROPERTY_STAFF'],
  /** The owners' committee comments on a published period (issue #14 §2). */
  'finance.comment': ['COMMITTEE_MEMBER'],
  /** Publish or reject public questions and committee comments held by msgSecCheck (issue #14 §2): the residents' committee, not the property company the questions are about. */
  'finance.moderate': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Build, publish and close surveys, see their results and export them (issue #15). */
  'survey.manage': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** 你说我办: create action items and record their progress (issue #15). */
  'action.manage': ['RC_STAFF', 'COMMUNITY_ADMIN'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof CAPABILITIES

/** Capabilities whose data is limited to the grids of a GRID_WORKER grant (R7.2). */
export const GRID_SCOPED_CAPABILITIES: readonly Capability[] = [
  'household.review',
  'household.read',
  'personal.reveal',
  'booking.proxy',
  'notice.publish',
  'notice.reach',
  'notice.deliver',
  'visit.log',
  'visit.read',
  'incident.handle',
]

export function rolesWith(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability]
}

export function roleHas(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role)
}

/** A role the caller holds in one community; grids only for GRID_WORKER. */
export interface HeldRole {
  role: Role
  communityId: string
  gridIds?: string[]
}

/** Capabilities the caller holds in a community — what the UI uses to show staff entries. */
export function capabilitiesIn(held: readonly HeldRole[], communityId: string): Capability[] {
  const roles = held.filter((h) => h.communityId === communityId).map((h) => h.role)
  return (Object.keys(CAPABILITIES) as Capability[]).filter((c) => roles.some((r) => roleHas(r, c)))
}

/**
 * Whether the caller may use a capability in a community, and if it is grid-scoped, on which grids.
 * Returns null when not allowed, 'all' when community-wide, or the list of grid ids.
 */
export function capabilityScope(
  held: readonly HeldRole[],
  capability: Capability,
  communityId: string,
): null | 'all' | string[] {
  const relevant = held.filter((h) => h.communityId === communityId && roleHas(h.role, capability))
  if (relevant.length === 0) return null
  const gridScoped = GRID_SCOPED_CAPABILITIES.includes(capability)
  if (!gridScoped || relevant.some((h) => h.role !== 'GRID_WORKER')) return 'all'
  return [...new Set(relevant.flatMap((h) => h.gridIds ?? []))]
}
