/** Which grid a building belongs to (R7.1: a grid is a list of buildings), for grid scoping (R7.2). */
import { findAll } from './data'
import type { GridDoc } from '../../domain/community/model'

export type StoredGrid = GridDoc & Record<string, unknown>

export async function gridsOf(communityId: string): Promise<StoredGrid[]> {
  return findAll<StoredGrid>('grids', { communityId }, { max: 500 })
}

export function gridOfBuilding(grids: readonly StoredGrid[], buildingId: string): StoredGrid | null {
  return grids.find((g) => g.buildingIds.includes(buildingId)) ?? null
}

/** Buildings a grid-scoped caller may touch; 'all' stays 'all'. */
export function buildingsInScope(grids: readonly StoredGrid[], scope: 'all' | string[]): 'all' | string[] {
  if (scope === 'all') return 'all'
  return grids.filter((g) => scope.includes(g._id)).flatMap((g) => g.buildingIds)
}
