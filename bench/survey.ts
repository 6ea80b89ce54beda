/**
 * Issue #15 figures: survey.results over 5,000 responses through the function, the nightly
 * dashboard aggregation over 5,000 households and 50,000 consent events (resumable runs, then the next night), and dashboard.get for
 * one community and for all eight — database requests (counted at the local cloud's database
 * endpoint) and milliseconds.
 */
import { performance } from 'node:perf_hooks'
import type { LocalCloud } from '../local-cloud/src'
import { DatabaseService } from '../local-cloud/src/tcb-database'
import { baselineTemplate, TEMPLATE_KEY } from '../domain/survey/baseline'

type Post = (fn: string, openid: string, event: unknown) => Promise<{ status: number; body: any }>

/** Counts requests the SDK sends to the database endpoint while fn runs. */
async function counted<T>(_cloud: LocalCloud, fn: () => Promise<T>): Promise<{ value: T; requests: number; ms: number }> {
  // Every SDK database request the functions send ends in DatabaseService.handle (server.ts).
  const db = DatabaseService.prototype as unknown as { handle: (...a: unknown[]) => unknown }
  const original = db.handle
  let requests = 0
  db.handle = function (this: unknown, ...a: unknown[]) {
    requests++
    return original.apply(this, a)
  }
  const t0 = performance.now()
  try {
    const value = await fn()
    return { value, requests, ms: performance.now() - t0 }
  } finally {
    db.handle = original
  }
}

export async function benchSurvey(cloud: LocalCloud, post: Post): Promise<void> {
  const C = 'c_xuetangpo'
  const def = baselineTemplate('2026-01-01T00:00:00+08:00', '2099-01-01T00:00:00+08:00')
  const now = new Date()
  const surveyId = 'sv_bench_5000'
  cloud.store.insert('surveys', { _id: surveyId, communityId: C, ...def, opensAt: new Date(def.opensAt), closesAt: new Date(def.closesAt), status: 'PUBLISHED', templateKey: TEMPLATE_KEY, createdBy: 'o_bench', createdAt: now, updatedAt: now, publishedAt: now, closedAt: null })
  cloud.store.atomically(() => {
    for (let i = 0; i < 5000; i++) {
      const answers: Record<string, unknown> = {}
      for (const q of def.questions) {
        const o = q.options ?? []
        if (q.kind === 'single') answers[q.id] = o[i % o.length].id
        else if (q.kind === 'multiple') answers[q.id] = [o[i % o.length].id, o[(i + 3) % o.length].id].filter((x, j, a) => a.indexOf(x) === j)
        else if (q.kind === 'matrix') answers[q.id] = Object.fromEntries((q.rows ?? []).map((r, j) => [r.id, o[(i + j) % o.length].id]))
      }
      cloud.store.insert('survey_responses', { _id: `sa_bench_${String(i).padStart(5, '0')}`, surveyId, communityId: C, answers, moderation: {}, day: '2026-12-01' })
    }
  })
  const results = await counted(cloud, () => post('survey', 'o_demo_rc_staff', { action: 'results', input: { surveyId, communityId: C } }))
  console.log(`\n7. survey.results over 5,000 responses (15 questions incl. a 10 × 4 matrix) through the function`)
  console.log(`   ${results.value.body.ok ? 'ok' : 'FAILED'}: ${results.requests} database requests, ${results.ms.toFixed(0)} ms (respondents ${results.value.body.data?.respondents})`)

  // 5,000 households and 50,000 consent events in one community for the nightly job.
  const B = 'c_bench_5000'
  cloud.store.atomically(() => {
    cloud.store.insert('communities', { _id: B, name: '基准社区', city: '长沙', kind: 'NEW_ESTATE', settings: { excludeParkingFromArea: false }, populated: true })
    for (let i = 0; i < 5000; i++) {
      const unitId = `${B}_u${i}`
      const openid = `o_bench_h${i}`
      cloud.store.insert('units', { _id: unitId, communityId: B, buildingId: `${B}_b${i % 50}`, number: String(i), floor: 1, area: 9000, areaSource: 'REGISTER', areaDocRef: 'x', isParking: false, developerHeld: false, delivered: true, ownerPartyId: null })
      if (i % 10 < 7) cloud.store.insert('household_members', { _id: `hm_${openid}_${unitId}`, openid, communityId: B, buildingId: `${B}_b${i % 50}`, unitId, relation: 'OWNER', status: 'APPROVED', realName: null, createdAt: now, updatedAt: now })
    }
    const purposes = ['household', 'contact_phone', 'notifications', 'survey', 'special_care']
    for (let e = 0; e < 50_000; e++) {
      const openid = `o_bench_h${e % 5000}`
      cloud.store.insert('consent_events', { _id: `ce_bench_${e}`, openid, purposeId: purposes[e % 5], event: e % 7 === 0 ? 'WITHDRAWN' : e % 5 === 0 ? 'REFUSED' : 'GRANTED', previousState: null, policyVersion: 'bench', channel: 'bench', at: now, requestId: `b${e}` })
    }
  })
  // The job is resumable (R5.14): each firing works for at most its budget and saves progress;
  // the timer fires every ten minutes at night. Here the firings follow one another at once.
  type Run = { result?: { ok?: boolean; data?: { complete: boolean } } }
  const nightly = await counted(cloud, async () => {
    const runs: number[] = []
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now()
      const r = (await cloud.functions.invoke('dashboard', { Type: 'Timer', TriggerName: 'dashboard-nightly' }, { openid: '', source: 'wx_trigger' })) as Run
      runs.push(performance.now() - t0)
      if (!r.result?.ok) return { ok: false, runs }
      if (r.result.data?.complete) return { ok: true, runs }
    }
    return { ok: false, runs }
  })
  const communities = cloud.store.count('communities', {})
  console.log(`\n8. nightly dashboard aggregation: ${communities} communities, 5,000 + 240 households, 50,000 consent events (first night: every event is new)`)
  console.log(`   ${nightly.value.ok ? 'ok' : 'FAILED'}: ${nightly.value.runs.length} timer run(s), longest ${Math.max(...nightly.value.runs).toFixed(0)} ms (limit 60,000), ${nightly.requests} database requests, ${nightly.ms.toFixed(0)} ms in all`)
  // The next night: 500 new events; only they are read.
  cloud.store.atomically(() => {
    const later = new Date(Date.now() + 1000)
    for (let e = 0; e < 500; e++) cloud.store.insert('consent_events', { _id: `ce_bench_next_${e}`, openid: `o_bench_h${e}`, purposeId: 'survey', event: 'REFUSED', previousState: 'GRANTED', policyVersion: 'bench', channel: 'bench', at: later, requestId: `n${e}` })
    cloud.store.removeWhere('dashboard_progress', { _id: { $regex: '^dp_pass_' } }, true)
  })
  const next = await counted(cloud, () => cloud.functions.invoke('dashboard', { Type: 'Timer', TriggerName: 'dashboard-nightly' }, { openid: '', source: 'wx_trigger' }) as Promise<Run>)
  console.log(`   next night (500 new events): ${next.value.result?.data?.complete ? 'complete in one run' : 'NOT complete'}, ${next.requests} database requests, ${next.ms.toFixed(0)} ms`)

  const one = await counted(cloud, () => post('dashboard', 'o_demo_rc_staff', { action: 'get', input: { communityId: C } }))
  console.log(`   dashboard.get for one community: ${one.requests} database requests, ${one.ms.toFixed(0)} ms (${one.value.body.data?.figures?.length} figures)`)
  const ids = cloud.store.find('communities', {}).map((c) => c._id as string).filter((id) => id !== B)
  // There is no cross-community role yet: time the eight calls an admin of each would make.
  cloud.store.atomically(() => {
    for (const id of ids) cloud.store.put('role_grants', { _id: `rg_o_bench_admin_COMMUNITY_ADMIN_${id}`, openid: 'o_bench_admin', role: 'COMMUNITY_ADMIN', communityId: id, grantedBy: 'bench', grantedAt: now, revokedAt: null }, 'replace')
  })
  await post('user', 'o_bench_admin', { action: 'bootstrap', input: {} })
  const all = await counted(cloud, () => Promise.all(ids.map((id) => post('dashboard', 'o_bench_admin', { action: 'get', input: { communityId: id } }))))
  console.log(`   dashboard.get for all ${ids.length} communities (${ids.length} calls in parallel): ${all.requests} database requests, ${all.ms.toFixed(0)} ms, ${all.value.filter((r) => r.body.ok).length} ok`)
}
