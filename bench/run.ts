/**
 * npm run bench — figures, not assertions (DEVELOPERS.md: performance goals are measured here).
 * 1. Round trip of an (almost) empty function through the local cloud: HTTP → instance → answer.
 * 2. An indexed equality query over 100,000 documents: the local cloud's store (index pre-filter +
 *    mingo) against the same lookup in raw better-sqlite3 in the same run (goal: within 3×), and the
 *    same query through the real SDK end to end.
 * 3. A transaction incrementing one counter from 8 parallel instances: throughput, and the count
 *    must be exact.
 */
import Database from 'better-sqlite3'
import { performance } from 'node:perf_hooks'
import path from 'node:path'
import { startLocalCloud } from '../local-cloud/src'
import { benchNotices } from './notices'

const FIXTURES = path.resolve(__dirname, '../tests/fixtures/functions')
const BENCH_FUNCTIONS = path.resolve(__dirname, 'functions')

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}
function fmt(ms: number): string {
  return `${ms.toFixed(3)} ms`
}

async function main() {
  const cloud = await startLocalCloud({
    port: 0,
    memory: true,
    timers: false,
    quiet: true,
    seed: true,
    extraFunctionsDirs: [FIXTURES, BENCH_FUNCTIONS],
    extraCollections: [
      { name: 'bench_items', indexes: [{ name: 'by_owner', fields: ['ownerId'] }] },
      { name: 'probe_counters', indexes: [] },
      { name: 'probe_items', indexes: [] },
    ],
  })
  const call = async (event: unknown, fn = 'sdk-probe') => {
    const res = await fetch(`${cloud.url}/functions/${fn}`, { method: 'POST', headers: { 'X-Dev-Openid': 'o_bench' }, body: JSON.stringify(event) })
    return (await res.json()) as { ok: boolean; value: unknown; message?: string }
  }
  console.log('Linli local cloud benchmark', new Date().toISOString(), `node ${process.version}`)

  // 1. Empty round trip.
  for (let i = 0; i < 20; i++) await call({ op: 'context' }) // warm instance
  const rt: number[] = []
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now()
    await call({ op: 'context' })
    rt.push(performance.now() - t0)
  }
  console.log(`\n1. function round trip (POST /functions → instance → getWXContext → answer), 300 calls`)
  console.log(`   median ${fmt(median(rt))}, p95 ${fmt([...rt].sort((a, b) => a - b)[Math.floor(rt.length * 0.95)])}`)

  // 1b. A real action through the router: user.bootstrap for the owner of three units (account,
  // memberships, roles, community and unit names, pending reviews: 7 database calls).
  const boot = async () => {
    const res = await fetch(`${cloud.url}/functions/user`, { method: 'POST', headers: { 'X-Dev-Openid': 'o_demo_owner' }, body: JSON.stringify({ action: 'bootstrap', input: {} }) })
    const body = (await res.json()) as { ok: boolean }
    if (!body.ok) throw new Error(`bootstrap failed: ${JSON.stringify(body)}`)
  }
  for (let i = 0; i < 10; i++) await boot()
  const bt: number[] = []
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now()
    await boot()
    bt.push(performance.now() - t0)
  }
  console.log(`   user.bootstrap (router, guards, 7 database calls), 100 calls: median ${fmt(median(bt))}`)

  // 2. Indexed equality over 100k documents.
  const N = 100_000
  const docs = Array.from({ length: N }, (_, i) => ({ _id: `b${i}`, ownerId: `owner-${i % 10_000}`, building: `B${i % 20}`, area: 6000 + (i % 9000), status: ['sold', 'unsold', 'rented', 'held'][i % 4], createdAt: new Date(1_700_000_000_000 + i * 1000) }))
  let t0 = performance.now()
  cloud.store.atomically(() => {
    for (const d of docs) cloud.store.insert('bench_items', d)
  })
  const loadMs = performance.now() - t0

  const raw = new Database(':memory:')
  raw.exec('CREATE TABLE t (id TEXT PRIMARY KEY, data TEXT NOT NULL)')
  const ins = raw.prepare('INSERT INTO t (id, data) VALUES (?, ?)')
  raw.transaction(() => {
    for (const d of docs) ins.run(d._id, JSON.stringify(d))
  })()
  raw.exec(`CREATE INDEX ix_owner ON t (json_extract(data, '$.ownerId'))`)
  const rawQuery = raw.prepare(`SELECT data FROM t WHERE json_extract(data, '$.ownerId') = ?`)

  const keys = Array.from({ length: 500 }, (_, i) => `owner-${(i * 7919) % 10_000}`)
  const rawTimes: number[] = []
  const storeTimes: number[] = []
  let check = 0
  for (let round = 0; round < 3; round++) {
    for (const k of keys) {
      t0 = performance.now()
      const rows = (rawQuery.all(k) as { data: string }[]).map((r) => JSON.parse(r.data))
      rawTimes.push(performance.now() - t0)
      t0 = performance.now()
      const found = cloud.store.find('bench_items', { ownerId: k }, { limit: 100 })
      storeTimes.push(performance.now() - t0)
      if (found.length !== rows.length) throw new Error(`result mismatch for ${k}: ${found.length} vs ${rows.length}`)
      check += found.length
    }
  }
  const sdkTimes: number[] = []
  for (const k of keys.slice(0, 200)) {
    t0 = performance.now()
    const r = await call({ op: 'get', coll: 'bench_items', where: { ownerId: k } })
    sdkTimes.push(performance.now() - t0)
    if (!r.ok || (r.value as unknown[]).length !== 10) throw new Error(`sdk query failed for ${k}: ${r.message}`)
  }
  const ratio = median(storeTimes) / median(rawTimes)
  console.log(`\n2. indexed equality query over ${N.toLocaleString()} documents (10 matches each; loaded in ${loadMs.toFixed(0)} ms)`)
  console.log(`   raw better-sqlite3 (expression index + JSON.parse): median ${fmt(median(rawTimes))}`)
  console.log(`   local cloud store (index pre-filter + mingo):      median ${fmt(median(storeTimes))}`)
  console.log(`   ratio store/raw: ${ratio.toFixed(2)}× (goal ≤ 3×) — ${ratio <= 3 ? 'within goal' : 'OVER GOAL'}  [${check} rows compared]`)
  console.log(`   through the real SDK end to end (function → HTTP → store → EJSON): median ${fmt(median(sdkTimes))}`)

  // 3. Transactional counter from 8 parallel instances.
  const perWorker = 25
  t0 = performance.now()
  const results = await Promise.all(
    Array.from({ length: 8 }, async () => {
      let ok = 0
      let failed = 0
      const reasons: string[] = []
      for (let i = 0; i < perWorker; i++) {
        const r = await call({ id: 'bench' }, 'bench-counter')
        if (r.ok) ok++
        else {
          failed++
          reasons.push(String(r.message ?? (r as { errMsg?: string }).errMsg ?? JSON.stringify(r)).slice(0, 120))
        }
      }
      return { ok, failed, reasons }
    }),
  )
  const ms = performance.now() - t0
  const ok = results.reduce((s, r) => s + r.ok, 0)
  const failed = results.reduce((s, r) => s + r.failed, 0)
  const final = cloud.store.getById('probe_counters', 'bench')?.doc.n
  console.log(`\n3. transaction counter, 8 parallel instances × ${perWorker} increments`)
  console.log(`   ${ok} committed, ${failed} failed, ${cloud.transactions.stats.conflicts} conflicts retried, ${(ok / (ms / 1000)).toFixed(1)} commits/s over ${ms.toFixed(0)} ms`)
  const reasons = [...new Set(results.flatMap((r) => r.reasons))]
  if (reasons.length) console.log(`   failures: ${reasons.slice(0, 3).join(' | ')}`)
  console.log(`   final counter ${final} — ${final === ok ? 'exact' : 'LOST UPDATES'}`)
  console.log(`   instances started: ${cloud.functions.stats.instancesStarted}`)

  raw.close()
  await cloud.close()
  await benchNotices()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
