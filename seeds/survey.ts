/**
 * Survey demo data (issue #15): the field study's questionnaire published in 学堂坡社区 and
 * answered anonymously by 42 seeded residents, deterministic (seeded PRNG, fixed dates). Answers
 * lean the way the study found; two residents chose 村改居, so that cell is suppressed (< 5).
 * Also 你说我办 items in each state (OPEN, IN_PROGRESS, DONE).
 */
import { createHash } from 'node:crypto'
import { baselineTemplate, TEMPLATE_KEY } from '../domain/survey/baseline'
import type { SurveyDoc, SurveyResponseDoc, Answers, TextModeration } from '../domain/survey/model'
import { tokenId } from '../cloudfunctions/survey/identity'
import { consentId, type ConsentDoc } from '../domain/privacy/consent-model'
import { POLICY_VERSION } from '../domain/privacy/purposes'
import type { HouseholdMemberDoc } from '../domain/community/model'

export const SEED_SURVEY_ID = 'sv_seed_baseline'
const OPENED = new Date('2026-11-02T01:00:00.000Z')
const ANSWERED_DAY = '2026-11-'

type Doc = Record<string, unknown> & { _id: string }

function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Pick an option id by weights (same order as the weights). */
function pick(rnd: () => number, pairs: [string, number][]): string {
  const total = pairs.reduce((s, [, w]) => s + w, 0)
  let r = rnd() * total
  for (const [id, w] of pairs) if ((r -= w) < 0) return id
  return pairs[pairs.length - 1][0]
}

function answersFor(i: number, rnd: () => number): Answers {
  const sat = (): string => pick(rnd, [['satisfied', 4], ['neutral', 3], ['fairly_dissatisfied', 1.5], ['dissatisfied', 0.5]])
  const committee = pick(rnd, [['yes', 3], ['no', 1], ['unknown', 5]])
  const a: Answers = {
    // Two village-to-residence answers exactly: a cell under 5, suppressed in the results.
    q_type: i === 3 || i === 17 ? 'village' : pick(rnd, [['old_block', 6], ['new_estate', 3], ['work_unit', 2]]),
    q_years: pick(rnd, [['under5', 6], ['6to9', 1.5], ['10plus', 2.5]]),
    q_facilities: ['service_counter', 'plaza', 'fitness', ...(rnd() < 0.6 ? ['clinic'] : []), ...(rnd() < 0.5 ? ['activity'] : []), ...(rnd() < 0.2 ? ['elderly_apartment'] : [])],
    q_property: Object.fromEntries(['gate', 'greening', 'garbage', 'cleaning', 'traffic', 'patrol', 'outsiders', 'transparency', 'repairs', 'activities'].map((row) => [row, row === 'transparency' || row === 'traffic' ? pick(rnd, [['neutral', 2], ['fairly_dissatisfied', 3], ['dissatisfied', 2]]) : sat()])),
    q_property_overall: sat(),
    q_committee: committee,
    q_platform: pick(rnd, [['yes', 5], ['no', 5]]),
    q_groups: pick(rnd, [['none', 3], ['one', 5], ['two_plus', 2]]),
    q_security: pick(rnd, [['worried', 6], ['not_worried', 2], ['unsure', 2]]),
    q_share: pick(rnd, [['yes', 3], ['depends', 5], ['no', 2]]),
    q_complicated: pick(rnd, [['hard', 5], ['ok', 3], ['easy', 2]]),
    q_want: pick(rnd, [['yes', 9], ['indifferent', 1]]),
    q_offer: ['convenience', ...(rnd() < 0.7 ? ['care'] : []), ...(rnd() < 0.5 ? ['safety'] : []), ...(rnd() < 0.6 ? ['health'] : [])],
  }
  if (committee === 'yes') a.q_committee_vote = pick(rnd, [['voted', 2], ['not_voted', 1]])
  if (i % 5 === 0) a.q_suggest = ['希望多组织老年人活动', '楼道灯坏了很久，希望尽快修', '物业收费要公开明细', '希望小区有充电桩', '停车太难了', '希望社区医院能预约', '垃圾分类点太远', '希望有人帮老人上门办事', '小区路面需要修补'][i / 5]
  return a
}

export function buildSurveySeed(communityId: string, members: HouseholdMemberDoc[]): { collection: string; docs: Doc[] }[] {
  const rnd = prng(20261515)
  const def = baselineTemplate('2026-11-02T09:00:00+08:00', '2027-06-30T18:00:00+08:00')
  const survey: SurveyDoc = {
    _id: SEED_SURVEY_ID,
    communityId,
    title: def.title,
    intro: def.intro,
    questions: def.questions,
    audience: def.audience,
    anonymous: def.anonymous,
    oncePer: def.oncePer,
    opensAt: new Date(def.opensAt),
    closesAt: new Date(def.closesAt),
    status: 'PUBLISHED',
    templateKey: TEMPLATE_KEY,
    createdBy: 'o_demo_rc_staff',
    createdAt: OPENED,
    updatedAt: OPENED,
    publishedAt: OPENED,
    closedAt: null,
  }
  // Generated residents only: the demo personas can still answer it themselves.
  const respondents = [...new Set(members.filter((m) => m.openid.startsWith('o_seed_') && m.status === 'APPROVED').map((m) => m.openid))].slice(0, 42)
  const responses: SurveyResponseDoc[] = respondents.map((_, i) => ({
    // Not derived from the respondent: nothing joins a response to its token (identity.ts).
    _id: `sa_${createHash('sha256').update(`seed-response:${(i * 7919) % 1009}`).digest('hex').slice(0, 24)}`,
    surveyId: SEED_SURVEY_ID,
    communityId,
    answers: answersFor(i, rnd),
    moderation: (i % 5 === 0 ? { q_suggest: 'PASS' } : {}) as Record<string, TextModeration>,
    day: `${ANSWERED_DAY}${String(3 + (i % 20)).padStart(2, '0')}`,
  }))
  const tokens = respondents.map((openid) => ({ _id: tokenId(SEED_SURVEY_ID, { kind: 'person', key: openid }), surveyId: SEED_SURVEY_ID }))
  const consents: ConsentDoc[] = respondents.map((openid) => ({
    _id: consentId(openid, 'survey'),
    openid,
    purposeId: 'survey',
    state: 'GRANTED',
    policyVersion: POLICY_VERSION,
    channel: 'seed',
    updatedAt: OPENED,
    grantedAt: OPENED,
    refusedAt: null,
    withdrawnAt: null,
  }))
  // 你说我办: one item in each state, the first two from this survey's findings.
  const day = (d: string) => new Date(`${d}T02:00:00.000Z`)
  const step = (at: string, status: string, note: string) => ({ at: day(at), status, note, by: 'o_demo_rc_staff' })
  const action = (id: string, title: string, source: Doc['source'], ownerName: string, dueDate: string, progress: ReturnType<typeof step>[], notify: string[] = []): Doc => ({
    _id: id,
    // Reporters of the linked incidents (cloudfunctions/action): told when the item is closed.
    notify,
    communityId,
    title,
    description: '',
    source,
    ownerName,
    dueDate,
    status: progress[progress.length - 1].status,
    progress,
    createdBy: 'o_demo_rc_staff',
    createdAt: progress[0].at,
    updatedAt: progress[progress.length - 1].at,
    closedAt: progress[progress.length - 1].status === 'DONE' ? progress[progress.length - 1].at : null,
  })
  const actions: Doc[] = [
    action('ai_seed_fees', '按季度公开物业费收支明细', { kind: 'survey', ref: SEED_SURVEY_ID, label: '问卷：物业费与开支透明度满意度低', incidentIds: [] }, '孙丽（居委会）', '2027-01-15', [step('2026-11-20', 'OPEN', '已立项')]),
    action('ai_seed_traffic', '小区车辆进出与停车秩序整治', { kind: 'survey', ref: SEED_SURVEY_ID, label: '问卷：车辆出入与交通满意度低', incidentIds: [] }, '赵磊（物业）', '2026-12-31', [step('2026-11-20', 'OPEN', '已立项'), step('2026-11-27', 'IN_PROGRESS', '已与物业商定增设夜间巡查，并在6栋旁划线')]),
    action('ai_seed_lights', '修复3栋、4栋楼道灯', { kind: 'incidents', ref: null, label: '多次上报：楼道灯不亮', incidentIds: ['inc_seed_lamp'] }, '赵磊（物业）', '2026-11-25', [step('2026-11-10', 'OPEN', '已立项'), step('2026-11-18', 'DONE', '已更换24盏声控灯，请居民继续反馈')], ['o_demo_elder']),
  ]
  return [
    { collection: 'action_items', docs: actions },
    { collection: 'surveys', docs: [survey as unknown as Doc] },
    { collection: 'survey_responses', docs: responses.sort((a, b) => a._id.localeCompare(b._id)) as unknown as Doc[] },
    { collection: 'survey_tokens', docs: tokens.sort((a, b) => a._id.localeCompare(b._id)) },
    { collection: 'consents', docs: consents as unknown as Doc[] },
  ]
}
