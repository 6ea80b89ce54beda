/**
 * Every action that declares a consent-based purpose answers CONSENT_REQUIRED to a caller without
 * that consent and writes nothing (R4.3). Derived from the contracts, so a new action with a
 * purpose cannot skip this: it must add a sample input below.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, u } from './support/linli'
import { CONTRACTS } from '../../domain/contracts'
import { needsConsent, purposeById } from '../../domain/privacy/purposes'
import type { ActionSpec } from '../../domain/shared/contract'
import { addDays, shanghaiDate } from '../../domain/booking/time'
import { BOOKING_IDS } from '../../seeds/booking'

const SAMPLE_INPUTS: Record<string, Record<string, unknown>> = {
  'household.apply': { communityId: C, buildingId: `${C}_b09`, unitId: u(9, '102'), relation: 'TENANT', realName: '无同意者', adultConfirmed: true },
  'household.listMine': {},
  'household.addMinor': { memberId: 'hm_not_checked_before_consent', displayName: '小宝', birthYear: 2020 },
  'notice.markRead': { noticeId: 'ntc_seed_urgent' },
  'notice.acknowledge': { noticeId: 'ntc_seed_ack' },
  'notice.ask': { noticeId: 'ntc_seed_urgent', text: '没有同意也能提问吗？' },
  'incident.report': { communityId: C, category: 'OTHER', locationText: '社区广场', description: '没有同意的上报内容' },
  'subscribe.record': { results: [{ templateId: 'TPL_NOTICE_LOCAL', result: 'accept' }] },
  // Issue #13: everything a person publishes to neighbours needs 邻里群与议事 (checked before the group is even looked up).
  'group.join': { groupId: `grp_${C}_i_volunteer` },
  'group.propose': { communityId: C, name: '象棋', description: '楼下下象棋' },
  'group.post.create': { groupId: `grp_${C}_b06`, text: '没有同意' },
  'group.post.comment': { postId: 'p_any', text: '没有同意' },
  'group.post.react': { postId: 'p_any', reaction: 'like', on: true },
  'group.chain.create': { groupId: `grp_${C}_b06`, text: '接龙', cap: 5, deadline: '2030-01-01T00:00:00.000Z' },
  'group.chain.join': { postId: 'p_any', values: {} },
  'group.poll.create': { groupId: `grp_${C}_b06`, text: '投票', options: ['甲', '乙'], deadline: '2030-01-01T00:00:00.000Z' },
  'group.poll.vote': { postId: 'p_any', choices: ['o1'] },
  'group.agenda.raise': { postId: 'p_any', summary: '议题' },
  'election.nominate': { electionId: 'el_xtp_committee', unitId: u(5, '101'), nominatedBy: 'SELF', statement: '愿意为小区业主做事，公开透明。', pledge: true },
  'repair.create': { communityId: C, unitId: u(6, '302'), location: 'UNIT', category: 'OTHER', description: '无同意者的报修', callbackRequested: false },
  'repair.rate': { id: 'rp_demo_confirmed', score: 5 },
  'finance.ask': { communityId: C, periodKey: '2026-11', text: '无同意者的提问' },
  'scorecard.rate': { communityId: C, scores: { CLEANING: 4 } },
  'survey.respond': { surveyId: 'sv_not_checked_before_consent', answers: {} },
}

const consentActions = Object.entries(CONTRACTS).flatMap(([fn, contract]) =>
  Object.entries(contract.actions as Record<string, ActionSpec>)
    .filter(([, spec]) => spec.purpose && needsConsent(purposeById(spec.purpose)))
    .map(([action, spec]) => ({ name: `${fn}.${action}`, fn, action, purpose: spec.purpose! })),
)

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

function snapshot(): string {
  return JSON.stringify(t.store.listCollections().sort().map((c) => [c, t.store.dump(c)]))
}

test('there are consent-based actions, and each has a sample input here', () => {
  expect(consentActions.length).toBeGreaterThan(0)
  expect(consentActions.map((a) => a.name).filter((n) => !SAMPLE_INPUTS[n])).toEqual([])
})

test.each(consentActions.map((a) => [a.name, a] as const))('%s without consent → CONSENT_REQUIRED, nothing written', async (_name, a) => {
  const openid = `o_no_consent_${a.fn}_${a.action}`
  await t.call('user', 'bootstrap', {}, openid)
  const before = snapshot()
  const r = await t.call(a.fn, a.action, SAMPLE_INPUTS[a.name], openid)
  expect(r).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', details: { purpose: a.purpose, reason: 'NOT_ASKED', canAsk: true } } })
  expect(snapshot()).toBe(before)
})

/**
 * Purposes that depend on the input, not on the action alone: booking a sensitive service (issue
 * #11) needs the separate booking_sensitive consent (PIPL Art. 29) on top of the action's own
 * purpose. Every seeded sensitive resource is covered.
 */
const CONDITIONAL: { name: string; fn: string; action: string; purpose: string; input: () => Record<string, unknown> }[] = [
  { name: 'booking.create 健康咨询', fn: 'booking', action: 'create', purpose: 'booking_sensitive', input: () => ({ resourceId: BOOKING_IDS.health, date: addDays(shanghaiDate(new Date()), 2), start: '09:00', note: '血压' }) },
  { name: 'booking.create 调解室', fn: 'booking', action: 'create', purpose: 'booking_sensitive', input: () => ({ resourceId: BOOKING_IDS.mediation, date: addDays(shanghaiDate(new Date()), 3), start: '09:00' }) },
]

test('every sensitive seeded resource has a conditional-consent case', () => {
  const sensitive = t.store.find('booking_resources', { sensitive: true }).map((r) => r._id)
  expect(sensitive.sort()).toEqual(CONDITIONAL.map((c) => c.input().resourceId).sort())
})

test.each(CONDITIONAL.map((c) => [c.name, c] as const))('%s without the separate consent → CONSENT_REQUIRED, nothing written', async (_name, c) => {
  // A resident of the community (approved member) who never granted the purpose.
  const openid = 'o_demo_resident'
  const before = snapshot()
  const r = await t.call(c.fn, c.action, c.input(), openid)
  expect(r).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', details: { purpose: c.purpose, reason: 'NOT_ASKED', canAsk: true } } })
  expect(snapshot()).toBe(before)
})
