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
  /** Broadcast notices (grid workers to their grids) — R7.3. */
  'notice.publish': ['GRID_WORKER', 'RC_STAFF', 'PROPERTY_STAFF', 'COMMUNITY_ADMIN'],
  /** The governance dashboard (aggregates only). */
  'dashboard.view': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** Build, publish and close surveys, see their results and export them (issue #15). */
  'survey.manage': ['RC_STAFF', 'COMMUNITY_ADMIN'],
  /** 你说我办: create action items and record their progress (issue #15). */
  'action.manage': ['RC_STAFF', 'COMMUNITY_ADMIN'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof CAPABILITIES

/** Capabilities whose data is limited to the grids of a GRID_WORKER grant (R7.2). */
export const GRID_SCOPED_CAPABILITIES: readonly Capability[] = ['household.review', 'household.read', 'personal.reveal']

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
