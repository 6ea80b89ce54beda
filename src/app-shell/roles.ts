import type { BootstrapOutput } from '@domain/user/contract'
import { ROLE_LABELS } from '@domain/access/capabilities'

/** Role labels of the caller, with the community name when they hold roles in several communities. */
export function roleLabels(session: BootstrapOutput): string[] {
  const names = new Map<string, string>()
  session.memberships.forEach((m) => names.set(m.communityId, m.communityName))
  if (session.currentCommunity) names.set(session.currentCommunity.id, session.currentCommunity.name)
  const communities = new Set(session.roles.map((r) => r.communityId))
  const labels = session.roles.map((r) => {
    const label = ROLE_LABELS[r.role]
    return communities.size > 1 ? `${label}（${names.get(r.communityId) ?? r.communityId}）` : label
  })
  return [...new Set(labels)]
}
