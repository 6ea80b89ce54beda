/**
 * The organisers' side of issue #12 through the local cloud with the real SDK: nominations checked
 * against the community's settings (R3.4, not code) and reviewed by the preparatory group, R3.1
 * steps 7–9 with their deadlines, the origin link to a neighbourhood discussion, the paper-ballot
 * reconciliation view (★), proxies superseded by the owner's own vote and capped per the
 * community's setting (R2.6), and the published count as a paged job with progress (R5.14).
 */
import { createHash } from 'node:crypto'
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { uploadAuthorisation, EC, P, TOTAL, closeWindow, code, daysAgo, daysAhead, eu, ok, openMotion, seedElectionCommunity, shiftElection } from './support/election'
import { ballotFileHeader, recountBallotFile } from '../../domain/election/ballot-file'
import { tallyMotion, type MotionChoice } from '../../domain/election/tally'
import { grant } from './support/linli'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
  seedElectionCommunity(t)
})
afterAll(async () => {
  await t?.close()
})

const sha = (s: string) => createHash('sha256').update(s).digest('hex')
const setElectionSettings = (election: Record<string, unknown> | undefined) => {
  const c = t.store.getById('communities', EC)!.doc as Record<string, unknown> & { _id: string; settings: Record<string, unknown> }
  t.store.put('communities', { ...c, settings: { ...c.settings, election } } as never, 'replace')
}
type Summary = { id: string; status: string; origin: { kind: string; id: string } | null; due: { officersBy: string | null; listBy: string | null; filingBy: string | null }; officers: { chair: string } | null; filingRef: string | null }

test('create keeps the origin of a proposal from a group post; get returns it and groups find it by origin.id', async () => {
  const r = ok(await t.call<{ election: Summary }>('election', 'create', { communityId: EC, kind: 'MOTION', matter: 8, title: '车棚改为快递柜', description: '邻里群讨论后提出', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(30), origin: { kind: 'post', id: 'post_abc' } }, P.committee))
  expect(r.election.origin).toEqual({ kind: 'post', id: 'post_abc' })
  const got = ok(await t.call<{ election: Summary }>('election', 'get', { electionId: r.election.id }, P.owner(3)))
  expect(got.election.origin).toEqual({ kind: 'post', id: 'post_abc' })
  expect(t.store.find('elections', { 'origin.id': 'post_abc' }).map((d) => (d as { _id: string })._id)).toEqual([r.election.id])
  const bad = await t.call('election', 'create', { communityId: EC, kind: 'MOTION', matter: 8, title: 'x车棚', description: 'y', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(30), origin: { kind: 'tweet', id: 'p' } }, P.committee)
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: { 'origin.kind': expect.arrayContaining([expect.any(String)]) } } } })
})

describe('a committee election from nomination to filing', () => {
  let id: string
  const cand: Record<string, string> = {}
  const nominate = (who: string, n: string, extra: Record<string, unknown> = {}) =>
    t.call<{ candidateId: string }>('election', 'nominate', { electionId: id, unitId: eu(n), nominatedBy: 'SELF', statement: '愿意为小区业主做事，账目公开透明。', pledge: true, declarations: ['FULL_CAPACITY', 'NO_PROPERTY_TIES', 'NO_FEE_ARREARS', 'NOT_DISHONEST_DEBTOR'], ...extra }, who)

  beforeAll(async () => {
    // Candidates give the separate consent to disclosure (PIPL Art. 25); the contract asks for it first.
    for (const who of [2, 3, 4, 5, 6].map(P.owner).concat(P.tenant)) await grant(t, who, ['candidate_disclosure'])
  })

  test('eligibility comes from the community settings: the default conditions, then the community\'s own (R3.4)', async () => {
    id = ok(await t.call<{ election: Summary }>('election', 'create', { communityId: EC, kind: 'ELECTION', matter: 3, seats: 3, title: '选举业主委员会', description: '选举委员3名', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(30) }, P.committee)).election.id
    const got = ok(await t.call<{ candidateConditions: { key: string }[]; canNominate: boolean }>('election', 'get', { electionId: id }, P.owner(2)))
    expect(got.candidateConditions.map((c) => c.key)).toEqual(['FULL_CAPACITY', 'NO_PROPERTY_TIES', 'NO_FEE_ARREARS', 'NOT_DISHONEST_DEBTOR'])
    expect(got.canNominate).toBe(true)
    const missing = await nominate(P.owner(2), '102', { declarations: ['FULL_CAPACITY'] })
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: { declarations: expect.arrayContaining([expect.stringContaining('失信被执行人')]) } } } })
    // The community requires residence as well: the same declaration set no longer suffices.
    setElectionSettings({ candidateConditions: ['FULL_CAPACITY', 'NO_PROPERTY_TIES', 'NO_FEE_ARREARS', 'NOT_DISHONEST_DEBTOR', 'RESIDES'] })
    expect(code(await nominate(P.owner(2), '102'))).toBe('VALIDATION_FAILED')
    expect(t.store.count('election_candidates', { electionId: id })).toBe(0)
    const all = ['FULL_CAPACITY', 'NO_PROPERTY_TIES', 'NO_FEE_ARREARS', 'NOT_DISHONEST_DEBTOR', 'RESIDES']
    for (const i of [2, 3, 4, 5]) cand[i] = ok(await nominate(P.owner(i), `10${i}`, { declarations: all })).candidateId
    setElectionSettings(undefined)
    // Joint and residents'-committee nominations say who nominated.
    expect(await nominate(P.owner(6), '106', { nominatedBy: 'JOINT' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: { nominators: expect.arrayContaining([expect.any(String)]) } } } })
    cand[6] = ok(await nominate(P.owner(6), '106', { nominatedBy: 'JOINT', nominators: '102、103、107 业主联名' })).candidateId
    // Tenants and property staff cannot stand.
    expect(code(await nominate(P.tenant, '102'))).toBe('FORBIDDEN')
    expect(ok(await t.call<{ canNominate: boolean }>('election', 'get', { electionId: id }, P.owner(2))).canNominate).toBe(false)
  })

  test('the preparatory group reviews every nomination before the list is publicised; owners see only approved ones', async () => {
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'ROSTER_PUBLICIZED' }, P.committee))
    const pending = await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'DOCS_PUBLICIZED' }, P.committee)
    expect(pending).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { pending: 5 } } })
    expect(code(await t.call('election', 'reviewCandidate', { communityId: EC, candidateId: cand[6], approve: false }, P.committee))).toBe('VALIDATION_FAILED')
    expect(code(await t.call('election', 'reviewCandidate', { communityId: EC, candidateId: cand[6], approve: true }, P.owner(3)))).toBe('FORBIDDEN')
    ok(await t.call('election', 'reviewCandidate', { communityId: EC, candidateId: cand[6], approve: false, note: '拖欠物业费未缴清' }, P.committee))
    for (const i of [2, 3, 4, 5]) ok(await t.call('election', 'reviewCandidate', { communityId: EC, candidateId: cand[i], approve: true }, P.rc))
    const staffView = ok(await t.call<{ candidates: { id: string; status: string; reviewNote: string | null }[] }>('election', 'candidates', { electionId: id }, P.committee))
    expect(staffView.candidates.find((c) => c.id === cand[6])).toMatchObject({ status: 'REJECTED', reviewNote: '拖欠物业费未缴清' })
    const ownerView = ok(await t.call<{ candidates: { id: string }[] }>('election', 'candidates', { electionId: id }, P.owner(7)))
    expect(ownerView.candidates.map((c) => c.id).sort()).toEqual([cand[2], cand[3], cand[4], cand[5]].sort())
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'DOCS_PUBLICIZED' }, P.committee))
    // The list is frozen once publicised.
    expect(code(await t.call('election', 'reviewCandidate', { communityId: EC, candidateId: cand[2], approve: false, note: '改主意' }, P.committee))).toBe('CONFLICT')
  })

  test('a rejected candidate is not on the ballot; results; then officers, list and filing in order (R3.1 steps 7–9)', async () => {
    shiftElection(t, id, () => ({ docsPublicizedAt: daysAgo(16), votingOpensAt: daysAgo(1) }))
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'VOTING_OPEN' }, P.committee))
    expect(code(await t.call('election', 'castBallot', { electionId: id, approve: [cand[6]] }, P.owner(2)))).toBe('VALIDATION_FAILED')
    for (const who of [P.coA, P.owner(2), P.owner(3), P.owner(4), P.owner(5), P.owner(6), P.owner(7)]) ok(await t.call('election', 'castBallot', { electionId: id, approve: [cand[2], cand[3], cand[4]] }, who))
    closeWindow(t, id)
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'PRELIM_RESULT' }, P.committee))
    const res = ok(await t.call<{ results: { election: { elected: string[] } } }>('election', 'results', { electionId: id }, P.owner(8)))
    expect(res.results.election.elected.sort()).toEqual([cand[2], cand[3], cand[4]].sort())
    // Steps 7–9 only in order, and only after the result is final.
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'OFFICERS_CHOSEN', officers: { chair: cand[2], viceChairs: [] } }, P.committee))).toBe('CONFLICT')
    shiftElection(t, id, () => ({ prelimAt: daysAgo(16) }))
    const final = ok(await t.call<{ election: Summary }>('election', 'transition', { communityId: EC, electionId: id, to: 'RESULT_FINAL' }, P.committee))
    expect(Date.parse(final.election.due.officersBy!) - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000)
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'LIST_PUBLICIZED' }, P.committee))).toBe('CONFLICT')
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'OFFICERS_CHOSEN' }, P.committee))).toBe('VALIDATION_FAILED')
    // The chair must be an elected member.
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'OFFICERS_CHOSEN', officers: { chair: cand[5], viceChairs: [] } }, P.committee))).toBe('VALIDATION_FAILED')
    const officers = ok(await t.call<{ election: Summary }>('election', 'transition', { communityId: EC, electionId: id, to: 'OFFICERS_CHOSEN', officers: { chair: cand[2], viceChairs: [cand[3]] } }, P.committee))
    expect(officers.election).toMatchObject({ status: 'OFFICERS_CHOSEN', officers: { chair: cand[2] } })
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'LIST_PUBLICIZED' }, P.committee))
    // Filing after the 30-day deadline is recorded, and its lateness audited.
    shiftElection(t, id, () => ({ finalAt: daysAgo(40) }))
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'FILED' }, P.committee))).toBe('VALIDATION_FAILED')
    const filed = ok(await t.call<{ election: Summary }>('election', 'transition', { communityId: EC, electionId: id, to: 'FILED', filingRef: '岳麓住建备〔2026〕12号' }, P.committee))
    expect(filed.election).toMatchObject({ status: 'FILED', filingRef: '岳麓住建备〔2026〕12号' })
    const last = t.store.find('election_audit', { electionId: id, event: 'election.filed' })[0] as unknown as { details: { late?: boolean } }
    expect(last.details.late).toBe(true)
    expect(t.store.find('election_audit', { electionId: id, event: 'election.officers_chosen' })[0]).toMatchObject({ details: { officers: { chair: cand[2] } } })
  })
})

test('paper reconciliation: per right how far it got, never what was entered (★)', async () => {
  const id = await openMotion(t, { matter: 9, title: '增设儿童游乐设施' })
  ok(await t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('105'), choice: 'YES', sheetRef: 'P-5' }, P.committee))
  ok(await t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('106'), choice: 'NO', sheetRef: 'P-6' }, P.committee))
  expect(code(await t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('106'), choice: 'YES', sheetRef: 'P-6' }, P.rc))).toBe('PAPER_MISMATCH')
  const view = ok(await t.call<{ entries: Record<string, unknown>[]; counts: Record<string, number> }>('election', 'paperEntries', { communityId: EC, electionId: id }, P.rc))
  expect(view.counts).toEqual({ firstEntry: 1, mismatch: 1, counted: 0 })
  expect(view.entries[0]).toMatchObject({ unitLabel: '1栋106', state: 'MISMATCH', entries: 2, sheetRefs: ['P-6'], enteredByMe: true })
  expect(JSON.stringify(view)).not.toMatch(/YES|NO"/)
  ok(await t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('105'), choice: 'YES', sheetRef: 'P-5' }, P.rc))
  const after = ok(await t.call<{ counts: Record<string, number> }>('election', 'paperEntries', { communityId: EC, electionId: id }, P.admin))
  expect(after.counts).toEqual({ firstEntry: 0, mismatch: 1, counted: 1 })
  expect(code(await t.call('election', 'paperEntries', { communityId: EC, electionId: id }, P.owner(2)))).toBe('FORBIDDEN')
})

test('proxies: the cap comes from the community setting; the owner\'s own vote supersedes an unused proxy (R2.6)', async () => {
  const id = await openMotion(t, { matter: 9, title: '楼道加装扶手' })
  setElectionSettings({ proxyCapPerAgent: 1 })
  const ids: string[] = []
  for (const n of ['107', '108']) ids.push(ok(await t.call<{ proxyId: string }>('election', 'registerProxy', { electionId: id, unitId: eu(n), authorisationFileIds: await uploadAuthorisation(t, P.agent), ownerName: `业主${n}` }, P.agent)).proxyId)
  ok(await t.call('election', 'approveProxy', { communityId: EC, proxyId: ids[0], approve: true }, P.committee))
  expect(await t.call('election', 'approveProxy', { communityId: EC, proxyId: ids[1], approve: true }, P.committee)).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { cap: 1 } } })
  setElectionSettings(undefined)
  // The authorisation must be the agent's own upload: another person's photo id is refused, nothing written.
  const before = t.store.count('election_proxies', { electionId: id })
  const foreign = await t.call('election', 'registerProxy', { electionId: id, unitId: eu('109'), authorisationFileIds: await uploadAuthorisation(t, P.owner(3)), ownerName: '业主9' }, P.agent)
  expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: { 'authorisationFileIds.0': expect.arrayContaining([expect.any(String)]) } } } })
  expect(t.store.count('election_proxies', { electionId: id })).toBe(before)
  // Staff see the photos of the authorisation (a checked one, never a risky one) to decide.
  const risky = ok(await t.call<{ proxyId: string }>('election', 'registerProxy', { electionId: id, unitId: eu('109'), authorisationFileIds: await uploadAuthorisation(t, P.agent, 'risky.png'), ownerName: '业主9' }, P.agent)).proxyId
  await t.cloud.openapi.pushesSettled()
  const photos = ok(await t.call<{ proxies: { id: string; authorisation: string[] }[] }>('election', 'proxies', { communityId: EC, electionId: id }, P.committee))
  expect(photos.proxies.find((p) => p.id === ids[0])!.authorisation).toHaveLength(1)
  expect(photos.proxies.find((p) => p.id === risky)!.authorisation).toHaveLength(0)
  ok(await t.call('election', 'castBallot', { electionId: id, choice: 'NO' }, P.owner(7)))
  const list = ok(await t.call<{ proxies: { id: string; status: string }[] }>('election', 'proxies', { communityId: EC, electionId: id }, P.committee))
  expect(list.proxies.find((p) => p.id === ids[0])!.status).toBe('SUPERSEDED')
  expect(list.proxies.find((p) => p.id === ids[1])!.status).toBe('PENDING')
})

describe('the published count as a paged job (R5.14)', () => {
  const E = 'el_paged_count'
  const N = 2_600
  const choices: MotionChoice[] = ['YES', 'YES', 'NO', 'ABSTAIN', 'YES']
  const roster: { unitId: string; party: string; areaCentiM2: number }[] = []
  const ballots: { party: string; choice: MotionChoice }[] = []

  beforeAll(() => {
    const now = new Date()
    for (let i = 0; i < N; i++) {
      const party = `pc_p${i}`
      const area = 5_000 + ((i * 7919) % 9_000)
      roster.push({ unitId: `u${i}`, party, areaCentiM2: area })
      if (i % 4 === 3) continue
      const choice = choices[i % 5]
      ballots.push({ party, choice })
      t.store.put('election_ballots', { _id: `bl_${E}_${party}`, electionId: E, communityId: EC, party, areaCentiM2: area, choice, approve: null, via: 'OWNER', voterOpenid: null, proxyId: null, enteredBy: null, receipt: `R${i}`, receiptHash: sha(`r${i}`), castAt: now } as never, 'replace')
    }
    const total = { heads: N, areaCentiM2: roster.reduce((s, r) => s + r.areaCentiM2, 0) }
    const header = ballotFileHeader({ electionId: E, kind: 'MOTION', threshold: 'ORDINARY', seats: null, candidates: [], total })
    // The state a PRELIM_RESULT transition leaves when its inline budget ran out.
    t.store.put('elections', {
      _id: E, communityId: EC, kind: 'MOTION', matter: 4, threshold: 'ORDINARY', title: '分页计票', description: '-', seats: null, status: 'PRELIM_RESULT', itemKey: `${EC}:4`,
      votingOpensAt: daysAgo(10), votingClosesAt: daysAgo(1), originalClosesAt: daysAgo(1), docsPublicizedAt: daysAgo(30), prelimAt: now, finalAt: null, terminatedAt: null, lockUntil: null, extensions: [],
      total, participating: { heads: ballots.length, areaCentiM2: 0 }, roster: null, results: null, prepGroup: null,
      tally: { state: 'RUNNING', chunks: 0, done: 0, of: ballots.length, cursor: '', header, startedAt: now },
      audit: { seq: 0, hash: '0'.repeat(64) }, createdBy: 'test', createdAt: now,
    } as never, 'replace')
  })

  test('until done, results answer 计票中 n %; two timer runs racing finish it once; the result is the recount of the published file', async () => {
    const before = ok(await t.call<{ published: boolean; counting: { percent: number; of: number } | null }>('election', 'results', { electionId: E }, P.owner(2)))
    expect(before).toMatchObject({ published: false, counting: { percent: 0, of: ballots.length } })
    expect(code(await t.call('election', 'ballotFile', { electionId: E }, P.owner(2)))).toBe('CONFLICT')
    await Promise.all([t.cloud.fireTimer('election', 'count-results'), t.cloud.fireTimer('election', 'count-results')])
    const after = ok(await t.call<{ published: boolean; counting: unknown; results: { motion: unknown; ballotFileSha256: string } }>('election', 'results', { electionId: E }, P.owner(2)))
    expect(after.published).toBe(true)
    expect(after.counting).toBeNull()
    expect(after.results.motion).toEqual(tallyMotion({ threshold: 'ORDINARY', roster, ballots }))
    expect(after.results.motion).toMatchObject({ total: { heads: N }, participating: { heads: ballots.length } })
    expect(t.store.count('election_ballot_chunks', { electionId: E })).toBe(Math.ceil(ballots.length / 1000))
    const file = ok(await t.call<{ text: string; sha256: string }>('election', 'ballotFile', { electionId: E }, P.owner(2)))
    expect(sha(file.text)).toBe(after.results.ballotFileSha256)
    expect(file.text.split('\n').filter((l) => l.startsWith('ballot,'))).toHaveLength(ballots.length)
    expect(recountBallotFile(file.text).motion).toEqual(after.results.motion)
    // One audit entry for the count, whatever the number of runners, and the chain verifies.
    expect(t.store.count('election_audit', { electionId: E, event: 'election.counted' })).toBe(1)
    expect(ok(await t.call<{ ok: boolean }>('election', 'auditVerify', { electionId: E }, P.owner(2))).ok).toBe(true)
  })

  test('a transition on a small vote counts inline: the result is there at once', async () => {
    const id = await openMotion(t, { matter: 9, title: '更换小区大门' })
    for (const who of [P.coA, P.owner(2), P.owner(3), P.owner(4), P.owner(5), P.owner(6), P.owner(7)]) ok(await t.call('election', 'castBallot', { electionId: id, choice: 'YES' }, who))
    closeWindow(t, id)
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'PRELIM_RESULT' }, P.committee))
    const r = ok(await t.call<{ published: boolean; results: { motion: { total: unknown; passed: boolean } } }>('election', 'results', { electionId: id }, P.owner(2)))
    expect(r).toMatchObject({ published: true, results: { motion: { total: TOTAL, passed: true } } })
  })
})
