/**
 * `_id` equality and `_id: $in` go through the primary key (issue #9, item 5): doc(id).get/update/
 * set/remove read one row, not the whole collection. Watched through the store's rows-read counter,
 * and through the real SDK.
 */
import { Store } from '../../local-cloud/src/store'
import { FIXTURE_FUNCTIONS, startTestCloud } from './helpers/cloud'

const N = 5000
let store: Store
beforeAll(() => {
  store = new Store({ logger: { warn: () => undefined } })
  store.createCollection('things', [])
  store.atomically(() => {
    for (let i = 0; i < N; i++) store.insert('things', { _id: `d${i}`, n: i, kind: i % 2 ? 'odd' : 'even' })
  })
})
afterAll(() => store.close())

function rowsReadBy(fn: () => void): number {
  const before = store.stats.rowsRead
  fn()
  return store.stats.rowsRead - before
}

test('_id equality reads one row and finds the document', () => {
  let found: unknown[] = []
  expect(rowsReadBy(() => (found = store.find('things', { _id: 'd4321' })))).toBe(1)
  expect(found).toEqual([{ _id: 'd4321', n: 4321, kind: 'odd' }])
  expect(rowsReadBy(() => (found = store.find('things', { _id: { $eq: 'd7' } })))).toBe(1)
  expect(found).toHaveLength(1)
})

test('_id $in reads only the listed rows, in insertion order, and the rest of the filter still applies', () => {
  let found: { _id: string }[] = []
  expect(rowsReadBy(() => (found = store.find('things', { _id: { $in: ['d9', 'd3', 'nope', 'd3'] } })))).toBe(2)
  expect(found.map((d) => d._id)).toEqual(['d3', 'd9'])
  expect(store.find('things', { _id: { $in: ['d9', 'd3'] }, kind: 'odd' }).map((d) => d._id)).toEqual(['d3', 'd9'])
  expect(store.find('things', { _id: 'd4', kind: 'odd' })).toEqual([])
  const many = Array.from({ length: 1200 }, (_, i) => `d${i * 4}`)
  expect(rowsReadBy(() => (found = store.find('things', { _id: { $in: many } })))).toBe(1200)
  expect(found.map((d) => d._id)).toEqual(many)
})

test('updates, removes and counts by _id touch one row', () => {
  expect(rowsReadBy(() => store.updateWhere('things', { _id: 'd10' }, { $set: { seen: true } }, { multi: false, merge: true, upsert: false }))).toBe(1)
  expect(store.getById('things', 'd10')?.doc.seen).toBe(true)
  expect(rowsReadBy(() => expect(store.count('things', { _id: 'd10', seen: true })).toBe(1))).toBe(1)
  expect(rowsReadBy(() => expect(store.removeWhere('things', { _id: 'd11' }, false)).toBe(1))).toBe(1)
  expect(store.getById('things', 'd11')).toBeNull()
})

test('a non-string _id is still matched exactly (mingo decides; the key only narrows)', () => {
  store.insert('things', { _id: '42', n: -1 })
  expect(store.find('things', { _id: 42 })).toEqual([])
  expect(store.find('things', { _id: '42' })).toHaveLength(1)
})

test('through the real SDK, doc(id).get and doc(id).update read one row each', async () => {
  const t = await startTestCloud({ seed: false, extraFunctionsDirs: [FIXTURE_FUNCTIONS], extraCollections: [{ name: 'probe_items', indexes: [] }] })
  try {
    t.store.atomically(() => {
      for (let i = 0; i < N; i++) t.store.insert('probe_items', { _id: `p${i}`, n: i })
    })
    await t.raw('sdk-probe', { op: 'context' }, 'o_pk') // warm the instance
    const before = t.store.stats.rowsRead
    const got = await t.raw('sdk-probe', { op: 'docGet', coll: 'probe_items', id: 'p777' }, 'o_pk')
    expect(got.body).toEqual({ ok: true, value: { _id: 'p777', n: 777 } })
    await t.raw('sdk-probe', { op: 'docUpdate', coll: 'probe_items', id: 'p777', data: { n: 778 } }, 'o_pk')
    expect(t.store.stats.rowsRead - before).toBe(2)
    expect(t.store.getById('probe_items', 'p777')?.doc.n).toBe(778)
  } finally {
    await t.close()
  }
})
