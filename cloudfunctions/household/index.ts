/**
 * household: apply to a unit, review, leave, and the review queue. Grid workers act only inside
 * their grids (R7.2); owners review their own unit's tenants and family; every list masks names
 * (R4.9); every decision is audited.
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, findPage, getDoc } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { audit } from '../_core/audit'
import { requireConsent, requireGridScope } from '../_core/guards'
import { membershipViews, unitLabels } from '../_core/lookup'
import { buildingsInScope, gridOfBuilding, gridsOf } from '../_core/grid'
import { hashIdNumber, memberIdFor, minorIdFor } from '../_core/id-hash'
import { eraseMembership } from '../_core/personal-data'
import { countAttempt, recordMiss, type SecurityAlertDoc } from './verification-limit'
import type { CallContext } from '../_core/context'
import { householdContract } from '../../domain/household/contract'
import { capabilityScope, type Role } from '../../domain/access/capabilities'
import type { HouseholdMemberDoc, OwnerPartyDoc, Relation, UnitDoc, UserDoc } from '../../domain/community/model'
import { maskName, unitLabelFor } from '../../domain/privacy/masking'
import { isIdNumberFormat } from '../../domain/roster/id-number'
import { AppError } from '../../domain/shared/errors'

type Member = HouseholdMemberDoc & Record<string, unknown>

/** A child under 14 added by a guardian (R4.7); collection household_minors, purpose minor_household. */
interface MinorDoc {
  _id: string
  openid: string
  guardianOpenid: string
  communityId: string
  buildingId: string
  unitId: string
  displayName: string
  birthYear: number
  createdAt: Date
}

const MAX_MINORS_PER_HOME = 10
/** Security alerts stay on the staff list for a week. */
const ALERT_DAYS = 7

/** The calendar year in Asia/Shanghai (UTC+8, no DST): ages are counted where people live. */
function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600 * 1000).getUTCFullYear()
}

async function minorViews(docs: MinorDoc[], now: Date) {
  const labels = await unitLabels(docs.map((d) => d.unitId))
  return docs.map((d) => ({
    id: d._id,
    unitId: d.unitId,
    unitLabel: labels.get(d.unitId)?.label ?? '',
    displayName: d.displayName,
    birthYear: d.birthYear,
    turned14: shanghaiYear(now) - d.birthYear >= 14,
    createdAt: d.createdAt,
  }))
}

interface OwnerVerificationDoc {
  _id: string
  openid: string
  communityId: string
  unitId: string
  partyId: string | null
  result: 'MATCHED' | 'NOT_MATCHED'
  /** Salted hash of the ID number, kept only on a match (R4.2); never the number itself. */
  idHash: string | null
  verifiedAt: Date
}

/** Who approved an application the owner verified themselves: the register match, not a person. */
const SYSTEM_VERIFIER = 'system:owner_verification'
const ACTIVE: HouseholdMemberDoc['status'][] = ['APPLIED', 'APPROVED']
const OWNER_RELATIONS: Relation[] = ['OWNER', 'CO_OWNER']
const OWNER_REVIEWABLE: Relation[] = ['TENANT', 'FAMILY']

/** Opaque: reviewers and the directory see this id, never the applicant's openid (issue #9 §7.5). */
export const memberId = (openid: string, unitId: string) => memberIdFor(openid, unitId)
const verificationId = (openid: string, unitId: string) => `ov:${openid}:${unitId}`

function ownsUnit(ctx: CallContext, unitId: string): boolean {
  return ctx.memberships.some((m) => m.unitId === unitId && m.status === 'APPROVED' && OWNER_RELATIONS.includes(m.relation))
}

/**
 * May the caller review this application, and in which capacity? Staff holding household.review
 * in the community — grid workers only for units in their grids (R7.2); otherwise an approved
 * owner/co-owner of the same unit, for TENANT/FAMILY applications only. Nobody reviews themself.
 */
async function reviewCapacity(ctx: CallContext, m: Member): Promise<'STAFF' | 'OWNER'> {
  if (m.openid === ctx.openid) throw new AppError('FORBIDDEN', '不能审核自己的申请')
  const scope = capabilityScope(ctx.roles, 'household.review', m.communityId)
  if (scope) {
    const grid = gridOfBuilding(await gridsOf(m.communityId), m.buildingId)
    if (scope === 'all' || (grid && scope.includes(grid._id))) return 'STAFF'
  }
  if (OWNER_REVIEWABLE.includes(m.relation) && ownsUnit(ctx, m.unitId)) return 'OWNER'
  if (scope) requireGridScope(scope, gridOfBuilding(await gridsOf(m.communityId), m.buildingId)?._id) // throws the grid message
  throw new AppError('FORBIDDEN', '没有权限审核该申请', { memberId: m._id })
}

async function viewOf(ctx: CallContext, docs: Member[]) {
  const [views, verifications] = await Promise.all([
    membershipViews(docs),
    docs.length
      ? findAll<OwnerVerificationDoc>('owner_verifications', { _id: _.in(docs.map((d) => verificationId(d.openid, d.unitId))) })
      : Promise.resolve([] as OwnerVerificationDoc[]),
  ])
  return docs.map((d, i) => ({
    ...views[i],
    reviewNote: d.reviewNote ?? null,
    verified: verifications.some((v) => v.unitId === d.unitId && v.result === 'MATCHED'),
    createdAt: d.createdAt,
  }))
}

export const main = createFunction(householdContract, {
  async apply(input, ctx) {
    const unit = await getDoc<UnitDoc>('units', input.unitId)
    if (!unit || unit.communityId !== input.communityId || unit.buildingId !== input.buildingId || unit.isParking || unit.retired) {
      throw new AppError('NOT_FOUND', '没有找到该房屋', { unitId: input.unitId })
    }
    let verification: OwnerVerificationDoc | null = null
    let attempts: { person: number; unit: number } | null = null
    if (input.idNumber !== undefined) {
      if (!OWNER_RELATIONS.includes(input.relation)) {
        throw new AppError('VALIDATION_FAILED', '只有业主或共有人需要核验身份证号', { fields: { idNumber: ['仅业主、共有人可填写'] } })
      }
      // The ID number is sensitive (PIPL Art. 28): it needs its own consent, checked before we
      // so much as hash it (R4.2, R4.3).
      await requireConsent(ctx, 'owner_verification')
      if (!isIdNumberFormat(input.idNumber)) throw new AppError('VALIDATION_FAILED', '身份证号格式不正确', { fields: { idNumber: ['应为18位'] } })
      // Counted before the register is consulted: past the day's limit there is no answer to learn from.
      attempts = await countAttempt(ctx, unit)
      const idHash = hashIdNumber(input.idNumber)
      const party = unit.ownerPartyId ? await getDoc<OwnerPartyDoc>('owner_parties', unit.ownerPartyId) : null
      const matched = party?.kind === 'PERSON' && party.holders.some((h) => h.idHash === idHash && h.name === input.realName)
      verification = {
        _id: verificationId(ctx.openid, unit._id),
        openid: ctx.openid,
        communityId: unit.communityId,
        unitId: unit._id,
        partyId: matched ? party!._id : null,
        result: matched ? 'MATCHED' : 'NOT_MATCHED',
        // Minimum necessary (R4.2): the hash proves the match later; a failed attempt keeps nothing.
        idHash: matched ? idHash : null,
        verifiedAt: ctx.now,
      }
    }
    const autoApproved = verification?.result === 'MATCHED'
    const id = memberId(ctx.openid, unit._id)
    const doc: HouseholdMemberDoc = {
      _id: id,
      openid: ctx.openid,
      communityId: unit.communityId,
      buildingId: unit.buildingId,
      unitId: unit._id,
      relation: input.relation,
      status: autoApproved ? 'APPROVED' : 'APPLIED',
      realName: input.realName,
      guardianOpenid: null,
      reviewedBy: autoApproved ? SYSTEM_VERIFIER : null,
      reviewNote: autoApproved ? '不动产登记信息核验一致，自动通过' : null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    // One active application per unit per person: the deterministic _id makes a double submit
    // collide, and the transaction makes "check then write" atomic against a parallel one.
    await withTransaction(async (t) => {
      const existing = (await t.collection('household_members').doc(id).get()).data as Member | null
      if (existing && ACTIVE.includes(existing.status)) {
        throw new AppError('HOUSEHOLD_ALREADY_MEMBER', existing.status === 'APPROVED' ? '您已是该房屋成员' : '您已申请该房屋，请等待审核', { memberId: id, status: existing.status })
      }
      const { _id, ...data } = doc
      await t.collection('household_members').doc(_id).set({ data })
      if (verification) {
        const { _id: vid, ...vdata } = verification
        await t.collection('owner_verifications').doc(vid).set({ data: vdata })
      }
    })
    if (!ctx.user?.currentCommunityId) await db.collection('users').doc(ctx.openid).update({ data: { currentCommunityId: unit.communityId } })
    if (verification?.result === 'NOT_MATCHED' && attempts) await recordMiss(ctx, unit, attempts)
    await audit(ctx, {
      communityId: unit.communityId,
      event: 'household.applied',
      target: unit._id,
      details: { subjectOpenid: ctx.openid, relation: input.relation, status: doc.status, verification: verification?.result ?? 'NONE' },
    })
    const [view] = await viewOf(ctx, [doc as Member])
    return { membership: view, autoApproved }
  },

  async review({ memberId: id, decision, reason }, ctx) {
    const m = await getDoc<Member>('household_members', id)
    if (!m) throw new AppError('NOT_FOUND', '没有找到该申请', { memberId: id })
    const capacity = await reviewCapacity(ctx, m)
    const status: HouseholdMemberDoc['status'] = decision === 'APPROVE' ? 'APPROVED' : 'REJECTED'
    await withTransaction(async (t) => {
      const cur = (await t.collection('household_members').doc(id).get()).data as Member | null
      if (!cur || cur.status !== 'APPLIED') throw new AppError('CONFLICT', '该申请已被处理', { status: cur?.status ?? null })
      await t.collection('household_members').doc(id).update({
        data: { status, reviewedBy: ctx.openid, reviewNote: reason ?? null, reviewedAt: ctx.now, updatedAt: ctx.now },
      })
    })
    await audit(ctx, {
      communityId: m.communityId,
      event: 'household.reviewed',
      target: m.unitId,
      details: { subjectOpenid: m.openid, relation: m.relation, as: capacity, before: { status: m.status }, after: { status }, reason: reason ?? null },
    })
    return { id, status, reviewedAt: ctx.now }
  },

  async leave({ memberId: id }, ctx) {
    const m = await getDoc<Member>('household_members', id)
    if (!m || m.openid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到您的该条房屋记录', { memberId: id })
    // Leaving ends the purpose for this unit: delete, or keep a pseudonymised review record (registry retention).
    const result = await eraseMembership(m)
    await audit(ctx, { communityId: m.communityId, event: 'household.left', target: m.unitId, details: { subjectOpenid: ctx.openid, result } })
    return { id, result }
  },

  async listMine(_input, ctx) {
    const docs = [...ctx.memberships].sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime()) as Member[]
    const [memberships, minors] = await Promise.all([viewOf(ctx, docs), findAll<MinorDoc>('household_minors', { openid: ctx.openid }, { max: 100 })])
    return { memberships, minors: await minorViews(minors, ctx.now) }
  },

  async addMinor({ memberId: homeId, displayName, birthYear }, ctx) {
    // The guardian's own approved home: a child is added to a family, never to someone else's unit.
    const home = ctx.memberships.find((m) => m._id === homeId && m.status === 'APPROVED')
    if (!home) throw new AppError('NOT_FOUND', '请选择您已入住的房屋', { memberId: homeId })
    const age = shanghaiYear(ctx.now) - birthYear
    if (age >= 14 || age < 0) {
      throw new AppError('VALIDATION_FAILED', age < 0 ? '出生年份不正确' : '年满14周岁的孩子请用自己的微信申请加入', { fields: { birthYear: [age < 0 ? '出生年份不能晚于今年' : '仅限未满14周岁'] } })
    }
    const existing = await findAll<MinorDoc>('household_minors', { openid: ctx.openid }, { max: 100 })
    if (existing.filter((m) => m.unitId === home.unitId).length >= MAX_MINORS_PER_HOME) {
      throw new AppError('CONFLICT', `每户最多登记${MAX_MINORS_PER_HOME}名孩子`, { unitId: home.unitId })
    }
    const doc: MinorDoc = {
      _id: minorIdFor(ctx.openid, ctx.requestId),
      // The account that holds the record is the guardian's: export, withdrawal and account deletion
      // find it like any other record of theirs.
      openid: ctx.openid,
      guardianOpenid: ctx.openid,
      communityId: home.communityId,
      buildingId: home.buildingId,
      unitId: home.unitId,
      displayName,
      birthYear,
      createdAt: ctx.now,
    }
    await db.collection('household_minors').add({ data: doc })
    await audit(ctx, { communityId: home.communityId, event: 'household.minorAdded', target: home.unitId, details: { minorId: doc._id } })
    return { minor: (await minorViews([doc], ctx.now))[0] }
  },

  async removeMinor({ minorId }, ctx) {
    const doc = await getDoc<MinorDoc>('household_minors', minorId)
    if (!doc || doc.guardianOpenid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到该家庭成员', { minorId })
    await db.collection('household_minors').doc(minorId).remove()
    await audit(ctx, { communityId: doc.communityId, event: 'household.minorRemoved', target: doc.unitId, details: { minorId } })
    return { minorId, removed: true }
  },

  async listForReview({ communityId, status, page }, ctx) {
    const staffScope = capabilityScope(ctx.roles, 'household.review', communityId)
    const ownedUnits = ctx.memberships.filter((m) => m.communityId === communityId && m.status === 'APPROVED' && OWNER_RELATIONS.includes(m.relation)).map((m) => m.unitId)
    if (!staffScope && ownedUnits.length === 0) throw new AppError('FORBIDDEN', '没有权限查看待审核申请', { communityId })

    const grids = await gridsOf(communityId)
    const found = new Map<string, { doc: Member; as: 'STAFF' | 'OWNER' }>()
    if (staffScope) {
      const buildings = buildingsInScope(grids, staffScope)
      const where: Record<string, unknown> = { communityId, status }
      if (buildings !== 'all') where.buildingId = _.in(buildings)
      for (const d of await findAll<Member>('household_members', where, { max: 2000 })) found.set(d._id, { doc: d, as: 'STAFF' })
    }
    if (ownedUnits.length) {
      const docs = await findAll<Member>('household_members', { unitId: _.in(ownedUnits), status, relation: _.in(OWNER_REVIEWABLE) }, { max: 500 })
      for (const d of docs) if (!found.has(d._id)) found.set(d._id, { doc: d, as: 'OWNER' })
    }
    const all = [...found.values()].filter((x) => x.doc.openid !== ctx.openid).sort((a, b) => new Date(b.doc.createdAt).getTime() - new Date(a.doc.createdAt).getTime())
    const PAGE = 50
    const slice = all.slice(page * PAGE, page * PAGE + PAGE)
    const labels = await unitLabels(slice.map((x) => x.doc.unitId))
    const verifications = slice.length
      ? await findAll<OwnerVerificationDoc>('owner_verifications', { _id: _.in(slice.map((x) => verificationId(x.doc.openid, x.doc.unitId))) })
      : []
    const myRoles = ctx.roles.filter((r) => r.communityId === communityId).map((r) => r.role as Role)
    // Whether the applicant left a phone (contact_phone): the reviewer may then reveal it (issue #7 §4).
    const applicants = slice.length ? await findAll<UserDoc>('users', { _id: _.in([...new Set(slice.map((x) => x.doc.openid))]) }) : []
    const hasPhone = new Set(applicants.filter((a) => a.phone && !a.deletedAt).map((a) => a._id))
    return {
      items: slice.map(({ doc, as }) => {
        const l = labels.get(doc.unitId)
        const v = verifications.find((x) => x.openid === doc.openid && x.unitId === doc.unitId)
        return {
          id: doc._id,
          unitId: doc.unitId,
          // R4.9: full unit only for authorized roles; an owner sees their own unit in full.
          unitLabel: l ? unitLabelFor(as === 'OWNER' ? 'self' : myRoles, l.buildingName, l.unit.number) : '',
          gridId: gridOfBuilding(grids, doc.buildingId)?._id ?? null,
          relation: doc.relation,
          status: doc.status,
          nameMasked: maskName(doc.realName),
          verification: v ? v.result : ('NONE' as const),
          hasPhone: hasPhone.has(doc.openid),
          createdAt: doc.createdAt,
          as,
        }
      }),
      hasMore: all.length > (page + 1) * PAGE,
    }
  },

  async securityAlerts({ communityId }, ctx) {
    // Repeated owner-verification misses (issue #9 §7.2), for the staff who review that unit.
    const scope = ctx.scope ?? 'all'
    const grids = await gridsOf(communityId)
    const buildings = buildingsInScope(grids, scope)
    const since = new Date(ctx.now.getTime() - ALERT_DAYS * 24 * 3600 * 1000)
    const where: Record<string, unknown> = { communityId, at: _.gte(since) }
    if (buildings !== 'all') where.buildingId = _.in(buildings)
    const docs = await findPage<SecurityAlertDoc>('security_alerts', where, { orderBy: [['at', 'desc']], limit: 100 })
    const labels = await unitLabels(docs.map((d) => d.unitId))
    const myRoles = ctx.roles.filter((r) => r.communityId === communityId).map((r) => r.role as Role)
    return {
      alerts: docs.map((d) => {
        const l = labels.get(d.unitId)
        return {
          id: d._id,
          kind: d.kind,
          limit: d.limit,
          unitId: d.unitId,
          unitLabel: l ? unitLabelFor(myRoles, l.buildingName, l.unit.number) : '',
          gridId: gridOfBuilding(grids, d.buildingId)?._id ?? null,
          day: d.day,
          at: d.at,
        }
      }),
    }
  },

  async directory({ communityId, buildingId, page }, ctx) {
    const scope = ctx.scope ?? 'all'
    const grids = await gridsOf(communityId)
    const buildings = buildingsInScope(grids, scope)
    if (buildingId) requireGridScope(scope, gridOfBuilding(grids, buildingId)?._id)
    const where: Record<string, unknown> = { communityId, status: 'APPROVED' }
    if (buildingId) where.buildingId = buildingId
    else if (buildings !== 'all') where.buildingId = _.in(buildings)
    const PAGE = 50
    // One more than a page tells whether there is a next one without a count() round trip.
    const docs = await findPage<Member>('household_members', where, { orderBy: [['unitId', 'asc'], ['_id', 'asc']], skip: page * PAGE, limit: PAGE + 1 })
    const slice = docs.slice(0, PAGE)
    const [labels, users] = await Promise.all([
      unitLabels(slice.map((d) => d.unitId)),
      slice.length ? findAll<UserDoc>('users', { _id: _.in([...new Set(slice.map((d) => d.openid))]) }) : Promise.resolve([] as UserDoc[]),
    ])
    const hasPhone = new Set(users.filter((u) => u.phone && !u.deletedAt).map((u) => u._id))
    const myRoles = ctx.roles.filter((r) => r.communityId === communityId).map((r) => r.role as Role)
    return {
      items: slice.map((d) => {
        const l = labels.get(d.unitId)
        return {
          memberId: d._id,
          unitId: d.unitId,
          unitLabel: l ? unitLabelFor(myRoles, l.buildingName, l.unit.number) : '',
          gridId: gridOfBuilding(grids, d.buildingId)?._id ?? null,
          relation: d.relation,
          nameMasked: maskName(d.realName),
          hasPhone: hasPhone.has(d.openid),
        }
      }),
      hasMore: docs.length > PAGE,
    }
  },
})
