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
import { addDays, shanghaiDate } from '../../domain/booking/time'
import { BOOKING_IDS } from '../../seeds/booking'

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
const tomorrow = () => addDays(shanghaiDate(new Date()), 1)
/** booking.manage past the router: property staff only for the property's facilities (issue #11). */
const canManageCommunityRun = (p: Persona): Outcome => (p === 'o_demo_property_staff' ? 'FORBIDDEN' : can('booking.manage')(p))
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
  'booking.list@活动室': {
    o_demo_rc_staff: 'ALLOW',
    o_demo_admin: 'ALLOW',
    o_demo_property_staff: 'FORBIDDEN',
    o_demo_grid_worker: 'FORBIDDEN',
    o_demo_committee: 'FORBIDDEN',
    o_demo_resident: 'FORBIDDEN',
    o_demo_newcomer: 'FORBIDDEN',
  },
  'booking.list@乒乓球台': { o_demo_property_staff: 'ALLOW', o_demo_rc_staff: 'ALLOW', o_demo_owner: 'FORBIDDEN' },
  'notice.publish@grid1': { o_demo_grid_worker: 'ALLOW', o_demo_grid_worker_2: 'FORBIDDEN', o_demo_rc_staff: 'ALLOW', o_demo_admin: 'ALLOW', o_demo_property_staff: 'FORBIDDEN', o_demo_owner: 'FORBIDDEN', o_demo_newcomer: 'FORBIDDEN' },
  'visit.log@grid1': { o_demo_grid_worker: 'ALLOW', o_demo_grid_worker_2: 'FORBIDDEN', o_demo_rc_staff: 'ALLOW', o_demo_admin: 'FORBIDDEN', o_demo_property_staff: 'FORBIDDEN', o_demo_owner: 'FORBIDDEN' },
  'incident.transition(accept, grid 1)': { o_demo_grid_worker: 'ALLOW', o_demo_grid_worker_2: 'FORBIDDEN', o_demo_rc_staff: 'ALLOW', o_demo_admin: 'ALLOW', o_demo_owner: 'FORBIDDEN', o_demo_property_staff: 'FORBIDDEN' },
  'notice.reach(grid 2)': { o_demo_grid_worker: 'FORBIDDEN', o_demo_grid_worker_2: 'ALLOW', o_demo_rc_staff: 'ALLOW', o_demo_property_staff: 'FORBIDDEN', o_demo_resident: 'FORBIDDEN' },
  'notice.unreadHouseholds(grid 2)': { o_demo_grid_worker: 'FORBIDDEN', o_demo_grid_worker_2: 'ALLOW', o_demo_rc_staff: 'ALLOW', o_demo_admin: 'FORBIDDEN' },
  'group.post.create@6栋': { o_demo_resident: 'ALLOW', o_demo_rc_staff: 'FORBIDDEN', o_demo_admin: 'FORBIDDEN', o_demo_owner: 'NOT_FOUND', o_demo_grid_worker_2: 'NOT_FOUND', o_demo_newcomer: 'UNAUTHENTICATED' },
  'group.post.queue': { o_demo_rc_staff: 'ALLOW', o_demo_admin: 'ALLOW', o_demo_grid_worker: 'FORBIDDEN', o_demo_committee: 'FORBIDDEN', o_demo_resident: 'FORBIDDEN' },
  // Issue #12: verified owners vote, tenants and staff without a flat never (R2.8); paper entry is not for property staff.
  'election.castBallot': { o_demo_owner: 'ALLOW', o_demo_committee: 'ALLOW', o_demo_resident: 'FORBIDDEN', o_demo_property_staff: 'FORBIDDEN', o_demo_grid_worker: 'FORBIDDEN', o_demo_admin: 'FORBIDDEN', o_demo_newcomer: 'UNAUTHENTICATED' },
  'election.enterPaperBallot': { o_demo_rc_staff: 'ALLOW', o_demo_committee: 'ALLOW', o_demo_admin: 'ALLOW', o_demo_property_staff: 'FORBIDDEN', o_demo_owner: 'FORBIDDEN', o_demo_grid_worker: 'FORBIDDEN' },
  'election.turnout': { o_demo_owner: 'ALLOW', o_demo_resident: 'FORBIDDEN', o_demo_rc_staff: 'ALLOW' },
  'election.registerProxy': { o_demo_property_staff: 'FORBIDDEN', o_demo_resident: 'ALLOW' },
  // Issue #14: the property company works repairs and publishes figures; it never reads the directory.
  'household.directory': { o_demo_property_staff: 'FORBIDDEN' },
  'repair.list(queue)': { o_demo_property_staff: 'ALLOW', o_demo_rc_staff: 'FORBIDDEN', o_demo_grid_worker: 'FORBIDDEN', o_demo_resident: 'FORBIDDEN', o_demo_admin: 'FORBIDDEN' },
  'repair.list(escalated)': { o_demo_rc_staff: 'ALLOW', o_demo_admin: 'ALLOW', o_demo_property_staff: 'FORBIDDEN' },
  'repair.get': { o_demo_resident: 'ALLOW', o_demo_property_staff: 'ALLOW', o_demo_owner: 'NOT_FOUND', o_demo_grid_worker_2: 'NOT_FOUND' },
  'access.reveal(open repair with call-back)': { o_demo_property_staff: 'ALLOW', o_demo_grid_worker: 'FORBIDDEN', o_demo_grid_worker_2: 'ALLOW', o_demo_resident: 'FORBIDDEN', o_demo_committee: 'FORBIDDEN' },
  'finance.publish': { o_demo_property_staff: 'ALLOW', o_demo_committee: 'FORBIDDEN', o_demo_rc_staff: 'FORBIDDEN' },
  'finance.comment': { o_demo_committee: 'ALLOW', o_demo_property_staff: 'FORBIDDEN' },
  // Held questions are about the property company: the residents' committee moderates them, never property staff.
  'finance.held': { o_demo_rc_staff: 'ALLOW', o_demo_admin: 'ALLOW', o_demo_property_staff: 'FORBIDDEN', o_demo_committee: 'FORBIDDEN', o_demo_resident: 'FORBIDDEN' },
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

/** Issue #10 notices: seeded notices, and fresh ones written straight into the store per persona. */
const hasHome = (p: Persona) => heldRoles.get(p)!.some((r) => r.role === 'RESIDENT' && r.communityId === C)
const homeIn = (p: Persona, buildings: number[]) =>
  t.store.find('household_members', { openid: p, status: 'APPROVED', buildingId: { $in: buildings.map((n) => `${C}_b${String(n).padStart(2, '0')}`) } }).length > 0
const onlyRoles = (p: Persona, roles: Role[]) => heldRoles.get(p)!.some((r) => roles.includes(r.role))
/** Author o_demo_grid_worker (grid 1), RC staff and admins manage; a member without it is refused. */
const manages = (p: Persona): Outcome => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_grid_worker' || onlyRoles(p, ['RC_STAFF', 'COMMUNITY_ADMIN']) ? 'ALLOW' : 'FORBIDDEN')
function matrixNotice(p: Persona, status: string): string {
  const seed = t.store.find('notices', { _id: 'ntc_seed_ack' })[0]
  const id = `ntc_matrix_${status}_${p}_${++seq}`
  const now = new Date()
  t.store.put('notices', { ...seed, _id: id, status, holdReason: status === 'HELD' ? 'REVIEW' : null, publishAt: now, publishedAt: now, createdAt: now, updatedAt: now }, 'replace')
  return id
}
function matrixQuestion(p: Persona): string {
  const id = `nq_matrix_${p}_${++seq}`
  t.store.put('notice_questions', { _id: id, noticeId: 'ntc_seed_ack', communityId: C, unitId: u(1, '101'), askerOpenid: 'o_demo_owner', text: '请问几点开始？', askedAt: new Date(), answer: null, answeredBy: null, answeredAt: null }, 'replace')
  return id
}
const fresh = new Map<string, string>()
const noticeInput = (gridId: string) => ({ communityId: C, title: '矩阵测试通知', body: '矩阵测试通知正文', category: 'NOTICE', audience: { scope: 'GRIDS', gridIds: [gridId] } })
const B6_GROUP = `grp_${C}_b06`
/** Reads 6栋's group: a resident there, or a moderator (R5.8 moderation needs to see). */
const readsB6 = (p: Persona): Outcome => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_resident' || can('group.moderate')(p) === 'ALLOW' ? 'ALLOW' : 'NOT_FOUND')
/** Posts there: only its (joined) residents; moderators read but are not members. */
const postsB6 = (p: Persona): Outcome => (readsB6(p) !== 'ALLOW' ? readsB6(p) : p === 'o_demo_resident' ? 'ALLOW' : 'FORBIDDEN')
const seededDoc = (kind: string) => t.store.find('posts', { groupId: B6_GROUP, kind, status: 'PUBLISHED' }).sort((a, b) => (a._id < b._id ? -1 : 1))[0]
const seededPost = (kind: string) => seededDoc(kind)._id

const CASES: Record<string, Case> = {
  'incident.report': {
    fn: 'incident',
    action: 'report',
    input: () => ({ communityId: C, category: 'OTHER', locationText: '社区广场', description: '矩阵测试上报内容' }),
    // Residents of the community and staff who handle incidents; others are refused.
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : hasHome(p) || can('incident.handle')(p) === 'ALLOW' ? 'ALLOW' : 'FORBIDDEN'),
  },
  'incident.transition(accept, grid 1)': {
    fn: 'incident',
    action: 'transition',
    setup: (p) => {
      const seed = t.store.find('incidents', { _id: 'inc_seed_hazard' })[0]
      fresh.set(p, `inc_matrix_${p}_${++seq}`)
      t.store.put('incidents', { ...seed, _id: fresh.get(p)!, slaDueAt: new Date(Date.now() + 86_400_000) }, 'replace')
    },
    input: (p) => ({ incidentId: fresh.get(p)!, to: 'ACCEPTED' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : canInGrid('incident.handle', GRID1)(p)),
  },
  'incident.list(mine)': { fn: 'incident', action: 'list', input: () => ({ communityId: C }), expect: member },
  'incident.get(grid 2 case)': {
    fn: 'incident',
    action: 'get',
    input: () => ({ incidentId: 'inc_seed_garbage' }),
    // The reporter (o_demo_resident) and staff handling grid 2.
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_resident' || canInGrid('incident.handle', GRID2)(p) === 'ALLOW' ? 'ALLOW' : 'NOT_FOUND'),
  },
  'visit.log@grid1': {
    fn: 'visit',
    action: 'log',
    input: () => ({ communityId: C, unitId: u(2, '102'), chips: ['身体状况良好'] }),
    expect: canInGrid('visit.log', GRID1),
  },
  'visit.list@grid2': { fn: 'visit', action: 'list', input: () => ({ communityId: C, unitId: u(6, '302') }), expect: canInGrid('visit.read', GRID2) },
  'visit.schedule@grid1': { fn: 'visit', action: 'schedule', input: () => ({ communityId: C, unitId: u(4, '102') }), expect: canInGrid('visit.log', GRID1) },
  'visit.overdue': { fn: 'visit', action: 'overdue', input: () => ({ communityId: C }), expect: can('visit.read') },
  'subscribe.templates': { fn: 'subscribe', action: 'templates', input: () => ({}), expect: member },
  // Upload slots under the caller's own uploader key (docs/media.md): any member, nothing written.
  'media.prepareUpload': { fn: 'media', action: 'prepareUpload', input: () => ({ feature: 'matrix', exts: ['png'] }), expect: member },
  'subscribe.record': {
    fn: 'subscribe',
    action: 'record',
    setup: (p) => grantInStore(p, 'notifications'),
    input: () => ({ results: [{ templateId: 'TPL_NOTICE_LOCAL', result: 'accept' }] }),
    expect: member,
  },
  'notice.publish@grid1': {
    fn: 'notice',
    action: 'publish',
    input: () => noticeInput(GRID1),
    // Property staff hold notice.publish but only for 物业 (this one is 通知).
    expect: (p) => (p === 'o_demo_property_staff' ? 'FORBIDDEN' : canInGrid('notice.publish', GRID1)(p)),
  },
  'notice.publish@grid2': { fn: 'notice', action: 'publish', input: () => noticeInput(GRID2), expect: (p) => (p === 'o_demo_property_staff' ? 'FORBIDDEN' : canInGrid('notice.publish', GRID2)(p)) },
  'notice.update': { fn: 'notice', action: 'update', input: () => ({ noticeId: 'ntc_seed_ack', title: '冬季消防安全检查', minor: true }), expect: manages },
  'notice.withdraw': {
    fn: 'notice',
    action: 'withdraw',
    setup: (p) => fresh.set(p, matrixNotice(p, 'PUBLISHED')),
    input: (p) => ({ noticeId: fresh.get(p)!, reason: '矩阵测试' }),
    expect: manages,
  },
  'notice.moderate': {
    fn: 'notice',
    action: 'moderate',
    setup: (p) => fresh.set(p, matrixNotice(p, 'HELD')),
    input: (p) => ({ noticeId: fresh.get(p)!, decision: 'APPROVE' }),
    // Never the author (o_demo_grid_worker wrote it); RC staff and admins.
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : onlyRoles(p, ['RC_STAFF', 'COMMUNITY_ADMIN']) ? 'ALLOW' : 'FORBIDDEN'),
  },
  'notice.authored': { fn: 'notice', action: 'authored', input: () => ({ communityId: C }), expect: can('notice.reach') },
  'notice.list': { fn: 'notice', action: 'list', input: () => ({}), expect: member },
  'notice.summary': { fn: 'notice', action: 'summary', input: () => ({}), expect: member },
  'notice.get(紧急, community-wide)': {
    fn: 'notice',
    action: 'get',
    input: () => ({ noticeId: 'ntc_seed_urgent' }),
    // Residents by household; staff who manage or hold reach over its grids; property staff did not write it.
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : hasHome(p) || onlyRoles(p, ['GRID_WORKER', 'RC_STAFF', 'COMMUNITY_ADMIN']) ? 'ALLOW' : 'NOT_FOUND'),
  },
  'notice.markRead(紧急)': { fn: 'notice', action: 'markRead', input: () => ({ noticeId: 'ntc_seed_urgent' }), expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : hasHome(p) ? 'ALLOW' : 'NOT_FOUND') },
  'notice.acknowledge(grid 1)': {
    fn: 'notice',
    action: 'acknowledge',
    input: () => ({ noticeId: 'ntc_seed_ack' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : homeIn(p, [1, 2, 3, 4]) ? 'ALLOW' : 'NOT_FOUND'),
  },
  'notice.ask(紧急)': { fn: 'notice', action: 'ask', input: () => ({ noticeId: 'ntc_seed_urgent', text: '什么时候恢复供水？' }), expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : hasHome(p) ? 'ALLOW' : 'NOT_FOUND') },
  'notice.answer': {
    fn: 'notice',
    action: 'answer',
    setup: (p) => fresh.set(p, matrixQuestion(p)),
    input: (p) => ({ questionId: fresh.get(p)!, text: '下午两点开始。' }),
    expect: manages,
  },
  'notice.reach(grid 2)': {
    fn: 'notice',
    action: 'reach',
    input: () => ({ noticeId: 'ntc_seed_grid2' }),
    // The author (grid worker 2), RC staff and admins; grid 1's worker is outside it (R7.2).
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_grid_worker_2' || onlyRoles(p, ['RC_STAFF', 'COMMUNITY_ADMIN']) ? 'ALLOW' : 'FORBIDDEN'),
  },
  'notice.unreadHouseholds(grid 2)': {
    fn: 'notice',
    action: 'unreadHouseholds',
    input: () => ({ noticeId: 'ntc_seed_grid2' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : canInGrid('notice.deliver', GRID2)(p)),
  },
  'notice.markDelivered(grid 2)': {
    fn: 'notice',
    action: 'markDelivered',
    input: () => ({ noticeId: 'ntc_seed_grid2', unitId: u(6, '301'), method: 'PAPER' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : canInGrid('notice.deliver', GRID2)(p)),
  },
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
  'booking.resources': { fn: 'booking', action: 'resources', input: () => ({ communityId: C }), expect: member },
  'booking.availability': { fn: 'booking', action: 'availability', input: () => ({ resourceId: BOOKING_IDS.activityRoom, date: tomorrow() }), expect: member },
  'booking.create': {
    fn: 'booking',
    action: 'create',
    // The library is open to everyone in the community (residents and staff), 20 seats.
    input: () => ({ resourceId: BOOKING_IDS.library, date: tomorrow(), start: '13:00' }),
    expect: member,
  },
  'booking.cancel(unknown)': { fn: 'booking', action: 'cancel', input: () => ({ bookingId: 'bk_nobody' }), expect: (p) => (isMember(p) ? 'NOT_FOUND' : 'UNAUTHENTICATED') },
  'booking.mine': { fn: 'booking', action: 'mine', input: () => ({}), expect: member },
  'booking.waitlist': { fn: 'booking', action: 'waitlist', input: () => ({ resourceId: BOOKING_IDS.activityRoom, date: tomorrow(), start: '09:00' }), expect: member },
  'booking.checkIn(unknown code)': {
    fn: 'booking',
    action: 'checkIn',
    input: () => ({ communityId: C, code: '000001' }),
    expect: (p) => (can('booking.manage')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
  },
  'booking.approve(unknown)': {
    fn: 'booking',
    action: 'approve',
    input: () => ({ communityId: C, bookingId: 'bk_nobody', decision: 'APPROVE' }),
    expect: (p) => (can('booking.manage')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
  },
  'booking.manage(property facility)': {
    fn: 'booking',
    action: 'manage',
    input: () => ({
      communityId: C,
      resource: {
        name: '矩阵球场', kind: 'FACILITY', category: 'FITNESS', location: '北门', description: '', operator: 'PROPERTY', eligibility: 'COMMUNITY', sensitive: false, active: false,
        weeklyHours: { '1': [{ open: '08:00', close: '10:00' }] }, closures: [], exceptions: [], slotMinutes: 60, capacity: 1, exclusive: true, minNoticeMinutes: 0, horizonDays: 7,
        quotaPerDay: 1, quotaPerWeek: null, cancelBeforeMinutes: 0, requiresApproval: false, checkIn: { required: false, opensBeforeMinutes: 0, closesAfterMinutes: 0 }, waitlistMax: 0,
      },
    }),
    expect: can('booking.manage'),
  },
  'booking.list@活动室': { fn: 'booking', action: 'list', input: () => ({ communityId: C, resourceId: BOOKING_IDS.activityRoom, date: tomorrow() }), expect: canManageCommunityRun },
  'booking.list@乒乓球台': { fn: 'booking', action: 'list', input: () => ({ communityId: C, resourceId: BOOKING_IDS.fitness, date: tomorrow() }), expect: can('booking.manage') },
  'booking.appeal(not paused)': { fn: 'booking', action: 'appeal', input: () => ({ communityId: C, reason: '矩阵测试申诉' }), expect: (p) => (isMember(p) ? 'NOT_FOUND' : 'UNAUTHENTICATED') },
  'booking.appeals': { fn: 'booking', action: 'appeals', input: () => ({ communityId: C }), expect: can('booking.manage') },
  'booking.decideAppeal(unknown)': {
    fn: 'booking',
    action: 'decideAppeal',
    input: () => ({ communityId: C, standingId: 'st_nobody', decision: 'LIFT' }),
    expect: (p) => (can('booking.manage')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
  },
  // Whom one may book for (R6.7): anyone in the community asks (their family comes back); a
  // building's residents only for a grid worker of that building's grid (R7.2).
  'booking.proxyTargets': { fn: 'booking', action: 'proxyTargets', input: () => ({ communityId: C }), expect: member },
  'booking.proxyTargets@4栋': {
    fn: 'booking',
    action: 'proxyTargets',
    input: () => ({ communityId: C, buildingId: `${C}_b04` }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : canInGrid('booking.proxy', GRID1)(p)),
  },
  'booking.workload': { fn: 'booking', action: 'workload', input: () => ({ communityId: C }), expect: can('booking.manage') },
  // Issue #13: groups. 6栋's group is read by its residents (o_demo_resident) and moderators
  // (group.moderate: RC staff, admin); everyone else gets NOT_FOUND, not a hint that it exists.
  'group.list': { fn: 'group', action: 'list', input: () => ({ communityId: C }), expect: member },
  'group.get@居委会': { fn: 'group', action: 'get', input: () => ({ groupId: `grp_${C}_rc` }), expect: member },
  'group.get@6栋': { fn: 'group', action: 'get', input: () => ({ groupId: B6_GROUP }), expect: readsB6 },
  'group.join': { fn: 'group', action: 'join', setup: (p) => grantInStore(p, 'community_groups'), input: () => ({ groupId: `grp_${C}_i_volunteer` }), expect: member },
  'group.leave': { fn: 'group', action: 'leave', input: () => ({ groupId: `grp_${C}_i_volunteer` }), expect: member },
  'group.propose': {
    fn: 'group',
    action: 'propose',
    setup: (p) => grantInStore(p, 'community_groups'),
    input: () => ({ communityId: C, name: '象棋', description: '楼下下象棋' }),
    // Residents and owners of the community propose; staff without a home there do not.
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : heldRoles.get(p)!.some((r) => r.role === 'RESIDENT') ? 'ALLOW' : 'FORBIDDEN'),
  },
  'group.review': {
    fn: 'group',
    action: 'review',
    setup: (p) => t.store.put('groups', { _id: `grp_matrix_${p}`, communityId: C, kind: 'INTEREST', name: '矩阵', description: '', status: 'PROPOSED', buildingId: null, officialRole: null, adminOpenids: [], proposedBy: 'o_demo_owner', reviewNote: null, createdAt: new Date(), updatedAt: new Date() }, 'replace'),
    input: (p) => ({ communityId: C, groupId: `grp_matrix_${p}`, decision: 'APPROVE' }),
    expect: can('group.review'),
  },
  'group.proposals': { fn: 'group', action: 'proposals', input: () => ({ communityId: C }), expect: can('group.review') },
  'group.members@居委会': {
    fn: 'group',
    action: 'members',
    input: () => ({ groupId: `grp_${C}_rc` }),
    // An official group's members are its role holders; moderators see them too.
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : p === 'o_demo_rc_staff' || p === 'o_demo_admin' ? 'ALLOW' : 'FORBIDDEN'),
  },
  'group.post.create@6栋': { fn: 'group', action: 'post.create', setup: (p) => grantInStore(p, 'community_groups'), input: () => ({ groupId: B6_GROUP, text: '矩阵测试帖' }), expect: postsB6 },
  'group.post.list@6栋': { fn: 'group', action: 'post.list', input: () => ({ groupId: B6_GROUP }), expect: readsB6 },
  'group.post.get@6栋': { fn: 'group', action: 'post.get', input: () => ({ postId: seededPost('TEXT') }), expect: readsB6 },
  'group.post.comment@6栋': { fn: 'group', action: 'post.comment', setup: (p) => grantInStore(p, 'community_groups'), input: () => ({ postId: seededPost('TEXT'), text: '矩阵评论' }), expect: postsB6 },
  'group.post.react@6栋': { fn: 'group', action: 'post.react', setup: (p) => grantInStore(p, 'community_groups'), input: () => ({ postId: seededPost('TEXT'), reaction: 'like', on: true }), expect: postsB6 },
  'group.post.report@6栋': { fn: 'group', action: 'post.report', input: () => ({ targetType: 'post', targetId: seededPost('TEXT'), reason: '矩阵举报' }), expect: readsB6 },
  'group.post.moderate': {
    fn: 'group',
    action: 'post.moderate',
    setup: (p) => t.store.put('posts', { ...seededDoc('TEXT'), _id: `p_matrix_${p}`, pinned: false }, 'replace'),
    input: (p) => ({ targetType: 'post', targetId: `p_matrix_${p}`, action: 'HIDE', reason: '矩阵' }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : can('group.moderate')(p)),
  },
  'group.post.pin@6栋': {
    fn: 'group',
    action: 'post.pin',
    input: () => ({ postId: seededPost('TEXT'), pinned: false }),
    expect: (p) => (readsB6(p) !== 'ALLOW' ? readsB6(p) : can('group.moderate')(p)),
  },
  'group.post.queue': { fn: 'group', action: 'post.queue', input: () => ({ communityId: C }), expect: can('group.moderate') },
  'group.chain.create@6栋': { fn: 'group', action: 'chain.create', setup: (p) => grantInStore(p, 'community_groups'), input: () => ({ groupId: B6_GROUP, text: '矩阵接龙', cap: 5, deadline: '2030-01-01T00:00:00.000Z' }), expect: postsB6 },
  'group.chain.join@6栋': { fn: 'group', action: 'chain.join', setup: (p) => grantInStore(p, 'community_groups'), input: () => ({ postId: seededPost('CHAIN'), values: { people: '1' } }), expect: postsB6 },
  'group.chain.leave@6栋': { fn: 'group', action: 'chain.leave', input: () => ({ postId: seededPost('CHAIN') }), expect: readsB6 },
  'group.poll.create@6栋': { fn: 'group', action: 'poll.create', setup: (p) => grantInStore(p, 'community_groups'), input: () => ({ groupId: B6_GROUP, text: '矩阵投票', options: ['甲', '乙'], deadline: '2030-01-01T00:00:00.000Z' }), expect: postsB6 },
  'group.poll.vote@6栋': { fn: 'group', action: 'poll.vote', setup: (p) => grantInStore(p, 'community_groups'), input: () => ({ postId: seededPost('POLL'), choices: ['o1'] }), expect: postsB6 },
  'group.agenda.raise@6栋': {
    fn: 'group',
    action: 'agenda.raise',
    setup: (p) => {
      grantInStore(p, 'community_groups')
      t.store.put('posts', { ...seededDoc('TEXT'), _id: `p_matrix_raise_${p}`, pinned: false }, 'replace')
    },
    input: (p) => ({ postId: `p_matrix_raise_${p}`, summary: '矩阵议题' }),
    expect: readsB6,
  },
  'group.agenda.list': { fn: 'group', action: 'agenda.list', input: () => ({ communityId: C }), expect: member },
  'group.agenda.transition': {
    fn: 'group',
    action: 'agenda.transition',
    setup: (p) => t.store.put('agenda_items', { ...t.store.find('agenda_items', { _id: 'ag_seed_SUBMITTED' })[0], _id: `ag_matrix_${p}`, status: 'SUBMITTED' }, 'replace'),
    input: (p) => ({ communityId: C, itemId: `ag_matrix_${p}`, to: 'SCHEDULED', meetingAt: '2030-01-01T00:00:00.000Z' }),
    expect: can('agenda.manage'),
  },
  ...electionCases(),
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
  'finance.held': { fn: 'finance', action: 'held', input: () => ({ communityId: C }), expect: can('finance.moderate') },
  'finance.moderate': {
    fn: 'finance',
    action: 'moderate',
    // A question that does not exist: allowed callers get past the guards and receive NOT_FOUND.
    input: () => ({ communityId: C, kind: 'QUESTION', id: 'fq_matrix_missing', decision: 'PUBLISH' }),
    expect: (p) => (can('finance.moderate')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
  },
  'scorecard.get': { fn: 'scorecard', action: 'get', input: () => ({ communityId: C }), expect: member },
  'scorecard.rate': {
    fn: 'scorecard',
    action: 'rate',
    setup: (p) => grantInStore(p, 'property_service'),
    input: () => ({ communityId: C, scores: { CLEANING: 4 } }),
    expect: (p) => (!isMember(p) ? 'UNAUTHENTICATED' : heldRoles.get(p)!.some((r) => r.role === 'RESIDENT') ? 'ALLOW' : 'FORBIDDEN'),
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
    (['update', 'publish', 'close', 'results', 'export', 'heldTexts'] as const).map((action) => [
      `survey.${action}`,
      {
        fn: 'survey',
        action,
        input: () => ({ surveyId: 'sv_matrix_missing', communityId: C, ...(action === 'update' ? { title: '矩阵', questions: [{ id: 'q1', kind: 'rating', title: '打分' }], opensAt: '2026-01-01T00:00:00+08:00', closesAt: '2099-01-01T00:00:00+08:00' } : {}) }),
        expect: (p: Persona): Outcome => (can('survey.manage')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
      },
    ]),
  ),
  'survey.reviewText': {
    fn: 'survey',
    action: 'reviewText',
    input: () => ({ surveyId: 'sv_matrix_missing', communityId: C, key: 'rv_matrix_missing', decision: 'RELEASE' }),
    expect: (p: Persona): Outcome => (can('survey.manage')(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN'),
  },
  'survey.audienceCount': { fn: 'survey', action: 'audienceCount', input: () => ({ communityId: C, audience: { kind: 'owners', ids: [] } }), expect: can('survey.manage') },
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

/** Issue #12 (seeded votes of 学堂坡, seeds/election.ts): every election action. */
function electionCases(): Record<string, Case> {
  const RENEWAL = 'el_xtp_renewal' // voting open
  const COMMITTEE = 'el_xtp_committee' // candidates publicised, voting not yet open
  const FUNDS = 'el_xtp_elevator_funds' // result final, ballot file published
  const STAFF: Role[] = ['GRID_WORKER', 'PROPERTY_STAFF', 'RC_STAFF', 'COMMITTEE_MEMBER', 'COMMUNITY_ADMIN']
  const roles = (p: Persona) => heldRoles.get(p)!.filter((r) => r.communityId === C).map((r) => r.role)
  const ownerOrStaff = (p: Persona): Outcome => (!isMember(p) ? 'UNAUTHENTICATED' : roles(p).some((r) => r === 'OWNER' || STAFF.includes(r)) ? 'ALLOW' : 'FORBIDDEN')
  const owner = (p: Persona): Outcome => (!isMember(p) ? 'UNAUTHENTICATED' : roles(p).includes('OWNER') ? 'ALLOW' : 'FORBIDDEN')
  const notFoundPast = (cap: Capability) => (p: Persona): Outcome => (can(cap)(p) === 'ALLOW' ? 'NOT_FOUND' : 'FORBIDDEN')
  const inDays = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000).toISOString()
  const e = (action: string, input: (p: Persona) => Record<string, unknown>, expect: (p: Persona) => Outcome, setup?: (p: Persona) => void): Case => ({ fn: 'election', action, input, expect, setup })
  return {
    'election.create': e('create', () => ({ communityId: C, kind: 'MOTION', matter: 7, title: '改建自行车棚', description: '矩阵测试', votingOpensAt: inDays(16), votingClosesAt: inDays(30) }), can('election.manage')),
    'election.list': e('list', () => ({ communityId: C }), member),
    'election.get': e('get', () => ({ electionId: RENEWAL }), member),
    // Past the guard the publicity is not over: CONFLICT, which counts as allowed.
    'election.transition': e('transition', () => ({ communityId: C, electionId: COMMITTEE, to: 'VOTING_OPEN' }), can('election.manage')),
    'election.roster': e('roster', () => ({ electionId: RENEWAL }), ownerOrStaff),
    'election.object': e('object', () => ({ electionId: RENEWAL, text: '名册面积有误' }), ownerOrStaff),
    'election.answerObjection': e('answerObjection', () => ({ communityId: C, objectionId: 'eo_nobody', answer: '已核实' }), notFoundPast('election.manage')),
    'election.nominate': e(
      'nominate',
      () => ({ electionId: COMMITTEE, unitId: u(5, '101'), nominatedBy: 'SELF', statement: '愿意为小区业主做事，公开透明。', pledge: true }),
      member,
      (p) => (isMember(p) ? grantInStore(p, 'candidate_disclosure') : undefined),
    ),
    'election.candidates': e('candidates', () => ({ electionId: COMMITTEE }), member),
    'election.reviewCandidate': e('reviewCandidate', () => ({ communityId: C, candidateId: 'cand_nobody', approve: true }), notFoundPast('election.manage')),
    'election.paperEntries': e('paperEntries', () => ({ communityId: C, electionId: RENEWAL }), can('election.paper')),
    'election.castBallot': e('castBallot', () => ({ electionId: RENEWAL, choice: 'YES' }), owner),
    'election.myBallot': e('myBallot', () => ({ electionId: RENEWAL }), member),
    'election.verifyReceipt': e('verifyReceipt', () => ({ electionId: FUNDS, receipt: 'AAAA-BBBB-CCCC-DDDD' }), member),
    'election.turnout': e('turnout', () => ({ electionId: RENEWAL }), ownerOrStaff),
    'election.enterPaperBallot': e('enterPaperBallot', () => ({ communityId: C, electionId: COMMITTEE, unitId: u(5, '101'), approve: [], sheetRef: 'M-1' }), can('election.paper')),
    'election.registerProxy': e(
      'registerProxy',
      // The finished vote: past the guards every member is refused for the domain reason (表决已结束), property staff before it.
      () => ({ electionId: FUNDS, unitId: u(5, '102'), authorisationFileIds: ['cloud://matrix-env.x/media/election/k/auth-0.png'], ownerName: '矩阵业主' }),
      (p) => (!isMember(p) ? 'UNAUTHENTICATED' : roles(p).includes('PROPERTY_STAFF') ? 'FORBIDDEN' : 'ALLOW'),
    ),
    'election.approveProxy': e('approveProxy', () => ({ communityId: C, proxyId: 'px_nobody', approve: true }), notFoundPast('election.manage')),
    'election.proxies': e('proxies', () => ({ communityId: C, electionId: RENEWAL }), can('election.manage')),
    'election.tally': e('tally', () => ({ communityId: C, electionId: RENEWAL }), can('election.manage')),
    'election.results': e('results', () => ({ electionId: FUNDS }), ownerOrStaff),
    'election.ballotFile': e('ballotFile', () => ({ electionId: FUNDS }), ownerOrStaff),
    'election.auditVerify': e('auditVerify', () => ({ electionId: FUNDS }), ownerOrStaff),
  }
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
