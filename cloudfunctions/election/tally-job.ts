/**
 * The published count as a paged, resumable job (R5.14). Over 10,000 voting rights a count in one
 * request took 2.4 s quiet and 4–8 s under load, against the cloud's 3 s default: too close. So the
 * preliminary result is counted in steps of one page (1,000 ballots, the cloud's cap), each step
 * writing that page's ballot-file lines as a chunk and the progress on the election; the transition
 * runs steps within a short budget and the `count-results` timer finishes whatever is left.
 *
 * Faster read path: only the ballots are read. Voting rights are not re-read — the totals were
 * fixed by the roster snapshot, and every stored ballot belongs to a right of it (castInTxn).
 * The result is the recount of the very file that is published (recountBallotFile), so the
 * published figures and the recount cannot disagree.
 */
import { _, db } from '../_core/cloud'
import { sha256Hex } from '../_core/id-hash'
import { withTransaction } from '../_core/transaction'
import { ballotFileHeader, ballotLine, joinBallotFile, recountBallotFile } from '../../domain/election/ballot-file'
import { appendAudit, loadElection, PAGE, readAllPaged, txElection, type BallotDoc, type ElectionDoc, type StoredResults, type TallyJob } from './store'

const chunkId = (electionId: string, seq: number) => `ebc_${electionId}_${String(seq).padStart(6, '0')}`

/** The job a PRELIM_RESULT transition stores (the header is fixed here: candidates and totals). */
export function newTallyJob(e: ElectionDoc, candidates: string[], now: Date): TallyJob {
  const header = ballotFileHeader({ electionId: e._id, kind: e.kind, threshold: e.threshold, seats: e.seats, candidates, total: e.total ?? { heads: 0, areaCentiM2: 0 } })
  return { state: 'RUNNING', chunks: 0, done: 0, of: e.participating.heads, cursor: '', header, startedAt: now }
}

export const percentOf = (j: Pick<TallyJob, 'done' | 'of'>) => (j.of > 0 ? Math.min(99, Math.floor((100 * j.done) / j.of)) : 0)

/**
 * Run steps until the count is done or `budgetMs` has passed; returns whether it is done and the
 * database requests made. Safe to run twice at once: a step advances the job only if nobody else
 * did (a conditional update on the chunk number), and a chunk's _id is its number.
 */
export async function stepTally(electionId: string, now: Date, budgetMs: number): Promise<{ done: boolean; reads: number }> {
  const started = Date.now()
  let reads = 0
  for (;;) {
    const e = await loadElection(electionId)
    reads++
    const job = e.tally
    if (!job || job.state === 'DONE') return { done: true, reads }
    if (Date.now() - started > budgetMs) return { done: false, reads }
    const page = (await db
      .collection('election_ballots')
      .where({ electionId, receiptHash: _.gt(job.cursor) })
      .orderBy('receiptHash', 'asc')
      .limit(PAGE)
      .field({ receiptHash: true, areaCentiM2: true, choice: true, approve: true })
      .get()) as unknown as { data: Pick<BallotDoc, 'receiptHash' | 'areaCentiM2' | 'choice' | 'approve'>[] }
    reads++
    if (page.data.length) {
      const lines = page.data.map((b) => ballotLine(e.kind, b))
      await db.collection('election_ballot_chunks').doc(chunkId(electionId, job.chunks)).set({ data: { electionId, seq: job.chunks, lines } })
      const moved = (await db
        .collection('elections')
        .where({ _id: electionId, 'tally.chunks': job.chunks })
        .update({ data: { 'tally.chunks': job.chunks + 1, 'tally.done': job.done + page.data.length, 'tally.cursor': page.data[page.data.length - 1].receiptHash } })) as unknown as { stats: { updated: number } }
      reads += 2
      if (moved.stats.updated !== 1) continue // another runner got there first: read again
    }
    if (page.data.length === PAGE) continue
    reads += await finish(electionId, now)
    return { done: true, reads }
  }
}

/** Join the chunks into the file, recount it, and publish result and hash with an audit entry. */
async function finish(electionId: string, now: Date): Promise<number> {
  const counter = { reads: 0 }
  const chunks = await readAllPaged<{ _id: string; seq: number; lines: string[] }>('election_ballot_chunks', { electionId }, counter)
  const e = await loadElection(electionId)
  const job = e.tally!
  const lines = chunks.filter((c) => c.seq < job.chunks).sort((a, b) => a.seq - b.seq).flatMap((c) => c.lines)
  const text = joinBallotFile(job.header, lines)
  const recount = recountBallotFile(text)
  const results: StoredResults = { legalBasis: `民法典第278条第${e.matter}项`, motion: recount.motion ?? null, election: recount.election ?? null, ballotFileSha256: sha256Hex(text), countedAt: now, chunks: job.chunks }
  await withTransaction(async (t) => {
    const cur = await txElection(t, electionId)
    if (cur.tally?.state !== 'RUNNING') return
    const head = await appendAudit(t, cur, { openid: 'system:count-results', now }, 'election.counted', {
      ballotFileSha256: results.ballotFileSha256,
      ballots: lines.length,
      passed: results.motion ? results.motion.passed : null,
      elected: results.election ? results.election.elected : null,
    })
    await t.collection('elections').doc(electionId).update({ data: { results, 'tally.state': 'DONE', 'tally.done': lines.length, audit: head } })
  })
  return counter.reads + 3
}

/** The stored file of a paged count: header plus chunks, exactly the text whose hash was published. */
export async function storedBallotFile(e: ElectionDoc): Promise<string | null> {
  if (!e.tally || e.tally.state !== 'DONE' || e.results?.chunks == null) return null
  const chunks = await readAllPaged<{ _id: string; seq: number; lines: string[] }>('election_ballot_chunks', { electionId: e._id })
  return joinBallotFile(e.tally.header, chunks.filter((c) => c.seq < e.results!.chunks!).sort((a, b) => a.seq - b.seq).flatMap((c) => c.lines))
}

/** Timer: finish every count still running (each within the function's timeout, R5.14). */
export async function countRunning(now: Date, budgetMs: number): Promise<{ finished: number; running: number; reads: number }> {
  const running = (await db.collection('elections').where({ 'tally.state': 'RUNNING' }).field({ _id: true }).limit(20).get()) as unknown as { data: { _id: string }[] }
  const started = Date.now()
  let finished = 0
  let reads = 1
  for (const { _id } of running.data) {
    const r = await stepTally(_id, now, Math.max(0, budgetMs - (Date.now() - started)))
    reads += r.reads
    if (r.done) finished++
  }
  return { finished, running: running.data.length - finished, reads }
}
