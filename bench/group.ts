/**
 * Issue #13 figures: a feed page of a 2,000-member group at 100 and at 10,000 posts (database
 * requests and ms — the goal is the same number of requests at both sizes), posting with
 * moderation (msgSecCheck + rate limit + journaled insert), and a 接龙 raced by 100 members.
 * Requests are counted at the local cloud's database service, in-process.
 */
import { performance } from 'node:perf_hooks'
import { startLocalCloud } from '../local-cloud/src'
import { DatabaseService } from '../local-cloud/src/tcb-database'
import { fetchRetryingReset } from '../tests/integration/helpers/http'
import { POLICY_VERSION } from '../domain/privacy/purposes'
import { timeOrderedId } from '../domain/group/rules'

const C = 'c_xuetangpo'
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function benchGroup(): Promise<void> {
  const cloud = await startLocalCloud({ port: 0, memory: true, timers: false, quiet: true, seed: true })
  let requests = 0
  const original = DatabaseService.prototype.handle
  DatabaseService.prototype.handle = function (this: DatabaseService, ...args: Parameters<typeof original>) {
    requests++
    return original.apply(this, args)
  }
  const call = async (action: string, input: unknown, openid: string, requestId?: string) => {
    const res = await fetchRetryingReset(`${cloud.url}/functions/group`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Dev-Openid': openid }, body: JSON.stringify({ action, input, meta: requestId ? { requestId } : undefined }) })
    return (await res.json()) as { ok: boolean; data?: any; error?: any }
  }
  const consent = (openid: string) =>
    fetchRetryingReset(`${cloud.url}/functions/consent`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Dev-Openid': openid }, body: JSON.stringify({ action: 'grant', input: { purposes: ['community_groups'], policyVersion: POLICY_VERSION, channel: 'bench' } }) })

  const now = new Date()
  const group = (id: string) => ({ _id: id, communityId: C, kind: 'INTEREST', name: id, description: '', status: 'ACTIVE', buildingId: null, officialRole: null, adminOpenids: [], proposedBy: null, reviewNote: null, createdAt: now, updatedAt: now })
  const members = Array.from({ length: 2000 }, (_, i) => `o_gb_${i}`)
  const fill = (groupId: string, posts: number) => {
    cloud.store.put('groups', group(groupId), 'replace')
    for (const m of members) cloud.store.put('group_members', { _id: `gm_${groupId}_${m}`, groupId, communityId: C, openid: m, state: 'JOINED', mutedUntil: null, muteReason: null, removedReason: null, updatedAt: now }, 'replace')
    for (let i = 0; i < posts; i++) {
      const at = new Date(now.getTime() - (posts - i) * 60_000)
      const author = members[i % members.length]
      cloud.store.put('posts', { _id: timeOrderedId('p_', at, `b${i}`), groupId, communityId: C, authorOpenid: author, kind: 'TEXT', text: `第 ${i} 条`, images: [], status: 'PUBLISHED', note: null, pendingCheck: false, moderation: [], pinned: false, commentCount: 0, reactions: {}, reports: 0, createdAt: at, agendaItemId: null }, 'insert')
    }
  }
  for (const m of members.slice(0, 120)) {
    cloud.store.put('users', { _id: m, nickname: `邻居${m.slice(5)}`, realName: null, phone: null, elderMode: null, currentCommunityId: C, createdAt: now, updatedAt: now }, 'replace')
    cloud.store.put('household_members', { _id: `hm_${m}_bench`, openid: m, communityId: C, buildingId: `${C}_b06`, unitId: `${C}_b06_u601`, relation: 'TENANT', status: 'APPROVED', realName: m, createdAt: now, updatedAt: now }, 'replace')
  }
  fill('grp_bench_100', 100)
  fill('grp_bench_10k', 10_000)
  const reader = members[0]

  console.log('\n7. group feed (2,000-member group), one page of 20; goal: the same database requests at 100 and 10,000 posts')
  for (const g of ['grp_bench_100', 'grp_bench_10k']) {
    for (let i = 0; i < 3; i++) await call('post.list', { groupId: g }, reader) // warm
    const ms: number[] = []
    const reqs: number[] = []
    let cursor: string | undefined
    for (let i = 0; i < 5; i++) {
      const before = requests
      const t0 = performance.now()
      const r = await call('post.list', { groupId: g, ...(cursor ? { cursor } : {}) }, reader)
      ms.push(performance.now() - t0)
      reqs.push(requests - before)
      cursor = r.data.nextCursor ?? undefined
    }
    console.log(`   ${g.padEnd(14)} requests per page ${[...new Set(reqs)].join('/')} (first page and next four by cursor), median ${median(ms).toFixed(1)} ms`)
  }

  console.log('\n8. posting with moderation (msgSecCheck v2, per-person rate limit, journaled insert)')
  await consent(reader)
  const postMs: number[] = []
  const postReqs: number[] = []
  for (let i = 0; i < 9; i++) {
    const before = requests
    const t0 = performance.now()
    const r = await call('post.create', { groupId: 'grp_bench_10k', text: `基准测试帖 ${i}` }, reader, `bench_post_${i}_x`)
    postMs.push(performance.now() - t0)
    postReqs.push(requests - before)
    if (!r.ok) throw new Error(`post.create failed: ${JSON.stringify(r.error)}`)
  }
  console.log(`   post.create median ${median(postMs).toFixed(1)} ms, ${median(postReqs)} database requests (incl. the router's caller load, consent and idempotency)`)

  console.log('\n9. 接龙 raced by 100 members (cap 60)')
  const racers = members.slice(0, 100)
  for (const m of racers) await consent(m)
  const chain = await call('chain.create', { groupId: 'grp_bench_10k', text: '基准接龙', cap: 60, deadline: new Date(Date.now() + 3600_000).toISOString() }, members[1], 'bench_chain_x1')
  const t0 = performance.now()
  const results = await Promise.all(racers.map((m, i) => call('chain.join', { postId: chain.data.post.id, values: {} }, m, `bench_join_${i}_x`)))
  const ms = performance.now() - t0
  const doc = cloud.store.find('posts', { _id: chain.data.post.id })[0] as unknown as { chainCount: number; chainEntries: unknown[] }
  console.log(`   ${results.filter((r) => r.ok).length} joined, ${results.filter((r) => !r.ok && r.error?.details?.reason === 'CHAIN_FULL').length} told it is full, stored ${doc.chainCount} / entries ${doc.chainEntries.length} (cap 60), ${ms.toFixed(0)} ms for all 100`)

  DatabaseService.prototype.handle = original
  await cloud.close()
}

if (require.main === module) benchGroup().catch((e) => {
  console.error(e)
  process.exit(1)
})
