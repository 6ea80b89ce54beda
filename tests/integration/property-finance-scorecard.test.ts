/**
 * 物业收支公示 and the scorecard through the local cloud (issue #14 §2–3): bad figures publish
 * nothing, published versions never change, corrections keep history and show the diff, racing
 * publications of one period make one version, questions are masked and age, the scorecard
 * suppresses cells under 5 and moves at write time.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, bootstrap, expectError, expectOk, grant, u } from './support/linli'
import { memberIdFor } from '../../cloudfunctions/_core/id-hash'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)
afterAll(async () => {
  await t?.close()
})

const STAFF = 'o_demo_property_staff'
let seq = 0
const rid = () => `fin_${Date.now().toString(36)}_${++seq}`
const fin = <T = Record<string, unknown>>(action: string, input: unknown, openid: string) => t.call<T>('finance', action, input, openid, { requestId: rid() })

const report = (feeFen = 1_000_000) => ({
  income: [{ category: '物业费', amountFen: feeFen }, { category: '停车费', amountFen: 200_000 }],
  incomeTotalFen: feeFen + 200_000,
  expenditure: [{ category: '工资', amountFen: 700_000 }],
  expenditureTotalFen: 700_000,
  commonIncome: [{ category: '电梯广告', amountFen: 30_000 }],
  commonIncomeTotalFen: 30_000,
  fund: { openingFen: 5_000_000, depositsFen: 30_000, uses: [{ amountFen: 100_000, purpose: '更换路灯', decisionRef: '业主大会决议第2项' }], closingFen: 4_930_000 },
})

const snapshot = () => JSON.stringify([t.store.dump('finance_periods'), t.store.dump('finance_heads')])

test('bad figures: negative, fractional, totals off, overlapping a published month → field errors, nothing published', async () => {
  const before = snapshot()
  const neg = expectError(await fin('publish', { communityId: C, periodKey: '2026-06', report: { ...report(), income: [{ category: '物业费', amountFen: -5 }], incomeTotalFen: -5 } }, STAFF), 'VALIDATION_FAILED')
  expect(Object.keys((neg.details as { fields: object }).fields)).toEqual(expect.arrayContaining(['report.income.0.amountFen']))
  expectError(await fin('publish', { communityId: C, periodKey: '2026-06', report: { ...report(), incomeTotalFen: 1 } }, STAFF), 'VALIDATION_FAILED')
  expectError(await fin('publish', { communityId: C, periodKey: '2026-06', report: { ...report(), expenditureTotalFen: 700_000.5 } }, STAFF), 'VALIDATION_FAILED')
  // The seeds published 2026-09 … 2026-11: Q4 overlaps them, and 2026-10 exists.
  const overlap = expectError(await fin('publish', { communityId: C, periodKey: '2026-Q4', report: report() }, STAFF), 'VALIDATION_FAILED')
  expect(JSON.stringify(overlap.details)).toMatch(/重叠/)
  expectError(await fin('publish', { communityId: C, periodKey: '2026-10', report: report() }, STAFF), 'VALIDATION_FAILED')
  expectError(await fin('publish', { communityId: C, periodKey: '2026-06', report: report() }, 'o_demo_resident'), 'FORBIDDEN')
  expect(snapshot()).toBe(before)
}, 120_000)

test('published figures are immutable; a correction is a new version with the diff; the old one stays readable', async () => {
  const v1 = expectOk(await fin<{ id: string; version: number }>('publish', { communityId: C, periodKey: '2026-Q2', report: report() }, STAFF))
  expect(v1.version).toBe(1)
  const stored = JSON.stringify(t.store.getById('finance_periods', v1.id)!.doc)
  expectError(await fin('publish', { communityId: C, periodKey: '2026-Q2', report: report(1_100_000), correctsVersion: 1 }, STAFF), 'VALIDATION_FAILED') // no reason
  const v2 = expectOk(await fin<{ version: number; changes: { path: string; before: number; after: number }[] }>('publish', { communityId: C, periodKey: '2026-Q2', report: report(1_100_000), correctsVersion: 1, correctionReason: '物业费少记一笔' }, STAFF))
  expect(v2.version).toBe(2)
  expect(v2.changes).toEqual(expect.arrayContaining([{ path: 'income.物业费', before: 1_000_000, after: 1_100_000 }]))
  expect(JSON.stringify(t.store.getById('finance_periods', v1.id)!.doc)).toBe(stored)
  // Correcting a version that is no longer the latest is refused.
  expectError(await fin('publish', { communityId: C, periodKey: '2026-Q2', report: report(1_200_000), correctsVersion: 1, correctionReason: '再次更正' }, STAFF), 'CONFLICT')
  const got = expectOk(await t.call<{ version: number; latestVersion: number; versions: unknown[] }>('finance', 'get', { communityId: C, periodKey: '2026-Q2' }, 'o_demo_resident'))
  expect(got).toMatchObject({ version: 2, latestVersion: 2 })
  expect(got.versions).toHaveLength(2)
  const old = expectOk(await t.call<{ report: { incomeTotalFen: number } }>('finance', 'get', { communityId: C, periodKey: '2026-Q2', version: 1 }, 'o_demo_resident'))
  expect(old.report.incomeTotalFen).toBe(1_200_000)
}, 120_000)

test('racing publications of one new period → one version 1', async () => {
  const rs = await Promise.all([1, 2, 3].map(() => fin('publish', { communityId: C, periodKey: '2025-12', report: report() }, STAFF)))
  expect(rs.filter((r) => r.ok)).toHaveLength(1)
  expect(t.store.find('finance_periods', { periodKey: '2025-12' })).toHaveLength(1)
}, 120_000)

test('questions: masked author, risky refused, answered once, unanswered age; committee comments', async () => {
  await grant(t, 'o_demo_resident', ['property_service'])
  expectError(await fin('ask', { communityId: C, periodKey: '2026-11', text: '这里有人赌博吗' }, 'o_demo_resident'), 'VALIDATION_FAILED')
  const q = expectOk(await fin<{ id: string; status: string }>('ask', { communityId: C, periodKey: '2026-11', text: '公共水电费为什么涨了？' }, 'o_demo_resident'))
  expect(q.status).toBe('PUBLISHED')
  const { currentPeriod } = expectOk(await t.call<{ currentPeriod: string }>('scorecard', 'get', { communityId: C }, 'o_demo_owner'))
  const answered = () => (t.store.getById('scorecard_cells', `${C}:${currentPeriod}`)!.doc as unknown as { questions: { asked: number; answered: number } }).questions
  const before = answered()
  expectOk(await fin('answer', { communityId: C, questionId: q.id, text: '冬季公共照明时间延长。' }, STAFF))
  expectError(await fin('answer', { communityId: C, questionId: q.id, text: '再答一次' }, STAFF), 'CONFLICT')
  expectError(await fin('answer', { communityId: C, questionId: q.id, text: '居民不能答' }, 'o_demo_resident'), 'FORBIDDEN')
  expectOk(await fin('comment', { communityId: C, periodKey: '2026-11', text: '业委会已核对本月支出凭证。' }, 'o_demo_committee'))
  expectError(await fin('comment', { communityId: C, periodKey: '2026-11', text: '物业不能代业委会评论' }, STAFF), 'FORBIDDEN')
  const got = expectOk(await t.call<{ questions: { id: string; authorMasked: string; answer: unknown; ageDays: number }[]; comments: { by: string }[] }>('finance', 'get', { communityId: C, periodKey: '2026-11' }, 'o_demo_owner'))
  const mine = got.questions.find((x) => x.id === q.id)!
  expect(mine.authorMasked).toBe('刘*燕（居民）')
  expect(JSON.stringify(got)).not.toContain('刘晓燕')
  expect(mine.answer).toMatchObject({ by: '物业 赵磊' })
  expect(got.questions.some((x) => x.answer === null)).toBe(true)
  expect(got.comments.map((c) => c.by)).toContain('业委会委员 钱伟')
  // Counted into this month's cell at write time: asked when asked, answered when answered.
  expect(answered()).toEqual({ ...before, answered: before.answered + 1, answerHours: expect.any(Object) })
}, 120_000)

test('scorecard: a cell under 5 ratings is suppressed, the fifth shows it; once a month per account; reads cells, not repairs', async () => {
  const raters = [1, 2, 3, 4, 5].map((i) => `o_sc_rater_${i}`)
  for (const [i, o] of raters.entries()) {
    await bootstrap(t, o)
    await grant(t, o, ['property_service'])
    const unitId = u(9, `${i + 1}01`)
    t.store.put('household_members', { _id: memberIdFor(o, unitId), openid: o, communityId: C, buildingId: `${C}_b09`, unitId, relation: 'TENANT', status: 'APPROVED', realName: '评分人', createdAt: new Date(), updatedAt: new Date() }, 'replace')
  }
  const patrol = async () => expectOk(await t.call<{ periods: { items: { item: string; value: number | null; n: number; suppressed: boolean }[] }[] }>('scorecard', 'get', { communityId: C }, 'o_demo_owner')).periods[0].items.find((i) => i.item === 'PATROL')!
  for (const o of raters.slice(0, 4)) expectOk(await t.call('scorecard', 'rate', { communityId: C, scores: { PATROL: 2 } }, o, { requestId: rid() }))
  expect(await patrol()).toMatchObject({ n: 4, value: null, suppressed: true })
  expectOk(await t.call('scorecard', 'rate', { communityId: C, scores: { PATROL: 4 } }, raters[4], { requestId: rid() }))
  expect(await patrol()).toMatchObject({ n: 5, value: 2.4, suppressed: false })
  expectError(await t.call('scorecard', 'rate', { communityId: C, scores: { PATROL: 5 } }, raters[0], { requestId: rid() }), 'CONFLICT')
  expectError(await t.call('scorecard', 'rate', { communityId: C, scores: { PATROL: 5 } }, STAFF, { requestId: rid() }), 'CONSENT_REQUIRED')
  // Seeded history: November's ACCESS has 6 ratings (shown), PATROL there 3 (suppressed).
  const card = expectOk(await t.call<{ periods: { period: string; items: { item: string; suppressed: boolean; n: number }[] }[] }>('scorecard', 'get', { communityId: C }, 'o_demo_owner'))
  const nov = card.periods.find((p) => p.period === '2026-11')!
  expect(nov.items.find((i) => i.item === 'ACCESS')).toMatchObject({ n: 6, suppressed: false })
  expect(nov.items.find((i) => i.item === 'PATROL')).toMatchObject({ n: 3, suppressed: true })
}, 120_000)

test('held questions and comments: only the author sees them; the residents’ committee publishes or rejects once (racing moderators decide once); property staff cannot', async () => {
  await grant(t, 'o_demo_owner', ['property_service'])
  // 投诉物业经理 is a review word of the local msgSecCheck: public text waits unseen (R5.8).
  const q = expectOk(await fin<{ id: string; status: string }>('ask', { communityId: C, periodKey: '2026-10', text: '我要投诉物业经理，账目对不上' }, 'o_demo_owner'))
  expect(q.status).toBe('PENDING_REVIEW')
  const c = expectOk(await fin<{ id: string; status: string }>('comment', { communityId: C, periodKey: '2026-10', text: '请加微信核对凭证原件' }, 'o_demo_committee'))
  expect(c.status).toBe('PENDING_REVIEW')
  const seenBy = async (openid: string) => expectOk(await t.call<{ questions: { id: string; status: string; rejectReason: string | null }[]; comments: { id: string }[]; myHeldComments: { id: string; status: string }[] }>('finance', 'get', { communityId: C, periodKey: '2026-10' }, openid))
  expect((await seenBy('o_demo_resident')).questions.map((x) => x.id)).not.toContain(q.id)
  expect((await seenBy('o_demo_owner')).questions.find((x) => x.id === q.id)).toMatchObject({ status: 'PENDING_REVIEW' })
  expect((await seenBy('o_demo_committee')).myHeldComments).toEqual([expect.objectContaining({ id: c.id, status: 'PENDING_REVIEW' })])
  expectError(await fin('answer', { communityId: C, questionId: q.id, text: '答复一个未公开的提问' }, STAFF), 'NOT_FOUND')

  // The queue: for the residents' committee; the property company does not moderate questions about itself.
  expectError(await fin('held', { communityId: C }, STAFF), 'FORBIDDEN')
  const queue = expectOk(await fin<{ items: { id: string; kind: string; by: string }[] }>('held', { communityId: C }, 'o_demo_rc_staff'))
  expect(queue.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: q.id, kind: 'QUESTION', by: '张*国（居民）' }), expect.objectContaining({ id: c.id, kind: 'COMMENT' })]))
  expect(JSON.stringify(queue)).not.toContain('张建国')

  // A rejection needs a reason; nothing changes without one.
  expectError(await fin('moderate', { communityId: C, kind: 'COMMENT', id: c.id, decision: 'REJECT' }, 'o_demo_rc_staff'), 'VALIDATION_FAILED')
  expectOk(await fin('moderate', { communityId: C, kind: 'COMMENT', id: c.id, decision: 'REJECT', reason: '含联系方式，请删去后重发' }, 'o_demo_rc_staff'))
  expect((await seenBy('o_demo_committee')).myHeldComments).toEqual([expect.objectContaining({ id: c.id, status: 'REJECTED', rejectReason: '含联系方式，请删去后重发' })])
  expect((await seenBy('o_demo_resident')).comments.map((x) => x.id)).not.toContain(c.id)

  // Two moderators race on the question: one decision; the question becomes public and counts as asked.
  const { currentPeriod } = expectOk(await t.call<{ currentPeriod: string }>('scorecard', 'get', { communityId: C }, 'o_demo_owner'))
  const asked = () => (t.store.getById('scorecard_cells', `${C}:${currentPeriod}`)?.doc as unknown as { questions: { asked: number } } | undefined)?.questions.asked ?? 0
  const before = asked()
  const race = await Promise.all([
    fin('moderate', { communityId: C, kind: 'QUESTION', id: q.id, decision: 'PUBLISH' }, 'o_demo_rc_staff'),
    fin('moderate', { communityId: C, kind: 'QUESTION', id: q.id, decision: 'REJECT', reason: '重复提问' }, 'o_demo_admin'),
  ])
  expect(race.filter((r) => r.ok)).toHaveLength(1)
  expect(race.filter((r) => !r.ok).map((r) => (r as { error: { code: string } }).error.code)).toEqual(['CONFLICT'])
  const decided = t.store.getById('finance_questions', q.id)!.doc as unknown as { status: string }
  expect(asked()).toBe(before + (decided.status === 'PUBLISHED' ? 1 : 0))
  expect(t.store.find('audit_log', { target: q.id }).length).toBe(1)
  expect(expectOk(await fin<{ items: { id: string }[] }>('held', { communityId: C }, 'o_demo_rc_staff')).items.map((i) => i.id)).not.toContain(q.id)
}, 120_000)
