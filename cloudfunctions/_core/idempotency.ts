/**
 * Idempotent writes (architecture.md: "every write that a retry could repeat carries an
 * idempotency key"). A call claims its key — (function, action, caller, requestId) — by inserting
 * a PENDING record under that deterministic _id before the handler runs; the database's unique
 * _id decides between concurrent duplicates, so a retry racing the original never applies the
 * write twice. A finished call stores its answer and later retries replay it; a failed call
 * releases the key so the retry can run.
 *
 * Honest outcomes under load (issue #9, item 6). The platform kills an invocation at its time
 * limit, and its caller is told "timed out" although some of its writes may have committed. So:
 * - The PENDING record is a lease that ends with the invocation's time limit (plus a margin):
 *   once it has passed, the original invocation is certainly dead and a retry with the same
 *   request id takes the key over (in a transaction, so two retries cannot both take it) instead
 *   of being told CONFLICT for a fixed minute. Before that, the retry is told when to come back.
 * - Every transaction an idempotent call runs (withTransaction) is a journal step: the step's
 *   result is written in the same transaction as its writes, under `<key>#<n>`. A taken-over
 *   re-run replays committed steps instead of applying them again, so it reaches the answer the
 *   first attempt would have given — the committed answer — without double writes. Handlers run
 *   their transactions one after another (never in parallel) so step numbers are stable.
 *   Writes outside transactions in idempotent handlers are idempotent themselves (deterministic
 *   _id with set(), or overwriting updates), as architecture.md requires.
 */
import { db } from './cloud'
import { getDoc, isDuplicateKey } from './data'
import type { Txn } from './transaction'

interface IdemDoc {
  _id: string
  state?: 'PENDING' | 'DONE' | 'STEP'
  response?: unknown
  at: Date
  leaseUntil?: Date
}

/** Added to the time limit: the platform's kill and clocks are not instantaneous. */
const LEASE_MARGIN_MS = 2_000
/** When the time limit is unknown (context without time_limit_in_ms): the longest we configure. */
export const DEFAULT_LEASE_MS = 60_000

export type Claim = { kind: 'claimed' } | { kind: 'replay'; response: unknown } | { kind: 'in-progress'; retryAfterMs: number }

export function leaseMsFor(context: unknown): number {
  const limit = (context as { time_limit_in_ms?: unknown } | undefined)?.time_limit_in_ms
  return typeof limit === 'number' && limit > 0 ? limit + LEASE_MARGIN_MS : DEFAULT_LEASE_MS
}

function leaseEnd(doc: IdemDoc): number {
  return doc.leaseUntil ? new Date(doc.leaseUntil).getTime() : new Date(doc.at).getTime() + DEFAULT_LEASE_MS
}

export async function claim(key: string, now: Date, leaseMs = DEFAULT_LEASE_MS): Promise<Claim> {
  const leaseUntil = new Date(now.getTime() + leaseMs)
  try {
    await db.collection('idempotency').add({ data: { _id: key, state: 'PENDING', at: now, leaseUntil } })
    return { kind: 'claimed' }
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  const doc = await getDoc<IdemDoc>('idempotency', key)
  if (!doc) return { kind: 'in-progress', retryAfterMs: 0 } // released between our insert and read: retry now
  if (doc.state !== 'PENDING') return { kind: 'replay', response: doc.response ?? null }
  if (now.getTime() <= leaseEnd(doc)) return { kind: 'in-progress', retryAfterMs: leaseEnd(doc) - now.getTime() }
  // The owner's lease is over: take the key over, unless another retry just did.
  try {
    const taken = await db.runTransaction(async (t: Txn) => {
      const cur = ((await t.collection('idempotency').doc(key).get()) as { data: IdemDoc | null }).data
      if (!cur) return 'gone'
      if (cur.state !== 'PENDING') return 'done'
      if (now.getTime() <= leaseEnd(cur)) return 'held'
      await t.collection('idempotency').doc(key).set({ data: { state: 'PENDING', at: now, leaseUntil } })
      return 'taken'
    }, 3)
    if (taken === 'taken') return { kind: 'claimed' }
  } catch {
    // A conflicting takeover by a parallel retry: that one runs; this one reports in-progress.
  }
  const after = await getDoc<IdemDoc>('idempotency', key)
  if (after && after.state === 'DONE') return { kind: 'replay', response: after.response ?? null }
  return { kind: 'in-progress', retryAfterMs: after ? Math.max(0, leaseEnd(after) - now.getTime()) : 0 }
}

export async function complete(key: string, response: unknown, now: Date): Promise<void> {
  await db.collection('idempotency').doc(key).set({ data: { state: 'DONE', response: response ?? null, at: now } })
}

export async function release(key: string): Promise<void> {
  await db.collection('idempotency').doc(key).remove()
}

/**
 * The journal of the idempotent call this instance is running (an instance runs one invocation at
 * a time, as in the cloud, so module state is per call).
 */
let journal: { key: string; step: number } | null = null

export function beginJournal(key: string): void {
  journal = { key, step: 0 }
}

export function endJournal(): void {
  journal = null
}

/** The id of the next journal step of the running idempotent call, or null outside one. */
export function nextStepId(): string | null {
  if (!journal) return null
  journal.step += 1
  return `${journal.key}#${journal.step}`
}
