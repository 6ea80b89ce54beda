/**
 * The published anonymised ballot file (issue #12 item 6): one line per counted ballot — the
 * SHA-256 of its 投票码, the voting right's area, the choices — and no names or units. Anyone can
 * download it, check its SHA-256 against the published one and recount it with the same tally
 * functions: the rights that did not vote are filler rows that only make the published totals.
 */
import { tallyElection, tallyMotion, type ElectionTally, type MotionChoice, type MotionTally, type RosterUnit, type Threshold, type Totals } from './tally'

export interface BallotFileHeader {
  electionId: string
  kind: 'MOTION' | 'ELECTION'
  threshold: Threshold
  seats: number | null
  candidates: string[]
  total: Totals
}
export interface BallotLine {
  receiptHash: string
  areaCentiM2: number
  /** MOTION: the choice; ELECTION: approved candidate ids. */
  choice: MotionChoice | null
  approve: string[] | null
}

const FIELD = /^[A-Za-z0-9_.:-]*$/

/** The header lines of a file (everything before the first ballot line). */
export function ballotFileHeader(h: BallotFileHeader): string[] {
  for (const c of h.candidates) if (!FIELD.test(c)) throw new RangeError(`candidate id ${c} not file-safe`)
  return [
    'linli-ballot-file,1',
    `election,${h.electionId}`,
    `kind,${h.kind}`,
    `threshold,${h.threshold}`,
    `seats,${h.seats ?? ''}`,
    `candidates,${h.candidates.join('|')}`,
    `total,${h.total.heads},${h.total.areaCentiM2}`,
  ]
}

/** One ballot line; the paged tally job writes these page by page, in receipt-hash order. */
export const ballotLine = (kind: BallotFileHeader['kind'], l: BallotLine): string => `ballot,${l.receiptHash},${l.areaCentiM2},${kind === 'MOTION' ? l.choice : (l.approve ?? []).join('|')}`

/** The whole file from its header and ballot lines already in receipt-hash order. */
export const joinBallotFile = (header: string[], lines: string[]): string => [...header, ...lines].join('\n') + '\n'

/** The file's text: sorted by receipt hash, so its order says nothing about when or who voted. */
export function writeBallotFile(h: BallotFileHeader, lines: BallotLine[]): string {
  const sorted = [...lines].sort((a, b) => (a.receiptHash < b.receiptHash ? -1 : a.receiptHash > b.receiptHash ? 1 : 0))
  return joinBallotFile(ballotFileHeader(h), sorted.map((l) => ballotLine(h.kind, l)))
}

export function readBallotFile(text: string): { header: BallotFileHeader; lines: BallotLine[] } {
  const rows = text.split('\n').filter((l) => l.length > 0).map((l) => l.split(','))
  const get = (k: string) => {
    const r = rows.find((x) => x[0] === k)
    if (!r) throw new Error(`ballot file: missing ${k}`)
    return r
  }
  if (rows[0]?.join(',') !== 'linli-ballot-file,1') throw new Error('ballot file: not a linli ballot file v1')
  const kind = get('kind')[1] as 'MOTION' | 'ELECTION'
  const seatsRaw = get('seats')[1]
  const cands = get('candidates')[1]
  const total = get('total')
  const header: BallotFileHeader = {
    electionId: get('election')[1],
    kind,
    threshold: get('threshold')[1] as Threshold,
    seats: seatsRaw ? Number(seatsRaw) : null,
    candidates: cands ? cands.split('|') : [],
    total: { heads: Number(total[1]), areaCentiM2: Number(total[2]) },
  }
  const lines = rows
    .filter((r) => r[0] === 'ballot')
    .map((r) => ({
      receiptHash: r[1],
      areaCentiM2: Number(r[2]),
      choice: kind === 'MOTION' ? (r[3] as MotionChoice) : null,
      approve: kind === 'ELECTION' ? (r[3] ? r[3].split('|') : []) : null,
    }))
  return { header, lines }
}

/** The roster a recount needs: each ballot's right, plus fillers for the rights that did not vote. */
function recountRoster(header: BallotFileHeader, lines: BallotLine[]): RosterUnit[] {
  const roster: RosterUnit[] = lines.map((l) => ({ unitId: l.receiptHash, party: l.receiptHash, areaCentiM2: l.areaCentiM2 }))
  const absentHeads = header.total.heads - lines.length
  const absentArea = header.total.areaCentiM2 - lines.reduce((s, l) => s + l.areaCentiM2, 0)
  if (absentHeads < 0 || absentArea < 0 || (absentHeads === 0 && absentArea !== 0)) throw new Error('ballot file: ballots exceed the published totals')
  for (let i = 0; i < absentHeads; i++) {
    // Only the sums matter to the tally; the first filler carries the remainder.
    const each = Math.floor(absentArea / absentHeads)
    roster.push({ unitId: `absent-${i}`, party: `absent-${i}`, areaCentiM2: i === 0 ? absentArea - each * (absentHeads - 1) : each })
  }
  return roster
}

export function recountBallotFile(text: string): { header: BallotFileHeader; motion?: MotionTally; election?: ElectionTally } {
  const { header, lines } = readBallotFile(text)
  const roster = recountRoster(header, lines)
  if (header.kind === 'MOTION') {
    return { header, motion: tallyMotion({ threshold: header.threshold, roster, ballots: lines.map((l) => ({ party: l.receiptHash, choice: l.choice! })) }) }
  }
  return { header, election: tallyElection({ seats: header.seats ?? 0, candidates: header.candidates, roster, ballots: lines.map((l) => ({ party: l.receiptHash, approve: l.approve! })) }) }
}
