import { useCallback, useEffect, useState } from 'react'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import type { BuildingOption, GridOption } from './building-scope'

export type CommunityMeta =
  | { status: 'loading' }
  | { status: 'error'; message: string; retry: () => void }
  | { status: 'ready'; buildings: BuildingOption[]; grids: GridOption[] }

/** The community's buildings (community.units) and grids (community.grids), for pickers and filters. */
export function useCommunityMeta(communityId: string | null): CommunityMeta {
  const [meta, setMeta] = useState<CommunityMeta>({ status: 'loading' })
  const load = useCallback(() => {
    if (!communityId) return
    setMeta({ status: 'loading' })
    Promise.all([callCloud('community', 'units', { communityId }), callCloud('community', 'grids', { communityId })])
      .then(([units, grids]) => setMeta({ status: 'ready', buildings: units.buildings, grids: grids.grids }))
      .catch((error: unknown) => setMeta({ status: 'error', message: errorText(error), retry: load }))
  }, [communityId])
  useEffect(load, [load])
  return meta
}
