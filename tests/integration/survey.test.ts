/**
 * Surveys through the local cloud (issue #15): the template published and answered, bad input
 * refused with nothing written, one response per household under 30 racing submissions,
 * anonymous responses checked in the store, small-cell suppression, msgSecCheck on free text, and
 * the CSV export parsed back and compared with the results.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, countDocs, expectError, expectOk, u } from './support/linli'
import { POLICY_VERSION } from '../../domain/privacy/purposes'
import { parseCsv, BOM, SUPPRESSED_MARK } from '../../domain/survey/csv'
import type { SurveyResults } from '../../domain/survey/results'

let t: TestCloud
const STAFF = 'o_demo_rc_staff'
const OPENS = '2026-01-01T00:00:00+08:00'
const CLOSES = '2099-12-31T00:00:00+08:00'

/** An approved member of a unit with the survey consent, written straight into the store. */
function resident(openid: string, bn: number, number: string, relation = 'OWNER'): string {
  const now = new Date()
  t.store.put('users', { _id: openid, nickname: openid, realName: null, phone: null, elderMode: null, currentCommunityId: C, createdAt: now, updatedAt: now }, 'replace')
  t.store.put(
    'household_members',
    { _id: `hm_${openid}_${u(bn, number)}`, openid, communityId: C, buildingId: `${C}_b${String(bn).padStart(2, '0')}`, unitId: u(bn, number), relation, status: 'APPROVED', realName: '测试', guardianOpenid: null, reviewedBy: 'o_demo_grid_worker', reviewNote: null, createdAt: now, updatedAt: now },
    'replace',
  )
  for (const purposeId of ['household', 'survey']) {
    t.store.put('consents', { _id: `${openid}:${purposeId}`, openid, purposeId, state: 'GRANTED', policyVersion: POLICY_VERSION, channel: 'test', updatedAt: now, grantedAt: now, refusedAt: null, withdrawnAt: null }, 'replace')
  }
  return openid
}

const simple = (extra: Record<string, unknown> = {}) => ({
  communityId: C,
  title: '楼道灯更换意见',
  questions: [
    { id: 'q1', kind: 'single', title: '您支持更换吗？', options: [{ id: 'yes', label: '支持' }, { id: 'no', label: '不支持' }] },
    { id: 'q2', kind: 'text', title: '其他意见', required: false },
  ],
  opensAt: OPENS,
  closesAt: CLOSES,
  ...extra,
})

async function published(def: Record<string, unknown>): Promise<string> {
  const { surveyId } = expectOk(await t.call<{ surveyId: string }>('survey', 'create', def, STAFF))
  expectOk(await t.call('survey', 'publish', { surveyId, communityId: C }, STAFF))
  return surveyId
}

beforeAll(async () => {
  t = await startTestCloud()
}, 60_000)
afterAll(() => t?.close())

describe('bad input → clear errors, nothing written', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no question', simple({ questions: [] }), 'questions'],
    ['21 options', simple({ questions: [{ id: 'q1', kind: 'single', title: '选', options: Array.from({ length: 21 }, (_, i) => ({ id: `o${i}`, label: `选项${i}` })) }] }), 'questions.0.options'],
    [
      'an 11 × 10 matrix',
      simple({ questions: [{ id: 'q1', kind: 'matrix', title: '矩阵', rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, label: `行${i}` })), options: Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, label: `列${i}` })) }] }),
      'questions.0.rows',
    ],
    ['close before open', simple({ opensAt: '2026-06-01T00:00:00+08:00', closesAt: '2026-05-01T00:00:00+08:00' }), 'closesAt'],
  ]
  test.each(cases)('%s', async (_name, input, field) => {
    const before = countDocs(t)
    const err = expectError(await t.call('survey', 'create', input, STAFF), 'VALIDATION_FAILED')
    expect(Object.keys((err.details as { fields: Record<string, string[]> }).fields)).toContain(field)
    expect(countDocs(t)).toEqual(before)
  })

  test('answers that skip a required question or pick an unknown option', async () => {
    const id = await published(simple())
    const who = resident('o_sv_bad', 3, '201')
    const before = countDocs(t)
    const skipped = expectError(await t.call('survey', 'respond', { surveyId: id, answers: {} }, who), 'VALIDATION_FAILED')
    expect((skipped.details as { fields: Record<string, string[]> }).fields['answers.q1']).toEqual(['这是必答题'])
    const unknown = expectError(await t.call('survey', 'respond', { surveyId: id, answers: { q1: 'maybe' } }, who), 'VALIDATION_FAILED')
    expect((unknown.details as { fields: Record<string, string[]> }).fields['answers.q1']).toBeDefined()
    const extra = expectError(await t.call('survey', 'respond', { surveyId: id, answers: { q1: 'yes', q9: 'x' } }, who), 'VALIDATION_FAILED')
    expect((extra.details as { fields: Record<string, string[]> }).fields['answers.q9']).toBeDefined()
    expect(countDocs(t)).toEqual(before)
  })
})

describe('one response per household', () => {
  test('a second response names when the household answered; nothing is overwritten', async () => {
    const id = await published(simple({ oncePer: 'household' }))
    const a = resident('o_sv_home_a', 5, '101')
    const b = resident('o_sv_home_b', 5, '101', 'FAMILY')
    expectOk(await t.call('survey', 'respond', { surveyId: id, answers: { q1: 'yes' } }, a))
    const err = expectError(await t.call('survey', 'respond', { surveyId: id, answers: { q1: 'no' } }, b), 'CONFLICT')
    expect(err.message).toMatch(/^您家已于\d{4}-\d\d-\d\d \d\d:\d\d/)
    const stored = t.store.find('survey_responses', { surveyId: id })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ openid: a, answers: { q1: 'yes' } })
  })

  test.each([false, true])('30 racing submissions from one household keep exactly one (anonymous: %s)', async (anonymous) => {
    const id = await published(simple({ oncePer: 'household', anonymous }))
    const people = Array.from({ length: 30 }, (_, i) => resident(`o_sv_race_${anonymous ? 'a' : 'n'}_${i}`, 9, '301', i === 0 ? 'OWNER' : 'FAMILY'))
    const answers = await Promise.all(people.map((p, i) => t.call('survey', 'respond', { surveyId: id, answers: { q1: i % 2 ? 'yes' : 'no' } }, p)))
    const ok = answers.filter((r) => r.ok)
    expect(ok).toHaveLength(1)
    expect(answers.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(Array(29).fill('CONFLICT'))
    expect(t.store.find('survey_responses', { surveyId: id })).toHaveLength(1)
    if (anonymous) expect(t.store.find('survey_tokens', { surveyId: id })).toHaveLength(1)
  }, 120_000)
})

describe('anonymous surveys', () => {
  test('responses carry no openid, no household and no time finer than the day; tokens cannot be joined back', async () => {
    const id = await published(simple({ anonymous: true }))
    const people = [resident('o_sv_anon_1', 4, '301'), resident('o_sv_anon_2', 4, '302'), resident('o_sv_anon_3', 4, '303', 'TENANT')]
    for (const p of people) expectOk(await t.call('survey', 'respond', { surveyId: id, answers: { q1: 'yes', q2: '希望晚上也亮' } }, p))
    const responses = t.store.find('survey_responses', { surveyId: id })
    const tokens = t.store.find('survey_tokens', { surveyId: id })
    expect(responses).toHaveLength(3)
    expect(tokens).toHaveLength(3)
    const isoTime = /\d{4}-\d\d-\d\dT\d\d:\d\d/
    for (const r of responses) {
      const text = JSON.stringify(r)
      for (const p of people) expect(text).not.toContain(p)
      expect(text).not.toContain(u(4, '30'))
      expect(text).not.toContain(`${C}_b04`)
      expect(text).not.toMatch(isoTime)
      expect(Object.keys(r).sort()).toEqual(['_id', 'answers', 'communityId', 'day', 'moderation', 'surveyId'])
      expect(r.day).toMatch(/^\d{4}-\d\d-\d\d$/)
    }
    // A token holds only the survey id; no value of a token appears in any response.
    for (const tok of tokens) {
      expect(Object.keys(tok).sort()).toEqual(['_id', 'surveyId'])
      for (const p of people) expect(tok._id).not.toContain(p)
      for (const r of responses) expect(JSON.stringify(r)).not.toContain(tok._id)
    }
    // Nothing else in the store ties a person to these answers' ids.
    for (const coll of t.store.listCollections()) {
      for (const d of t.store.dump(coll)) for (const r of responses) if (coll !== 'survey_responses') expect(JSON.stringify(d)).not.toContain(r._id)
    }
    // The same person again: refused, and the message says no time was kept.
    const again = expectError(await t.call('survey', 'respond', { surveyId: id, answers: { q1: 'no' } }, people[0]), 'CONFLICT')
    expect(again.message).toContain('不记录填写时间')
  })
})

describe('results, suppression, content check and export', () => {
  test('small cells are suppressed; risky text refused, review text held; the CSV equals the results', async () => {
    const id = await published(simple())
    const people = Array.from({ length: 9 }, (_, i) => resident(`o_sv_res_${i}`, 7, `${Math.floor(i / 4) + 4}0${(i % 4) + 1}`))
    const risky = expectError(await t.call('survey', 'respond', { surveyId: id, answers: { q1: 'yes', q2: '线上赌博稳赚' } }, people[0]), 'VALIDATION_FAILED')
    expect((risky.details as { fields: Record<string, string[]> }).fields['answers.q2']).toBeDefined()
    expect(t.store.find('survey_responses', { surveyId: id })).toHaveLength(0)
    // 7 yes, 2 no: "no" describes fewer than 5 people and is suppressed; then "yes" too, or 9 − 7 gives it away.
    for (const [i, p] of people.entries()) {
      const q2 = i === 0 ? '=HYPERLINK("http://x")' : i === 1 ? '有事加微信聊' : i === 2 ? '希望"尽快"更换, 谢谢' : undefined
      expectOk(await t.call('survey', 'respond', { surveyId: id, answers: { q1: i < 7 ? 'yes' : 'no', ...(q2 ? { q2 } : {}) } }, p))
    }
    const r = expectOk(await t.call<SurveyResults & { surveyId: string }>('survey', 'results', { surveyId: id, communityId: C }, STAFF))
    expect(r.respondents).toBe(9)
    const q1 = r.questions[0]
    expect(q1.cells.map((c) => c.count)).toEqual([null, null])
    expect(q1.suppressed).toBe(true)
    const q2 = r.questions[1]
    expect(q2.texts.sort()).toEqual(['=HYPERLINK("http://x")', '希望"尽快"更换, 谢谢'].sort())
    expect(q2.held).toBe(1)

    const exp = expectOk(await t.call<{ csvBase64: string; rows: number }>('survey', 'export', { surveyId: id, communityId: C }, STAFF))
    const text = Buffer.from(exp.csvBase64, 'base64').toString('utf8')
    expect(text.startsWith(BOM)).toBe(true)
    const rows = parseCsv(text)
    expect(rows[0]).toEqual(['题号', '题目', '行', '选项', '人数', '占比%'])
    const q1Rows = rows.filter((row) => row[0] === 'Q1')
    expect(q1Rows.map((row) => [row[3], row[4]])).toEqual(q1.cells.map((c) => [c.label, c.count === null ? SUPPRESSED_MARK : String(c.count)]))
    const q2Texts = rows.filter((row) => row[0] === 'Q2' && row[2] === '文字回答').map((row) => row[3])
    // Formula neutralised with a leading apostrophe; quotes and commas survive the round trip.
    expect(q2Texts.sort()).toEqual(["'=HYPERLINK(\"http://x\")", '希望"尽快"更换, 谢谢'].sort())
    expect(rows.filter((row) => row[0] === 'Q2' && row[2] === '待审核').map((row) => row[4])).toEqual([String(q2.held)])
    expect(rows.at(-1)?.[4]).toBe('9')
    expect(t.store.find('audit_log', { event: 'survey.exported', target: id })).toHaveLength(1)
  }, 60_000)

  test('the template has the field study questions, each mapped to its figure', async () => {
    const { surveyId } = expectOk(await t.call<{ surveyId: string }>('survey', 'createFromTemplate', { communityId: C, template: 'baseline-2019', opensAt: OPENS, closesAt: CLOSES }, STAFF))
    const s = expectOk(await t.call<{ questions: { id: string; title: string; baseline?: string }[]; anonymous: boolean; status: string }>('survey', 'get', { surveyId }, STAFF))
    expect(s.status).toBe('DRAFT')
    expect(s.anonymous).toBe(true)
    expect(s.questions.find((q) => q.id === 'q_platform')).toMatchObject({ baseline: 'platform_use' })
    expect(s.questions.find((q) => q.id === 'q_security')?.title).toContain('数据安全')
    // A resident does not see a draft.
    expectError(await t.call('survey', 'get', { surveyId }, 'o_demo_resident'), 'NOT_FOUND')
    expect(expectOk(await t.call<{ surveys: { id: string }[] }>('survey', 'list', { communityId: C }, 'o_demo_resident')).surveys.map((x) => x.id)).not.toContain(surveyId)
  })
})

describe('review of held free text (R5.8), origin link, audience count', () => {
  test('held answers wait for a person: released ones appear in the results and the CSV, refused ones never', async () => {
    const id = await published(simple({ title: '停车位意见' }))
    const a = resident('o_sv_hold_a', 8, '101')
    const b = resident('o_sv_hold_b', 8, '102')
    // The local msgSecCheck holds contact details for review (scene 2, suggest "review").
    expect(expectOk(await t.call<{ held: number }>('survey', 'respond', { surveyId: id, answers: { q1: 'yes', q2: '有事加微信聊车位' } }, a)).held).toBe(1)
    expect(expectOk(await t.call<{ held: number }>('survey', 'respond', { surveyId: id, answers: { q1: 'no', q2: '加微信谈谈收费' } }, b)).held).toBe(1)
    const before = expectOk(await t.call<SurveyResults>('survey', 'results', { surveyId: id, communityId: C }, STAFF)).questions[1]
    expect([before.texts, before.held]).toEqual([[], 2])

    const queue = expectOk(await t.call<{ items: { key: string; text: string; questionTitle: string }[]; total: number }>('survey', 'heldTexts', { surveyId: id, communityId: C }, STAFF))
    expect(queue.total).toBe(2)
    expect(queue.items.map((i) => i.text).sort()).toEqual(['有事加微信聊车位', '加微信谈谈收费'].sort())
    // The queue names no one.
    expect(JSON.stringify(queue)).not.toMatch(/o_sv_hold|unit|openid/)
    const release = queue.items.find((i) => i.text === '有事加微信聊车位')!
    const refuse = queue.items.find((i) => i.text === '加微信谈谈收费')!
    // Five staff taps on one release at once: one decision, all answered ok.
    const taps = await Promise.all(Array.from({ length: 5 }, () => t.call<{ moderation: string }>('survey', 'reviewText', { surveyId: id, communityId: C, key: release.key, decision: 'RELEASE' }, STAFF)))
    for (const tap of taps) expect(expectOk(tap).moderation).toBe('RELEASED')
    expectOk(await t.call('survey', 'reviewText', { surveyId: id, communityId: C, key: refuse.key, decision: 'REFUSE' }, STAFF))
    // A refused answer cannot be released afterwards.
    expectError(await t.call('survey', 'reviewText', { surveyId: id, communityId: C, key: refuse.key, decision: 'RELEASE' }, STAFF), 'CONFLICT')
    expectError(await t.call('survey', 'reviewText', { surveyId: id, communityId: C, key: 'rv_nothing', decision: 'RELEASE' }, STAFF), 'NOT_FOUND')

    const after = expectOk(await t.call<SurveyResults>('survey', 'results', { surveyId: id, communityId: C }, STAFF)).questions[1]
    expect([after.texts, after.held, after.refused]).toEqual([['有事加微信聊车位'], 0, 1])
    expect(expectOk(await t.call<{ total: number }>('survey', 'heldTexts', { surveyId: id, communityId: C }, STAFF)).total).toBe(0)
    const csv = parseCsv(Buffer.from(expectOk(await t.call<{ csvBase64: string }>('survey', 'export', { surveyId: id, communityId: C }, STAFF)).csvBase64, 'base64').toString('utf8'))
    expect(csv.filter((row) => row[0] === 'Q2' && row[2] === '文字回答').map((row) => row[3])).toEqual(['有事加微信聊车位'])
    expect(t.store.find('audit_log', { target: id, event: 'survey.text_released' })).not.toHaveLength(0)
    expect(t.store.find('audit_log', { target: id, event: 'survey.text_refused' })).toHaveLength(1)
  }, 60_000)

  test('a survey from a 邻里讨论 post keeps its origin; survey.get returns it', async () => {
    const { surveyId } = expectOk(await t.call<{ surveyId: string }>('survey', 'create', simple({ origin: { kind: 'post', id: 'ps_from_group_1' } }), STAFF))
    expect(expectOk(await t.call<{ origin: unknown }>('survey', 'get', { surveyId }, STAFF)).origin).toEqual({ kind: 'post', id: 'ps_from_group_1' })
    expect(t.store.find('surveys', { 'origin.id': 'ps_from_group_1' }).map((s) => s._id)).toEqual([surveyId])
    const plain = expectOk(await t.call<{ surveyId: string }>('survey', 'create', simple(), STAFF))
    expect(expectOk(await t.call<{ origin: unknown }>('survey', 'get', { surveyId: plain.surveyId }, STAFF)).origin).toBeNull()
    const bad = expectError(await t.call('survey', 'create', simple({ origin: { kind: 'tweet', id: '' } }), STAFF), 'VALIDATION_FAILED')
    expect(Object.keys((bad.details as { fields: Record<string, string[]> }).fields).some((f) => f.startsWith('origin'))).toBe(true)
  })

  test('the audience count equals the homes with an approved member in the chosen grids, buildings or owners', async () => {
    const members = t.store.find('household_members', { communityId: C, status: 'APPROVED' })
    const homes = (pred: (m: (typeof members)[number]) => boolean) => new Set(members.filter(pred).map((m) => m.unitId)).size
    const count = async (audience: unknown) => expectOk(await t.call<{ households: number }>('survey', 'audienceCount', { communityId: C, audience }, STAFF)).households
    expect(await count({ kind: 'community', ids: [] })).toBe(homes(() => true))
    expect(await count({ kind: 'owners', ids: [] })).toBe(homes((m) => m.relation === 'OWNER' || m.relation === 'CO_OWNER'))
    const b1 = `${C}_b01`
    expect(await count({ kind: 'buildings', ids: [b1] })).toBe(homes((m) => m.buildingId === b1))
    const grid = t.store.find('grids', { communityId: C })[0]
    const gridBuildings = grid.buildingIds as string[]
    expect(await count({ kind: 'grids', ids: [grid._id] })).toBe(homes((m) => gridBuildings.includes(m.buildingId as string)))
    expect(await count({ kind: 'grids', ids: [grid._id] })).toBeGreaterThan(0)
  })
})
