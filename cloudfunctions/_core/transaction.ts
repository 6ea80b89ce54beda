/**
 * runTransaction with more patience than the SDK default. The SDK retries a transaction only when
 * the service reports DATABASE_TRANSACTION_CONFLICT, three times, back to back; under a real rush
 * (a popular booking slot, the last minutes of a vote) that is not enough, so we add attempts
 * with jittered backoff. A conflict that outlives them becomes CONFLICT for the client, who may
 * retry — an update is never silently lost (R5.12).
 */
import { db } from './cloud'
import { AppError } from '../../domain/shared/errors'
import { nextStepId } from './idempotency'

/**
 * What a transaction offers (the SDK types the callback as any): single-document operations only
 * (R5.12, recipes §5.5) — no where() inside a transaction.
 */
export interface TxnDocRef {
  get(): Promise<{ data: unknown }>
  set(options: { data: object }): Promise<unknown>
  update(options: { data: object }): Promise<unknown>
  remove(): Promise<unknown>
}
export interface Txn {
  collection(name: string): { doc(id: string): TxnDocRef; add(options: { data: object }): Promise<unknown> }
}

function isConflict(e: unknown): boolean {
  const code = (e as { code?: string })?.code
  return code === 'DATABASE_TRANSACTION_CONFLICT' || /TRANSACTION_CONFLICT|transaction conflict/i.test(String((e as Error)?.message ?? ''))
}

/**
 * Inside an idempotent call, the transaction is also a journal step (idempotency.ts): if this step
 * already committed in an earlier attempt of the same request, its recorded result is returned and
 * nothing is written again; otherwise the result is recorded in the same transaction as the writes.
 */
function journaled<T>(fn: (t: Txn) => Promise<T>, stepId: string): (t: Txn) => Promise<T> {
  return async (t) => {
    const done = ((await t.collection('idempotency').doc(stepId).get()) as { data: { result?: unknown; undefinedResult?: boolean } | null }).data
    if (done) return (done.undefinedResult ? undefined : done.result) as T
    const result = await fn(t)
    await t.collection('idempotency').add({
      data: { _id: stepId, state: 'STEP', result: result === undefined ? null : result, undefinedResult: result === undefined, at: new Date() },
    })
    return result
  }
}

export async function withTransaction<T>(fn: (t: Txn) => Promise<T>, opts: { attempts?: number } = {}): Promise<T> {
  const attempts = opts.attempts ?? 8
  const stepId = nextStepId()
  const body = stepId ? journaled(fn, stepId) : fn
  let last: unknown
  for (let i = 0; i < attempts; i++) {
    try {
      // The SDK's own 3 quick retries, then ours with growing jittered pauses.
      return (await db.runTransaction(body, 3)) as T
    } catch (e) {
      if (!isConflict(e)) throw e
      last = e
      await new Promise((r) => setTimeout(r, Math.random() * 20 * (i + 1)))
    }
  }
  // Busy, not refused: nothing was written and the router frees the request id, so the answer says
  // when to come back (retryAfterMs) and the client retries the same request itself (call-cloud.ts).
  // Seen in CI: 50 parallel consent.grant by one person on 2 loaded cores outlasted every attempt.
  throw new AppError('CONFLICT', '操作繁忙，请稍后再试', { cause: String((last as Error)?.message ?? last), retryAfterMs: 100 + Math.floor(Math.random() * 400) })
}

