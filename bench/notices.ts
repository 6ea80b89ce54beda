/**
 * Notices (issue #10), figures only: publish to 500 and to 5,000 households, a resident's inbox
 * page, reach, and the unread list — database requests per call (counted at the local cloud's
 * database service, i.e. what the SDK sends) and milliseconds. Goal: publish, inbox and reach cost
 * the same number of requests at 5,000 households as at 500; the unread list may grow.
 */
import { performance } from 'node:perf_hooks'
import { startLocalCloud, type LocalCloud } from '../local-cloud/src'
import { DatabaseService } from '../local-cloud/src/tcb-database'

const T = new Date('2026-12-01T00:00:00.000Z')

/** A synthetic community of `households` flats in buildings of 100, one grid per 10 buildings. */
function seedCommunity(cloud: LocalCloud, id: string, households: number): { staff: string; resident: string } {
  const s = cloud.store
  const buildings = Math.ceil(households / 100)
  s.put('communities', { _id: id, name: `压测社区${households}`, city: '长沙', kind: 'NEW_ESTATE', settings: { excludeParkingFromArea: true }, populated: true }, 'replace')
  for (let b = 0; b < buildings; b++) {
    const bid = `${id}_b${b}`
    s.put('buildings', { _id: bid, communityId: id, name: `${b + 1}栋`, order: b }, 'replace')
    for (let n = 0; n < 100 && b * 100 + n < households; n++) {
      s.put('units', { _id: `${bid}_u${n}`, communityId: id, buildingId: bid, number: String(101 + n), floor: 1, area: 9000, areaSource: 'REGISTER', areaDocRef: '', isParking: false, developerHeld: false, delivered: true, ownerPartyId: null }, 'replace')
    }
  }
  for (let g = 0; g * 10 < buildings; g++) {
    const ids = Array.from({ length: Math.min(10, buildings - g * 10) }, (_x, i) => `${id}_b${g * 10 + i}`)
    s.put('grids', { _id: `${id}_g${g}`, communityId: id, name: `第${g + 1}网格`, buildingIds: ids, households: ids.length * 100, workerOpenids: [], workerName: '', workerPhone: '', supervisorHotline: '' }, 'replace')
  }
  const staff = `o_bench_staff_${households}`
  const resident = `o_bench_resident_${households}`
  for (const openid of [staff, resident]) s.put('users', { _id: openid, nickname: null, realName: '压测', phone: null, elderMode: null, currentCommunityId: id, createdAt: T, updatedAt: T }, 'replace')
  s.put('role_grants', { _id: `rg_${staff}`, openid: staff, role: 'RC_STAFF', communityId: id, grantedBy: 'bench', grantedAt: T, revokedAt: null }, 'replace')
  s.put('household_members', { _id: `hm_${resident}`, openid: resident, communityId: id, buildingId: `${id}_b0`, unitId: `${id}_b0_u1`, relation: 'OWNER', status: 'APPROVED', realName: '压测', createdAt: T, updatedAt: T }, 'replace')
  // Some households already read: receipts of the unread list are read too.
  return { staff, resident }
}

export async function benchNotices(): Promise<void> {
  const cloud = await startLocalCloud({ port: 0, memory: true, timers: false, quiet: true, seed: false })
  let requests = 0
  const handle = DatabaseService.prototype.handle
  DatabaseService.prototype.handle = function (this: DatabaseService, ...args: Parameters<typeof handle>) {
    requests++
    return handle.apply(this, args)
  }
  let seq = 0
  const call = async (openid: string, action: string, input: unknown) => {
    const res = await fetch(`${cloud.url}/functions/notice`, {
      method: 'POST',
      headers: { 'X-Dev-Openid': openid },
      body: JSON.stringify({ action, input, meta: { requestId: `bench_notice_${++seq}` } }),
    })
    const body = (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } }
    if (!body.ok) throw new Error(`notice.${action}: ${body.error?.code} ${body.error?.message}`)
    return body.data
  }
  /** Median ms and the database requests of the last run (the same every run: no caching). */
  const measure = async (label: string, runs: number, fn: () => Promise<unknown>) => {
    const times: number[] = []
    let last = 0
    for (let i = 0; i < runs; i++) {
      const before = requests
      const t0 = performance.now()
      await fn()
      times.push(performance.now() - t0)
      last = requests - before
    }
    times.sort((a, b) => a - b)
    console.log(`   ${label.padEnd(34)} ${String(last).padStart(4)} db requests   median ${times[Math.floor(times.length / 2)].toFixed(1)} ms`)
    return last
  }

  try {
    console.log('\n4. notices (issue #10): database requests per call and median time')
    const sizes = [500, 5000]
    const rows: Record<string, number[]> = { publish: [], inbox: [], reach: [], unread: [] }
    for (const size of sizes) {
      const id = `c_bench_${size}`
      const { staff, resident } = seedCommunity(cloud, id, size)
      const input = { communityId: id, title: '压测通知', body: '压测通知正文，检查请求数是否随住户数增长。', category: 'NOTICE', audience: { scope: 'COMMUNITY' }, ackRequired: true }
      // Warm the instance, then measure.
      const warm = await call(staff, 'publish', input)
      console.log(`   — ${size} households (addressed ${warm.notice.addressed})`)
      rows.publish.push(await measure(`publish to ${size}`, 5, () => call(staff, 'publish', input)))
      const noticeId = warm.notice.id
      // A tenth of the households read it (receipts exist, as in a real week).
      for (let i = 0; i < size / 10; i++) {
        const b = Math.floor(i / 100)
        cloud.store.put('notice_receipts', { _id: `rcp_${noticeId}_${id}_b${b}_u${i % 100}`, noticeId, communityId: id, unitId: `${id}_b${b}_u${i % 100}`, buildingId: `${id}_b${b}`, readRev: 1, readAt: T, ackRev: null, ackAt: null, ackBy: null, deliveredRev: null, deliveredAt: null, deliveredBy: null, deliveryMethod: null }, 'replace')
      }
      rows.inbox.push(await measure('inbox page (resident)', 10, () => call(resident, 'list', {})))
      rows.reach.push(await measure('reach', 10, () => call(staff, 'reach', { noticeId })))
      rows.unread.push(await measure('unread households, first page', 3, () => call(staff, 'unreadHouseholds', { noticeId })))
    }
    for (const [k, v] of Object.entries(rows)) {
      const same = v[0] === v[1]
      console.log(`   ${k}: ${v.join(' → ')} requests (500 → 5,000)${k === 'unread' ? ' — may grow (lists the audience)' : same ? ' — constant' : ' — GROWS'}`)
    }
  } finally {
    DatabaseService.prototype.handle = handle
    await cloud.close()
  }
}

if (require.main === module) {
  benchNotices().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
