import type { BootstrapOutput } from '@domain/user/contract'
import { callCloud } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import type { PortalRegistration } from '../types'
import { can } from '../session-facts'

/** Owners of the current community (R2.8: tenants and family do not vote). */
const isOwnerHere = (s: BootstrapOutput) => s.roles.some((r) => r.communityId === s.currentCommunity?.id && r.role === 'OWNER')

/** The first open vote in which the caller holds a right not yet used, or null. */
export async function openVoteToCast(session: BootstrapOutput): Promise<{ id: string; title: string; closes: string } | null> {
  const communityId = session.currentCommunity?.id
  if (!communityId) return null
  const { elections } = await callCloud('election', 'list', { communityId })
  for (const e of elections.filter((x) => x.votingOpen)) {
    const mine = await callCloud('election', 'myBallot', { electionId: e.id })
    if (mine.eligible && mine.rights.some((r) => !r.voted)) return { id: e.id, title: e.title, closes: e.votingClosesAt.slice(0, 10) }
  }
  return null
}

/** Issue #12: 业主表决 on 首页 for owners and organisers; an open vote the owner has not voted in. */
export const registration: PortalRegistration = {
  entries: [{ key: 'election', title: '业主表决', glyph: '票', url: ROUTES.electionList, order: 40, visible: (s) => isOwnerHere(s) || can(s, 'election.manage') }],
  workItems: [],
  myThings: [
    {
      key: 'election-open-vote',
      visible: isOwnerHere,
      load: async (s) => {
        const v = await openVoteToCast(s)
        return v ? { title: '有一项业主表决等您投票', description: `${v.title} · ${v.closes} 截止`, url: `${ROUTES.electionVote}?id=${encodeURIComponent(v.id)}` } : null
      },
    },
  ],
  alerts: [],
}
