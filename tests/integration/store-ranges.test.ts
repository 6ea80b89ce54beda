/**
 * Ranges, dates and pages through the local cloud's indexes: a range (dates by their ms) on the
 * field after an index's equality prefix narrows the rows read, an $or cursor reads as a range, and
 * a page whose order SQLite can give stops reading once it is full. None of it may change an answer:
 * every query here is also answered by mingo over every document in insertion order — the store's
 * previous, index-free semantics — and the two must agree exactly, order included.
 */
import { Query } from 'mingo'
import { Store, type Doc, type FindOptions } from '../../local-cloud/src/store'

// A small deterministic PRNG: a failure reproduces.
function rng(seed: number) {
  let x = seed >>> 0
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

const T0 = Date.UTC(2026, 10, 1)
const store = new Store({ logger: { warn: () => undefined } })
const docs: Doc[] = []
beforeAll(() => {
  store.createCollection('ev', [
    { name: 'by_at', fields: ['at', '_id'] },
    { name: 'by_c_status_n', fields: ['c', 'status', 'n'] },
    { name: 'by_s', fields: ['s'] },
  ])
  const r = rng(42)
  store.atomically(() => {
    for (let i = 0; i < 800; i++) {
      const d: Doc = { _id: `e${String(Math.floor(r() * 1e6)).padStart(6, '0')}_${i}` }
      // Ties on purpose: 60 distinct instants, some documents without one.
      if (r() > 0.05) d.at = new Date(T0 + Math.floor(r() * 60) * 60_000)
      d.c = ['c1', 'c2', 'c3'][Math.floor(r() * 3)]
      d.status = ['OPEN', 'DONE', 'HELD'][Math.floor(r() * 3)]
      const k = r()
      // n is mostly a number, sometimes a string or null or missing (type brackets must hold).
      if (k < 0.8) d.n = Math.floor(r() * 100) - 20
      else if (k < 0.88) d.n = `s${Math.floor(r() * 50)}`
      else if (k < 0.94) d.n = null
      d.s = `名字${Math.floor(r() * 40)}`
      d.x = Math.floor(r() * 10)
      store.insert('ev', d)
      docs.push(JSON.parse(JSON.stringify(d), (key, v) => (key === 'at' ? new Date(v) : v)))
    }
  })
})
afterAll(() => store.close())

/** What the store answered before any of this: mingo over all documents, sorted, skipped, limited. */
function reference(query: Record<string, unknown>, opts: FindOptions): Doc[] {
  let cursor = new Query(query).find<Doc>(docs, opts.projection as never)
  if (opts.order && Object.keys(opts.order).length) cursor = cursor.sort(opts.order)
  if (opts.offset) cursor = cursor.skip(opts.offset)
  if (opts.limit !== undefined) cursor = cursor.limit(opts.limit)
  return cursor.all() as Doc[]
}

function randomQuery(r: () => number): Record<string, unknown> {
  const at = () => new Date(T0 + Math.floor(r() * 62) * 60_000 - 60_000)
  const op = () => ['$gt', '$gte', '$lt', '$lte'][Math.floor(r() * 4)]
  const nBound = () => (r() < 0.8 ? Math.floor(r() * 100) - 20 : `s${Math.floor(r() * 50)}`)
  const parts: Record<string, unknown>[] = []
  if (r() < 0.5) parts.push({ c: ['c1', 'c2', 'c3'][Math.floor(r() * 3)] })
  if (r() < 0.4) parts.push({ status: { $in: ['OPEN', 'HELD', 'NONE'].slice(0, 1 + Math.floor(r() * 3)) } })
  if (r() < 0.4) parts.push({ n: r() < 0.3 ? { [op()]: nBound(), [op()]: nBound() } : { [op()]: nBound() } })
  if (r() < 0.4) parts.push({ at: { [op()]: at() } })
  if (r() < 0.25) {
    const t = at()
    const id = docs[Math.floor(r() * docs.length)]._id
    parts.push({ $or: [{ at: { $gt: t } }, { at: t, _id: { $gt: id } }] })
  }
  if (r() < 0.1) parts.push({ $or: [{ n: { $lt: 0 } }, { x: 3 }] })
  if (r() < 0.2) parts.push({ s: { $gte: `名字${Math.floor(r() * 40)}` } })
  if (r() < 0.15) parts.push({ at: new Date(T0 + Math.floor(r() * 60) * 60_000) })
  if (parts.length === 0) return {}
  if (parts.length > 1 && r() < 0.5) return { $and: parts }
  return Object.assign({}, ...parts)
}

function randomOptions(r: () => number): FindOptions {
  const fields = ['at', '_id', 'n', 'c', 'status', 's', 'x']
  const order: Record<string, 1 | -1> = {}
  const k = Math.floor(r() * 3)
  for (let i = 0; i < k; i++) order[fields[Math.floor(r() * fields.length)]] = r() < 0.5 ? 1 : -1
  const opts: FindOptions = { order }
  if (r() < 0.85) opts.limit = Math.floor(r() * 60)
  if (r() < 0.4) opts.offset = Math.floor(r() * 30)
  if (r() < 0.2) opts.projection = { at: true, n: true }
  return opts
}

test('2,000 random queries answer exactly what mingo over every document answers, in the same order', () => {
  const r = rng(7)
  for (let i = 0; i < 2000; i++) {
    const q = randomQuery(r)
    const opts = randomOptions(r)
    const got = store.find('ev', q, opts)
    const want = reference(q, opts)
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Error(`query ${i} differs: ${JSON.stringify(q)} ${JSON.stringify(opts)}\ngot  ${JSON.stringify(got.map((d) => d._id))}\nwant ${JSON.stringify(want.map((d) => d._id))}`)
    }
    expect(store.count('ev', q)).toBe(new Query(q).find(docs).all().length)
  }
})

describe('what a query reads', () => {
  const big = new Store({ logger: { warn: () => undefined } })
  const N = 5000
  beforeAll(() => {
    big.createCollection('events', [{ name: 'by_at', fields: ['at', '_id'] }])
    big.createCollection('repairs', [{ name: 'by_c_due', fields: ['communityId', 'dueAt'] }])
    big.atomically(() => {
      for (let i = 0; i < N; i++) {
        big.insert('events', { _id: `ev${String(i).padStart(5, '0')}`, at: new Date(T0 + Math.floor(i / 2) * 1000), kind: i % 3 })
        big.insert('repairs', { _id: `rp${i}`, communityId: i % 2 ? 'A' : 'B', dueAt: new Date(T0 + i * 60_000) })
      }
    })
  })
  afterAll(() => big.close())
  const read = (fn: () => unknown) => {
    const before = big.stats.rowsRead
    fn()
    return big.stats.rowsRead - before
  }

  test('paging 5,000 events by an (at, _id) cursor reads about one page per page, not the collection', () => {
    let cursor: { at: Date; id: string } | null = null
    let seen = 0
    let maxRead = 0
    for (;;) {
      const q: Record<string, unknown> = cursor ? { $or: [{ at: { $gt: cursor.at } }, { at: cursor.at, _id: { $gt: cursor.id } }] } : { at: { $gte: new Date(T0) } }
      let page: Doc[] = []
      maxRead = Math.max(maxRead, read(() => (page = big.find('events', q, { order: { at: 1, _id: 1 }, limit: 100 }))))
      if (!page.length) break
      seen += page.length
      const last = page[page.length - 1]
      cursor = { at: last.at as Date, id: last._id }
    }
    expect(seen).toBe(N)
    // The union of the $or's branches is at >= cursor.at: a page reads its 100 and the tie before it.
    expect(maxRead).toBeLessThanOrEqual(102)
  })

  test('a date range after an equality prefix reads only the range; count() too', () => {
    const q = { communityId: 'A', dueAt: { $lt: new Date(T0 + 200 * 60_000) } }
    let found: Doc[] = []
    expect(read(() => (found = big.find('repairs', q)))).toBe(100)
    expect(found).toHaveLength(100)
    expect(read(() => expect(big.count('repairs', q)).toBe(100))).toBe(100)
  })

  test('a page without a usable range still stops once full', () => {
    expect(read(() => big.find('events', { kind: 1 }, { order: { at: -1 }, limit: 10 }))).toBeLessThanOrEqual(31)
  })
})
