/**
 * Idempotent writes: the first successful answer to (function, action, caller, requestId) is
 * stored under a deterministic _id and replayed for a retry of the same logical call, so a
 * network retry never applies a write twice. Kept 7 days.
 */
import { db } from './cloud'
import { getDoc, isDuplicateKey } from './data'

interface IdemDoc {
  _id: string
  response: unknown
  at: Date
}

export async function replayOrNull(key: string): Promise<unknown | null> {
  const doc = await getDoc<IdemDoc & Record<string, unknown>>('idempotency', key)
  return doc ? doc.response : null
}

export async function remember(key: string, response: unknown, now: Date): Promise<void> {
  try {
    await db.collection('idempotency').add({ data: { _id: key, response: response ?? null, at: now } })
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
}
