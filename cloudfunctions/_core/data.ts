/**
 * Small, typed helpers over the SDK's query results (its typings return a union with void
 * because of the callback overload, recipes.md §6) and the cloud's paging limits (R5.11).
 */
import { db } from './cloud'

/** Any stored document: our model interfaces have no index signature, so only _id is required. */
type AnyDoc = { _id: string }

/** A document by _id, or null. */
export async function getDoc<T extends AnyDoc>(collection: string, id: string): Promise<T | null> {
  const res = (await db.collection(collection).doc(id).get()) as unknown as { data: T | null }
  return res.data ?? null
}

/** One page of a query (the cloud returns at most 100 per get in functions). */
export async function findPage<T extends AnyDoc>(
  collection: string,
  where: Record<string, unknown>,
  opts: { orderBy?: [string, 'asc' | 'desc'][]; skip?: number; limit?: number; fields?: Record<string, boolean> } = {},
): Promise<T[]> {
  let q = db.collection(collection).where(where)
  for (const [f, d] of opts.orderBy ?? []) q = q.orderBy(f, d)
  if (opts.skip) q = q.skip(opts.skip)
  q = q.limit(Math.min(opts.limit ?? 100, 100))
  if (opts.fields) q = q.field(opts.fields)
  const res = (await q.get()) as unknown as { data: T[] }
  return res.data
}

/**
 * Every matching document, fetched 100 at a time (R5.11). Only for server-side work on bounded
 * sets (one person's data, one community's units); never hand the result to a client unpaged.
 */
export async function findAll<T extends AnyDoc>(
  collection: string,
  where: Record<string, unknown>,
  opts: { orderBy?: [string, 'asc' | 'desc'][]; max?: number } = {},
): Promise<T[]> {
  const out: T[] = []
  const max = opts.max ?? 20_000
  // Order by _id as the last key so pages are stable while we read.
  const orderBy: [string, 'asc' | 'desc'][] = [...(opts.orderBy ?? []), ['_id', 'asc']]
  for (let skip = 0; out.length < max; skip += 100) {
    const page = await findPage<T>(collection, where, { orderBy, skip, limit: 100 })
    out.push(...page)
    if (page.length < 100) break
  }
  return out
}

export async function count(collection: string, where: Record<string, unknown>): Promise<number> {
  const res = (await db.collection(collection).where(where).count()) as unknown as { total: number }
  return res.total
}

/** True when an error from the SDK is the cloud's duplicate-key answer (deterministic _id collision). */
export function isDuplicateKey(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e)
  return /duplicate key|E11000/i.test(msg)
}
