/**
 * Deterministic demo data that tells a story: 学堂坡社区 with ten buildings, 240 flats and 30
 * parking spaces, owners (one owning three units, a co-owned flat, developer-held unsold and
 * undelivered units), tenants and family members, three grids with their grid workers, property
 * staff, residents'-committee staff, an owners'-committee member and an admin. Loaded on first
 * start and by POST /__dev/reset. Same input, same documents: no clock, no Math.random.
 */
import { createHash } from 'node:crypto'
import type {
  BuildingDoc,
  GridDoc,
  HouseholdMemberDoc,
  OwnerPartyDoc,
  RoleGrantDoc,
  UnitDoc,
  UserDoc,
  AreaSource,
  Relation,
} from '../domain/community/model'
import { consentId, type ConsentDoc } from '../domain/privacy/consent-model'
import { POLICY_VERSION } from '../domain/privacy/purposes'
import { DEMO_OPERATOR, DEPLOYMENT_SETTINGS, OPERATOR_DOC_ID } from '../domain/privacy/operator'
import { COMMUNITIES, DEMO_COMMUNITY_ID } from './communities'
import { PERSONAS } from './personas'
import { buildProperty } from './property'
import { grantIdFor, memberIdFor } from '../cloudfunctions/_core/id-hash'
import { buildBookingResources } from './booking'
import { buildNoticeSeed } from './notices'
import { buildVisitSeed } from './visits'
import { buildIncidentSeed } from './incidents'
import { buildGroupDemo } from './group'
import { buildElectionSeeds } from './election'
import { buildSurveySeed } from './survey'

export { PERSONAS, COMMUNITIES, DEMO_COMMUNITY_ID }

const T0 = new Date('2026-01-05T02:00:00.000Z')
const C = DEMO_COMMUNITY_ID

/** mulberry32: a small seeded PRNG so areas and names are stable across runs. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Seeds hash fake ID numbers with a fixed demo salt (production uses LINLI_ID_SALT, R4.2). */
export function demoIdHash(idNumber: string): string {
  return createHash('sha256').update(`linli-demo-salt:${idNumber}`).digest('hex')
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = ['伟', '芳', '娜', '敏', '静', '秀英', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞']

export const buildingId = (n: number) => `${C}_b${String(n).padStart(2, '0')}`
export const unitId = (b: number, number: string) => `${buildingId(b)}_u${number}`
export const gridId = (n: number) => `${C}_g${n}`

/** Special units of the story; everything else is generated. */
export const STORY_UNITS = {
  owner: [
    { b: 1, n: '101', area: 8900 },
    { b: 3, n: '502', area: 12000 },
    { b: 7, n: '201', area: 14300 },
  ],
  coOwned: { b: 2, n: '301' },
  tenant: { b: 6, n: '302' },
  elder: { b: 4, n: '102' },
  committee: { b: 8, n: '601' },
  applicant: { b: 2, n: '402' },
}

export type SeedWriter = (collection: string, doc: Record<string, unknown> & { _id: string }) => void

export function buildDemo(): { collection: string; docs: (Record<string, unknown> & { _id: string })[] }[] {
  const rnd = prng(20261128)
  const buildings: BuildingDoc[] = []
  const units: UnitDoc[] = []
  const parties: OwnerPartyDoc[] = []
  const members: HouseholdMemberDoc[] = []
  const users: UserDoc[] = []
  const consents: ConsentDoc[] = []

  const user = (openid: string, realName: string | null, extra: Partial<UserDoc> = {}): UserDoc => ({
    _id: openid,
    nickname: realName,
    realName,
    phone: null,
    elderMode: null,
    currentCommunityId: C,
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  })
  const grant = (openid: string, purposeId: ConsentDoc['purposeId']): ConsentDoc => ({
    _id: consentId(openid, purposeId),
    openid,
    purposeId,
    state: 'GRANTED',
    policyVersion: POLICY_VERSION,
    channel: 'seed',
    updatedAt: T0,
    grantedAt: T0,
    refusedAt: null,
    withdrawnAt: null,
  })
  const member = (openid: string, b: number, n: string, relation: Relation, realName: string, status: HouseholdMemberDoc['status'] = 'APPROVED'): HouseholdMemberDoc => ({
    _id: memberIdFor(openid, unitId(b, n)),
    openid,
    communityId: C,
    buildingId: buildingId(b),
    unitId: unitId(b, n),
    relation,
    status,
    realName,
    guardianOpenid: null,
    reviewedBy: status === 'APPROVED' ? 'o_demo_grid_worker' : null,
    reviewNote: null,
    createdAt: T0,
    updatedAt: T0,
  })

  // Developer: one party for all unsold and undelivered units (R2.1).
  const developer: OwnerPartyDoc = { _id: `${C}_p_developer`, communityId: C, kind: 'DEVELOPER', holderKey: 'developer', holders: [{ name: '湘江置业有限公司', idHash: demoIdHash('91430100DEV0001') }] }
  parties.push(developer)

  const partyFor = (key: string, holders: { name: string; id: string }[]): OwnerPartyDoc => {
    const existing = parties.find((p) => p.holderKey === key)
    if (existing) return existing
    const p: OwnerPartyDoc = {
      _id: `${C}_p_${parties.length.toString().padStart(4, '0')}`,
      communityId: C,
      kind: 'PERSON',
      holderKey: key,
      holders: holders.map((h) => ({ name: h.name, idHash: demoIdHash(h.id) })),
    }
    parties.push(p)
    return p
  }

  const story = (b: number, n: string) => {
    if (STORY_UNITS.owner.some((u) => u.b === b && u.n === n)) return 'owner'
    if (STORY_UNITS.coOwned.b === b && STORY_UNITS.coOwned.n === n) return 'coOwned'
    if (STORY_UNITS.elder.b === b && STORY_UNITS.elder.n === n) return 'elder'
    if (STORY_UNITS.committee.b === b && STORY_UNITS.committee.n === n) return 'committee'
    return null
  }

  let seq = 0
  for (let b = 1; b <= 10; b++) {
    buildings.push({ _id: buildingId(b), communityId: C, name: `${b}栋`, order: b })
    for (let floor = 1; floor <= 6; floor++) {
      for (let door = 1; door <= 4; door++) {
        const n = `${floor}0${door}`
        seq++
        const s = story(b, n)
        const storyArea = STORY_UNITS.owner.find((u) => u.b === b && u.n === n)?.area
        const area = storyArea ?? 6000 + Math.round(rnd() * 9000) // 60–150 m², in 0.01 m²
        const r = rnd()
        const areaSource: AreaSource = r < 0.85 ? 'REGISTER' : r < 0.95 ? 'SURVEY' : 'CONTRACT'
        // Building 10's top two floors are unsold; two flats on its 4th floor sold but not delivered.
        const unsold = b === 10 && floor >= 5
        const undelivered = b === 10 && floor === 4 && door <= 2
        let party: OwnerPartyDoc
        if (unsold || undelivered) party = developer
        else if (s === 'owner') party = partyFor('zhang-jianguo', [{ name: '张建国', id: '430104196503150011' }])
        else if (s === 'coOwned') party = partyFor('li-hua+wang-fang', [{ name: '李华', id: '430104198208080022' }, { name: '王芳', id: '430104198405060043' }])
        else if (s === 'elder') party = partyFor('chen-guilan', [{ name: '陈桂兰', id: '430104194802020027' }])
        else if (s === 'committee') party = partyFor('qian-wei', [{ name: '钱伟', id: '430104197711110019' }])
        else {
          const name = SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)]
          const holders = [{ name, id: `4301041970${String(seq).padStart(6, '0')}X` }]
          // About one flat in seventeen is co-owned by a couple (one certificate, two holders, R2.4).
          if (seq % 17 === 0) holders.push({ name: SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)], id: `4301041972${String(seq).padStart(6, '0')}X` })
          party = partyFor(`owner-${seq}`, holders)
        }
        units.push({
          _id: unitId(b, n),
          communityId: C,
          buildingId: buildingId(b),
          number: n,
          floor,
          area,
          areaSource,
          areaDocRef: areaSource === 'REGISTER' ? `湘(2019)长沙市不动产权第${String(100000 + seq)}号` : areaSource === 'SURVEY' ? `测绘报告 XTP-2019-${seq}` : `购房合同 HT-${seq}`,
          isParking: false,
          developerHeld: unsold || undelivered,
          delivered: !unsold && !undelivered,
          ownerPartyId: party._id,
        })
        // Most generated owners also live there and use the app (approved members, grids get data).
        if (!s && !unsold && !undelivered && seq % 3 !== 0) {
          const openid = `o_seed_${String(seq).padStart(4, '0')}`
          const holder = party.holders[0].name
          members.push(member(openid, b, n, 'OWNER', holder))
          users.push(user(openid, holder))
          consents.push(grant(openid, 'household'))
        }
      }
    }
  }
  // Thirty parking spaces in the underground garage (building 10), excluded from voting area by default (R2.3).
  for (let i = 1; i <= 30; i++) {
    const n = `P${String(i).padStart(3, '0')}`
    const ownerUnit = units[(i * 7) % 200]
    units.push({
      _id: unitId(10, n),
      communityId: C,
      buildingId: buildingId(10),
      number: n,
      floor: -1,
      area: 1250,
      areaSource: 'REGISTER',
      areaDocRef: `车位产权 XTP-P-${i}`,
      isParking: true,
      developerHeld: i > 24,
      delivered: i <= 24,
      ownerPartyId: i > 24 ? developer._id : ownerUnit.ownerPartyId,
    })
  }

  // The story's people.
  for (const u of STORY_UNITS.owner) members.push(member('o_demo_owner', u.b, u.n, 'OWNER', '张建国'))
  members.push(member('o_demo_coowner_a', STORY_UNITS.coOwned.b, STORY_UNITS.coOwned.n, 'CO_OWNER', '李华'))
  members.push(member('o_demo_coowner_b', STORY_UNITS.coOwned.b, STORY_UNITS.coOwned.n, 'CO_OWNER', '王芳'))
  members.push(member('o_demo_family', 1, '101', 'FAMILY', '张小明'))
  members.push(member('o_demo_resident', STORY_UNITS.tenant.b, STORY_UNITS.tenant.n, 'TENANT', '刘晓燕'))
  members.push(member('o_demo_elder', STORY_UNITS.elder.b, STORY_UNITS.elder.n, 'OWNER', '陈桂兰'))
  members.push(member('o_demo_committee', STORY_UNITS.committee.b, STORY_UNITS.committee.n, 'OWNER', '钱伟'))
  members.push(member('o_demo_applicant', STORY_UNITS.applicant.b, STORY_UNITS.applicant.n, 'TENANT', '黄磊', 'APPLIED'))

  const personaUser: Record<string, Partial<UserDoc>> = {
    o_demo_owner: { phone: '13807310001' },
    o_demo_resident: { phone: '13907310002' },
    o_demo_elder: { phone: '13307310003', elderMode: true },
    o_demo_grid_worker: { phone: '13607310101' },
    o_demo_grid_worker_2: { phone: '13607310102' },
  }
  for (const p of PERSONAS) {
    if (p.openid === 'o_demo_newcomer') continue
    users.push(user(p.openid, p.name, personaUser[p.openid] ?? {}))
    consents.push(grant(p.openid, 'household'))
    if (personaUser[p.openid]?.phone) consents.push(grant(p.openid, 'contact_phone'))
  }

  const grids: GridDoc[] = [
    { _id: gridId(1), communityId: C, name: '学堂坡第一网格', buildingIds: [1, 2, 3, 4].map(buildingId), households: 0, workerOpenids: ['o_demo_grid_worker'], workerName: '周敏', workerPhone: '13607310101', supervisorHotline: '0731-85550101' },
    { _id: gridId(2), communityId: C, name: '学堂坡第二网格', buildingIds: [5, 6, 7].map(buildingId), households: 0, workerOpenids: ['o_demo_grid_worker_2'], workerName: '吴强', workerPhone: '13607310102', supervisorHotline: '0731-85550101' },
    { _id: gridId(3), communityId: C, name: '学堂坡第三网格', buildingIds: [8, 9, 10].map(buildingId), households: 0, workerOpenids: [], workerName: '孙丽（代管）', workerPhone: '13607310103', supervisorHotline: '0731-85550101' },
  ]
  for (const g of grids) g.households = units.filter((u) => !u.isParking && g.buildingIds.includes(u.buildingId)).length

  const role = (openid: string, r: RoleGrantDoc['role'], extra: Partial<RoleGrantDoc> = {}): RoleGrantDoc => ({
    _id: grantIdFor(openid, r, C),
    openid,
    role: r,
    communityId: C,
    grantedBy: 'o_demo_admin',
    grantedAt: T0,
    revokedAt: null,
    ...extra,
  })
  const roles: RoleGrantDoc[] = [
    role('o_demo_grid_worker', 'GRID_WORKER', { gridIds: [gridId(1)] }),
    role('o_demo_grid_worker_2', 'GRID_WORKER', { gridIds: [gridId(2)] }),
    role('o_demo_property_staff', 'PROPERTY_STAFF', { propertyCompanyStaff: true }),
    role('o_demo_rc_staff', 'RC_STAFF'),
    role('o_demo_committee', 'COMMITTEE_MEMBER'),
    role('o_demo_admin', 'COMMUNITY_ADMIN'),
  ]

  // 陈桂兰 (独居老人) registered her care profile under the separate special_care consent (R4.10).
  consents.push(grant('o_demo_elder', 'special_care'))
  const noticeSeed = buildNoticeSeed({ communityId: C, units, members, grids, buildingId, unitId })
  // Three neighbours of 6栋 wrote the demo posts (issue #13), with the consent that needs.
  const groupAuthors = members.filter((m) => m.buildingId === buildingId(6) && m.openid.startsWith('o_seed_')).slice(0, 3).map((m) => m.openid)
  for (const a of groupAuthors) consents.push(grant(a, 'community_groups'))

  return [
    { collection: 'communities', docs: COMMUNITIES as never },
    { collection: 'buildings', docs: buildings as never },
    { collection: 'units', docs: units as never },
    { collection: 'owner_parties', docs: parties as never },
    { collection: 'grids', docs: grids as never },
    { collection: 'users', docs: users as never },
    { collection: 'household_members', docs: members as never },
    { collection: 'role_grants', docs: roles as never },
    { collection: 'consents', docs: consents as never },
    // The demo deployment's operator and contact, shown in the privacy notice (PIPL Art. 17).
    { collection: DEPLOYMENT_SETTINGS, docs: [{ _id: OPERATOR_DOC_ID, ...DEMO_OPERATOR }] as never },
    { collection: 'booking_resources', docs: buildBookingResources() as never },
    ...noticeSeed,
    ...buildVisitSeed({ communityId: C, gridId: gridId(1), buildingId, unitId }),
    ...buildIncidentSeed({ communityId: C, gridId, buildingId, unitId }),
    ...buildGroupDemo(C, buildings, groupAuthors),
    // Issue #12: votes of 学堂坡社区 (seeds/election.ts).
    ...Object.entries(buildElectionSeeds({ communityId: C, units, members, excludeParkingFromArea: true })).map(([collection, docs]) => ({ collection, docs: docs as never })),
    // Issue #14: repairs, income and expenditure, scorecard.
    ...buildProperty(),
    ...buildSurveySeed(C, members),
  ]
}

export function loadSeed(write: SeedWriter): number {
  let n = 0
  for (const { collection, docs } of buildDemo()) {
    for (const doc of docs) {
      write(collection, doc)
      n++
    }
  }
  return n
}
