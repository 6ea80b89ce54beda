/**
 * election storage: documents, reads paged at the cloud's 1,000 cap (a tally over 10,000 rights is
 * ten round trips, not a hundred), the hash-chained audit append, and the shape answered to clients.
 */
import { randomBytes } from 'node:crypto'
import { db } from '../_core/cloud'
import { sha256Hex, pseudonymFor } from '../_core/id-hash'
import type { CallContext } from '../_core/context'
import type { Txn } from '../_core/transaction'
import { AppError } from '../../domain/shared/errors'
import { entryHash, GENESIS, type ChainContent } from '../../domain/election/audit-chain'
import { MATTER_LABELS, STATUS_LABELS, officerDeadlines, votingOpen, type ElectionStatus } from '../../domain/election/lifecycle'
import type { ElectionTally, MotionChoice, MotionTally, Threshold, Totals } from '../../domain/election/tally'
import type { ElectionSummary } from '../../domain/election/contract'

export interface ElectionDoc {
  _id: string
  communityId: string
  kind: 'MOTION' | 'ELECTION'
  matter: number
  threshold: Threshold
  title: string
  description: string
  seats: number | null
  status: ElectionStatus
  itemKey: string
  votingOpensAt: Date
  votingClosesAt: Date
  originalClosesAt: Date
  docsPublicizedAt: Date | null
  prelimAt: Date | null
  finalAt: Date | null
  terminatedAt: Date | null
  lockUntil: Date | null
  extensions: { from: Date; to: Date; publicizedAt: Date }[]
  total: Totals | null
  participating: Totals
  roster: { takenAt: Date; excludeParkingFromArea: boolean } | null
  results: StoredResults | null
  prepGroup: { members: { name: string; kind: string }[]; leader: number } | null
  /** The neighbourhood-group post or council agenda item the proposal came from (groups link back by origin.id). */
  origin?: { kind: 'post' | 'agenda'; id: string } | null
  /** R3.1 steps 7–9 (committee elections). */
  officers?: { chair: string; viceChairs: string[] } | null
  officersAt?: Date | null
  listAt?: Date | null
  filedAt?: Date | null
  filingRef?: string | null
  /** The paged count behind the published result (R5.14), see tally-job.ts. */
  tally?: TallyJob | null
  audit: { seq: number; hash: string }
  createdBy: string
  createdAt: Date
}

export interface TallyJob {
  state: 'RUNNING' | 'DONE'
  /** Pages written so far; the next chunk's number. */
  chunks: number
  /** Ballots read so far, of how many (the live turnout when counting started). */
  done: number
  of: number
  /** The last receipt hash read: the next page starts after it. */
  cursor: string
  header: string[]
  startedAt: Date
}

export interface StoredResults {
  legalBasis: string
  motion: MotionTally | null
  election: ElectionTally | null
  ballotFileSha256: string
  countedAt: Date
  /** The ballot file is stored in this many chunks (election_ballot_chunks); absent for counts made in one go. */
  chunks?: number
}

export interface RightDoc {
  _id: string
  electionId: string
  communityId: string
  party: string
  areaCentiM2: number
  unitIds: string[]
}

export interface BallotDoc {
  _id: string
  electionId: string
  communityId: string
  party: string
  areaCentiM2: number
  choice: MotionChoice | null
  approve: string[] | null
  via: 'OWNER' | 'PROXY' | 'PAPER'
  /** Named ballot (R3.7): who cast it; for paper, the two staff who entered it. Never shown to others. */
  voterOpenid: string | null
  proxyId: string | null
  enteredBy: string[] | null
  receipt: string
  receiptHash: string
  castAt: Date
}

export const rightId = (electionId: string, party: string) => `er_${electionId}_${party}`
export const ballotId = (electionId: string, party: string) => `bl_${electionId}_${party}`

export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string))
export const toDateOrNull = (v: unknown): Date | null => (v == null ? null : toDate(v))

/** The cloud caps one query at 1,000 documents (local-cloud/src/tcb-database.ts MAX_LIMIT). */
export const PAGE = 1000

/** Every matching document, 1,000 per request, ordered by _id; counts the requests made. */
export async function readAllPaged<T extends { _id: string }>(collection: string, where: Record<string, unknown>, counter?: { reads: number }, fields?: Record<string, boolean>): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += PAGE) {
    let q = db.collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(PAGE)
    // Only what the count needs: a tally's payload is most of its time.
    if (fields) q = q.field(fields)
    const res = (await q.get()) as unknown as { data: T[] }
    if (counter) counter.reads++
    out.push(...res.data)
    if (res.data.length < PAGE) return out
  }
}

export async function loadElection(electionId: string): Promise<ElectionDoc> {
  const res = (await db.collection('elections').doc(electionId).get()) as unknown as { data: ElectionDoc | null }
  if (!res.data) throw new AppError('NOT_FOUND', '没有找到这次表决', { electionId })
  return normalise(res.data)
}

export function normalise(e: ElectionDoc): ElectionDoc {
  return {
    ...e,
    votingOpensAt: toDate(e.votingOpensAt),
    votingClosesAt: toDate(e.votingClosesAt),
    originalClosesAt: toDate(e.originalClosesAt),
    docsPublicizedAt: toDateOrNull(e.docsPublicizedAt),
    prelimAt: toDateOrNull(e.prelimAt),
    finalAt: toDateOrNull(e.finalAt),
    terminatedAt: toDateOrNull(e.terminatedAt),
    lockUntil: toDateOrNull(e.lockUntil),
    officersAt: toDateOrNull(e.officersAt),
    listAt: toDateOrNull(e.listAt),
    filedAt: toDateOrNull(e.filedAt),
    extensions: (e.extensions ?? []).map((x) => ({ from: toDate(x.from), to: toDate(x.to), publicizedAt: toDate(x.publicizedAt) })),
  }
}

export async function txElection(t: Txn, electionId: string): Promise<ElectionDoc> {
  const data = (await t.collection('elections').doc(electionId).get()).data as ElectionDoc | null
  if (!data) throw new AppError('NOT_FOUND', '没有找到这次表决', { electionId })
  return normalise({ ...data, _id: electionId })
}

/**
 * Append one entry to the election's hash chain inside the caller's transaction; returns the new
 * head to store on the election (the head and the entry commit together, so the chain has no gaps).
 * The actor is a pseudonym: deleting an account must not have to rewrite (and so break) the chain.
 */
export async function appendAudit(
  t: Txn,
  election: Pick<ElectionDoc, '_id' | 'audit'>,
  ctx: Pick<CallContext, 'openid' | 'now'>,
  event: string,
  details: Record<string, unknown>,
): Promise<{ seq: number; hash: string }> {
  const head = election.audit ?? { seq: 0, hash: GENESIS }
  const content: ChainContent = { electionId: election._id, seq: head.seq + 1, at: ctx.now.toISOString(), actor: ctx.openid.startsWith('system:') ? ctx.openid : pseudonymFor(ctx.openid), event, details }
  const hash = entryHash(content, head.hash, sha256Hex)
  await t.collection('election_audit').add({ data: { _id: `ea_${election._id}_${String(content.seq).padStart(8, '0')}`, ...content, prevHash: head.hash, hash } })
  return { seq: content.seq, hash }
}

/** 投票码: 16 characters of Crockford base32 (80 bits), grouped by four for reading aloud. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export function makeReceipt(): string {
  const bytes = randomBytes(16)
  let s = ''
  for (let i = 0; i < 16; i++) s += ALPHABET[bytes[i] % 32]
  return s.match(/.{4}/g)!.join('-')
}
export function normaliseReceipt(r: string): string {
  const s = r.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return s.match(/.{1,4}/g)?.join('-') ?? ''
}
export const receiptHashOf = (electionId: string, receipt: string) => sha256Hex(`${electionId}:${normaliseReceipt(receipt)}`)

const m2 = (centi: number) => `${(centi / 100).toFixed(2)} 平方米`
const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b)

/** What the ⅔ quorum needs, in whole heads and 0.01 m² (the least integers with 3·x ≥ 2·total). */
export function quorumNeeds(total: Totals): Totals {
  return { heads: ceilDiv(2 * total.heads, 3), areaCentiM2: ceilDiv(2 * total.areaCentiM2, 3) }
}

export function ruleOf(e: Pick<ElectionDoc, 'kind' | 'threshold' | 'total' | 'matter'>) {
  const need = e.total ? quorumNeeds(e.total) : null
  const quorum = need && e.total
    ? `参与表决的业主须占总人数三分之二以上、且占专有部分总面积三分之二以上：全体 ${e.total.heads} 个表决权、${m2(e.total.areaCentiM2)}，至少 ${need.heads} 个表决权、${m2(need.areaCentiM2)} 参与，两项都要达到。`
    : '参与表决的业主须占总人数三分之二以上、且占专有部分总面积三分之二以上（名册公示后计算具体数字）。'
  const approval =
    e.kind === 'ELECTION'
      ? '每位候选人须获得超过参与表决人数一半、且超过参与表决面积一半的同意（刚好一半不算）；达到的按同意人数、再按面积排序，前几名当选。'
      : e.threshold === 'SPECIAL'
        ? '同意的须达到参与表决人数的四分之三以上、且达到参与表决面积的四分之三以上（刚好四分之三算通过）。'
        : '同意的须超过参与表决人数的一半、且超过参与表决面积的一半（刚好一半不通过）。弃权算参与，不算同意。'
  return { legalBasis: `民法典第278条第${e.matter}项`, quorum, approval }
}

const iso = (d: Record<'officersBy' | 'listBy' | 'filingBy', Date | null>) => ({ officersBy: d.officersBy?.toISOString() ?? null, listBy: d.listBy?.toISOString() ?? null, filingBy: d.filingBy?.toISOString() ?? null })

export function summaryOf(e: ElectionDoc, now: Date): ElectionSummary {
  return {
    id: e._id,
    communityId: e.communityId,
    kind: e.kind,
    matter: e.matter,
    matterLabel: MATTER_LABELS[e.matter],
    threshold: e.threshold,
    title: e.title,
    description: e.description,
    seats: e.seats,
    status: e.status,
    statusLabel: STATUS_LABELS[e.status],
    votingOpensAt: e.votingOpensAt.toISOString(),
    votingClosesAt: e.votingClosesAt.toISOString(),
    originalClosesAt: e.originalClosesAt.toISOString(),
    docsPublicizedAt: e.docsPublicizedAt?.toISOString() ?? null,
    prelimAt: e.prelimAt?.toISOString() ?? null,
    extensions: e.extensions.map((x) => ({ from: x.from.toISOString(), to: x.to.toISOString(), publicizedAt: x.publicizedAt.toISOString() })),
    lockUntil: e.lockUntil?.toISOString() ?? null,
    total: e.total,
    participating: e.participating,
    rule: ruleOf(e),
    votingOpen: votingOpen(e, now),
    origin: e.origin ?? null,
    finalAt: e.finalAt?.toISOString() ?? null,
    officers: e.officers ?? null,
    officersAt: e.officersAt?.toISOString() ?? null,
    listAt: e.listAt?.toISOString() ?? null,
    filedAt: e.filedAt?.toISOString() ?? null,
    filingRef: e.filingRef ?? null,
    due: e.kind === 'ELECTION' ? iso(officerDeadlines(e)) : { officersBy: null, listBy: null, filingBy: null },
  }
}
