/**
 * Contract suite: the real wx-server-sdk (inside a function written the ordinary way, served from
 * tests/fixtures/functions) against the local cloud, asserting what the WeChat cloud documents
 * (domain-rules.md §5.4–§5.6, architecture.md "The local cloud").
 */
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from './helpers/cloud'

let t: TestCloud
const OPENID = 'o_test_contract'

type ProbeResult = { ok: true; value: any } | { ok: false; code: string | null; errCode: number | null; message: string }

async function probe(event: Record<string, unknown>, openid = OPENID): Promise<ProbeResult> {
  const r = await t.raw('sdk-probe', event, openid)
  expect(r.status).toBe(200)
  return r.body as ProbeResult
}
async function value(event: Record<string, unknown>): Promise<any> {
  const r = await probe(event)
  if (!r.ok) throw new Error(`probe ${event.op} failed: ${r.message}`)
  return r.value
}

beforeAll(async () => {
  t = await startTestCloud({
    seed: false,
    extraFunctionsDirs: [FIXTURE_FUNCTIONS],
    extraCollections: [
      { name: 'probe_items', indexes: [{ name: 'by_group', fields: ['group', 'n'] }] },
      { name: 'probe_counters', indexes: [] },
    ],
  })
})
afterAll(() => t.close())

describe('identity and invocation', () => {
  test('getWXContext() carries the caller from X-Dev-Openid, the app id and the env', async () => {
    const ctx = await value({ op: 'context' })
    expect(ctx).toMatchObject({ OPENID, APPID: 'wx_linli_local', ENV: 'linli-local' })
    const other = await probe({ op: 'context' }, 'o_someone_else')
    expect(other.ok && other.value.OPENID).toBe('o_someone_else')
  })

  test('a function that throws answers HTTP 500 with the error as the cloud reports it', async () => {
    const r = await t.raw('sdk-probe', { op: 'no-such-op' }, OPENID)
    expect(r.status).toBe(500)
    expect(r.body).toMatchObject({ errCode: -504002 })
    expect(String((r.body as { errMsg: string }).errMsg)).toContain('unknown op no-such-op')
  })

  test('an unknown function is a 404 with the cloud error code', async () => {
    const r = await t.raw('missing-function', {}, OPENID)
    expect(r.status).toBe(404)
    expect(r.body).toMatchObject({ errCode: -504002 })
  })

  test('an invocation longer than its timeout (the cloud default of 3 s without config.json) is cut off like the cloud does', async () => {
    // timeout-probe has no config.json; the sleep is far longer than the timeout, so a slow machine
    // cannot change the outcome (loading the instance does not count, as in SCF).
    const r = await t.raw('timeout-probe', { ms: 10_000 }, OPENID)
    expect(r.status).toBe(500)
    expect(String((r.body as { errMsg: string }).errMsg)).toMatch(/timed out after 3 seconds/)
    // The killed instance is replaced: the next call is answered.
    expect((await t.raw('timeout-probe', { ms: 0 }, OPENID)).body).toEqual({ slept: 0 })
  })

  test('cloud.callFunction from one function reaches another', async () => {
    const v = await value({ op: 'callFunction', name: 'sdk-probe', data: { op: 'context' } })
    expect(v).toMatchObject({ ok: true, value: { APPID: 'wx_linli_local' } })
  })
})

describe('documents', () => {
  test('add() generates a 32-hex _id; doc().get() returns the document with its types', async () => {
    const id = await value({ op: 'add', coll: 'probe_items', data: { group: 'types', n: 1, nested: { a: [1, 'x'] }, when: { $date: '2026-03-01T00:00:00.000Z' }, ok: true, none: null } })
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    const doc = await value({ op: 'docGet', coll: 'probe_items', id })
    expect(doc).toEqual({ _id: id, group: 'types', n: 1, nested: { a: [1, 'x'] }, when: '2026-03-01T00:00:00.000Z', ok: true, none: null })
  })

  test('a missing document reads as null with throwOnNotFound:false', async () => {
    expect(await value({ op: 'docGet', coll: 'probe_items', id: 'nope' })).toBeNull()
  })

  test('serverDate() is the server clock at write time', async () => {
    const before = Date.now()
    const id = await value({ op: 'add', coll: 'probe_items', data: { group: 'date', at: { $serverDate: true } } })
    const doc = await value({ op: 'docGet', coll: 'probe_items', id })
    const at = new Date(doc.at).getTime()
    expect(at).toBeGreaterThanOrEqual(before - 5)
    expect(at).toBeLessThanOrEqual(Date.now() + 5)
  })

  test('writing to a collection that was never created fails with "collection not exists" (-502005)', async () => {
    const r = await probe({ op: 'add', coll: 'never_created', data: { a: 1 } })
    expect(r.ok).toBe(false)
    expect(r.ok === false && r.errCode).toBe(-502005)
    const created = await value({ op: 'createCollection', coll: 'made_at_runtime' })
    expect(created).toBe('created')
    expect(await value({ op: 'add', coll: 'made_at_runtime', data: { a: 1 } })).toMatch(/^[0-9a-f]{32}$/)
  })

  test('a duplicate _id is rejected', async () => {
    await value({ op: 'add', coll: 'probe_items', data: { _id: 'dup-1', group: 'dup' } })
    const r = await probe({ op: 'add', coll: 'probe_items', data: { _id: 'dup-1', group: 'dup' } })
    expect(r.ok).toBe(false)
    expect(r.ok === false && r.message).toMatch(/duplicate key/)
  })

  test('update operators: inc, push, remove, dotted set; set() replaces; remove() deletes', async () => {
    const id = await value({ op: 'add', coll: 'probe_items', data: { group: 'upd', n: 1, tags: ['a'], gone: 1, o: { p: 1, q: 2 } } })
    const stats = await value({ op: 'docUpdate', coll: 'probe_items', id, data: { n: { $cmd: 'inc', args: [2] }, tags: { $cmd: 'push', args: ['b'] }, gone: { $cmd: 'remove' }, 'o.p': 9 } })
    expect(stats).toEqual({ updated: 1 })
    expect(await value({ op: 'docGet', coll: 'probe_items', id })).toEqual({ _id: id, group: 'upd', n: 3, tags: ['a', 'b'], o: { p: 9, q: 2 } })
    // update() with a plain nested object merges field by field, as the SDK serialises it to dotted $set.
    await value({ op: 'docUpdate', coll: 'probe_items', id, data: { o: { p: 10 } } })
    expect((await value({ op: 'docGet', coll: 'probe_items', id })).o).toEqual({ p: 10, q: 2 })
    await value({ op: 'docSet', coll: 'probe_items', id, data: { group: 'upd', only: true } })
    expect(await value({ op: 'docGet', coll: 'probe_items', id })).toEqual({ _id: id, group: 'upd', only: true })
    expect(await value({ op: 'docRemove', coll: 'probe_items', id })).toEqual({ removed: 1 })
    expect(await value({ op: 'docGet', coll: 'probe_items', id })).toBeNull()
  })

  test('where().update() and where().remove() touch every match', async () => {
    for (let i = 0; i < 5; i++) await value({ op: 'add', coll: 'probe_items', data: { group: 'bulk', n: i } })
    expect(await value({ op: 'whereUpdate', coll: 'probe_items', where: { group: 'bulk', n: { $cmd: 'gte', args: [2] } }, data: { flagged: true } })).toEqual({ updated: 3 })
    expect(await value({ op: 'count', coll: 'probe_items', where: { group: 'bulk', flagged: true } })).toBe(3)
    expect(await value({ op: 'whereRemove', coll: 'probe_items', where: { group: 'bulk' } })).toEqual({ removed: 5 })
  })
})

describe('queries', () => {
  beforeAll(() => {
    // Bulk data straight into the store (fast); queries go through the SDK.
    t.store.atomically(() => {
      for (let i = 0; i < 1200; i++) t.store.insert('probe_items', { _id: `q${String(i).padStart(4, '0')}`, group: 'q', n: i, parity: i % 2 === 0 ? 'even' : 'odd', tags: [`t${i % 3}`], label: `item-${i}` })
    })
  })

  test('get() returns at most 100 documents by default', async () => {
    expect(await value({ op: 'get', coll: 'probe_items', where: { group: 'q' } })).toHaveLength(100)
  })

  test('limit() is capped at 1000', async () => {
    expect(await value({ op: 'get', coll: 'probe_items', where: { group: 'q' }, limit: 1000 })).toHaveLength(1000)
    expect(await value({ op: 'get', coll: 'probe_items', where: { group: 'q' }, limit: 5000 })).toHaveLength(1000)
  })

  test('count() counts every match, beyond the get() limit', async () => {
    expect(await value({ op: 'count', coll: 'probe_items', where: { group: 'q' } })).toBe(1200)
    expect(await value({ op: 'count', coll: 'probe_items', where: { group: 'q', parity: 'odd' } })).toBe(600)
  })

  test('orderBy on two fields, skip and limit page deterministically', async () => {
    const page = await value({ op: 'get', coll: 'probe_items', where: { group: 'q' }, orderBy: [['parity', 'asc'], ['n', 'desc']], skip: 2, limit: 3 })
    expect(page.map((d: { n: number }) => d.n)).toEqual([1194, 1192, 1190])
  })

  test('field() projects (keeping _id)', async () => {
    const [doc] = await value({ op: 'get', coll: 'probe_items', where: { group: 'q', n: 7 }, field: { n: true } })
    expect(doc).toEqual({ _id: 'q0007', n: 7 })
  })

  test('command operators: gt/lt (and), in, neq, exists, or, elemMatch-free array match, RegExp', async () => {
    const range = await value({ op: 'get', coll: 'probe_items', where: { group: 'q', n: { $cmd: 'gt', args: [10] } }, limit: 1000 })
    expect(range).toHaveLength(1000) // the cap
    expect(await value({ op: 'count', coll: 'probe_items', where: { group: 'q', n: { $cmd: 'gt', args: [10] } } })).toBe(1189)
    const and = await value({ op: 'get', coll: 'probe_items', where: { group: 'q', n: { $cmd: 'and', args: [{ $cmd: 'gte', args: [10] }, { $cmd: 'lt', args: [13] }] } } })
    expect(and.map((d: { n: number }) => d.n)).toEqual([10, 11, 12])
    const inList = await value({ op: 'get', coll: 'probe_items', where: { group: 'q', n: { $cmd: 'in', args: [[1, 2, 999]] } } })
    expect(inList.map((d: { n: number }) => d.n).sort((a: number, b: number) => a - b)).toEqual([1, 2, 999])
    expect(await value({ op: 'count', coll: 'probe_items', where: { group: 'q', parity: { $cmd: 'neq', args: ['even'] } } })).toBe(600)
    expect(await value({ op: 'count', coll: 'probe_items', where: { group: 'q', missing: { $cmd: 'exists', args: [false] } } })).toBe(1200)
    const or = await value({ op: 'get', coll: 'probe_items', where: { $cmd: 'or', args: [{ n: 3 }, { label: 'item-5' }] } })
    expect(or.map((d: { n: number }) => d.n).sort()).toEqual([3, 5])
    expect(await value({ op: 'count', coll: 'probe_items', where: { group: 'q', tags: 't1' } })).toBe(400)
    const re = await value({ op: 'get', coll: 'probe_items', where: { label: { $regexp: '^item-11[0-9]$' } } })
    expect(re).toHaveLength(10)
  })

  test('aggregate: match → group with sum → sort', async () => {
    const rows = await value({
      op: 'aggregate',
      coll: 'probe_items',
      stages: [
        ['match', { group: 'q', n: { $cmd: 'lt', args: [10] } }],
        ['group', { _id: '$parity', total: { $agg: 'sum', args: ['$n'] }, count: { $agg: 'sum', args: [1] } }],
        ['sort', { total: -1 }],
      ],
    })
    expect(rows).toEqual([
      { _id: 'odd', total: 25, count: 5 },
      { _id: 'even', total: 20, count: 5 },
    ])
  })
})

describe('transactions', () => {
  test('8 parallel read-modify-write increments in 8 instances never lose an update', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => probe({ op: 'txnIncrement', coll: 'probe_counters', id: 'c8', retries: 50 })))
    const succeeded = results.filter((r) => r.ok)
    expect(succeeded).toHaveLength(8)
    // Each success saw a distinct value: no two transactions committed on the same read.
    expect(new Set(succeeded.map((r) => (r as { value: number }).value)).size).toBe(8)
    const doc = t.store.getById('probe_counters', 'c8')
    expect(doc?.doc.n).toBe(8)
    expect(t.cloud.transactions.stats.conflicts).toBeGreaterThan(0)
  })

  test('with the SDK default of 3 retries, whatever fails fails loudly: the counter equals the successes', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => probe({ op: 'txnIncrement', coll: 'probe_counters', id: 'c-default' })))
    const ok = results.filter((r) => r.ok).length
    for (const r of results) if (!r.ok) expect(r).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(t.store.getById('probe_counters', 'c-default')?.doc.n).toBe(ok)
  })

  test('a where() query inside a transaction is refused: single-document operations only', async () => {
    const r = await probe({ op: 'txnWhere', coll: 'probe_items' })
    expect(r.ok).toBe(false)
    expect(r.ok === false && r.message).toMatch(/single-document/)
  })

  // Issue #14 saw an $or over two dates answer nothing after a transaction had rewritten the
  // documents (decisions.md, "Overdue queries use one number"). Not reproduced; this pins it: a
  // document rewritten inside a transaction — plain dates, server dates — and one written straight
  // into the store both answer an $or of date comparisons, a count and a plain range alike.
  test('documents rewritten by a transaction answer $or queries over their dates', async () => {
    const past = Date.now() - 3_600_000
    const future = Date.now() + 72_000_000
    for (const id of ['or-a', 'or-s']) await value({ op: 'add', coll: 'probe_items', data: { _id: id, c: 'or', status: 'OPEN', d1: { $date: future }, d2: { $date: future } } })
    t.store.put('probe_items', { _id: 'or-p', c: 'or', status: 'OPEN', d1: new Date(past), d2: new Date(future) }, 'replace')
    const now = { $date: Date.now() }
    const overdue = { $cmd: 'and', args: [[{ c: 'or' }, { $cmd: 'or', args: [[{ status: 'OPEN', d1: { $cmd: 'lt', args: [now] } }, { status: 'ACCEPTED', d2: { $cmd: 'lt', args: [now] } }]] }]] }
    const ids = async () => ((await value({ op: 'get', coll: 'probe_items', where: overdue })) as { _id: string }[]).map((d) => d._id).sort()
    expect(await ids()).toEqual(['or-p'])
    await value({ op: 'txnUpdate', coll: 'probe_items', id: 'or-a', data: { status: 'ACCEPTED', d2: { $date: past } } })
    await value({ op: 'txnUpdate', coll: 'probe_items', id: 'or-s', data: { status: 'ACCEPTED', d2: { $serverDate: { offset: -3_600_000 } } } })
    expect(await ids()).toEqual(['or-a', 'or-p', 'or-s'])
    await value({ op: 'txnSet', coll: 'probe_items', id: 'or-p', data: { status: 'ACCEPTED', d2: { $date: past } } })
    expect(await ids()).toEqual(['or-a', 'or-p', 'or-s'])
    expect(await value({ op: 'count', coll: 'probe_items', where: overdue })).toBe(3)
    // The document after the transaction still holds dates, not strings or {$date} wrappers.
    expect(t.store.getById('probe_items', 'or-s')?.doc.d2).toBeInstanceOf(Date)
  })

  test('rollback leaves the document as it was', async () => {
    await value({ op: 'add', coll: 'probe_counters', data: { _id: 'rb', n: 5 } })
    const r = await probe({ op: 'txnRollback', coll: 'probe_counters', id: 'rb' })
    expect(r.ok).toBe(false)
    expect(t.store.getById('probe_counters', 'rb')?.doc.n).toBe(5)
  })
})

describe('open APIs, storage and timers', () => {
  test('msgSecCheck v2 answers pass, review and risky from the local word list', async () => {
    const pass = await value({ op: 'msgSecCheck', content: '周六上午楼下义诊，欢迎参加' })
    expect(pass.result).toEqual({ suggest: 'pass', label: 100 })
    const review = await value({ op: 'msgSecCheck', content: '有事加微信聊' })
    expect(review.result.suggest).toBe('review')
    const risky = await value({ op: 'msgSecCheck', content: '线上赌博稳赚' })
    expect(risky.result).toMatchObject({ suggest: 'risky', label: 20006 })
  })

  test('an open API not declared in config.json permissions fails', async () => {
    const r = await t.raw('no-permission', {}, OPENID)
    expect(r.body).toMatchObject({ ok: false, errCode: -604101 })
  })

  test('subscribeMessage.send is recorded in the outbox; an over-long thing field is refused (47003)', async () => {
    const message = { touser: 'o_demo_resident', templateId: 'TPL_NOTICE', page: 'pages/notices/index', data: { thing1: { value: '停水通知' }, time2: { value: '2026-12-01 09:00' } } }
    // Without a credit from requestSubscribeMessage the platform answers 43101.
    const noCredit = await probe({ op: 'subscribe', message })
    expect(noCredit.ok === false && noCredit.errCode).toBe(43101)
    t.cloud.openapi.grantSubscribeCredit('o_demo_resident', 'TPL_NOTICE', 2)
    expect(await value({ op: 'subscribe', message })).toMatchObject({ errCode: 0 })
    const outbox = (await (await fetch(`${t.cloud.url}/__dev/outbox`)).json()) as { outbox: { touser: string; templateId: string }[] }
    expect(outbox.outbox.at(-1)).toMatchObject({ touser: 'o_demo_resident', templateId: 'TPL_NOTICE' })
    const tooLong = await probe({ op: 'subscribe', message: { ...message, data: { thing1: { value: '这是一条超过二十个字的通知标题会被微信拒绝发送的' } } } })
    expect(tooLong.ok === false && tooLong.errCode).toBe(47003)
  })

  test('uploadFile → getTempFileURL → download → deleteFile against the local folder', async () => {
    const v = await value({ op: 'storage', path: 'probe/hello.txt', text: '你好，邻里' })
    expect(v.fileID).toBe('cloud://linli-local.local-bucket/probe/hello.txt')
    expect(v.body).toBe('你好，邻里')
    expect(v.deleted).toBe(true)
  })

  test('a timer trigger from config.json can be fired on demand', async () => {
    expect(await t.cloud.fireTimer('sdk-probe', 'every-second')).toEqual({ fired: 'every-second' })
    expect(t.store.find('probe_items', { timer: 'every-second' })).toHaveLength(1)
  })
})
