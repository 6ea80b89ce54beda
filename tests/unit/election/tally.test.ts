/**
 * The tally contract of issue #12 (domain/election/tally.ts): thresholds of Civil Code Art. 278 at
 * every exact boundary (R1.2, R1.3), each dimension failing alone (R1.4), the counting rules
 * (R2.1, R2.4) and floating-point traps. Areas are integers in 0.01 m².
 */
import { tallyElection, tallyMotion, type MotionChoice, type RosterUnit } from '@domain/election/tally'

/** `n` parties named `${prefix}${i}` whose areas sum to exactly `area` (one unit each). */
function parties(prefix: string, n: number, area: number): RosterUnit[] {
  const each = Math.floor(area / n)
  return Array.from({ length: n }, (_, i) => ({ unitId: `${prefix}u${i}`, party: `${prefix}${i}`, areaCentiM2: i === 0 ? each + (area - each * n) : each }))
}
const vote = (units: RosterUnit[], choice: MotionChoice) => units.map((u) => ({ party: u.party, choice }))

/**
 * R1.3's vectors: total area 10,000 m² (1,000,000 centi-m²), 99 heads. `yes`, `no` and `abstain`
 * groups vote; `absent` does not. Sizes are [heads, centi-m²].
 */
function motion(threshold: 'ORDINARY' | 'SPECIAL', g: { yes: [number, number]; no?: [number, number]; abstain?: [number, number]; absent: [number, number] }) {
  const y = parties('y', ...g.yes)
  const n = g.no ? parties('n', ...g.no) : []
  const a = g.abstain ? parties('a', ...g.abstain) : []
  const away = parties('x', ...g.absent)
  return tallyMotion({ threshold, roster: [...y, ...n, ...a, ...away], ballots: [...vote(y, 'YES'), ...vote(n, 'NO'), ...vote(a, 'ABSTAIN')] })
}

describe('quorum: participating ≥ ⅔ of total heads AND total area (三分之二以上 includes ⅔, Art. 1259)', () => {
  test('R1.3 just enough: 66 of 99 heads, 6,666.67 of 10,000 m² → met', () => {
    const r = motion('ORDINARY', { yes: [66, 666_667], absent: [33, 333_333] })
    expect(r.total).toEqual({ heads: 99, areaCentiM2: 1_000_000 })
    expect(r.participating).toEqual({ heads: 66, areaCentiM2: 666_667 })
    expect(r.quorumMet).toBe(true)
    expect(r.passed).toBe(true)
  })
  test('exactly ⅔ in both (2 of 3 heads, 600 of 900) → met', () => {
    const r = motion('ORDINARY', { yes: [2, 600], absent: [1, 300] })
    expect(r.quorumMet).toBe(true)
  })
  test('heads fail alone: 65 heads with ⅔+ area → not met, so not passed even with all yes', () => {
    const r = motion('ORDINARY', { yes: [65, 700_000], absent: [34, 300_000] })
    expect(r.quorumMet).toBe(false)
    expect(r.passed).toBe(false)
  })
  test('area fails alone: 66 heads with 6,666.66 m² (0.01 m² short) → not met', () => {
    const r = motion('ORDINARY', { yes: [66, 666_666], absent: [33, 333_334] })
    expect(r.quorumMet).toBe(false)
    expect(r.passed).toBe(false)
  })
  test('abstentions count toward the quorum', () => {
    const r = motion('ORDINARY', { yes: [40, 500_000], abstain: [26, 166_667], absent: [33, 333_333] })
    expect(r.quorumMet).toBe(true)
    expect(r.abstain).toEqual({ heads: 26, areaCentiM2: 166_667 })
  })
})

describe('ORDINARY: yes > ½ of participating heads AND area (过半数 is strict)', () => {
  test('R1.3 exactly half the heads (33 of 66) → fails', () => {
    const r = motion('ORDINARY', { yes: [33, 500_000], no: [33, 200_000], absent: [33, 300_000] })
    expect(r.quorumMet).toBe(true)
    expect(r.passed).toBe(false)
  })
  test('R1.3 just over (34 of 66) with area over half → passes', () => {
    const r = motion('ORDINARY', { yes: [34, 400_000], no: [32, 300_000], absent: [33, 300_000] })
    expect(r.passed).toBe(true)
  })
  test('area exactly half with heads over half → fails (area fails alone)', () => {
    const r = motion('ORDINARY', { yes: [40, 350_000], no: [26, 350_000], absent: [33, 300_000] })
    expect(r.quorumMet).toBe(true)
    expect(r.passed).toBe(false)
  })
  test('area 0.01 m² over half with heads over half → passes', () => {
    const r = motion('ORDINARY', { yes: [40, 350_001], no: [26, 349_999], absent: [33, 300_000] })
    expect(r.passed).toBe(true)
  })
  test('heads over half by area, but exactly half the heads → fails (heads fail alone)', () => {
    const r = motion('ORDINARY', { yes: [33, 600_000], no: [33, 100_000], absent: [33, 300_000] })
    expect(r.passed).toBe(false)
  })
  test('abstentions are in the denominator: 34 yes, 32 abstain of 66 passes; 33 yes fails', () => {
    expect(motion('ORDINARY', { yes: [34, 400_000], abstain: [32, 300_000], absent: [33, 300_000] }).passed).toBe(true)
    expect(motion('ORDINARY', { yes: [33, 400_000], abstain: [33, 300_000], absent: [33, 300_000] }).passed).toBe(false)
  })
})

describe('SPECIAL: yes ≥ ¾ of participating heads AND area (四分之三以上 includes ¾)', () => {
  test('R1.3 just enough: 50 of 66 heads (200 ≥ 198) → passes', () => {
    const r = motion('SPECIAL', { yes: [50, 600_000], no: [16, 100_000], absent: [33, 300_000] })
    expect(r.passed).toBe(true)
  })
  test('R1.3 one short: 49 of 66 heads (196 < 198) → fails', () => {
    const r = motion('SPECIAL', { yes: [49, 600_000], no: [17, 100_000], absent: [33, 300_000] })
    expect(r.passed).toBe(false)
  })
  test('exactly ¾ of heads and exactly ¾ of area → passes', () => {
    const r = motion('SPECIAL', { yes: [3, 750], no: [1, 250], absent: [2, 500] })
    expect(r.quorumMet).toBe(true)
    expect(r.passed).toBe(true)
  })
  test('area 0.01 m² under ¾ with heads ≥ ¾ → fails (area fails alone)', () => {
    const r = motion('SPECIAL', { yes: [3, 749], no: [1, 251], absent: [2, 500] })
    expect(r.passed).toBe(false)
  })
  test('heads under ¾ with area ≥ ¾ → fails (heads fail alone)', () => {
    const r = motion('SPECIAL', { yes: [2, 900], no: [1, 100], absent: [1, 100] })
    expect(r.quorumMet).toBe(true)
    expect(r.passed).toBe(false)
  })
  test('the same numbers that pass ORDINARY fail SPECIAL', () => {
    const g = { yes: [40, 500_000] as [number, number], no: [26, 200_000] as [number, number], absent: [33, 300_000] as [number, number] }
    expect(motion('ORDINARY', g).passed).toBe(true)
    expect(motion('SPECIAL', g).passed).toBe(false)
  })
})

describe('counting rules', () => {
  test('a party with several units is one head with their summed area; the developer key is one head (R2.1)', () => {
    const roster: RosterUnit[] = [
      { unitId: 'a', party: 'buyer', areaCentiM2: 8_900 },
      { unitId: 'b', party: 'buyer', areaCentiM2: 12_000 },
      { unitId: 'c', party: 'buyer', areaCentiM2: 14_300 },
      { unitId: 'd1', party: 'DEVELOPER', areaCentiM2: 10_000 },
      { unitId: 'd2', party: 'DEVELOPER', areaCentiM2: 10_000 },
      { unitId: 'e', party: 'other', areaCentiM2: 9_000 },
    ]
    const r = tallyMotion({ threshold: 'ORDINARY', roster, ballots: [{ party: 'buyer', choice: 'YES' }, { party: 'DEVELOPER', choice: 'NO' }] })
    expect(r.total).toEqual({ heads: 3, areaCentiM2: 64_200 })
    expect(r.yes).toEqual({ heads: 1, areaCentiM2: 35_200 })
    expect(r.no).toEqual({ heads: 1, areaCentiM2: 20_000 })
    expect(r.participating).toEqual({ heads: 2, areaCentiM2: 55_200 })
  })
  test("only a party's first ballot counts; later ones are invalid (R2.4)", () => {
    const roster = parties('p', 3, 300)
    const r = tallyMotion({
      threshold: 'ORDINARY',
      roster,
      ballots: [
        { party: 'p0', choice: 'NO' },
        { party: 'p0', choice: 'YES' },
        { party: 'p0', choice: 'YES' },
        { party: 'p1', choice: 'YES' },
      ],
    })
    expect(r.no).toEqual({ heads: 1, areaCentiM2: 100 })
    expect(r.yes).toEqual({ heads: 1, areaCentiM2: 100 })
    expect(r.participating.heads).toBe(2)
    expect(r.invalidBallots).toBe(2)
  })
  test('ballots of parties outside the roster are invalid and do not participate', () => {
    const roster = parties('p', 3, 300)
    const r = tallyMotion({ threshold: 'ORDINARY', roster, ballots: [...vote(roster.slice(0, 2), 'YES'), { party: 'stranger', choice: 'YES' }] })
    expect(r.participating).toEqual({ heads: 2, areaCentiM2: 200 })
    expect(r.invalidBallots).toBe(1)
    expect(r.quorumMet).toBe(true)
  })
  test('an empty roster: no quorum (nothing to decide), nothing passes', () => {
    const r = tallyMotion({ threshold: 'ORDINARY', roster: [], ballots: [{ party: 'x', choice: 'YES' }] })
    expect(r.total).toEqual({ heads: 0, areaCentiM2: 0 })
    expect(r.passed).toBe(false)
  })
  test('fractional areas are refused: areas are integers in 0.01 m²', () => {
    expect(() => tallyMotion({ threshold: 'ORDINARY', roster: [{ unitId: 'u', party: 'p', areaCentiM2: 89.5 }], ballots: [] })).toThrow(RangeError)
  })
})

describe('floating-point traps', () => {
  test('0.1 m² + 0.2 m² against 0.3 m²: exactly half by area → ORDINARY fails (float says 0.30000000000000004 > 0.3)', () => {
    expect(0.1 + 0.2 > 0.3).toBe(true) // the trap a float implementation falls into
    const roster: RosterUnit[] = [
      { unitId: 'a', party: 'a', areaCentiM2: 10 },
      { unitId: 'b', party: 'b', areaCentiM2: 20 },
      { unitId: 'c', party: 'c', areaCentiM2: 30 },
    ]
    const r = tallyMotion({ threshold: 'ORDINARY', roster, ballots: [{ party: 'a', choice: 'YES' }, { party: 'b', choice: 'YES' }, { party: 'c', choice: 'NO' }] })
    expect(r.yes.areaCentiM2 * 2).toBe(r.participating.areaCentiM2)
    expect(r.passed).toBe(false)
  })
  test('a hundred 0.01 m² units: 66.67% by area is ⅔ or more, 66.66% is not', () => {
    const yes = Array.from({ length: 6_667 }, (_, i) => ({ unitId: `y${i}`, party: `y${i}`, areaCentiM2: 1 }))
    const away = Array.from({ length: 3_333 }, (_, i) => ({ unitId: `x${i}`, party: `x${i}`, areaCentiM2: 1 }))
    expect(tallyMotion({ threshold: 'ORDINARY', roster: [...yes, ...away], ballots: vote(yes, 'YES') }).quorumMet).toBe(true)
    expect(tallyMotion({ threshold: 'ORDINARY', roster: [...yes, ...away], ballots: vote(yes.slice(1), 'YES') }).quorumMet).toBe(false)
  })
  test('agrees with an exact BigInt rational reference on 300 random rosters near the thresholds', () => {
    let seed = 12
    const rnd = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n)
    for (let k = 0; k < 300; k++) {
      const n = 3 + rnd(40)
      const roster = Array.from({ length: n }, (_, i) => ({ unitId: `u${i}`, party: `p${rnd(n)}`, areaCentiM2: 1 + rnd(50_000) }))
      const ballots = Array.from({ length: rnd(n + 5) }, () => ({ party: `p${rnd(n + 2)}`, choice: (['YES', 'NO', 'ABSTAIN'] as const)[rnd(3)] }))
      const threshold = k % 2 ? 'SPECIAL' : 'ORDINARY'
      const r = tallyMotion({ threshold, roster, ballots })
      // Reference: BigInt rationals, written independently of the implementation.
      const area = new Map<string, bigint>()
      for (const u of roster) area.set(u.party, (area.get(u.party) ?? 0n) + BigInt(u.areaCentiM2))
      const seen = new Set<string>()
      let pH = 0n, pA = 0n, yH = 0n, yA = 0n
      for (const b of ballots) {
        if (!area.has(b.party) || seen.has(b.party)) continue
        seen.add(b.party)
        pH++
        pA += area.get(b.party)!
        if (b.choice === 'YES') (yH++, (yA += area.get(b.party)!))
      }
      const tH = BigInt(area.size)
      const tA = [...area.values()].reduce((s, a) => s + a, 0n)
      const quorum = pH * 3n >= tH * 2n && pA * 3n >= tA * 2n
      const approved = threshold === 'SPECIAL' ? yH * 4n >= pH * 3n && yA * 4n >= pA * 3n : yH * 2n > pH && yA * 2n > pA
      expect({ quorum: r.quorumMet, passed: r.passed }).toEqual({ quorum, passed: quorum && approved })
    }
  })
})

describe('tallyElection', () => {
  const roster = parties('p', 9, 900) // 9 heads, 100 each
  const ballot = (i: number, approve: string[]) => ({ party: `p${i}`, approve })

  test('invalid ballots (too many, twice, unknown) participate but approve nobody; abstentions too', () => {
    const r = tallyElection({
      seats: 2,
      candidates: ['A', 'B', 'C'],
      roster,
      ballots: [ballot(0, ['A', 'B', 'C']), ballot(1, ['A', 'A']), ballot(2, ['Z']), ballot(3, []), ballot(4, ['A']), ballot(5, ['A', 'B'])],
    })
    expect(r.participating).toEqual({ heads: 6, areaCentiM2: 600 })
    expect(r.quorumMet).toBe(true)
    expect(r.invalidBallots).toBe(3)
    expect(r.candidates).toEqual([
      { id: 'A', yes: { heads: 2, areaCentiM2: 200 }, qualified: false },
      { id: 'B', yes: { heads: 1, areaCentiM2: 100 }, qualified: false },
      { id: 'C', yes: { heads: 0, areaCentiM2: 0 }, qualified: false },
    ])
    expect(r.elected).toEqual([])
  })

  test('qualified = quorum and > ½ of participating heads and area; ranking by heads then area; candidates in input order', () => {
    const roster2: RosterUnit[] = [...parties('p', 6, 600), { unitId: 'big', party: 'big', areaCentiM2: 300 }] // 7 heads, 900
    const r = tallyElection({
      seats: 2,
      candidates: ['C', 'A', 'B', 'D'],
      roster: roster2,
      ballots: [
        { party: 'p0', approve: ['A', 'B'] },
        { party: 'p1', approve: ['A', 'B'] },
        { party: 'p2', approve: ['A', 'C'] },
        { party: 'p3', approve: ['A', 'C'] },
        { party: 'big', approve: ['C', 'B'] },
        { party: 'p4', approve: ['B'] },
      ],
    })
    expect(r.candidates.map((c) => c.id)).toEqual(['C', 'A', 'B', 'D'])
    // Participating: 6 heads, 800. A: 4 heads but 400 = exactly half the area → not qualified
    // (area fails alone); B: 4 heads, 600; C: 3 heads = exactly half the heads → not qualified.
    expect(r.candidates.map((c) => c.yes)).toEqual([{ heads: 3, areaCentiM2: 500 }, { heads: 4, areaCentiM2: 400 }, { heads: 4, areaCentiM2: 600 }, { heads: 0, areaCentiM2: 0 }])
    expect(r.candidates.map((c) => c.qualified)).toEqual([false, false, true, false])
    expect(r.elected).toEqual(['B'])
    expect(r.alternates).toEqual([])
    expect(r.tiesAtCutoff).toEqual([])
  })

  test('alternates are qualified candidates ranked below the seats', () => {
    const r = tallyElection({ seats: 1, candidates: ['A', 'B'], roster, ballots: Array.from({ length: 7 }, (_, i) => ballot(i, i < 6 ? ['A'] : ['B'])).concat([ballot(7, ['B']), ballot(8, ['B'])]) })
    // A: 6 heads; B: 3 heads — B is not qualified (3 of 9 participating), so neither elected nor alternate.
    expect(r.elected).toEqual(['A'])
    expect(r.alternates).toEqual([])
    const r2 = tallyElection({
      seats: 1,
      candidates: ['A', 'B'],
      roster,
      ballots: Array.from({ length: 9 }, (_, i) => ballot(i, i < 5 ? ['A'] : i < 8 ? ['B'] : [])),
    })
    expect(r2.elected).toEqual(['A']) // single-choice ballots: A 5 of 9 qualifies, B 3 does not
    expect(r2.alternates).toEqual([])
    // 9 voters, 2 seats: A 7, B 6, C 5 — all qualified (≥ 5 of 9): A and B elected, C the alternate.
    const pairs = [['A', 'B'], ['A', 'B'], ['A', 'B'], ['A', 'B'], ['A', 'C'], ['A', 'C'], ['A', 'C'], ['B', 'C'], ['B', 'C']]
    const r3 = tallyElection({ seats: 2, candidates: ['A', 'B', 'C'], roster, ballots: pairs.map((a, i) => ballot(i, a)) })
    expect(r3.elected).toEqual(['A', 'B'])
    expect(r3.alternates).toEqual(['C'])
  })

  test('a tie for the last seat (equal heads and area) sends all tied to tiesAtCutoff; those above elected, below alternates', () => {
    // 40 voters of 100 each, 3 seats, 3 approvals each: A 25, B 24, C 23, D 23, E 22 (all > 20, qualified).
    const big = parties('v', 40, 4_000)
    const flat = [...Array(25).fill('A'), ...Array(24).fill('B'), ...Array(23).fill('C'), ...Array(23).fill('D'), ...Array(22).fill('E')] as string[]
    const ballots = big.map((u, i) => ({ party: u.party, approve: [flat[i], flat[i + 40], flat[i + 80]].filter(Boolean) }))
    const r = tallyElection({ seats: 3, candidates: ['E', 'D', 'C', 'B', 'A'], roster: big, ballots })
    expect(r.invalidBallots).toBe(0)
    expect(r.candidates.map((c) => [c.id, c.yes.heads, c.qualified])).toEqual([['E', 22, true], ['D', 23, true], ['C', 23, true], ['B', 24, true], ['A', 25, true]])
    expect(r.elected).toEqual(['A', 'B'])
    expect(r.tiesAtCutoff.sort()).toEqual(['C', 'D'])
    expect(r.alternates).toEqual(['E'])
  })

  test('equal heads but different area is not a tie: area ranks', () => {
    const roster3: RosterUnit[] = [{ unitId: 'a', party: 'a', areaCentiM2: 101 }, { unitId: 'b', party: 'b', areaCentiM2: 100 }, { unitId: 'c', party: 'c', areaCentiM2: 100 }]
    const r = tallyElection({ seats: 1, candidates: ['X', 'Y'], roster: roster3, ballots: [{ party: 'a', approve: ['X'] }, { party: 'b', approve: ['Y'] }, { party: 'c', approve: ['X'] }].map((b) => ({ ...b, approve: b.party === 'a' ? ['X', 'Y'].slice(0, 1) : b.approve })) })
    // X: a + c = 2 heads 201; Y: 1 head — only X qualifies.
    expect(r.elected).toEqual(['X'])
    const r2 = tallyElection({ seats: 1, candidates: ['X', 'Y'], roster: roster3, ballots: [{ party: 'a', approve: ['X'] }, { party: 'b', approve: ['Y'] }, { party: 'c', approve: [] }] })
    expect(r2.elected).toEqual([]) // neither > half
    const r3 = tallyElection({ seats: 1, candidates: ['X', 'Y'], roster: roster3, ballots: [{ party: 'a', approve: ['X'] }, { party: 'b', approve: ['Y'] }, { party: 'c', approve: ['X'] }] })
    expect(r3.elected).toEqual(['X'])
  })

  test('with 2 seats and two qualified candidates of equal heads, more area ranks first', () => {
    const roster4: RosterUnit[] = [{ unitId: 'a', party: 'a', areaCentiM2: 101 }, { unitId: 'b', party: 'b', areaCentiM2: 100 }, { unitId: 'c', party: 'c', areaCentiM2: 100 }]
    const r = tallyElection({ seats: 1, candidates: ['X', 'Y'], roster: roster4, ballots: [{ party: 'a', approve: ['X'] }, { party: 'b', approve: ['X'] }, { party: 'c', approve: ['Y'] }] })
    expect(r.elected).toEqual(['X'])
    const r2 = tallyElection({ seats: 1, candidates: ['X', 'Y'], roster: [...roster4, { unitId: 'd', party: 'd', areaCentiM2: 100 }], ballots: [{ party: 'a', approve: ['X'] }, { party: 'b', approve: ['X'] }, { party: 'c', approve: ['Y'] }, { party: 'd', approve: ['Y'] }].map((b) => ({ ...b, approve: ['X', 'Y'] })).slice(0, 3).concat([{ party: 'd', approve: ['Y'] }]) })
    // seats 1 but ballots approve 2 → those three are invalid; only d's counts.
    expect(r2.invalidBallots).toBe(3)
    expect(r2.elected).toEqual([])
  })

  test('no quorum: nobody qualifies, nobody elected', () => {
    const r = tallyElection({ seats: 2, candidates: ['A'], roster, ballots: Array.from({ length: 5 }, (_, i) => ballot(i, ['A'])) })
    expect(r.quorumMet).toBe(false)
    expect(r.candidates[0].qualified).toBe(false)
    expect(r.elected).toEqual([])
  })

  test('an area-weighted tie: equal heads, one candidate qualifies on heads but fails on area', () => {
    const roster5: RosterUnit[] = [{ unitId: 'a', party: 'a', areaCentiM2: 100 }, { unitId: 'b', party: 'b', areaCentiM2: 100 }, { unitId: 'c', party: 'c', areaCentiM2: 300 }]
    const r = tallyElection({ seats: 1, candidates: ['X'], roster: roster5, ballots: [{ party: 'a', approve: ['X'] }, { party: 'b', approve: ['X'] }, { party: 'c', approve: [] }] })
    expect(r.candidates[0]).toEqual({ id: 'X', yes: { heads: 2, areaCentiM2: 200 }, qualified: false })
  })
})
