/** The anonymised ballot file (issue #12 item 6) and the audit chain (item 7), pure. */
import { createHash } from 'node:crypto'
import { readBallotFile, recountBallotFile, writeBallotFile } from '@domain/election/ballot-file'
import { canonicalJson, entryHash, GENESIS, verifyChain, type ChainEntry } from '@domain/election/audit-chain'
import { tallyElection, tallyMotion } from '@domain/election/tally'

const sha = (s: string) => createHash('sha256').update(s).digest('hex')
const h = (i: number) => sha(`r${i}`)

test('a motion file recounts to the tally of the full roster it came from', () => {
  const roster = Array.from({ length: 12 }, (_, i) => ({ unitId: `u${i}`, party: `p${i % 10}`, areaCentiM2: 7_001 + i * 13 }))
  const ballots = [0, 1, 2, 3, 4, 5, 6].map((i) => ({ party: `p${i}`, choice: (['YES', 'YES', 'NO', 'ABSTAIN'] as const)[i % 4] }))
  const direct = tallyMotion({ threshold: 'ORDINARY', roster, ballots })
  const area = (p: string) => roster.filter((u) => u.party === p).reduce((s, u) => s + u.areaCentiM2, 0)
  const text = writeBallotFile({ electionId: 'e1', kind: 'MOTION', threshold: 'ORDINARY', seats: null, candidates: [], total: direct.total }, ballots.map((b, i) => ({ receiptHash: h(i), areaCentiM2: area(b.party), choice: b.choice, approve: null })))
  expect(recountBallotFile(text).motion).toEqual(direct)
  expect(text).not.toMatch(/p\d/)
})

test('an election file recounts, lines sorted by receipt hash (no order of casting)', () => {
  const roster = Array.from({ length: 9 }, (_, i) => ({ unitId: `u${i}`, party: `p${i}`, areaCentiM2: 10_000 }))
  const approvals = [['a', 'b'], ['a'], ['a', 'c'], ['b', 'c'], ['a', 'b'], []]
  const ballots = approvals.map((approve, i) => ({ party: `p${i}`, approve }))
  const direct = tallyElection({ seats: 2, candidates: ['a', 'b', 'c'], roster, ballots })
  const text = writeBallotFile({ electionId: 'e2', kind: 'ELECTION', threshold: 'ORDINARY', seats: 2, candidates: ['a', 'b', 'c'], total: direct.total }, ballots.map((b, i) => ({ receiptHash: h(i), areaCentiM2: 10_000, choice: null, approve: b.approve })))
  expect(recountBallotFile(text).election).toEqual(direct)
  const hashes = readBallotFile(text).lines.map((l) => l.receiptHash)
  expect(hashes).toEqual([...hashes].sort())
})

test('a file claiming more ballots than the totals is refused', () => {
  const text = writeBallotFile({ electionId: 'e', kind: 'MOTION', threshold: 'ORDINARY', seats: null, candidates: [], total: { heads: 1, areaCentiM2: 100 } }, [0, 1].map((i) => ({ receiptHash: h(i), areaCentiM2: 100, choice: 'YES' as const, approve: null })))
  expect(() => recountBallotFile(text)).toThrow(/exceed/)
})

describe('audit chain', () => {
  const build = (n: number): ChainEntry[] => {
    const out: ChainEntry[] = []
    let prev = GENESIS
    for (let i = 1; i <= n; i++) {
      const content = { electionId: 'e', seq: i, at: `2027-01-0${i}T00:00:00.000Z`, actor: 'anon_x', event: 'ballot.cast', details: { n: i, z: { b: 1, a: 2 } } }
      const hash = entryHash(content, prev, sha)
      out.push({ ...content, prevHash: prev, hash })
      prev = hash
    }
    return out
  }
  test('an intact chain verifies; canonical JSON ignores key order', () => {
    expect(verifyChain(build(5), sha)).toEqual({ ok: true, entries: 5, brokenAt: null, reason: null })
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }))
  })
  test('an edited, removed or reordered entry is found', () => {
    const edited = build(5)
    edited[2] = { ...edited[2], details: { n: 99 } }
    expect(verifyChain(edited, sha)).toMatchObject({ ok: false, brokenAt: 3, reason: 'CONTENT_HASH' })
    const removed = build(5)
    removed.splice(1, 1)
    expect(verifyChain(removed, sha)).toMatchObject({ ok: false, brokenAt: 2, reason: 'SEQUENCE' })
    const rehashed = build(5)
    // Edited and its own hash recomputed: the next entry's prevHash no longer matches.
    const c = { ...rehashed[1], details: { n: 42 } }
    const { prevHash, hash: _h, ...content } = c
    rehashed[1] = { ...c, hash: entryHash(content, prevHash, sha) }
    expect(verifyChain(rehashed, sha)).toMatchObject({ ok: false, brokenAt: 3, reason: 'PREVIOUS_HASH' })
  })
})
