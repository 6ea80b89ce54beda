/**
 * The authorization matrix for issue #4: every action × every persona, through the local cloud
 * with the real SDK. Expectations for capability actions are derived from
 * domain/access/capabilities.ts (with roles read from the seeded store), and the important cells —
 * grid scope (R7.2), owners reviewing their own tenants, who may reveal a phone — are written out
 * explicitly and checked against the derivation.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, MATRIX_PERSONAS, expectOk, hm, rg, u, type Persona } from './support/linli'
import { capabilityScope, rolesWith, type Capability, type HeldRole, type Role } from '../../domain/access/capabilities'
import { POLICY_VERSION } from '../../domain/privacy/purposes'
import type { Envelope } from '../../domain/shared/envelope'
import { CONTRACTS } from '../../domain/contracts'

type Outcome = 'ALLOW' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND'

interface Case {
  fn: string
  action: string
  input: (p: Persona) => Record<string, unknown>
  /** Runs before each persona's call (fresh targets so one allowed call does not consume the next). */
  setup?: (p: Persona) => void
  expect: (p: Persona) => Outcome
}

let t: TestCloud
const heldRoles = new Map<string, HeldRole[]>()

/** RESIDENT/OWNER from approved memberships, the rest from grants — as the router derives them. */
function rolesFromStore(openid: string): HeldRole[] {
  const held: HeldRole[] = []
  for (const m of t.store.find('household_members', { openid, status: 'APPROVED' })) {
    held.push({ role: 'RESIDENT', communityId: m.communityId as string })
    if (m.relation === 'OWNER' || m.relation === 'CO_OWNER') held.push({ role: 'OWNER', communityId: m.communityId as string })
  }
  for (const g of t.store.find('role_grants', { openid, revokedAt: null })) {
    held.push({ role: g.role as Role, communityId: g.communityId as string, gridIds: g.gridIds as string[] | undefined })
  }
  return held
}

const isMember = (p: Persona) => p !== 'o_demo_newcomer'
const member = (p: Persona): Outcome => (isMember(p) ? 'ALLOW' : 'UNAUTHENTICATED')
const anyone = (): Outcome => 'ALLOW'
/** Capability in the community (router check) — grid scope not included. */
const can = (cap: Capability) => (p: Persona): Outcome => (capabilityScope(heldRoles.get(p)!, cap, C) ? 'ALLOW' : 'FORBIDDEN')
/** Capability including the grid of a building (R7.2). */
const canInGrid = (cap: Capability, gridId: string) => (p: Persona): Outcome => {
  const scope = capabilityScope(heldRoles.get(p)!, cap, C)
  return scope === 'all' || (Array.isArray(scope) && scope.includes(gridId)) ? 'ALLOW' : 'FORBIDDEN'
}

const GRID1 = `${C}_g1` // buildings 1–4
const GRID2 = `${C}_g2` // buildings 5–7
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** Explicit expectations for the cells that matter most (also checked against the derivation). */
const EXPLICIT: Record<string, Partial<Record<Persona, Outcome>>> = {
  'household.review@grid1': {
    o_demo_grid_worker: 'ALLOW',
    o_demo_grid_worker_2: 'FORBIDDEN',
    o_demo_rc_staff: 'ALLOW',
    o_demo_admin: 'ALLOW',
    o_demo_property_staff: 'FORBIDDEN',
    o_demo_committee: 'FORBIDDEN',
    o_demo_owner: 'FORBIDDEN',
    o_demo_resident: 'FORBIDDEN',
    o_demo_newcomer: 'UNAUTHENTICATED',
  },
  'household.review@grid2': { o_demo_grid_worker: 'FORBIDDEN', o_demo_grid_worker_2: 'ALLOW' },
  'access.reveal@6栋302': {
    o_demo_grid_worker: 'FORBIDDEN',
    o_demo_grid_worker_2: 'ALLOW',
    // Not from the household records: only through a resident's call-back request (issue #9 §7.6).
    o_demo_property_staff: 'FORBIDDEN',
    o_demo_rc_staff: 'ALLOW',
    o_demo_admin: 'FORBIDDEN',
    o_demo_committee: 'FORBIDDEN',
    o_demo_owner: 'FORBIDDEN',
    o_demo_resident: 'FORBIDDEN',
    o_demo_newcomer: 'FORBIDDEN',
  },
  'roster.import': { o_demo_committee: 'ALLOW', o_demo_rc_staff: 'ALLOW', o_demo_admin: 'ALLOW', o_demo_grid_worker: 'FORBIDDEN', o_demo_owner: 'FORBIDDEN' },
  'role.assign': { o_demo_admin: 'ALLOW', o_demo_rc_staff: 'FORBIDDEN', o_demo_committee: 'FORBIDDEN' },
  'household.listForReview': { o_demo_owner: 'ALLOW', o_demo_resident: 'FORBIDDEN', o_demo_property_staff: 'FORBIDDEN', o_demo_grid_worker: 'ALLOW' },
  // Issue #14: the property company works repairs and publishes figures; it never reads the directory.
  'household.directory': { o_demo_property_staff: 'FORBIDDEN' },
  'repair.list(queue)': { o_demo_property_staff: 'ALLOW', o_demo_rc_staff: 'FORBIDDEN', o_demo_grid_worker: 'FORBIDDEN', o_demo_resident: 'FORBIDDEN', o_demo_admin: 'FORBIDDEN' },
  'repair.list(escalated)': { o_demo_rc_staff: 'ALLOW', o_demo_admin: 'ALLOW', o_demo_property_staff: 'FORBIDDEN' },
  'repair.get': { o_demo_resident: 'ALLOW', o_demo_property_staff: 'ALLOW', o_demo_owner: 'NOT_FOUND', o_demo_grid_worker_2: 'NOT_FOUND' },
  'access.reveal(open repair with call-back)': { o_demo_property_staff: 'ALLOW', o_demo_grid_worker: 'FORBIDDEN', o_demo_grid_worker_2: 'ALLOW', o_demo_resident: 'FORBIDDEN', o_demo_committee: 'FORBIDDEN' },
  'finance.publish': { o_demo_property_staff: 'ALLOW', o_demo_committee: 'FORBIDDEN', o_demo_rc_staff: 'FORBIDDEN' },
  'finance.comment': { o_demo_committee: 'ALLOW', o_demo_property_staff: 'FORBIDDEN' },
}

let seq = 0
function freshApplication(unitId: string, buildingId: string, relation = 'TENANT'): string {
  const openid = `o_matrix_applicant_${++seq}`
  const doc = {
    _id: hm(openid, unitId),
    openid,
    communityId: C,
    buildingId,
    unitId,
    relation,
    status: 'APPLIED',
    realName: '测试申请人',
    guardianOpenid: null,
    reviewedBy: null,
    reviewNote: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  }
  t.store.put('household_members', doc, 'replace')
  return doc._id
}
const pending = new Map<string, string>()

/** A current consent record written straight into the store (the matrix tests guards, not consent). */
function grantInStore(openid: string, purposeId: string): void {
  const now = new Date()
  t.store.put(
    'consents',
    { _id: `${openid}:${purposeId}`, openid, purposeId, state: 'GRANTED', policyVersion: POLICY_VERSION, channel: 'matrix', updatedAt: now, grantedAt: now, refusedAt: null, withdrawnAt: null },
    'replace',
  )
}

const CASES: Record<string, Case> = {
  'community.list': { fn: 'community', action: 'list', input: () => ({}), expect: anyone },
  'community.units': { fn: 'community', action: 'units', input: () => ({ communityId: C, buildingId: `${C}_b06` }), expect: anyone },
  'community.myGridCard': { fn: 'community', action: 'myGridCard', input: () => ({}), expect: member },
  'community.grids': { fn: 'community', action: 'grids', input: () => ({ communityId: C }), expect: member },
  'household.directory': { fn: 'household', action: 'directory', input: () => ({ communityId: C }), expect: can('household.read') },
  'household.directory@6栋': {
    fn: 'household',
    action: 'directory',
    input: () => ({ communityId: C, buildingId: `${C}_b06` }),
    expect: canInGrid('household.read', GRID2),
  },
  'role.invite': { fn: 'role', action: 'invite', input: () => ({ communityId: C, role: 'RC_STAFF' }), expect: can('role.manage') },
  'role.invites': { fn: 'role', action: 'invites', input: () => ({ communityId: C }), expect: can('role.manage') },
  'role.cancelInvite': {
    fn: 'role',
    action: 'cancelInvite',
    input: () => ({ communityId: C, code: 'ABCD2345' }),
    // Past the guard the code does not exist.
    expect: (p) => (can('role.manage')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
  },
  'role.redeemInvite': {
    fn: 'role',
    action: 'redeemInvite',
    input: () => ({ code: 'ABCD2345' }),
    // Any account may redeem; this code does not exist.
    expect: (p) => (isMember(p) ? 'NOT_FOUND' : 'UNAUTHENTICATED'),
  },
  'user.setElderMode': { fn: 'user', action: 'setElderMode', input: () => ({ elderMode: false }), expect: member },
  'consent.status': { fn: 'consent', action: 'status', input: () => ({}), expect: anyone },
  'consent.policy': { fn: 'consent', action: 'policy', input: () => ({}), expect: anyone },
  'consent.grant': { fn: 'consent', action: 'grant', input: () => ({ purposes: ['notifications'], policyVersion: POLICY_VERSION, channel: 'matrix' }), expect: member },
  'consent.refuse': { fn: 'consent', action: 'refuse', input: () => ({ purpose: 'special_care', policyVersion: POLICY_VERSION, channel: 'matrix' }), expect: member },
  'consent.withdraw': { fn: 'consent', action: 'withdraw', input: () => ({ purpose: 'notifications', channel: 'matrix' }), expect: member },
  'user.updateProfile': { fn: 'user', action: 'updateProfile', input: () => ({ nickname: '矩阵' }), expect: member },
  'user.exportMyData': { fn: 'user', action: 'exportMyData', input: () => ({}), expect: member },
  'household.apply': {
    fn: 'household',
    action: 'apply',
    input: () => ({ communityId: C, buildingId: `${C}_b09`, unitId: u(9, '101'), relation: 'TENANT', realName: '矩阵测试', adultConfirmed: true }),
    expect: member,
  },
  // Grid workers pass and get their grids' alerts only (security-verification.test.ts).
  'household.securityAlerts': { fn: 'household', action: 'securityAlerts', input: () => ({ communityId: C }), expect: can('household.review') },
  'household.listMine': { fn: 'household', action: 'listMine', input: () => ({}), expect: member },
  'household.addMinor(other’s home)': {
    fn: 'household',
    action: 'addMinor',
    // With the guardian consent in place, a home that is not the caller's is not found for anyone.
    setup: (p) => grantInStore(p, 'minor_household'),
    input: () => ({ memberId: hm('o_demo_coowner_a', u(2, '301')), displayName: '小宝', birthYear: 2020 }),
    expect: (p) => (isMember(p) ? 'NOT_FOUND' : 'UNAUTHENTICATED'),
  },
  'household.removeMinor(unknown)': {
    fn: 'household',
    action: 'removeMinor',
    input: () => ({ minorId: 'minor_nobody_1' }),
    expect: (p) => (isMember(p) ? 'NOT_FOUND' : 'UNAUTHENTICATED'),
  },
  'user.myRequests': { fn: 'user', action: 'myRequests', input: () => ({}), expect: member },
  'household.listForReview': {
    fn: 'household',
    action: 'listForReview',
    input: () => ({ communityId: C }),
    // Staff with household.review, or an owner (who reviews their own unit's tenants/family).
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : can('household.review')(p) === 'ALLOW' || heldRoles.get(p)!.some((r) => r.role === 'OWNER') ? 'ALLOW' : 'FORBIDDEN'),
  },
  'household.review@grid1': {
    fn: 'household',
    action: 'review',
    setup: (p) => pending.set(p, freshApplication(u(2, '402'), `${C}_b02`)),
    input: (p) => ({ memberId: pending.get(p)!, decision: 'APPROVE' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : canInGrid('household.review', GRID1)(p)),
  },
  'household.review@grid2': {
    fn: 'household',
    action: 'review',
    setup: (p) => pending.set(p, freshApplication(u(6, '302'), `${C}_b06`)),
    input: (p) => ({ memberId: pending.get(p)!, decision: 'REJECT', reason: '信息不符' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : canInGrid('household.review', GRID2)(p)),
  },
  'household.leave(other’s)': {
    fn: 'household',
    action: 'leave',
    input: () => ({ memberId: hm('o_demo_coowner_a', u(2, '301')) }),
    // Nobody can leave on someone else's behalf; the record is not theirs to see either.
    expect: (p) => (isMember(p) ? 'NOT_FOUND' : 'UNAUTHENTICATED'),
  },
  'roster.import': {
    fn: 'roster',
    action: 'import',
    // An invalid file: allowed callers get past the guards and receive ROSTER_INVALID.
    input: () => ({ communityId: C, csvBase64: csv('楼栋,房号\n1栋,101\n'), encoding: 'auto' }),
    expect: can('roster.import'),
  },
  'roster.publish': { fn: 'roster', action: 'publish', input: () => ({ communityId: C }), expect: can('roster.publish') },
  'role.list': { fn: 'role', action: 'list', input: () => ({ communityId: C }), expect: can('role.manage') },
  'role.assign': {
    fn: 'role',
    action: 'assign',
    input: () => ({ communityId: C, memberId: hm('o_demo_elder', u(4, '102')), role: 'PROPERTY_STAFF' }),
    expect: can('role.manage'),
  },
  'role.revoke': {
    fn: 'role',
    action: 'revoke',
    input: () => ({ communityId: C, grantId: rg('o_demo_elder', 'PROPERTY_STAFF') }),
    expect: can('role.manage'),
  },
  'access.myLog': { fn: 'access', action: 'myLog', input: () => ({}), expect: member },
  'access.reveal@6栋302': {
    fn: 'access',
    action: 'reveal',
    input: () => ({ communityId: C, memberId: hm('o_demo_resident', u(6, '302')), field: 'phone', reason: '核实报修联系方式' }),
    // From the household records: the capability in the grid, held through a household role
    // (property staff reveal only for a call-back request, the case below).
    expect: (p) => (heldRoles.get(p)!.every((r) => r.role === 'PROPERTY_STAFF' || !rolesWith('personal.reveal').includes(r.role)) ? 'FORBIDDEN' : canInGrid('personal.reveal', GRID2)(p)),
  },
  'access.reveal(service request)': {
    fn: 'access',
    action: 'reveal',
    // A repair that does not exist justifies nothing: denied for all.
    input: () => ({ communityId: C, serviceRequestId: 'repair:r_demo_1', field: 'phone', reason: '回电处理报修' }),
    expect: () => 'FORBIDDEN',
  },
  'access.reveal(open repair with call-back)': {
    fn: 'access',
    action: 'reveal',
    // Issue #14: 6栋302's open repair asked for a call-back; grid staff keep their grid scope (R7.2).
    input: () => ({ communityId: C, serviceRequestId: 'repair:rp_demo_submitted', field: 'phone', reason: '回电处理报修' }),
    expect: canInGrid('personal.reveal', GRID2),
  },
  // Issue #14: repairs, finance, scorecard. Consent is granted in the store so the cells test roles.
  'repair.create': {
    fn: 'repair',
    action: 'create',
    setup: (p) => grantInStore(p, 'property_service'),
    input: () => ({ communityId: C, unitId: u(6, '302'), location: 'UNIT', category: 'OTHER', description: '矩阵测试报修', callbackRequested: false }),
    // Only for a home of one's own: the resident of 6栋302.
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_resident' ? 'ALLOW' : 'FORBIDDEN'),
  },
  'repair.get': {
    fn: 'repair',
    action: 'get',
    input: () => ({ id: 'rp_demo_submitted' }),
    // The reporter and the community's property staff; RC staff only once escalated; nobody else learns it exists.
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_resident' || can('repair.handle')(p) === 'ALLOW' ? 'ALLOW' : 'NOT_FOUND'),
  },
  'repair.list(mine)': { fn: 'repair', action: 'list', input: () => ({ view: 'mine' }), expect: member },
  'repair.list(queue)': {
    fn: 'repair',
    action: 'list',
    input: () => ({ view: 'queue', communityId: C }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : can('repair.handle')(p)),
  },
  'repair.list(escalated)': {
    fn: 'repair',
    action: 'list',
    input: () => ({ view: 'escalated', communityId: C }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : can('repair.oversee')(p)),
  },
  'repair.counts': { fn: 'repair', action: 'counts', input: () => ({ communityId: C }), expect: can('repair.handle') },
  'repair.transition': {
    fn: 'repair',
    action: 'transition',
    // A legal step only for the reporter, on a repair waiting for confirmation (refreshed per persona).
    setup: () => {
      const d = t.store.getById('repair_requests', 'rp_demo_done')!.doc
      t.store.put('repair_requests', { ...d, status: 'DONE', closedAt: null }, 'replace')
    },
    input: () => ({ id: 'rp_demo_done', action: 'confirm' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_resident' ? 'ALLOW' : can('repair.handle')(p) === 'ALLOW' ? 'FORBIDDEN' : 'NOT_FOUND'),
  },
  'repair.rate': {
    fn: 'repair',
    action: 'rate',
    setup: (p) => grantInStore(p, 'property_service'),
    // Already rated in the seeds: the reporter gets past every guard (CONFLICT); staff may not rate.
    input: () => ({ id: 'rp_demo_confirmed', score: 5 }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_resident' ? 'ALLOW' : can('repair.handle')(p) === 'ALLOW' ? 'FORBIDDEN' : 'NOT_FOUND'),
  },
  'repair.inspect': {
    fn: 'repair',
    action: 'inspect',
    input: () => ({ id: 'rp_demo_confirmed', result: 'PASS' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : can('repair.handle')(p) === 'ALLOW' ? 'ALLOW' : p === 'o_demo_resident' ? 'FORBIDDEN' : 'NOT_FOUND'),
  },
  'finance.publish': {
    fn: 'finance',
    action: 'publish',
    // Corrects a superseded version of a seeded month: allowed callers get past the guards and receive CONFLICT.
    input: () => ({ communityId: C, periodKey: '2026-10', correctsVersion: 1, correctionReason: '矩阵测试更正', report: { income: [], incomeTotalFen: 0, expenditure: [], expenditureTotalFen: 0, commonIncome: [], commonIncomeTotalFen: 0, fund: { openingFen: 0, depositsFen: 0, uses: [], closingFen: 0 } } }),
    expect: can('finance.publish'),
  },
  'finance.list': { fn: 'finance', action: 'list', input: () => ({ communityId: C }), expect: member },
  'finance.get': { fn: 'finance', action: 'get', input: () => ({ communityId: C, periodKey: '2026-10' }), expect: member },
  'finance.ask': {
    fn: 'finance',
    action: 'ask',
    setup: (p) => grantInStore(p, 'property_service'),
    input: () => ({ communityId: C, periodKey: '2026-11', text: '矩阵测试提问' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : heldRoles.get(p)!.some((r) => r.role === 'RESIDENT') ? 'ALLOW' : 'FORBIDDEN'),
  },
  'finance.answer': {
    fn: 'finance',
    action: 'answer',
    // Answered in the seeds: allowed callers reach CONFLICT.
    input: () => ({ communityId: C, questionId: 'fq_demo_1', text: '矩阵测试答复' }),
    expect: can('finance.publish'),
  },
  'finance.comment': { fn: 'finance', action: 'comment', input: () => ({ communityId: C, periodKey: '2026-10', text: '矩阵测试评论' }), expect: can('finance.comment') },
  'scorecard.get': { fn: 'scorecard', action: 'get', input: () => ({ communityId: C }), expect: member },
  'scorecard.rate': {
    fn: 'scorecard',
    action: 'rate',
    setup: (p) => grantInStore(p, 'property_service'),
    input: () => ({ communityId: C, scores: { CLEANING: 4 } }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : heldRoles.get(p)!.some((r) => r.role === 'RESIDENT') ? 'ALLOW' : 'FORBIDDEN'),
  },
  // Last: bootstrapping the newcomer creates their account, which would change the rows above.
  'user.bootstrap': { fn: 'user', action: 'bootstrap', input: () => ({}), expect: anyone },
}

function outcomeOf(env: Envelope<unknown>): Outcome | string {
  if (env.ok) return 'ALLOW'
  const c = env.error.code
  if (c === 'FORBIDDEN' || c === 'UNAUTHENTICATED' || c === 'NOT_FOUND') return c
  // Past every guard but refused for a domain reason (e.g. ROSTER_INVALID, CONFLICT): allowed.
  if (c === 'CONSENT_REQUIRED' || c === 'VALIDATION_FAILED' || c === 'INTERNAL') return `${c}: ${env.error.message}`
  return 'ALLOW'
}

beforeAll(async () => {
  t = await startTestCloud()
  for (const p of MATRIX_PERSONAS) heldRoles.set(p, rolesFromStore(p))
})
afterAll(async () => {
  await t?.close()
})

describe('explicit cells agree with domain/access/capabilities.ts', () => {
  test.each(Object.entries(EXPLICIT))('%s', (name, cells) => {
    const c = CASES[name]
    for (const [p, expected] of Object.entries(cells)) expect([p, c.expect(p as Persona)]).toEqual([p, expected])
  })
})

/** Destructive for the persona and covered elsewhere (export-delete.test.ts). */
const EXEMPT: Record<string, string> = { 'user.deleteAccount': 'erases the persona; tests/integration/export-delete.test.ts' }

test('the matrix covers every action of every contract', () => {
  const covered = new Set(Object.values(CASES).map((c) => `${c.fn}.${c.action}`))
  const missing = Object.entries(CONTRACTS)
    .flatMap(([fn, contract]) => Object.keys(contract.actions).map((a) => `${fn}.${a}`))
    .filter((name) => !covered.has(name) && !EXEMPT[name])
  expect(missing).toEqual([])
})

describe('every action × every persona', () => {
  test.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name]
    const got: Record<string, Outcome | string> = {}
    const want: Record<string, Outcome> = {}
    for (const p of MATRIX_PERSONAS) {
      c.setup?.(p)
      got[p] = outcomeOf(await t.call(c.fn, c.action, c.input(p), p))
      want[p] = EXPLICIT[name]?.[p] ?? c.expect(p)
    }
    expect(got).toEqual(want)
  })
})

describe('identity never comes from input', () => {
  test('exportMyData with {openid: o_demo_owner} as the resident exports the resident', async () => {
    const res = await t.call<{ collections: Record<string, { _id: string; openid?: string }[]> }>('user', 'exportMyData', { openid: 'o_demo_owner' }, 'o_demo_resident')
    const data = expectOk(res)
    expect(data.collections.users.map((d) => d._id)).toEqual(['o_demo_resident'])
    const all = Object.values(data.collections).flat()
    expect(all.some((d) => d.openid === 'o_demo_owner' || d._id === 'o_demo_owner')).toBe(false)
    expect(JSON.stringify(data)).not.toContain('张建国')
  })

  test('household.apply with {openid} applies for the caller, not the named person', async () => {
    await t.call('household', 'apply', { openid: 'o_demo_owner', communityId: C, buildingId: `${C}_b09`, unitId: u(9, '102'), relation: 'TENANT', realName: '刘晓燕', adultConfirmed: true }, 'o_demo_resident')
    const applicants = t.store.find('household_members', { unitId: u(9, '102'), status: 'APPLIED' }).map((d) => d.openid)
    expect(applicants).toEqual(['o_demo_resident'])
  })
})
