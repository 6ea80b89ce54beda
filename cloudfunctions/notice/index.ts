/**
 * notice: the notice board, the primary channel (R5.6), and the grid worker's door-knock list
 * (R7.3). Publishing costs the same number of database requests for 500 households as for 5,000:
 * the audience is stored as a rule and counted with count(); reads are one receipt per household
 * and notice under a deterministic _id, so racing calls collide instead of counting twice.
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { count, findAll, findPage, getDoc, isDuplicateKey } from '../_core/data'
import { audit } from '../_core/audit'
import { checkTextLabelled } from '../_core/content-check'
import { assertOwnUploads, requestMediaChecks, visibleImages } from '../_core/media-check'
import { buildingsInScope, gridOfBuilding, gridsOf } from '../_core/grid'
import { unitLabels } from '../_core/lookup'
import type { CallContext } from '../_core/context'
import { noticeContract } from '../../domain/notice/contract'
import {
  addresses,
  audienceProblems,
  audienceWithinGrids,
  categoryAllowed,
  decodeCursor,
  encodeCursor,
  isMaterialChange,
  isPinned,
  receiptId,
  resolveAudience,
  secCheckOutcome,
  SEC_LABELS,
  CARE_TAG_LABELS,
  type AudienceSpec,
  type HouseholdFacts,
  type NoticeDoc,
  type ReceiptDoc,
  type SecOutcome,
} from '../../domain/notice/model'
import { ROLE_LABELS, type Role } from '../../domain/access/capabilities'
import type { HouseholdMemberDoc, UserDoc } from '../../domain/community/model'
import { maskName, unitLabelFor } from '../../domain/privacy/masking'
import { AppError } from '../../domain/shared/errors'
import { countAudience, listAudience, myHouseholds, unitsById, type CareProfileDoc } from './audience'
import { canManage, householdScope, isCommunityStaff, requireManage } from './access'

const PAGE = 20
const UNREAD_PAGE = 50

interface QuestionDoc {
  _id: string
  noticeId: string
  communityId: string
  unitId: string
  askerOpenid: string
  text: string
  askedAt: Date
  answer: string | null
  answeredBy: string | null
  answeredAt: Date | null
}

async function loadNotice(noticeId: string): Promise<NoticeDoc> {
  const n = await getDoc<NoticeDoc>('notices', noticeId)
  if (!n) throw new AppError('NOT_FOUND', '没有找到这条通知', { noticeId })
  return n
}

function authoredView(n: NoticeDoc, ctx: CallContext) {
  return {
    id: n._id,
    title: n.title,
    category: n.category,
    status: n.status,
    holdReason: n.holdReason,
    refusedReason: n.refusedReason,
    authorName: n.authorName,
    mine: n.authorOpenid === ctx.openid,
    ackRequired: n.ackRequired,
    addressed: n.addressed,
    publishAt: n.publishAt,
    publishedAt: n.publishedAt,
    expiresAt: n.expiresAt,
    version: n.version,
  }
}

function inboxView(n: NoticeDoc, receipts: ReceiptDoc[], now: Date) {
  const acknowledged = receipts.some((r) => r.ackRev === n.rev)
  const seenBefore = receipts.some((r) => (r.readRev ?? 0) > 0 && r.readRev !== n.rev)
  return {
    id: n._id,
    title: n.title,
    category: n.category,
    excerpt: n.body.replace(/\s+/g, ' ').slice(0, 60),
    authorName: n.authorName,
    publishedAt: n.publishedAt ?? n.publishAt,
    expiresAt: n.expiresAt,
    pinned: isPinned(n, now),
    // Read = this household opened the current revision in the app (a material edit asks again).
    read: receipts.some((r) => r.readRev === n.rev),
    ackRequired: n.ackRequired,
    acknowledged,
    updated: seenBefore,
  }
}

/** msgSecCheck v2 on what residents will read (R5.8, scene 3 = forum-like public content), via the shared wrapper. */
async function checkContent(ctx: CallContext, title: string, body: string): Promise<SecOutcome> {
  return secCheckOutcome(await checkTextLabelled(ctx.openid, body, 3, title || undefined))
}

function refuse(outcome: Extract<SecOutcome, { kind: 'refuse' }>): never {
  const label = SEC_LABELS[outcome.label] ?? '不适宜发布'
  throw new AppError('CONTENT_REFUSED', `内容未通过安全检查（${label}），请修改后再发布`, { label: outcome.label, reason: label })
}

/**
 * Published notices that may address these households, as query parts: the scope prefilter runs in
 * the database; care tags and owners/tenants are refined with `addresses` on the page read.
 */
function inboxWhere(households: readonly (HouseholdFacts & { communityId: string })[]): Record<string, unknown>[] {
  return [
    { communityId: _.in([...new Set(households.map((h) => h.communityId))]), status: 'PUBLISHED' },
    _.or([
      { 'audience.communityWide': true },
      { 'audience.buildingIds': _.in([...new Set(households.map((h) => h.buildingId))]) },
      { 'audience.unitIds': _.in(households.map((h) => h.unitId)) },
    ]) as unknown as Record<string, unknown>,
  ]
}

/** The addressed households of the caller for one notice. */
async function addressedHouseholds(ctx: CallContext, n: NoticeDoc): Promise<HouseholdFacts[]> {
  const mine = await myHouseholds(ctx.memberships, n.communityId)
  return mine.filter((h) => addresses(n.audience, h))
}

/** The caller's role that publishes (shown with the notice). */
function publishingRole(ctx: CallContext, communityId: string): Role {
  const order: Role[] = ['RC_STAFF', 'COMMUNITY_ADMIN', 'GRID_WORKER', 'PROPERTY_STAFF']
  return order.find((r) => ctx.roles.some((h) => h.communityId === communityId && h.role === r)) ?? 'RC_STAFF'
}

/**
 * Create the receipt with a deterministic _id, or set fields on the existing one only where the
 * condition holds (so of 50 racing calls exactly one creates and the rest change nothing).
 */
async function upsertReceipt(base: Omit<ReceiptDoc, 'readRev' | 'readAt' | 'ackRev' | 'ackAt' | 'ackBy' | 'deliveredRev' | 'deliveredAt' | 'deliveredBy' | 'deliveryMethod'>, set: Partial<ReceiptDoc>, onlyIf: Record<string, unknown>): Promise<boolean> {
  const empty = { readRev: null, readAt: null, ackRev: null, ackAt: null, ackBy: null, deliveredRev: null, deliveredAt: null, deliveredBy: null, deliveryMethod: null }
  try {
    await db.collection('notice_receipts').add({ data: { ...base, ...empty, ...set } })
    return true
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  const res = (await db
    .collection('notice_receipts')
    .where({ _id: base._id, ...onlyIf })
    .update({ data: set })) as unknown as { stats: { updated: number } }
  return res.stats.updated > 0
}

function questionView(q: QuestionDoc, labels: Map<string, { label: string }>) {
  return { id: q._id, unitLabel: labels.get(q.unitId)?.label ?? '', text: q.text, askedAt: q.askedAt, answer: q.answer, answeredAt: q.answeredAt }
}

/** R5.6: a published notice that asks for pokes gets one send job; the subscribe timer does the rest. */
async function enqueuePokes(n: Pick<NoticeDoc, '_id' | 'poke'>, now: Date): Promise<void> {
  if (!n.poke) return
  await db.collection('subscribe_jobs').doc(`sj_${n._id}`).set({ data: { noticeId: n._id, templateKey: 'notice', state: 'PENDING', cursor: null, sent: 0, createdAt: now, updatedAt: now } })
}

/** Published now, or scheduled: the inbox and the timer agree on this. */
function releaseStatus(publishAt: Date, now: Date): 'PUBLISHED' | 'SCHEDULED' {
  return publishAt.getTime() > now.getTime() ? 'SCHEDULED' : 'PUBLISHED'
}

async function saveVersion(n: NoticeDoc, ctx: CallContext, kind: string, material: boolean): Promise<void> {
  await db
    .collection('notice_versions')
    .doc(`nv_${n._id}_${n.version}`)
    .set({ data: { noticeId: n._id, version: n.version, rev: n.rev, kind, material, title: n.title, body: n.body, category: n.category, expiresAt: n.expiresAt, status: n.status, by: ctx.openid, at: ctx.now } })
}

/** Conditional update on the version read: a concurrent edit makes this one fail instead of being lost. */
async function updateIfVersion(n: NoticeDoc, data: Partial<NoticeDoc>): Promise<void> {
  const res = (await db.collection('notices').where({ _id: n._id, version: n.version }).update({ data })) as unknown as { stats: { updated: number } }
  if (res.stats.updated === 0) throw new AppError('CONFLICT', '这条通知刚被其他人修改过，请刷新后再试', { noticeId: n._id })
}

export const main = createFunction(
  noticeContract,
  {
    async publish(input, ctx) {
      const { communityId } = input
      const myRoles = ctx.roles.filter((r) => r.communityId === communityId).map((r) => r.role)
      if (!categoryAllowed(myRoles, input.category)) {
        throw new AppError('FORBIDDEN', '物业人员只能发布“物业”类通知', { category: input.category })
      }
      const spec = input.audience as AudienceSpec
      const problems = audienceProblems(spec)
      const fields: Record<string, string[]> = {}
      for (const p of problems) (fields[p.field] ??= []).push(p.message)
      const now = ctx.now
      const publishAt = input.publishAt ? new Date(input.publishAt) : now
      const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null
      if (expiresAt && expiresAt.getTime() <= Math.max(now.getTime(), publishAt.getTime())) (fields.expiresAt ??= []).push('截止时间须晚于发布时间')
      const grids = await gridsOf(communityId)
      const { audience, unknownGrids } = resolveAudience(spec, grids)
      if (unknownGrids.length) (fields['audience.gridIds'] ??= []).push(`本社区没有这些网格：${unknownGrids.join('、')}`)
      const units = await unitsById(communityId, audience.unitIds)
      const missingUnits = audience.unitIds.filter((u) => !units.some((x) => x._id === u))
      if (missingUnits.length) (fields['audience.unitIds'] ??= []).push(`本社区没有这些房屋：${missingUnits.join('、')}`)
      if (audience.buildingIds.length && spec.scope === 'BUILDINGS') {
        const known = new Set((await findAll<{ _id: string }>('buildings', { communityId }, { max: 500 })).map((b) => b._id))
        const unknown = audience.buildingIds.filter((b) => !known.has(b))
        if (unknown.length) (fields['audience.buildingIds'] ??= []).push(`本社区没有这些楼栋：${unknown.join('、')}`)
      }
      if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', '填写的内容有误，请检查', { fields })

      // R7.2: a grid worker publishes only inside their grids — nothing is written otherwise.
      const scope = ctx.scope ?? 'all'
      const unitBuildings = new Map(units.map((u) => [u._id, u.buildingId]))
      if (!audienceWithinGrids(audience, buildingsInScope(grids, scope), unitBuildings)) {
        throw new AppError('FORBIDDEN', '只能向本人负责的网格发布通知', { scope })
      }
      const addressed = await countAudience(communityId, audience)
      if (addressed === 0) throw new AppError('AUDIENCE_EMPTY', '所选范围内没有住户，通知未发布', { audience: spec })

      const sec = await checkContent(ctx, input.title, input.body)
      if (sec.kind === 'refuse') refuse(sec)
      // Images: only the caller's own uploads (VALIDATION_FAILED with the field, nothing written).
      if (input.images.length) await assertOwnUploads(ctx, input.images, 'images')
      const role = publishingRole(ctx, communityId)
      const notice: NoticeDoc = {
        _id: `ntc_${ctx.requestId}`,
        communityId,
        authorOpenid: ctx.openid,
        authorName: `${ROLE_LABELS[role]}${ctx.user?.realName ? ` ${ctx.user.realName}` : ''}`,
        authorRole: role,
        title: input.title,
        body: input.body,
        category: input.category,
        images: input.images,
        audienceSpec: spec,
        audience,
        ackRequired: input.ackRequired,
        expiresAt,
        publishAt,
        publishedAt: null,
        status: sec.kind === 'hold' ? 'HELD' : releaseStatus(publishAt, now),
        holdReason: sec.kind === 'hold' ? sec.reason : null,
        refusedReason: null,
        version: 1,
        rev: 1,
        addressed,
        visitAfterDays: input.visitAfterDays,
        poke: input.poke,
        createdAt: now,
        updatedAt: now,
        withdrawnAt: null,
        withdrawnBy: null,
        withdrawReason: null,
        moderatedBy: null,
      }
      if (notice.status === 'PUBLISHED') notice.publishedAt = now
      const { _id, ...data } = notice
      await db.collection('notices').doc(_id).set({ data })
      await saveVersion(notice, ctx, 'PUBLISH', true)
      // mediaCheckAsync per image (R5.8): residents see an image only once its verdict is pass.
      await requestMediaChecks(ctx, { fileIds: notice.images, scene: 3 })
      if (notice.status === 'PUBLISHED') await enqueuePokes(notice, now)
      await audit(ctx, { communityId, event: 'notice.publish', target: _id, details: { status: notice.status, addressed, category: notice.category } })
      return { notice: authoredView(notice, ctx) }
    },

    async update(input, ctx) {
      const n = await loadNotice(input.noticeId)
      requireManage(ctx, n)
      if (n.status === 'WITHDRAWN' || n.status === 'REFUSED') throw new AppError('CONFLICT', '已撤回或被拒绝的通知不能修改', { status: n.status })
      const next = {
        title: input.title ?? n.title,
        body: input.body ?? n.body,
        category: input.category ?? n.category,
        expiresAt: input.expiresAt === undefined ? n.expiresAt : input.expiresAt ? new Date(input.expiresAt) : null,
      }
      if (next.category === 'URGENT' && !next.expiresAt) throw new AppError('VALIDATION_FAILED', '紧急通知必须设置截止时间', { fields: { expiresAt: ['紧急通知必须设置截止时间'] } })
      const myRoles = ctx.roles.filter((r) => r.communityId === n.communityId).map((r) => r.role)
      if (!categoryAllowed(myRoles, next.category)) throw new AppError('FORBIDDEN', '物业人员只能发布“物业”类通知', { category: next.category })
      const material = isMaterialChange(n, next, input.minor)
      let status = n.status
      let holdReason = n.holdReason
      if (next.title !== n.title || next.body !== n.body) {
        const sec = await checkContent(ctx, next.title, next.body)
        if (sec.kind === 'refuse') refuse(sec)
        if (sec.kind === 'hold') {
          status = 'HELD'
          holdReason = sec.reason
        }
      }
      const patch: Partial<NoticeDoc> = { ...next, status, holdReason, version: n.version + 1, rev: material ? n.rev + 1 : n.rev, updatedAt: ctx.now }
      await updateIfVersion(n, patch)
      const after = { ...n, ...patch } as NoticeDoc
      await saveVersion(after, ctx, 'EDIT', material)
      await audit(ctx, { communityId: n.communityId, event: 'notice.update', target: n._id, details: { version: after.version, material } })
      return { notice: authoredView(after, ctx), material }
    },

    async withdraw({ noticeId, reason }, ctx) {
      const n = await loadNotice(noticeId)
      requireManage(ctx, n)
      if (n.status === 'WITHDRAWN') return { notice: authoredView(n, ctx) }
      const patch: Partial<NoticeDoc> = { status: 'WITHDRAWN', withdrawnAt: ctx.now, withdrawnBy: ctx.openid, withdrawReason: reason, version: n.version + 1, updatedAt: ctx.now }
      await updateIfVersion(n, patch)
      const after = { ...n, ...patch } as NoticeDoc
      await saveVersion(after, ctx, 'WITHDRAW', false)
      await audit(ctx, { communityId: n.communityId, event: 'notice.withdraw', target: n._id, details: { reason } })
      return { notice: authoredView(after, ctx) }
    },

    async moderate({ noticeId, decision, reason }, ctx) {
      const n = await loadNotice(noticeId)
      if (!ctx.roles.some((r) => r.communityId === n.communityId && (r.role === 'RC_STAFF' || r.role === 'COMMUNITY_ADMIN'))) {
        throw new AppError('FORBIDDEN', '没有权限执行此操作', { capability: 'notice.moderate', communityId: n.communityId })
      }
      // R5.8: the second pair of eyes is never the author's.
      if (n.authorOpenid === ctx.openid) throw new AppError('FORBIDDEN', '不能审核自己发布的通知', { noticeId })
      if (n.status !== 'HELD') throw new AppError('CONFLICT', '这条通知不在待审核状态', { status: n.status })
      const patch: Partial<NoticeDoc> =
        decision === 'APPROVE'
          ? { status: releaseStatus(n.publishAt, ctx.now), holdReason: null, moderatedBy: ctx.openid, updatedAt: ctx.now, version: n.version + 1 }
          : { status: 'REFUSED', refusedReason: reason ?? '', moderatedBy: ctx.openid, updatedAt: ctx.now, version: n.version + 1 }
      if (patch.status === 'PUBLISHED') patch.publishedAt = ctx.now
      await updateIfVersion(n, patch)
      const after = { ...n, ...patch } as NoticeDoc
      await saveVersion(after, ctx, `MODERATE_${decision}`, false)
      if (after.status === 'PUBLISHED') await enqueuePokes(after, ctx.now)
      await audit(ctx, { communityId: n.communityId, event: 'notice.moderate', target: n._id, details: { decision, reason: reason ?? null } })
      return { notice: authoredView(after, ctx) }
    },

    async authored({ communityId, cursor }, ctx) {
      const parts: Record<string, unknown>[] = [{ communityId }]
      if (!isCommunityStaff(ctx, communityId)) {
        const scope = ctx.scope ?? 'all'
        const or: Record<string, unknown>[] = [{ authorOpenid: ctx.openid }]
        if (scope !== 'all') {
          const buildings = buildingsInScope(await gridsOf(communityId), scope) as string[]
          or.push({ status: 'PUBLISHED', 'audience.communityWide': true }, { status: 'PUBLISHED', 'audience.buildingIds': _.in(buildings) })
        }
        parts.push(or.length === 1 ? or[0] : (_.or(or) as unknown as Record<string, unknown>))
      }
      const c = cursor ? decodeCursor(cursor) : null
      if (c) parts.push(_.or([{ createdAt: _.lt(c.publishedAt) }, { createdAt: c.publishedAt, _id: _.lt(c.id) }]) as unknown as Record<string, unknown>)
      const docs = await findPage<NoticeDoc>('notices', _.and(parts) as unknown as Record<string, unknown>, { orderBy: [['createdAt', 'desc'], ['_id', 'desc']], limit: PAGE + 1 })
      const shown = docs.slice(0, PAGE)
      const last = shown.at(-1)
      return { notices: shown.map((n) => authoredView(n, ctx)), nextCursor: docs.length > PAGE && last ? encodeCursor(last.createdAt, last._id) : null }
    },

    async list({ communityId, cursor, category }, ctx) {
      const households = await myHouseholds(ctx.memberships, communityId)
      if (households.length === 0) return { notices: [], nextCursor: null }
      const now = ctx.now
      const base = inboxWhere(households)
      if (category) base.push({ category })
      const pinnedCond = { category: 'URGENT', expiresAt: _.gt(now) }
      const c = cursor ? decodeCursor(cursor) : null
      const pageParts = [
        ...base,
        _.or([{ category: _.neq('URGENT') }, { expiresAt: _.lte(now) }, { expiresAt: null }]) as unknown as Record<string, unknown>,
      ]
      if (c) pageParts.push(_.or([{ publishedAt: _.lt(c.publishedAt) }, { publishedAt: c.publishedAt, _id: _.lt(c.id) }]) as unknown as Record<string, unknown>)
      const order: [string, 'asc' | 'desc'][] = [['publishedAt', 'desc'], ['_id', 'desc']]
      const [pinned, page] = await Promise.all([
        c ? Promise.resolve([] as NoticeDoc[]) : findPage<NoticeDoc>('notices', _.and([...base, pinnedCond]) as unknown as Record<string, unknown>, { orderBy: order, limit: 20 }),
        findPage<NoticeDoc>('notices', _.and(pageParts) as unknown as Record<string, unknown>, { orderBy: order, limit: PAGE + 1 }),
      ])
      const fetched = page.slice(0, PAGE)
      const visible = [...pinned, ...fetched].map((n) => ({ n, hs: households.filter((h) => addresses(n.audience, h)) })).filter((x) => x.hs.length > 0)
      const rIds = visible.flatMap(({ n, hs }) => hs.map((h) => receiptId(n._id, h.unitId)))
      const receipts = rIds.length ? await findAll<ReceiptDoc>('notice_receipts', { _id: _.in(rIds) }, { max: 2000 }) : []
      const last = fetched.at(-1)
      return {
        notices: visible.map(({ n }) => inboxView(n, receipts.filter((r) => r.noticeId === n._id), now)),
        nextCursor: page.length > PAGE && last ? encodeCursor(last.publishedAt ?? last.publishAt, last._id) : null,
      }
    },

    async summary(_input, ctx) {
      const households = await myHouseholds(ctx.memberships)
      if (households.length === 0) return { unread: 0, items: [] }
      const docs = await findPage<NoticeDoc>(
        'notices',
        _.and(inboxWhere(households)) as unknown as Record<string, unknown>,
        { orderBy: [['publishedAt', 'desc'], ['_id', 'desc']], limit: 100 },
      )
      const visible = docs.map((n) => ({ n, hs: households.filter((h) => addresses(n.audience, h)) })).filter((x) => x.hs.length > 0)
      const rIds = visible.flatMap(({ n, hs }) => hs.map((h) => receiptId(n._id, h.unitId)))
      const receipts = rIds.length ? await findAll<ReceiptDoc>('notice_receipts', { _id: _.in(rIds) }, { max: 5000 }) : []
      const unread = visible.filter(({ n }) => !receipts.some((r) => r.noticeId === n._id && r.readRev === n.rev))
      const urgent = visible.filter(({ n }) => isPinned(n, ctx.now))
      const items = [...urgent, ...unread.filter((x) => !isPinned(x.n, ctx.now))].slice(0, 3)
      return { unread: unread.length, items: items.map(({ n }) => ({ id: n._id, title: n.title, urgent: isPinned(n, ctx.now) })) }
    },

    async get({ noticeId }, ctx) {
      const n = await loadNotice(noticeId)
      const manage = canManage(ctx, n)
      const hs = n.status === 'PUBLISHED' ? await addressedHouseholds(ctx, n) : []
      let staffView = manage
      if (!manage && hs.length === 0) {
        // Grid workers and reach holders may open notices touching their grids.
        staffView = await householdScope(ctx, n, 'notice.reach').then(
          () => true,
          () => false,
        )
        if (!staffView) throw new AppError('NOT_FOUND', '没有找到这条通知', { noticeId })
      }
      const receipts = hs.length ? await findAll<ReceiptDoc>('notice_receipts', { _id: _.in(hs.map((h) => receiptId(n._id, h.unitId))) }) : []
      const questions = manage
        ? await findPage<QuestionDoc>('notice_questions', { noticeId }, { orderBy: [['askedAt', 'desc']], limit: 100 })
        : hs.length
          ? await findPage<QuestionDoc>('notice_questions', { noticeId, unitId: _.in(hs.map((h) => h.unitId)) }, { orderBy: [['askedAt', 'desc']], limit: 100 })
          : []
      const labels = await unitLabels(questions.map((q) => q.unitId))
      // R5.8: residents see passed images only; the author and the notice's managers also held ones.
      const images = await visibleImages(ctx, n.images, { maySeeHeld: manage })
      return {
        notice: { ...inboxView(n, receipts, ctx.now), body: n.body, images: images.shown, heldImages: images.held, version: n.version, status: n.status },
        questions: questions.map((q) => questionView(q, labels)),
        manage,
        addressedToMe: hs.length > 0,
      }
    },

    async markRead({ noticeId }, ctx) {
      const n = await loadNotice(noticeId)
      if (n.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', '没有找到这条通知', { noticeId })
      const hs = await addressedHouseholds(ctx, n)
      if (hs.length === 0) throw new AppError('NOT_FOUND', '这条通知不是发给您家的', { noticeId })
      let firstRead = false
      for (const h of hs) {
        const created = await upsertReceipt(
          { _id: receiptId(n._id, h.unitId), noticeId: n._id, communityId: n.communityId, unitId: h.unitId, buildingId: h.buildingId },
          { readRev: n.rev, readAt: ctx.now },
          { readRev: _.neq(n.rev) },
        )
        firstRead = firstRead || created
      }
      return { households: hs.length, firstRead }
    },

    async acknowledge({ noticeId }, ctx) {
      const n = await loadNotice(noticeId)
      if (n.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', '没有找到这条通知', { noticeId })
      if (!n.ackRequired) throw new AppError('CONFLICT', '这条通知不需要确认', { noticeId })
      const hs = await addressedHouseholds(ctx, n)
      if (hs.length === 0) throw new AppError('NOT_FOUND', '这条通知不是发给您家的', { noticeId })
      for (const h of hs) {
        await upsertReceipt(
          { _id: receiptId(n._id, h.unitId), noticeId: n._id, communityId: n.communityId, unitId: h.unitId, buildingId: h.buildingId },
          { readRev: n.rev, readAt: ctx.now, ackRev: n.rev, ackAt: ctx.now, ackBy: ctx.openid },
          { ackRev: _.neq(n.rev) },
        )
      }
      return { households: hs.length, acknowledgedAt: ctx.now }
    },

    async ask({ noticeId, text }, ctx) {
      const n = await loadNotice(noticeId)
      if (n.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', '没有找到这条通知', { noticeId })
      const [h] = await addressedHouseholds(ctx, n)
      if (!h) throw new AppError('NOT_FOUND', '这条通知不是发给您家的', { noticeId })
      // R5.8: a private message fails open when the check is unreachable, but risky text is refused.
      const sec = await checkContent(ctx, '', text)
      if (sec.kind === 'refuse') refuse(sec)
      const q: QuestionDoc = { _id: `nq_${ctx.requestId}`, noticeId, communityId: n.communityId, unitId: h.unitId, askerOpenid: ctx.openid, text, askedAt: ctx.now, answer: null, answeredBy: null, answeredAt: null }
      const { _id, ...data } = q
      await db.collection('notice_questions').doc(_id).set({ data })
      return { question: questionView(q, await unitLabels([h.unitId])) }
    },

    async answer({ questionId, text }, ctx) {
      const q = await getDoc<QuestionDoc>('notice_questions', questionId)
      if (!q) throw new AppError('NOT_FOUND', '没有找到这个提问', { questionId })
      requireManage(ctx, await loadNotice(q.noticeId))
      const patch = { answer: text, answeredBy: ctx.openid, answeredAt: ctx.now }
      await db.collection('notice_questions').doc(questionId).update({ data: patch })
      await audit(ctx, { communityId: q.communityId, event: 'notice.answer', target: questionId })
      return { question: questionView({ ...q, ...patch }, await unitLabels([q.unitId])) }
    },

    async reach({ noticeId }, ctx) {
      const n = await loadNotice(noticeId)
      const scope = canManage(ctx, n) ? 'all' : await householdScope(ctx, n, 'notice.reach')
      const within = scope === 'all' ? {} : { buildingId: _.in(scope) }
      const where = (extra: Record<string, unknown>) => ({ noticeId, ...within, ...extra })
      const [addressed, read, acknowledged, delivered, reached] = await Promise.all([
        scope === 'all' ? Promise.resolve(n.addressed) : countAudience(n.communityId, n.audience, scope),
        count('notice_receipts', where({ readRev: n.rev })),
        count('notice_receipts', where({ ackRev: n.rev })),
        count('notice_receipts', where({ deliveredRev: n.rev })),
        count('notice_receipts', _.and([where({}), _.or([{ readRev: n.rev }, { deliveredRev: n.rev }])]) as unknown as Record<string, unknown>),
      ])
      return { addressed, read, acknowledged, delivered, reached, unread: Math.max(0, addressed - reached), scope: scope === 'all' ? ('all' as const) : ('grids' as const) }
    },

    async unreadHouseholds({ noticeId, page }, ctx) {
      const n = await loadNotice(noticeId)
      const scope = await householdScope(ctx, n, 'notice.deliver')
      const within = scope === 'all' ? null : scope
      const [audience, receipts, care, grids] = await Promise.all([
        listAudience(n.communityId, n.audience, within),
        findAll<ReceiptDoc>('notice_receipts', { noticeId, ...(within ? { buildingId: _.in(within) } : {}) }),
        findAll<CareProfileDoc>('care_profiles', { communityId: n.communityId, ...(within ? { buildingId: _.in(within) } : {}) }),
        gridsOf(n.communityId),
      ])
      const reached = new Set(receipts.filter((r) => r.readRev === n.rev || r.deliveredRev === n.rev).map((r) => r.unitId))
      const tags = new Map(care.map((c) => [c.unitId, c.careFlags]))
      // 独居老人 and other care tags first (R7.3: they may never open WeChat), then by unit.
      const unread = audience
        .filter((h) => !reached.has(h.unitId))
        .sort((a, b) => Number(tags.has(b.unitId)) - Number(tags.has(a.unitId)) || a.unitId.localeCompare(b.unitId))
      const slice = unread.slice(page * UNREAD_PAGE, (page + 1) * UNREAD_PAGE)
      const unitIds = slice.map((h) => h.unitId)
      const [labels, members] = await Promise.all([
        unitLabels(unitIds),
        unitIds.length ? findAll<HouseholdMemberDoc>('household_members', { unitId: _.in(unitIds), status: 'APPROVED' }, { max: 1000 }) : Promise.resolve([]),
      ])
      const users = members.length ? await findAll<UserDoc>('users', { _id: _.in([...new Set(members.map((m) => m.openid))]) }) : []
      const hasPhone = new Set(users.filter((u) => u.phone && !u.deletedAt).map((u) => u._id))
      const myRoles = ctx.roles.filter((r) => r.communityId === n.communityId).map((r) => r.role as Role)
      // Care tags are shown only to the grid's own worker (R4.10: never outside the grid).
      const showTags = scope !== 'all'
      return {
        items: slice.map((h) => {
          const l = labels.get(h.unitId)
          const t = tags.get(h.unitId) ?? []
          return {
            unitId: h.unitId,
            unitLabel: l ? unitLabelFor(myRoles, l.buildingName, l.unit.number) : '',
            gridId: gridOfBuilding(grids, h.buildingId)?._id ?? null,
            priority: t.length > 0,
            tags: showTags ? t.map((x) => CARE_TAG_LABELS[x] ?? x) : [],
            members: members.filter((m) => m.unitId === h.unitId).map((m) => ({ memberId: m._id, nameMasked: maskName(m.realName), hasPhone: hasPhone.has(m.openid) })),
          }
        }),
        total: unread.length,
        hasMore: unread.length > (page + 1) * UNREAD_PAGE,
      }
    },

    async markDelivered({ noticeId, unitId, method }, ctx) {
      const n = await loadNotice(noticeId)
      if (n.status !== 'PUBLISHED') throw new AppError('CONFLICT', '这条通知未在发布状态', { status: n.status })
      const scope = await householdScope(ctx, n, 'notice.deliver')
      const [unit] = await unitsById(n.communityId, [unitId])
      if (!unit) throw new AppError('NOT_FOUND', '没有找到该房屋', { unitId })
      if (scope !== 'all' && !scope.includes(unit.buildingId)) throw new AppError('FORBIDDEN', '只能处理本人负责网格内的事项', { unitId })
      const inAudience = n.audience.communityWide || n.audience.buildingIds.includes(unit.buildingId) || n.audience.unitIds.includes(unitId)
      if (!inAudience) throw new AppError('NOT_FOUND', '该房屋不在这条通知的发送范围内', { unitId })
      await upsertReceipt(
        { _id: receiptId(n._id, unitId), noticeId: n._id, communityId: n.communityId, unitId, buildingId: unit.buildingId },
        { deliveredRev: n.rev, deliveredAt: ctx.now, deliveredBy: ctx.openid, deliveryMethod: method },
        {},
      )
      await audit(ctx, { communityId: n.communityId, event: 'notice.markDelivered', target: n._id, details: { unitId, method } })
      return { unitId, method, deliveredAt: ctx.now }
    },
  },
  {
    /** Scheduled notices whose time has come (R7.3 scheduled publication); conditional, so two runs publish once. */
    async 'publish-scheduled'({ now }) {
      const due = await findPage<NoticeDoc>('notices', { status: 'SCHEDULED', publishAt: _.lte(now) }, { orderBy: [['publishAt', 'asc']], limit: 100 })
      let published = 0
      for (const n of due) {
        const res = (await db.collection('notices').where({ _id: n._id, status: 'SCHEDULED' }).update({ data: { status: 'PUBLISHED', publishedAt: n.publishAt, updatedAt: now } })) as unknown as { stats: { updated: number } }
        published += res.stats.updated
        if (res.stats.updated) await enqueuePokes(n, now)
      }
      return { published }
    },
  },
)
