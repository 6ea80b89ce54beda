/**
 * Who may answer a survey: approved members of its community, narrowed by the audience (grids →
 * their buildings, buildings, owners only — R2.8: tenants and family are not owners).
 */
import { gridsOf } from '../_core/grid'
import { findAll } from '../_core/data'
import type { CallContext } from '../_core/context'
import type { HouseholdMemberDoc } from '../../domain/community/model'
import type { Audience, SurveyDoc } from '../../domain/survey/model'

/** Does this membership fall in the audience? (grids are resolved to their buildings first.) */
function inAudience(m: Pick<HouseholdMemberDoc, 'relation' | 'buildingId'>, audience: Audience, gridBuildings: Set<string>): boolean {
  if (audience.kind === 'community') return true
  if (audience.kind === 'owners') return m.relation === 'OWNER' || m.relation === 'CO_OWNER'
  if (audience.kind === 'buildings') return audience.ids.includes(m.buildingId)
  return gridBuildings.has(m.buildingId)
}

async function gridBuildingsOf(communityId: string, audience: Audience): Promise<Set<string>> {
  if (audience.kind !== 'grids') return new Set()
  return new Set((await gridsOf(communityId)).filter((g) => audience.ids.includes(g._id)).flatMap((g) => g.buildingIds))
}

/** Households (units with an approved member) an audience addresses, for the builder's count before publishing. */
export async function audienceHouseholds(communityId: string, audience: Audience): Promise<{ households: number; buildings: number }> {
  const [members, gridBuildings] = await Promise.all([
    findAll<HouseholdMemberDoc>('household_members', { communityId, status: 'APPROVED' }, { max: 100_000 }),
    gridBuildingsOf(communityId, audience),
  ])
  const hit = members.filter((m) => inAudience(m, audience, gridBuildings))
  return { households: new Set(hit.map((m) => m.unitId)).size, buildings: new Set(hit.map((m) => m.buildingId)).size }
}

export async function eligibleMemberships(ctx: CallContext, survey: SurveyDoc): Promise<HouseholdMemberDoc[]> {
  const mine = ctx.memberships.filter((m) => m.status === 'APPROVED' && m.communityId === survey.communityId)
  const gridBuildings = await gridBuildingsOf(survey.communityId, survey.audience)
  return mine.filter((m) => inAudience(m, survey.audience, gridBuildings))
}
