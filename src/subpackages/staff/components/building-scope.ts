import { capabilityScope, type Capability, type HeldRole } from '@domain/access/capabilities'

export interface BuildingOption {
  id: string
  name: string
}

export interface GridOption {
  id: string
  name: string
  buildingIds: string[]
  buildingNames: string[]
}

/**
 * The buildings a staff member can browse with a grid-scoped capability (household.read): all of
 * them for RC staff and admins, only the buildings of their own grids for a grid worker (R7.2).
 * The server enforces the same scope; this only avoids offering a building that would answer
 * FORBIDDEN.
 */
export function buildingsInScope(
  buildings: readonly BuildingOption[],
  grids: readonly GridOption[],
  roles: readonly HeldRole[],
  communityId: string,
  capability: Capability = 'household.read',
): BuildingOption[] {
  const scope = capabilityScope(roles, capability, communityId)
  if (scope === null) return []
  if (scope === 'all') return [...buildings]
  const ids = new Set(grids.filter((g) => scope.includes(g.id)).flatMap((g) => g.buildingIds))
  return buildings.filter((b) => ids.has(b.id))
}

/** Grid ids as names for display ("学堂坡第二网格"); an unknown id is shown as it is. */
export function gridNames(ids: readonly string[], grids: readonly GridOption[]): string[] {
  return ids.map((id) => grids.find((g) => g.id === id)?.name ?? id)
}
