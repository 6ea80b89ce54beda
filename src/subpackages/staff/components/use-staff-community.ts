import { useSession } from '@/features/session/session-store'

/**
 * The community staff pages act in: the session's current community, and the capabilities held
 * there. The UI uses them to hide what cannot work; the server checks every call anyway.
 */
export function useStaffCommunity(): { communityId: string | null; communityName: string; can: (capability: string) => boolean } {
  const session = useSession()
  const community = session.data?.currentCommunity ?? null
  const caps = new Set(community ? session.data?.capabilities[community.id] ?? [] : [])
  return { communityId: community?.id ?? null, communityName: community?.name ?? '', can: (c) => caps.has(c) }
}
