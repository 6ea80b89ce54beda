/** The local cloud's store on its own: index pre-filtering never changes results; scans warn. */
import { Store, SCAN_WARNING_THRESHOLD } from '../../local-cloud/src/store'
import { cronMatches } from '../../local-cloud/src/timers'

function storeWithDocs(n: number, warnings: string[]) {
  const s = new Store({ logger: { warn: (m) => warnings.push(m) } })
  s.declare([{ name: 'items', indexes: [{ name: 'by_group_kind', fields: ['group', 'kind'] }] }])
  s.atomically(() => {
    for (let i = 0; i < n; i++) s.insert('items', { _id: `i${i}`, group: `g${i % 10}`, kind: i % 3, label: `x${i}`, arr: [i % 2] })
  })
  return s
}

test('a query on indexed fields returns exactly what a full scan returns, without a warning', () => {
  const warnings: string[] = []
  const s = storeWithDocs(SCAN_WARNING_THRESHOLD + 500, warnings)
  const indexed = s.find('items', { group: 'g3', kind: { $in: [0, 2] }, label: { $regex: /1$/ } })
  // The index holds a field's value, or a date's milliseconds (store.ts indexValue); queries use the same expression.
  const value = (f: string) => `coalesce(json_extract(data, '$.${f}."$date"'), json_extract(data, '$.${f}'))`
  const plan = s.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM c_items WHERE ${value('group')} IN (?)`).all('g3') as { detail: string }[]
  expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX ixv2_c_items_by_group_kind/)
  // A range on the next field, and an ordered page over it, go through the same index.
  const ranged = s.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM c_items WHERE ${value('group')} IN (?) AND ${value('kind')} > ? ORDER BY ${value('kind')} ASC`).all('g3', 0) as { detail: string }[]
  expect(ranged.map((p) => p.detail).join(' ')).toMatch(/USING INDEX ixv2_c_items_by_group_kind/)
  expect(warnings).toHaveLength(0)
  const all = s.find('items', {}, { limit: 100000 }).filter((d) => d.group === 'g3' && [0, 2].includes(d.kind as number) && String(d.label).endsWith('1'))
  expect(indexed.map((d) => d._id).sort()).toEqual(all.map((d) => d._id).sort())
  s.close()
})

test('a large scan without an index logs a warning naming the collection and the filter', () => {
  const warnings: string[] = []
  const s = storeWithDocs(SCAN_WARNING_THRESHOLD + 1, warnings)
  s.find('items', { label: 'x5' })
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toContain('"items"')
  expect(warnings[0]).toContain('{"label":"x5"}')
  s.close()
})

test('a small collection scans silently', () => {
  const warnings: string[] = []
  const s = storeWithDocs(100, warnings)
  expect(s.find('items', { label: 'x5' })).toHaveLength(1)
  expect(warnings).toHaveLength(0)
  s.close()
})

test('revisions grow with every write and survive in the rows', () => {
  const s = storeWithDocs(3, [])
  const before = s.getById('items', 'i1')!.rev
  s.updateWhere('items', { _id: 'i1' }, { $set: { label: 'changed' } }, { multi: false, merge: true, upsert: false })
  expect(s.getById('items', 'i1')!.rev).toBeGreaterThan(before)
  expect(s.revision).toBe(s.getById('items', 'i1')!.rev)
  s.close()
})

test('timer cron fields are evaluated in Asia/Shanghai (UTC+8)', () => {
  // 02:00:00 in Shanghai is 18:00:00 UTC the previous day.
  expect(cronMatches('0 0 2 * * * *', new Date('2026-11-27T18:00:00Z'))).toBe(true)
  expect(cronMatches('0 0 2 * * * *', new Date('2026-11-28T02:00:00Z'))).toBe(false)
  expect(cronMatches('*/15 * * * * * *', new Date('2026-11-28T02:00:30Z'))).toBe(true)
  expect(cronMatches('*/15 * * * * * *', new Date('2026-11-28T02:00:31Z'))).toBe(false)
  expect(() => cronMatches('0 0 2 * * *', new Date())).toThrow(/7 fields/)
})
