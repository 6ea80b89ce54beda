/**
 * Who may answer a survey: approved members of its community, narrowed by the audience (grids →
 * their buildings, buildings, owners only — R2.8: tenants and family are not owners).
 */
import { gridsOf } from '../_core/grid'
import type { CallContext } from '../_core/context'
import type { HouseholdMemberDoc } from '../../domain/community/model'
import type { SurveyDoc } from '../../domain/survey/model'

export async function eligibleMemberships(ctx: CallContext, survey: SurveyDoc): Promise<HouseholdMemberDoc[]> {
  const mine = ctx.memberships.filter((m) => m.status === 'APPROVED' && m.communityId === survey.communityId)
  const { kind, ids } = survey.audience
  if (kind === 'community') return mine
  if (kind === 'owners') return mine.filter((m) => m.relation === 'OWNER' || m.relation === 'CO_OWNER')
  if (kind === 'buildings') return mine.filter((m) => ids.includes(m.buildingId))
  const buildings = new Set((await gridsOf(survey.communityId)).filter((g) => ids.includes(g._id)).flatMap((g) => g.buildingIds))
  return mine.filter((m) => buildings.has(m.buildingId))
}
