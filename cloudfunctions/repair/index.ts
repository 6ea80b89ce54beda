/**
 * repair: 报事报修 (issue #14 §1). The state machine and SLAs are in domain/repair/model.ts; this
 * file loads, checks who is acting, and writes each step with its history entry and the scorecard
 * cell in one transaction (R5.12), so a figure never disagrees with the repairs behind it.
 *
 * Property staff are a separate processor (R4.14): they see repairs of the communities they serve
 * and nothing of the household directory; a reporter's phone only through access.reveal for an
 * open repair that asked for a call-back (cloudfunctions/_core/callbacks.ts).
 */
import { createHash } from 'node:crypto'
import { createFunction } from '../_core/router'
import { _ } from '../_core/cloud'
import { count, findAll, findPage, getDoc } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { checkText } from '../_core/content-check'
import { assertOwnUploads, requestMediaChecks, visibleImages } from '../_core/media-check'
import type { CallContext } from '../_core/context'
import { bumpCell } from '../scorecard/cells'
import { applyRepairCreated, applyRepairRating, applyRepairStep } from '../../domain/scorecard/apply'
import { repairContract } from '../../domain/repair/contract'
import {
  CATEGORY_LABELS,
  OPEN_STATUSES,
  SLA_HOURS,
  TRANSITIONS,
  availableActions,
  checkTransition,
  dueDates,
  overdueKind,
  periodOf,
  slaColour,
  type RepairAction,
  type RepairActor,
  type RepairCategory,
  type RepairStatus,
} from '../../domain/repair/model'
import { capabilityScope } from '../../domain/access/capabilities'
import { unitLabel, type BuildingDoc, type UnitDoc } from '../../domain/community/model'
import { AppError } from '../../domain/shared/errors'

interface HistoryEntry {
  at: Date
  action: RepairAction | 'create' | 'escalate'
  from: RepairStatus | null
  to: RepairStatus
  actorOpenid: string | null
  /** What others see: 报修人, 物业 赵磊, 系统. */
  by: string
  note: string
}

/** Fields of domain/access/callback.ts CallbackRequest are part of this document. */
export interface RepairDoc {
  _id: string
  communityId: string
  openid: string
  buildingId: string
  unitId: string
  location: 'UNIT' | 'COMMON'
  place: string
  category: RepairCategory
  description: string
  moderation: 'PASS' | 'REVIEW'
  photos: string[]
  preferredTime: string
  callbackRequested: boolean
  status: RepairStatus
  /** The month it was reported in: the scorecard cell it counts into. */
  period: string
  history: HistoryEntry[]
  assignee: string | null
  createdAt: Date
  updatedAt: Date
  responseDueAt: Date
  completionDueAt: Date
  /**
   * The same limits as epoch milliseconds, for the overdue queries: a number compares the same in
   * every store and survives every serialisation (a date written back by a transaction in the
   * local cloud came back as a string and stopped matching a date comparison).
   */
  responseDueMs: number
  completionDueMs: number
  /** The limit that runs now (response while waiting to be accepted, else completion): one indexed range query finds the overdue. */
  nextDueMs: number
  firstDoneAt: Date | null
  closedAt: Date | null
  escalatedAt: Date | null
  escalation: { kind: 'RESPONSE' | 'COMPLETION'; at: Date } | null
  reopenCount: number
  rating: { score: number; tags: string[] } | null
}

interface InspectionDoc {
  _id: string
  repairId: string
  communityId: string
  actorOpenid: string
  by: string
  result: 'PASS' | 'FAIL'
  note: string
  at: Date
}

const PAGE = 20
const dueMs = (d: { responseDueAt: Date; completionDueAt: Date }) => ({ responseDueMs: d.responseDueAt.getTime(), completionDueMs: d.completionDueAt.getTime(), nextDueMs: d.responseDueAt.getTime() })
/** After a step: the response limit runs while waiting for acceptance, the completion limit after. */
const nextDue = (status: RepairStatus, r: { responseDueMs: number; completionDueMs: number }) => (status === 'SUBMITTED' || status === 'REOPENED' ? r.responseDueMs : r.completionDueMs)
const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 20)
const staffName = (ctx: CallContext) => `物业 ${ctx.user?.realName ?? ctx.user?.nickname ?? '工作人员'}`

const isStaff = (ctx: CallContext, communityId: string) => capabilityScope(ctx.roles, 'repair.handle', communityId) !== null
const isOverseer = (ctx: CallContext, communityId: string) => capabilityScope(ctx.roles, 'repair.oversee', communityId) !== null

/** Who the caller is for this repair, or null when they may not see it at all. */
function relation(ctx: CallContext, r: RepairDoc): { reporter: boolean; staff: boolean; overseer: boolean } | null {
  const rel = { reporter: r.openid === ctx.openid, staff: isStaff(ctx, r.communityId), overseer: isOverseer(ctx, r.communityId) && !!r.escalatedAt }
  return rel.reporter || rel.staff || rel.overseer ? rel : null
}

function view(r: RepairDoc, ctx: CallContext, photos: { shown: string[]; held: number } = { shown: [], held: 0 }) {
  const rel = relation(ctx, r) ?? { reporter: false, staff: false, overseer: false }
  const actions = [...(rel.staff ? availableActions(r.status, 'STAFF') : []), ...(rel.reporter ? availableActions(r.status, 'REPORTER') : [])]
  return {
    id: r._id,
    communityId: r.communityId,
    category: r.category,
    location: r.location,
    place: r.place,
    description: r.description,
    photos: photos.shown,
    photosHeld: photos.held,
    preferredTime: r.preferredTime,
    callbackRequested: r.callbackRequested,
    status: r.status,
    createdAt: r.createdAt,
    responseDueAt: r.responseDueAt,
    completionDueAt: r.completionDueAt,
    overdue: overdueKind(r, ctx.now),
    slaColour: slaColour(r, ctx.now, r.category),
    escalated: !!r.escalatedAt,
    assignee: r.assignee,
    reopenCount: r.reopenCount,
    rating: r.rating,
    actions,
    mine: rel.reporter,
  }
}

function listItem(r: RepairDoc, ctx: CallContext) {
  const { photos: _p, photosHeld: _h, description, ...rest } = view(r, ctx)
  return { ...rest, summary: `${CATEGORY_LABELS[r.category]}：${description.length > 40 ? `${description.slice(0, 40)}…` : description}` }
}

async function placeOf(unitId: string, location: 'UNIT' | 'COMMON', commonPlace: string | undefined): Promise<{ label: string; buildingId: string }> {
  const unit = await getDoc<UnitDoc>('units', unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到该房屋', { unitId })
  const building = await getDoc<BuildingDoc>('buildings', unit.buildingId)
  const label = unitLabel(building?.name ?? '', unit.number)
  return { label: location === 'UNIT' ? label : `${commonPlace}（${building?.name ?? ''}附近）`, buildingId: unit.buildingId }
}

/** Open repairs past the limit that runs now. */
function overdueWhere(communityId: string | null, now: Date, extra: Record<string, unknown> = {}) {
  return { ...(communityId ? { communityId } : {}), ...extra, status: _.in([...OPEN_STATUSES]), nextDueMs: _.lt(now.getTime()) }
}

function statusWhere(status: string) {
  if (status === 'ALL') return {}
  if (status === 'OPEN') return { status: _.in([...OPEN_STATUSES]) }
  if (status === 'FINISHED') return { status: _.in(['DONE', 'CONFIRMED']) }
  return { status }
}

export const main = createFunction(
  repairContract,
  {
    async create(input, ctx) {
      const home = ctx.memberships.find((m) => m.status === 'APPROVED' && m.communityId === input.communityId && m.unitId === input.unitId)
      if (!home) throw new AppError('FORBIDDEN', '只能为您已加入的房屋或所在楼栋报修', { unitId: input.unitId })
      // Only the property company reads a repair: fail open when the check is down, flag a review.
      const verdict = await checkText(ctx.openid, input.description, 2)
      if (verdict === 'RISKY') throw new AppError('VALIDATION_FAILED', '描述包含不允许的内容，请修改', { fields: { description: ['内容未通过安全检查，请修改后再提交'] } })
      // Someone else's file id (copied from a post) or one never uploaded: refused, nothing written.
      await assertOwnUploads(ctx, input.photos, 'photos')
      const place = await placeOf(input.unitId, input.location, input.commonPlace)
      const id = `rp_${shortHash(`${ctx.openid}:${ctx.requestId}`)}`
      const due = dueDates(input.category, ctx.now)
      const period = periodOf(ctx.now)
      const doc: RepairDoc = {
        _id: id,
        communityId: input.communityId,
        openid: ctx.openid,
        buildingId: place.buildingId,
        unitId: input.unitId,
        location: input.location,
        place: place.label,
        category: input.category,
        description: input.description,
        moderation: verdict === 'PASS' ? 'PASS' : 'REVIEW',
        photos: input.photos,
        preferredTime: input.preferredTime,
        callbackRequested: input.callbackRequested,
        status: 'SUBMITTED',
        period,
        history: [{ at: ctx.now, action: 'create', from: null, to: 'SUBMITTED', actorOpenid: ctx.openid, by: '报修人', note: '' }],
        assignee: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        ...due,
        ...dueMs(due),
        firstDoneAt: null,
        closedAt: null,
        escalatedAt: null,
        escalation: null,
        reopenCount: 0,
        rating: null,
      }
      await withTransaction(async (t) => {
        const { _id, ...data } = doc
        await t.collection('repair_requests').doc(_id).set({ data })
        await bumpCell(t, doc.communityId, period, ctx.now, applyRepairCreated)
      })
      // After the write (docs/media.md): a check that cannot be asked leaves the photo held and retried.
      await requestMediaChecks(ctx, { fileIds: input.photos, scene: 1 })
      return { id, status: doc.status, responseDueAt: due.responseDueAt, completionDueAt: due.completionDueAt, moderation: doc.moderation }
    },

    async get({ id }, ctx) {
      const r = await getDoc<RepairDoc>('repair_requests', id)
      if (!r || !relation(ctx, r)) throw new AppError('NOT_FOUND', '没有找到该报修', { id })
      const inspections = isStaff(ctx, r.communityId) || isOverseer(ctx, r.communityId) ? await findAll<InspectionDoc>('repair_inspections', { repairId: id }, { orderBy: [['at', 'asc']], max: 50 }) : []
      // Staff see photos that passed the check; the reporter also sees their own held ones; risky ones nobody (R5.8).
      const photos = await visibleImages(ctx, r.photos, { maySeeHeld: r.openid === ctx.openid })
      return {
        repair: view(r, ctx, photos),
        history: r.history.map((h) => ({ at: h.at, action: h.action, from: h.from, to: h.to, by: h.by, note: h.note })),
        inspections: inspections.map((i) => ({ at: i.at, by: i.by, result: i.result, note: i.note })),
      }
    },

    async list({ view: which, communityId, status, page }, ctx) {
      let where: Record<string, unknown>
      let orderBy: [string, 'asc' | 'desc'][]
      if (which === 'mine') {
        where = { openid: ctx.openid, ...(communityId ? { communityId } : {}) }
        orderBy = [['createdAt', 'desc']]
      } else if (which === 'queue') {
        if (!isStaff(ctx, communityId!)) throw new AppError('FORBIDDEN', '只有本社区物业人员可以查看报修队列', { communityId })
        where = { communityId, ...statusWhere(status) }
        // Oldest first: the one nearest its limit leads the queue.
        orderBy = [['createdAt', 'asc']]
      } else if (which === 'overdue') {
        if (!isStaff(ctx, communityId!) && !isOverseer(ctx, communityId!)) throw new AppError('FORBIDDEN', '无权查看超时报修', { communityId })
        where = overdueWhere(communityId!, ctx.now) as unknown as Record<string, unknown>
        orderBy = [['createdAt', 'asc']]
      } else {
        if (!isOverseer(ctx, communityId!)) throw new AppError('FORBIDDEN', '只有居委会工作人员可以查看督办报修', { communityId })
        // Open ones by default (still to be chased); status ALL keeps the record of what was escalated.
        where = { communityId, escalatedAt: _.neq(null), ...statusWhere(status) }
        orderBy = [['escalatedAt', 'desc']]
      }
      const docs = await findPage<RepairDoc>('repair_requests', where, { orderBy: [...orderBy, ['_id', 'asc']], skip: page * PAGE, limit: PAGE + 1 })
      return { items: docs.slice(0, PAGE).map((r) => listItem(r, ctx)), hasMore: docs.length > PAGE }
    },

    async counts({ communityId }, ctx) {
      const [fresh, overdue] = await Promise.all([
        count('repair_requests', { communityId, status: _.in(['SUBMITTED', 'REOPENED']) }),
        count('repair_requests', overdueWhere(communityId, ctx.now) as unknown as Record<string, unknown>),
      ])
      return { fresh, overdue }
    },

    async transition({ id, action, note, expectedStatus }, ctx) {
      const seen = await getDoc<RepairDoc>('repair_requests', id)
      const rel = seen ? relation(ctx, seen) : null
      if (!seen || !rel) throw new AppError('NOT_FOUND', '没有找到该报修', { id })
      const rule = TRANSITIONS[action]
      // Only the reporter confirms, reopens or cancels; only the community's staff work it.
      const actor: RepairActor | null = rule.by === 'REPORTER' ? (rel.reporter ? 'REPORTER' : null) : rel.staff ? 'STAFF' : null
      if (!actor) throw new AppError('FORBIDDEN', rule.by === 'REPORTER' ? '只有报修人可以这样做' : '只有本社区物业人员可以这样做', { action })
      return withTransaction(async (t) => {
        const ref = t.collection('repair_requests').doc(id)
        const r = ((await ref.get()) as { data: RepairDoc | null }).data!
        if (expectedStatus && r.status !== expectedStatus) throw new AppError('CONFLICT', '报修状态已变化，请刷新后再试', { status: r.status })
        const check = checkTransition(r.status, action, actor, note)
        if (!check.ok) {
          if (check.reason === 'NOTE_REQUIRED') throw new AppError('VALIDATION_FAILED', action === 'reopen' ? '请说明未修好的原因' : '请填写说明', { fields: { note: ['请填写说明'] } })
          throw new AppError('CONFLICT', `报修当前为“${r.status}”，不能${rule.label}`, { status: r.status, action })
        }
        const now = ctx.now
        const next: Partial<RepairDoc> = { status: rule.to, updatedAt: now }
        const entry: HistoryEntry = { at: now, action, from: r.status, to: rule.to, actorOpenid: ctx.openid, by: actor === 'REPORTER' ? '报修人' : staffName(ctx), note }
        next.history = [...r.history, entry]
        if (action === 'assign') next.assignee = note
        if (action === 'confirm' || action === 'cancel') next.closedAt = now
        if (action === 'reopen') {
          // The clock starts again from the reopening; a later lapse escalates again.
          const due = dueDates(r.category, now)
          Object.assign(next, due, dueMs(due), { reopenCount: r.reopenCount + 1, escalatedAt: null, escalation: null })
        } else next.nextDueMs = nextDue(rule.to, r)
        if (action === 'complete' && !r.firstDoneAt) next.firstDoneAt = now
        await ref.update({ data: next })
        await bumpCell(t, r.communityId, r.period, now, (c) => applyRepairStep(c, r, action, now))
        return { id, status: rule.to }
      })
    },

    async rate({ id, score, tags }, ctx) {
      const seen = await getDoc<RepairDoc>('repair_requests', id)
      if (!seen || !relation(ctx, seen)) throw new AppError('NOT_FOUND', '没有找到该报修', { id })
      if (seen.openid !== ctx.openid) throw new AppError('FORBIDDEN', '只有报修人可以评价', { id })
      return withTransaction(async (t) => {
        const ref = t.collection('repair_requests').doc(id)
        const r = ((await ref.get()) as { data: RepairDoc }).data
        if (r.status !== 'CONFIRMED') throw new AppError('CONFLICT', '确认完成后才能评价', { status: r.status })
        // One rating per repair: the deterministic id collides for a second one, even outside this transaction.
        const ratingRef = t.collection('repair_ratings').doc(`rr_${id}`)
        if (((await ratingRef.get()) as { data: unknown }).data || r.rating) throw new AppError('CONFLICT', '您已评价过这次报修', { id })
        await ratingRef.set({ data: { repairId: id, communityId: r.communityId, period: r.period, openid: ctx.openid, score, tags, at: ctx.now } })
        await ref.update({ data: { rating: { score, tags }, updatedAt: ctx.now } })
        await bumpCell(t, r.communityId, r.period, ctx.now, (c) => applyRepairRating(c, score))
        return { id, score }
      })
    },

    async inspect({ id, result, note }, ctx) {
      const r = await getDoc<RepairDoc>('repair_requests', id)
      if (!r || !relation(ctx, r)) throw new AppError('NOT_FOUND', '没有找到该报修', { id })
      if (!isStaff(ctx, r.communityId)) throw new AppError('FORBIDDEN', '只有本社区物业人员可以质检', { id })
      if (r.status !== 'DONE' && r.status !== 'CONFIRMED') throw new AppError('CONFLICT', '维修完成后才能质检', { status: r.status })
      const doc: InspectionDoc = { _id: `ri_${shortHash(`${ctx.openid}:${ctx.requestId}`)}`, repairId: id, communityId: r.communityId, actorOpenid: ctx.openid, by: staffName(ctx), result, note, at: ctx.now }
      const { _id, ...data } = doc
      await withTransaction(async (t) => {
        await t.collection('repair_inspections').doc(_id).set({ data })
      })
      return { id, inspections: await count('repair_inspections', { repairId: id }) }
    },
  },
  {
    /**
     * Overdue repairs go to the residents' committee (issue #14 §1): each once per lapse (a
     * reopening starts a new clock). Paged; a backlog larger than one run continues next run.
     */
    async 'sla-escalate'({ now }) {
      const due = await findPage<RepairDoc>('repair_requests', overdueWhere(null, now, { escalatedAt: null }) as unknown as Record<string, unknown>, { orderBy: [['createdAt', 'asc']], limit: 100 })
      let escalated = 0
      for (const seen of due) {
        const done = await withTransaction(async (t) => {
          const ref = t.collection('repair_requests').doc(seen._id)
          const r = ((await ref.get()) as { data: RepairDoc }).data
          const kind = overdueKind(r, now)
          if (!kind || r.escalatedAt) return false
          const sla = SLA_HOURS[r.category]
          const note = kind === 'RESPONSE' ? `超过${sla.response}小时未受理，已提交居委会督办` : `超过${sla.completion}小时未完成，已提交居委会督办`
          await ref.update({
            data: { escalatedAt: now, escalation: { kind, at: now }, updatedAt: now, history: [...r.history, { at: now, action: 'escalate', from: r.status, to: r.status, actorOpenid: null, by: '系统', note }] },
          })
          return true
        })
        if (done) escalated++
      }
      return { checked: due.length, escalated }
    },
  },
)
