/**
 * Idempotent writes (architecture.md: "every write that a retry could repeat carries an
 * idempotency key"). A call claims its key — (function, action, caller, requestId) — by inserting
 * a PENDING record under that deterministic _id before the handler runs; the database's unique
 * _id decides between concurrent duplicates, so a retry racing the original never applies the
 * write twice. A finished call stores its answer and later retries replay it; a failed call
 * releases the key so the retry can run. A PENDING record older than a function's lifetime was
 * left by a crashed instance and is taken over.
 */
import { db } from './cloud'
import { getDoc, isDuplicateKey } from './data'

interface IdemDoc {
  _id: string
  state?: 'PENDING' | 'DONE'
  response?: unknown
  at: Date
}

/** Longer than any function timeout (config.json sets ≤ 20 s). */
const STALE_PENDING_MS = 60_000

export type Claim = { kind: 'claimed' } | { kind: 'replay'; response: unknown } | { kind: 'in-progress' }

export async function claim(key: string, now: Date): Promise<Claim> {
  try {
    await db.collection('idempotency').add({ data: { _id: key, state: 'PENDING', at: now } })
    return { kind: 'claimed' }
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  const doc = await getDoc<IdemDoc>('idempotency', key)
  if (!doc) return { kind: 'in-progress' } // released between our insert and read: the client retries
  if (doc.state !== 'PENDING') return { kind: 'replay', response: doc.response ?? null }
  if (now.getTime() - new Date(doc.at).getTime() > STALE_PENDING_MS) {
    await db.collection('idempotency').doc(key).set({ data: { state: 'PENDING', at: now } })
    return { kind: 'claimed' }
  }
  return { kind: 'in-progress' }
}

export async function complete(key: string, response: unknown, now: Date): Promise<void> {
  await db.collection('idempotency').doc(key).set({ data: { state: 'DONE', response: response ?? null, at: now } })
}

export async function release(key: string): Promise<void> {
  await db.collection('idempotency').doc(key).remove()
}
