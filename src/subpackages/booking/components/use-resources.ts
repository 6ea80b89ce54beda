import { useCallback, useEffect, useState } from 'react'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'

export type Resource = CallOutput<'booking', 'resources'>['resources'][number]

/** The current community's bookable resources (booking.resources), reloadable. */
export function useResources(includeInactive = false) {
  const session = useSession()
  const communityId = session.data?.currentCommunity?.id ?? null
  const [resources, setResources] = useState<Resource[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('booking', 'resources', { communityId, includeInactive })
      .then((r) => setResources(r.resources))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId, includeInactive])
  useEffect(load, [load])
  const caps = new Set(communityId ? session.data?.capabilities[communityId] ?? [] : [])
  return { communityId, communityName: session.data?.currentCommunity?.name ?? '', resources, error, reload: load, canManage: caps.has('booking.manage') }
}
