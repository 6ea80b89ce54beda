/**
 * Issue #14 bench: the scorecard over 10,000 repairs and 2,000 ratings, and one page of the staff
 * queue — database requests per call and milliseconds. Goal: the scorecard reads precomputed
 * cells (one request for the periods, one for the caller's rating), not the repairs; compared
 * with what a scan of every repair costs (100 per request, R5.11).
 * Run alone: `npx tsx bench/property.ts`; bench/run.ts calls it at the end.
 */
import { performance } from 'node:perf_hooks'
import { startLocalCloud } from '../local-cloud/src'
import { DatabaseService } from '../local-cloud/src/tcb-database'
import { fetchRetryingReset } from '../tests/integration/helpers/http'
import { dueDates, periodOf, REPAIR_CATEGORIES, type RepairStatus } from '../domain/repair/model'
import { cellId, emptyCell, type ScorecardCell } from '../domain/scorecard/model'
import { applyItemScores, applyRepairCreated, applyRepairRating, applyRepairStep } from '../domain/scorecard/apply'

const C = 'c_xuetangpo'
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function benchProperty(): Promise<void> {
  let requests = 0
  const original = DatabaseService.prototype.handle
  DatabaseService.prototype.handle = function (this: DatabaseService, ...args: Parameters<typeof original>) {
    requests++
    return original.apply(this, args)
  }
  const cloud = await startLocalCloud({ port: 0, memory: true, timers: false, quiet: true, seed: true })
  try {
    const now = Date.now()
    const cells = new Map<string, ScorecardCell>()
    const cell = (p: string) => cells.get(cellId(C, p)) ?? cells.set(cellId(C, p), emptyCell(C, p, new Date())).get(cellId(C, p))!
    const statuses: RepairStatus[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'DONE', 'CONFIRMED']
    for (let i = 0; i < 10_000; i++) {
      const created = new Date(now - (i % 180) * 86_400_000 - i * 1000)
      const category = REPAIR_CATEGORIES[i % REPAIR_CATEGORIES.length]
      const due = dueDates(category, created)
      const status = statuses[i % statuses.length]
      const period = periodOf(created)
      applyRepairCreated(cell(period))
      const r = { createdAt: created, ...due, firstDoneAt: null, reopenCount: 0 }
      if (status !== 'SUBMITTED') applyRepairStep(cell(period), r, 'accept', new Date(created.getTime() + 3_600_000))
      if (status === 'DONE' || status === 'CONFIRMED') applyRepairStep(cell(period), r, 'complete', new Date(created.getTime() + 20 * 3_600_000))
      cloud.store.put('repair_requests', {
        _id: `rp_bench_${i}`, communityId: C, openid: `o_bench_${i % 500}`, buildingId: `${C}_b01`, unitId: `${C}_b01_u101`, location: 'UNIT', place: '1栋101', category,
        description: '基准测试报修', moderation: 'PASS', photos: [], preferredTime: '', callbackRequested: false, status, period, history: [], assignee: null,
        createdAt: created, updatedAt: created, ...due, responseDueMs: due.responseDueAt.getTime(), completionDueMs: due.completionDueAt.getTime(), nextDueMs: due.completionDueAt.getTime(),
        firstDoneAt: null, closedAt: null, escalatedAt: null, escalation: null, reopenCount: 0, rating: null,
      }, 'replace')
    }
    for (let i = 0; i < 2_000; i++) {
      const period = periodOf(new Date(now - (i % 180) * 86_400_000))
      if (i % 2) applyRepairRating(cell(period), 1 + (i % 5))
      else applyItemScores(cell(period), { CLEANING: 1 + (i % 5), PATROL: 1 + ((i + 2) % 5) })
      cloud.store.put(i % 2 ? 'repair_ratings' : 'scorecard_ratings', { _id: `bench_rating_${i}`, communityId: C, period, openid: `o_bench_${i}`, score: 3, at: new Date() }, 'replace')
    }
    for (const c of cells.values()) cloud.store.put('scorecard_cells', c as never, 'replace')

    const call = async (fn: string, action: string, input: unknown, openid: string) => {
      const res = await fetchRetryingReset(`${cloud.url}/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Dev-Openid': openid }, body: JSON.stringify({ action, input }) })
      const body = (await res.json()) as { ok: boolean }
      if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body)}`)
    }
    const measure = async (label: string, run: () => Promise<void>) => {
      await run() // warm instance
      const ms: number[] = []
      let reqs = 0
      for (let i = 0; i < 15; i++) {
        const before = requests
        const t0 = performance.now()
        await run()
        ms.push(performance.now() - t0)
        reqs = requests - before
      }
      console.log(`   ${label.padEnd(52)} ${String(reqs).padStart(4)} db requests   median ${median(ms).toFixed(1).padStart(7)} ms`)
    }
    console.log(`\n7. property services (issue #14): ${cloud.store.count('repair_requests', {})} repairs, ${cloud.store.count('repair_ratings', {}) + cloud.store.count('scorecard_ratings', {})} ratings`)
    // Each call also loads the caller (user, memberships, roles: 3 requests, context.ts).
    await measure('scorecard.get (6 months, precomputed cells)', () => call('scorecard', 'get', { communityId: C, months: 6 }, 'o_demo_owner'))
    await measure('scorecard.get (24 months)', () => call('scorecard', 'get', { communityId: C, months: 24 }, 'o_demo_owner'))
    await measure('repair.list queue, first page of 20 (open)', () => call('repair', 'list', { view: 'queue', communityId: C }, 'o_demo_property_staff'))
    await measure('repair.list overdue, first page of 20', () => call('repair', 'list', { view: 'overdue', communityId: C }, 'o_demo_property_staff'))
    await measure('repair.counts (new, overdue)', () => call('repair', 'counts', { communityId: C }, 'o_demo_property_staff'))
    // What the scorecard would cost without cells: every repair of the community, 100 per request.
    const t0 = performance.now()
    const total = cloud.store.count('repair_requests', { communityId: C })
    for (let skip = 0; skip < total; skip += 100) cloud.store.find('repair_requests', { communityId: C }, { offset: skip, limit: 100 } as never)
    console.log(`   ${'for comparison: scanning every repair, store only'.padEnd(52)} ${String(Math.ceil(total / 100)).padStart(4)} db requests   ${(performance.now() - t0).toFixed(1).padStart(7)} ms (in-process, no network)`)
  } finally {
    DatabaseService.prototype.handle = original
    await cloud.close()
  }
}

if (require.main === module) {
  benchProperty().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
