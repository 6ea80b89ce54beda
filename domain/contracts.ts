/**
 * Every cloud function's contract, by function name. The client types callCloud from this map
 * (type-only imports), the router validates with it, and GET /__dev/actions documents it.
 */
import { userContract } from './user/contract'
import { consentContract } from './privacy/contract'
import { communityContract } from './community/contract'
import { householdContract } from './household/contract'
import { roleContract } from './role/contract'
import { accessContract } from './access/contract'
import { rosterContract } from './roster/contract'
import { bookingContract } from './booking/contract'
import { noticeContract } from './notice/contract'
import { subscribeContract } from './subscribe/contract'
import { visitContract } from './visit/contract'
import { incidentContract } from './incident/contract'
import { groupContract } from './group/contract'
import { electionContract } from './election/contract'
import { repairContract } from './repair/contract'
import { financeContract } from './finance/contract'
import { scorecardContract } from './scorecard/contract'
import { surveyContract } from './survey/contract'
import { dashboardContract } from './dashboard/contract'
import { actionContract } from './action/contract'
import { mediaContract } from './media/contract'

export const CONTRACTS = {
  user: userContract,
  consent: consentContract,
  community: communityContract,
  household: householdContract,
  role: roleContract,
  access: accessContract,
  roster: rosterContract,
  booking: bookingContract,
  notice: noticeContract,
  subscribe: subscribeContract,
  visit: visitContract,
  incident: incidentContract,
  group: groupContract,
  election: electionContract,
  repair: repairContract,
  finance: financeContract,
  scorecard: scorecardContract,
  survey: surveyContract,
  dashboard: dashboardContract,
  action: actionContract,
  media: mediaContract,
} as const

export type Contracts = typeof CONTRACTS
export type FunctionName = keyof Contracts
