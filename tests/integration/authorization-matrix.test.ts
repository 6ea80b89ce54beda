/**
 * The authorization matrix for issue #4: every action × every persona, through the local cloud
 * with the real SDK. Expectations for capability actions are derived from
 * domain/access/capabilities.ts (with roles read from the seeded store), and the important cells —
 * grid scope (R7.2), owners reviewing their own tenants, who may reveal a phone — are written out
 * explicitly and checked against the derivation.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, MATRIX_PERSONAS, expectOk, hm, u, type Persona } from './support/linli'
import { capabilityScope, type Capability, type HeldRole, type Role } from '../../domain/access/capabilities'
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
    o_demo_property_staff: 'ALLOW',
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
    input: () => ({ communityId: C, targetOpenid: 'o_demo_elder', role: 'PROPERTY_STAFF' }),
    expect: can('role.manage'),
  },
  'role.revoke': {
    fn: 'role',
    action: 'revoke',
    input: () => ({ communityId: C, grantId: `rg_o_demo_elder_PROPERTY_STAFF_${C}` }),
    expect: can('role.manage'),
  },
  'access.myLog': { fn: 'access', action: 'myLog', input: () => ({}), expect: member },
  'access.reveal@6栋302': {
    fn: 'access',
    action: 'reveal',
    input: () => ({ communityId: C, memberId: hm('o_demo_resident', u(6, '302')), field: 'phone', reason: '核实报修联系方式' }),
    expect: canInGrid('personal.reveal', GRID2),
  },
  // Surveys (issue #15): past the guard an unknown survey is NOT_FOUND.
  'survey.create': {
    fn: 'survey',
    action: 'create',
    input: () => ({ communityId: C, title: '矩阵问卷', questions: [{ id: 'q1', kind: 'rating', title: '打分' }], opensAt: '2026-01-01T00:00:00+08:00', closesAt: '2099-01-01T00:00:00+08:00' }),
    expect: can('survey.manage'),
  },
  'survey.createFromTemplate': {
    fn: 'survey',
    action: 'createFromTemplate',
    input: () => ({ communityId: C, template: 'baseline-2019', opensAt: '2026-01-01T00:00:00+08:00', closesAt: '2099-01-01T00:00:00+08:00' }),
    expect: can('survey.manage'),
  },
  ...Object.fromEntries(
    (['update', 'publish', 'close', 'results', 'export'] as const).map((action) => [
      `survey.${action}`,
      {
        fn: 'survey',
        action,
        input: () => ({ surveyId: 'sv_matrix_missing', communityId: C, ...(action === 'update' ? { title: '矩阵', questions: [{ id: 'q1', kind: 'rating', title: '打分' }], opensAt: '2026-01-01T00:00:00+08:00', closesAt: '2099-01-01T00:00:00+08:00' } : {}) }),
        expect: (p: Persona): Outcome => (can('survey.manage')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
      },
    ]),
  ),
  'survey.list': { fn: 'survey', action: 'list', input: () => ({ communityId: C }), expect: member },
  'survey.get': { fn: 'survey', action: 'get', input: () => ({ surveyId: 'sv_matrix_missing' }), expect: (p) => (isMember(p) ? 'NOT_FOUND' : 'UNAUTHENTICATED') },
  'survey.respond': {
    fn: 'survey',
    action: 'respond',
    setup: (p) => grantInStore(p, 'survey'),
    input: () => ({ surveyId: 'sv_matrix_missing', answers: {} }),
    expect: (p) => (isMember(p) ? 'NOT_FOUND' : 'UNAUTHENTICATED'),
  },
  'dashboard.get': { fn: 'dashboard', action: 'get', input: () => ({ communityId: C }), expect: can('dashboard.view') },
  'dashboard.refresh': { fn: 'dashboard', action: 'refresh', input: () => ({ communityId: C }), expect: can('dashboard.view') },
  'action.create': {
    fn: 'action',
    action: 'create',
    input: () => ({ communityId: C, title: '矩阵事项', source: { kind: 'survey', label: '问卷' }, ownerName: '孙丽', dueDate: '2027-01-31' }),
    expect: can('action.manage'),
  },
  'action.update': {
    fn: 'action',
    action: 'update',
    input: () => ({ communityId: C, actionId: 'ai_matrix_missing', note: '进展' }),
    expect: (p) => (can('action.manage')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
  },
  'action.list': { fn: 'action', action: 'list', input: () => ({ communityId: C }), expect: member },
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
