/**
 * A small, fully known test community for the election tests (issue #12): 9 flats of 100 m² — one
 * co-owned by two people — plus two developer-held flats of 50 m² (one head together, R2.1) and a
 * parking space left out of area (R2.3). Total: 10 heads, 1,000 m² (100,000 in 0.01 m²).
 * Written straight into the store, so the roster the function snapshots is known independently.
 */
import type { TestCloud } from '../helpers/cloud'
import type { Envelope } from '../../../domain/shared/envelope'

export const EC = 'c_eltest'
export const EB = `${EC}_b1`
export const eu = (n: string) => `${EC}_u${n}`
export const TOTAL = { heads: 10, areaCentiM2: 100_000 }

export const P = {
  coA: 'o_el_coowner_a',
  coB: 'o_el_coowner_b',
  owner: (i: number) => `o_el_owner_${i}`, // i = 2..9 owns flat 10i
  tenant: 'o_el_tenant',
  family: 'o_el_family',
  agent: 'o_el_agent',
  committee: 'o_el_committee',
  rc: 'o_el_rc',
  admin: 'o_el_admin',
  property: 'o_el_property',
} as const

export function seedElectionCommunity(t: TestCloud): void {
  const now = new Date()
  const put = (c: string, d: Record<string, unknown> & { _id: string }) => t.store.put(c, d, 'replace')
  put('communities', { _id: EC, name: '选举测试小区', city: '长沙', kind: 'NEW_ESTATE', settings: { excludeParkingFromArea: true }, populated: true })
  put('buildings', { _id: EB, communityId: EC, name: '1栋', order: 1 })
  const unit = (n: string, area: number, party: string | null, extra: Record<string, unknown> = {}) =>
    put('units', { _id: eu(n), communityId: EC, buildingId: EB, number: n, floor: 1, area, areaSource: 'REGISTER', areaDocRef: `t-${n}`, isParking: false, developerHeld: false, delivered: true, ownerPartyId: party, ...extra })
  unit('101', 10_000, `${EC}_p1`)
  for (let i = 2; i <= 9; i++) unit(`10${i}`, 10_000, `${EC}_p${i}`)
  unit('201', 5_000, `${EC}_p_dev`, { developerHeld: true, delivered: false })
  unit('202', 5_000, `${EC}_p_dev`, { developerHeld: true, delivered: false })
  unit('P01', 1_250, `${EC}_p2`, { isParking: true })
  const user = (openid: string, name: string) => put('users', { _id: openid, nickname: name, realName: name, phone: null, elderMode: null, currentCommunityId: EC, createdAt: now, updatedAt: now })
  const member = (openid: string, n: string, relation: string, name: string) => {
    user(openid, name)
    put('household_members', { _id: `hm_${openid}_${eu(n)}`, openid, communityId: EC, buildingId: EB, unitId: eu(n), relation, status: 'APPROVED', realName: name, guardianOpenid: null, reviewedBy: 'test', reviewNote: null, createdAt: now, updatedAt: now })
  }
  member(P.coA, '101', 'CO_OWNER', '共有甲')
  member(P.coB, '101', 'CO_OWNER', '共有乙')
  for (let i = 2; i <= 9; i++) member(P.owner(i), `10${i}`, 'OWNER', `业主${i}`)
  member(P.tenant, '102', 'TENANT', '租户')
  member(P.family, '103', 'FAMILY', '家人')
  member(P.agent, '104', 'TENANT', '代理人')
  const role = (openid: string, r: string, extra: Record<string, unknown> = {}) => {
    user(openid, r)
    put('role_grants', { _id: `rg_${openid}_${r}_${EC}`, openid, role: r, communityId: EC, grantedBy: 'test', grantedAt: now, revokedAt: null, ...extra })
  }
  role(P.committee, 'COMMITTEE_MEMBER')
  role(P.rc, 'RC_STAFF')
  role(P.admin, 'COMMUNITY_ADMIN')
  role(P.property, 'PROPERTY_STAFF', { propertyCompanyStaff: true })
}

export function ok<T>(env: Envelope<T>): T {
  if (!env.ok) throw new Error(`expected ok, got ${env.error.code}: ${env.error.message} ${JSON.stringify(env.error.details ?? null)}`)
  return env.data
}
export function code(env: Envelope<unknown>): string {
  return env.ok ? 'OK' : env.error.code
}

const DAY = 24 * 3600 * 1000

/**
 * Time travel for one election: the server clock is real, so a test moves the stored dates into
 * the past instead (the same effect as waiting out a publicity period).
 */
export function shiftElection(t: TestCloud, electionId: string, patch: (doc: Record<string, unknown>) => Record<string, unknown>): void {
  const cur = t.store.getById('elections', electionId)!.doc
  t.store.put('elections', { ...cur, ...patch(cur) } as never, 'replace')
}
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY)
export const daysAhead = (n: number) => new Date(Date.now() + n * DAY)

/** Create a motion and bring it to VOTING_OPEN through the real transitions, travelling over the 15 days. */
export async function openMotion(t: TestCloud, opts: { matter?: number; title?: string } = {}): Promise<string> {
  const created = ok(
    await t.call<{ election: { id: string } }>('election', 'create', { communityId: EC, kind: 'MOTION', matter: opts.matter ?? 4, title: opts.title ?? '续聘物业服务企业', description: '是否续聘现物业服务企业三年', votingOpensAt: daysAhead(16), votingClosesAt: daysAhead(30) }, P.committee),
  )
  const id = created.election.id
  ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'ROSTER_PUBLICIZED' }, P.committee))
  ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'DOCS_PUBLICIZED' }, P.committee))
  shiftElection(t, id, () => ({ docsPublicizedAt: daysAgo(16), votingOpensAt: daysAgo(1) }))
  ok(await t.call('election', 'transition', { communityId: EC, electionId: id, to: 'VOTING_OPEN' }, P.committee))
  return id
}

/** Close the window by moving its end into the past. */
export function closeWindow(t: TestCloud, electionId: string): void {
  const past = new Date(Date.now() - 1000)
  shiftElection(t, electionId, () => ({ votingClosesAt: past, originalClosesAt: past }))
}

/**
 * Photos of a signed proxy authorisation, uploaded as the client does (docs/media.md): slots from
 * media.prepareUpload, then the bytes to the local cloud's storage as the agent.
 */
export async function uploadAuthorisation(t: TestCloud, openid: string, name = 'proxy.png'): Promise<string[]> {
  const { pngBytes } = await import('../../fixtures/png')
  const { uploadToLocalCloud } = await import('../../../src/features/media/local-cloud-storage')
  const { cloudPaths: paths } = ok(await t.call<{ cloudPaths: string[] }>('media', 'prepareUpload', { feature: 'election', exts: ['png'] }, openid))
  return Promise.all(paths.map((p) => uploadToLocalCloud({ origin: t.cloud.url, openid }, p, new Blob([pngBytes()]), name)))
}
