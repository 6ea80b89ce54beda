/**
 * election through the local cloud with the real SDK (issue #12): dates enforced by the server
 * (R1.8, R3.1), voting rights from the frozen roster snapshot (R2.1–R2.3), tenants and family never
 * vote (R2.8), one ballot per right (R2.4, R3.11), the 投票码, results recounted from the published
 * file, and the hash-chained audit log.
 */
import { createHash } from 'node:crypto'
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { uploadAuthorisation, EC, P, TOTAL, closeWindow, code, daysAgo, daysAhead, eu, ok, openMotion, seedElectionCommunity, shiftElection } from './support/election'
import { recountBallotFile } from '../../domain/election/ballot-file'
import { addMonths } from '../../domain/election/lifecycle'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
  seedElectionCommunity(t)
})
afterAll(async () => {
  await t?.close()
})

type Summary = { id: string; status: string; total: { heads: number; areaCentiM2: number } | null; participating: { heads: number; areaCentiM2: number }; votingClosesAt: string; lockUntil: string | null }
const sha = (s: string) => createHash('sha256').update(s).digest('hex')

describe('creating an item: dates and rules from the server', () => {
  test('voting may not open within 15 days of now (R1.8); nothing written', async () => {
    const before = t.store.count('elections', {})
    const r = await t.call('election', 'create', { communityId: EC, kind: 'MOTION', matter: 4, title: '续聘物业', description: '续聘', votingOpensAt: daysAhead(3), votingClosesAt: daysAhead(10) }, P.committee)
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: { votingOpensAt: expect.arrayContaining([expect.any(String)]) } } } })
    expect(t.store.count('elections', {})).toBe(before)
  })
  test('the threshold comes from the matter (R1.1): item 6 SPECIAL, item 5 ORDINARY; an election is item 3 with odd seats', async () => {
    const mk = (matter: number) => t.call<{ election: { threshold: string } }>('election', 'create', { communityId: EC, kind: 'MOTION', matter, title: `事项${matter}`, description: 'x', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(20) }, P.committee)
    expect(ok(await mk(6)).election.threshold).toBe('SPECIAL')
    expect(ok(await mk(5)).election.threshold).toBe('ORDINARY')
    const bad = await t.call('election', 'create', { communityId: EC, kind: 'ELECTION', matter: 4, seats: 4, title: '选举', description: 'x', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(20) }, P.committee)
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: { matter: expect.arrayContaining([expect.any(String)]), seats: expect.arrayContaining([expect.any(String)]) } } } })
  })
  test('owners, tenants and property staff cannot create', async () => {
    const input = { communityId: EC, kind: 'MOTION', matter: 4, title: '续聘物业', description: 'x', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(20) }
    for (const who of [P.owner(2), P.tenant, P.property]) expect(code(await t.call('election', 'create', input, who))).toBe('FORBIDDEN')
  })
})

describe('lifecycle and voting', () => {
  let id: string
  test('roster publicity snapshots the rights: co-owned flat one right, developer flats one head, parking out (R2.1, R2.3)', async () => {
    const created = ok(await t.call<{ election: Summary }>('election', 'create', { communityId: EC, kind: 'MOTION', matter: 4, title: '续聘物业服务企业', description: '是否续聘', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(30) }, P.committee))
    id = created.election.id
    // Before voting: refused by state.
    expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'YES' }, P.owner(2)))).toBe('ELECTION_NOT_OPEN')
    const r = ok(await t.call<{ election: Summary }>('election', 'transition', { communityId: EC, electionId: id, to: 'ROSTER_PUBLICIZED' }, P.committee))
    expect(r.election.total).toEqual(TOTAL)
    const roster = ok(await t.call<{ units: { unitId: string; counted: boolean }[] }>('election', 'roster', { electionId: id }, P.owner(3)))
    expect(roster.units.find((u) => u.unitId === eu('P01'))!.counted).toBe(false)
    expect(roster.units.filter((u) => u.counted)).toHaveLength(11)
    // Tenants do not see the owner roster.
    expect(code(await t.call('election', 'roster', { electionId: id }, P.tenant))).toBe('FORBIDDEN')
  })

  test('voting is refused until the 15-day publicity is over, by the server clock', async () => {
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'DOCS_PUBLICIZED' }, P.committee))
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'VOTING_OPEN' }, P.committee))).toBe('CONFLICT')
    expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'YES' }, P.owner(2)))).toBe('ELECTION_NOT_OPEN')
    // 16 days later (the stored dates move back instead of the clock moving forward).
    shiftElection(t, id, () => ({ docsPublicizedAt: daysAgo(16), votingOpensAt: daysAgo(1) }))
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'VOTING_OPEN' }, P.committee))
  })

  test('tenants and family members never get a ballot (R2.8)', async () => {
    for (const who of [P.tenant, P.family]) {
      expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'YES' }, who))).toBe('FORBIDDEN')
      const mine = ok(await t.call<{ eligible: boolean; reason: string }>('election', 'myBallot', { electionId: id }, who))
      expect(mine.eligible).toBe(false)
      const got = ok(await t.call<{ canVote: boolean }>('election', 'get', { electionId: id }, who))
      expect(got.canVote).toBe(false)
    }
    expect(t.store.count('election_ballots', { electionId: id })).toBe(0)
  })

  test('an owner votes, gets a 投票码, sees it only themselves and verifies it; a second ballot is ALREADY_VOTED', async () => {
    const { receipt } = ok(await t.call<{ receipt: string }>('election', 'castBallot', { electionId: id, choice: 'YES' }, P.owner(2)))
    expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'NO' }, P.owner(2)))).toBe('ALREADY_VOTED')
    const mine = ok(await t.call<{ rights: { choice: string; receipt: string; areaCentiM2: number }[] }>('election', 'myBallot', { electionId: id }, P.owner(2)))
    expect(mine.rights).toEqual([expect.objectContaining({ choice: 'YES', receipt, areaCentiM2: 10_000, voted: true, byMe: true })])
    const v = ok(await t.call<{ found: boolean; choice: string }>('election', 'verifyReceipt', { electionId: id, receipt: receipt.toLowerCase().replace(/-/g, ' ') }, P.owner(2)))
    expect(v).toMatchObject({ found: true, choice: 'YES', via: 'OWNER' })
    expect(ok(await t.call<{ found: boolean }>('election', 'verifyReceipt', { electionId: id, receipt: 'AAAA-BBBB-CCCC-DDDD' }, P.owner(2))).found).toBe(false)
    const turnout = ok(await t.call<{ participating: unknown; total: unknown; needed: unknown }>('election', 'turnout', { electionId: id }, P.owner(5)))
    expect(turnout).toEqual({ total: TOTAL, participating: { heads: 1, areaCentiM2: 10_000 }, quorumMet: false, needed: { heads: 7, areaCentiM2: 66_667 } })
  })

  test('the co-owner sees that their co-owner voted, but not how (R2.4, R3.7)', async () => {
    ok(await t.call('election', 'castBallot', { electionId: id, choice: 'NO' }, P.coA))
    const b = ok(await t.call<{ rights: { voted: boolean; choice: unknown; receipt: unknown; byMe: boolean }[] }>('election', 'myBallot', { electionId: id }, P.coB))
    expect(b.rights).toEqual([expect.objectContaining({ voted: true, byMe: false, choice: null, receipt: null, via: 'OWNER' })])
    expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'YES' }, P.coB))).toBe('ALREADY_VOTED')
  })

  test('the roster is frozen once voting opens', async () => {
    expect(code(await t.call('election', 'roster', { electionId: id, refresh: true }, P.committee))).toBe('CONFLICT')
  })

  test('after the window: refused; quorum short → no result, extension within 3 months only, ballots carry over', async () => {
    closeWindow(t, id)
    expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'YES' }, P.owner(3)))).toBe('ELECTION_NOT_OPEN')
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'PRELIM_RESULT' }, P.committee))).toBe('CONFLICT')
    const e = t.store.getById('elections', id)!.doc as unknown as { originalClosesAt: Date }
    const limit = addMonths(new Date(e.originalClosesAt), 3)
    const tooLate = await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'EXTEND', votingClosesAt: new Date(limit.getTime() + 60_000) }, P.committee)
    expect(tooLate).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    const ext = ok(await t.call<{ election: Summary & { extensions: unknown[] } }>('election', 'transition', { communityId: EC, electionId: id, to: 'EXTEND', votingClosesAt: daysAhead(20) }, P.committee))
    expect(ext.election.extensions).toHaveLength(1)
    expect(ext.election.participating).toEqual({ heads: 2, areaCentiM2: 20_000 })
    ok(await t.call('election', 'castBallot', { electionId: id, choice: 'YES' }, P.owner(3)))
    // A second extension up to the limit is allowed, one beyond it is not.
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'EXTEND', votingClosesAt: limit }, P.committee))
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'EXTEND', votingClosesAt: new Date(limit.getTime() + 1000) }, P.committee))).toBe('VALIDATION_FAILED')
  })

  test('termination after the (extended) close locks the same item for a year; another item is free', async () => {
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'TERMINATED' }, P.committee))).toBe('CONFLICT') // not closed yet
    shiftElection(t, id, () => ({ votingClosesAt: new Date(Date.now() - 1000) }))
    const r = ok(await t.call<{ election: Summary }>('election', 'transition', { communityId: EC, electionId: id, to: 'TERMINATED' }, P.committee))
    expect(r.election.status).toBe('TERMINATED')
    const lock = new Date(r.election.lockUntil!)
    expect(lock.getTime()).toBeGreaterThan(addMonths(new Date(), 11).getTime())
    const again = await t.call('election', 'create', { communityId: EC, kind: 'MOTION', matter: 4, title: '再次续聘物业', description: 'x', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(30) }, P.committee)
    expect(code(again)).toBe('ELECTION_LOCKED')
    expect(code(await t.call('election', 'create', { communityId: EC, kind: 'MOTION', matter: 2, title: '修改管理规约', description: 'x', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(30) }, P.committee))).toBe('OK')
    // A year later the item may be raised again.
    shiftElection(t, id, () => ({ lockUntil: daysAgo(1) }))
    expect(code(await t.call('election', 'create', { communityId: EC, kind: 'MOTION', matter: 4, title: '再次续聘物业', description: 'x', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(30) }, P.committee))).toBe('OK')
  })
})

describe('one ballot per voting right under a race', () => {
  test('200 racing castBallot calls for one right — owner, co-owner, proxy, paper — count exactly once; the rest ALREADY_VOTED', async () => {
    const id = await openMotion(t, { matter: 1, title: '制定议事规则' })
    // A proxy for flat 101 (the co-owned one), approved; and a first paper entry by one staff member.
    const { proxyId } = ok(await t.call<{ proxyId: string }>('election', 'registerProxy', { electionId: id, unitId: eu('101'), authorisationFileIds: await uploadAuthorisation(t, P.agent), ownerName: '共有甲' }, P.agent))
    ok(await t.call('election', 'approveProxy', { communityId: EC, proxyId, approve: true }, P.rc))
    expect(ok(await t.call<{ state: string }>('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('101'), choice: 'ABSTAIN', sheetRef: '纸票-0001' }, P.rc)).state).toBe('FIRST_ENTRY')
    const calls = Array.from({ length: 200 }, (_, i) => {
      switch (i % 4) {
        case 0: return t.call('election', 'castBallot', { electionId: id, choice: 'YES' }, P.coA)
        case 1: return t.call('election', 'castBallot', { electionId: id, choice: 'NO' }, P.coB)
        case 2: return t.call('election', 'castBallot', { electionId: id, choice: 'YES', forUnitId: eu('101') }, P.agent)
        default: return t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('101'), choice: 'ABSTAIN', sheetRef: '纸票-0001' }, i % 8 === 3 ? P.admin : P.committee)
      }
    })
    const codes = (await Promise.all(calls)).map(code)
    const tally: Record<string, number> = {}
    for (const c of codes) tally[c] = (tally[c] ?? 0) + 1
    expect(tally).toEqual({ OK: 1, ALREADY_VOTED: 199 })
    expect(t.store.count('election_ballots', { electionId: id })).toBe(1)
    const e = t.store.getById('elections', id)!.doc as unknown as { participating: unknown }
    expect(e.participating).toEqual({ heads: 1, areaCentiM2: 10_000 })
  }, 180_000)

  test('paper ballots: the same person cannot enter twice; a disagreeing second entry counts nothing', async () => {
    const id = await openMotion(t, { matter: 2, title: '修改管理规约（纸票）' })
    ok(await t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('105'), choice: 'YES', sheetRef: 'S-5' }, P.rc))
    expect(code(await t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('105'), choice: 'YES', sheetRef: 'S-5' }, P.rc))).toBe('FORBIDDEN')
    expect(code(await t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('105'), choice: 'NO', sheetRef: 'S-5' }, P.committee))).toBe('PAPER_MISMATCH')
    expect(t.store.count('election_ballots', { electionId: id })).toBe(0)
    const third = ok(await t.call<{ state: string; receipt: string }>('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('105'), choice: 'YES', sheetRef: 'S-5' }, P.admin))
    expect(third.state).toBe('COUNTED')
    expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'NO' }, P.owner(5)))).toBe('ALREADY_VOTED')
    // Property staff cannot enter paper ballots at all.
    expect(code(await t.call('election', 'enterPaperBallot', { communityId: EC, electionId: id, unitId: eu('106'), choice: 'YES', sheetRef: 'S-6' }, P.property))).toBe('FORBIDDEN')
  })

  test('proxies: property staff barred, at most 3 per agent, the owner voting first overrides an unused proxy', async () => {
    const id = await openMotion(t, { matter: 9, title: '增设电动车充电桩' })
    expect(code(await t.call('election', 'registerProxy', { electionId: id, unitId: eu('106'), authorisationFileIds: await uploadAuthorisation(t, P.agent), ownerName: '业主6' }, P.property))).toBe('FORBIDDEN')
    const ids: string[] = []
    for (const n of ['106', '107', '108', '109']) ids.push(ok(await t.call<{ proxyId: string }>('election', 'registerProxy', { electionId: id, unitId: eu(n), authorisationFileIds: await uploadAuthorisation(t, P.agent), ownerName: `业主${n}` }, P.agent)).proxyId)
    // Four approvals in parallel: the cap holds under a race.
    const res = await Promise.all(ids.map((proxyId) => t.call('election', 'approveProxy', { communityId: EC, proxyId, approve: true }, P.committee)))
    expect(res.map(code).sort()).toEqual(['CONFLICT', 'OK', 'OK', 'OK'])
    const approved = ids.filter((_, i) => res[i].ok)
    const first = t.store.getById('election_proxies', approved[0])!.doc as unknown as { unitId: string; party: string }
    // The owner votes first: the proxy for that right can no longer vote.
    const ownerOf = `o_el_owner_${first.unitId.slice(-1)}`
    ok(await t.call('election', 'castBallot', { electionId: id, choice: 'NO' }, ownerOf))
    expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'YES', forUnitId: first.unitId }, P.agent))).toBe('ALREADY_VOTED')
    // Without an approved proxy: forbidden.
    const rejected = ids.find((_, i) => !res[i].ok)!
    const rUnit = (t.store.getById('election_proxies', rejected)!.doc as unknown as { unitId: string }).unitId
    expect(code(await t.call('election', 'castBallot', { electionId: id, choice: 'YES', forUnitId: rUnit }, P.agent))).toBe('FORBIDDEN')
  })
})

describe('results, the recountable ballot file and the audit chain', () => {
  let id: string
  const receipts: string[] = []
  test('a decision with quorum: preliminary result, objection window, final; totals per R1.2', async () => {
    id = await openMotion(t, { matter: 5, title: '使用维修资金更换电梯' })
    const votes: [string, string][] = [[P.coA, 'YES'], [P.owner(2), 'YES'], [P.owner(3), 'YES'], [P.owner(4), 'YES'], [P.owner(5), 'NO'], [P.owner(6), 'ABSTAIN'], [P.owner(7), 'YES']]
    for (const [who, choice] of votes) receipts.push(ok(await t.call<{ receipt: string }>('election', 'castBallot', { electionId: id, choice }, who)).receipt)
    expect(code(await t.call('election', 'results', { electionId: id }, P.owner(2)))).toBe('OK')
    expect(ok(await t.call<{ published: boolean }>('election', 'results', { electionId: id }, P.owner(2))).published).toBe(false)
    closeWindow(t, id)
    const prelim = ok(await t.call<{ election: Summary }>('election', 'transition', { communityId: EC, electionId: id, to: 'PRELIM_RESULT' }, P.committee))
    expect(prelim.election.status).toBe('PRELIM_RESULT')
    const { results } = ok(await t.call<{ results: { motion: Record<string, unknown>; ballotFileSha256: string } }>('election', 'results', { electionId: id }, P.owner(9)))
    expect(results.motion).toEqual({
      total: TOTAL,
      participating: { heads: 7, areaCentiM2: 70_000 },
      yes: { heads: 5, areaCentiM2: 50_000 },
      no: { heads: 1, areaCentiM2: 10_000 },
      abstain: { heads: 1, areaCentiM2: 10_000 },
      quorumMet: true,
      passed: true,
      invalidBallots: 0,
    })
    expect(code(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'RESULT_FINAL' }, P.committee))).toBe('CONFLICT')
    shiftElection(t, id, () => ({ prelimAt: daysAgo(16) }))
    ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'RESULT_FINAL' }, P.committee))
  })

  test('the published ballot file has no names, hashes to the published SHA-256 and recounts to the published result', async () => {
    const { results } = ok(await t.call<{ results: { motion: unknown; ballotFileSha256: string } }>('election', 'results', { electionId: id }, P.owner(9)))
    const file = ok(await t.call<{ text: string; sha256: string }>('election', 'ballotFile', { electionId: id }, P.owner(9)))
    expect(sha(file.text)).toBe(results.ballotFileSha256)
    expect(file.sha256).toBe(results.ballotFileSha256)
    for (const secret of [P.coA, P.owner(2), '共有甲', eu('101'), `${EC}_p1`, ...receipts]) expect(file.text).not.toContain(secret)
    expect(recountBallotFile(file.text).motion).toEqual(results.motion)
    // Each voter finds their receipt's hash in the file.
    const v = ok(await t.call<{ receiptHash: string }>('election', 'verifyReceipt', { electionId: id, receipt: receipts[0] }, P.coA))
    expect(file.text).toContain(v.receiptHash)
    // A tampered file (one NO turned YES) no longer matches the published hash.
    const tampered = file.text.replace(/,NO\n/, ',YES\n')
    expect(sha(tampered)).not.toBe(results.ballotFileSha256)
  })

  test('auditVerify recomputes the chain; an edited entry or a cut tail is detected', async () => {
    expect(ok(await t.call<{ ok: boolean; entries: number }>('election', 'auditVerify', { electionId: id }, P.owner(2)))).toMatchObject({ ok: true, brokenAt: null })
    const entries = t.store.find('election_audit', { electionId: id }).sort((a, b) => (a.seq as number) - (b.seq as number))
    expect(entries.length).toBeGreaterThan(10)
    const victim = entries[5]
    t.store.put('election_audit', { ...victim, details: { ...(victim.details as object), via: 'PAPER' } }, 'replace')
    expect(ok(await t.call<{ ok: boolean; brokenAt: number }>('election', 'auditVerify', { electionId: id }, P.owner(2)))).toMatchObject({ ok: false, brokenAt: victim.seq, reason: 'CONTENT_HASH' })
    t.store.put('election_audit', victim, 'replace')
    expect(ok(await t.call<{ ok: boolean }>('election', 'auditVerify', { electionId: id }, P.owner(2))).ok).toBe(true)
    t.store.delete('election_audit', entries[entries.length - 1]._id)
    expect(ok(await t.call<{ ok: boolean; reason: string }>('election', 'auditVerify', { electionId: id }, P.owner(2)))).toMatchObject({ ok: false, reason: 'HEAD_MISMATCH' })
  })
})
