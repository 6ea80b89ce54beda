/**
 * visit: 走访 (R7.4) inside the worker's grids (R7.2), audited; care tags and health flags are
 * sensitive (R4.10): health flags only for households with a care basis, shown only in the grid.
 * The notice-tasks timer turns households a notice did not reach within its days into visit tasks (R7.3).
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, findPage, getDoc } from '../_core/data'
import { audit } from '../_core/audit'
import { requireGridScope } from '../_core/guards'
import { buildingsInScope, gridOfBuilding, gridsOf } from '../_core/grid'
import { unitLabels } from '../_core/lookup'
import type { CallContext } from '../_core/context'
import { visitContract } from '../../domain/visit/contract'
import { addDays, daysOverdue, everyDaysFor, scheduleId, SENSITIVE_FLAGS, taskId, VISIT_FLAG_LABELS, type VisitFlag, type VisitScheduleDoc, type VisitTaskDoc } from '../../domain/visit/model'
import { CARE_TAG_LABELS, type CareProfileDoc, type CareTag, type NoticeDoc, type ReceiptDoc } from '../../domain/notice/model'
import type { UnitDoc, UserDoc } from '../../domain/community/model'
import { AppError } from '../../domain/shared/errors'
import { careProfileId, listAudience } from '../notice/audience'

interface VisitDoc {
  _id: string
  communityId: string
  gridId: string | null
  buildingId: string
  unitId: string
  visitorOpenid: string
  visitedAt: Date
  chips: string[]
  note: string | null
  flags: VisitFlag[]
  createdAt: Date
}

/** The unit, its grid, and the grid check (R7.2). */
async function unitInScope(ctx: CallContext, communityId: string, unitId: string) {
  const unit = await getDoc<UnitDoc>('units', unitId)
  if (!unit || unit.communityId !== communityId || unit.isParking) throw new AppError('NOT_FOUND', '没有找到该房屋', { unitId })
  const grid = gridOfBuilding(await gridsOf(communityId), unit.buildingId)
  requireGridScope(ctx.scope, grid?._id)
  return { unit, gridId: grid?._id ?? null }
}

async function scopeBuildings(ctx: CallContext, communityId: string): Promise<string[] | null> {
  const b = buildingsInScope(await gridsOf(communityId), ctx.scope ?? 'all')
  return b === 'all' ? null : b
}

/** Per-community frequencies (R7.4: configured by the sub-district), defaults in domain/visit/model.ts. */
async function rules(communityId: string): Promise<Partial<Record<CareTag, number>>> {
  const doc = await getDoc<{ _id: string; everyDays: Partial<Record<CareTag, number>> }>('app_settings', `visit_rules_${communityId}`)
  return doc?.everyDays ?? {}
}

export const main = createFunction(
  visitContract,
  {
    async log({ communityId, unitId, visitedAt, chips, note, flags }, ctx) {
      const { unit, gridId } = await unitInScope(ctx, communityId, unitId)
      const care = await getDoc<CareProfileDoc>('care_profiles', careProfileId(unitId))
      const sensitive = flags.filter((f) => SENSITIVE_FLAGS.includes(f))
      if (sensitive.length && !care) {
        throw new AppError('VALIDATION_FAILED', '填写的内容有误，请检查', { fields: { flags: [`“${sensitive.map((f) => VISIT_FLAG_LABELS[f]).join('、')}”只能记录在有关爱登记的住户（敏感信息，R4.10）`] } })
      }
      const at = visitedAt ? new Date(visitedAt) : ctx.now
      if (at.getTime() > ctx.now.getTime() + 60_000) throw new AppError('VALIDATION_FAILED', '填写的内容有误，请检查', { fields: { visitedAt: ['走访日期不能晚于今天'] } })
      const doc: VisitDoc = { _id: `vis_${ctx.requestId}`, communityId, gridId, buildingId: unit.buildingId, unitId, visitorOpenid: ctx.openid, visitedAt: at, chips, note: note || null, flags, createdAt: ctx.now }
      const { _id, ...data } = doc
      await db.collection('visits').doc(_id).set({ data })
      const schedule = await getDoc<VisitScheduleDoc>('visit_schedules', scheduleId(unitId))
      let nextDueAt: Date | null = null
      if (schedule?.active) {
        nextDueAt = addDays(at, schedule.everyDays)
        await db.collection('visit_schedules').doc(schedule._id).update({ data: { lastVisitAt: at, nextDueAt, updatedAt: ctx.now } })
      }
      const closed = (await db.collection('visit_tasks').where({ unitId, state: 'OPEN' }).update({ data: { state: 'DONE', doneAt: at } })) as unknown as { stats: { updated: number } }
      await audit(ctx, { communityId, event: 'visit.log', target: unitId, details: { visitId: _id, flags } })
      const [labels, visitor] = await Promise.all([unitLabels([unitId]), getDoc<UserDoc>('users', ctx.openid)])
      return {
        visit: { id: _id, unitId, unitLabel: labels.get(unitId)?.label ?? '', visitedAt: at, visitorName: visitor?.realName ?? '', chips, note: doc.note, flags: flags.map((f) => VISIT_FLAG_LABELS[f]) },
        nextDueAt,
        tasksClosed: closed.stats.updated,
      }
    },

    async list({ communityId, unitId, page }, ctx) {
      const buildings = await scopeBuildings(ctx, communityId)
      if (unitId) await unitInScope(ctx, communityId, unitId)
      const where: Record<string, unknown> = { communityId }
      if (unitId) where.unitId = unitId
      else if (buildings) where.buildingId = _.in(buildings)
      const PAGE = 50
      const docs = await findPage<VisitDoc>('visits', where, { orderBy: [['visitedAt', 'desc'], ['_id', 'desc']], skip: page * PAGE, limit: PAGE + 1 })
      const shown = docs.slice(0, PAGE)
      const [labels, visitors] = await Promise.all([
        unitLabels(shown.map((d) => d.unitId)),
        shown.length ? findAll<UserDoc>('users', { _id: _.in([...new Set(shown.map((d) => d.visitorOpenid))]) }) : Promise.resolve([]),
      ])
      // R4.10: health flags stay inside the grid — community-wide staff see the visit, not the flag.
      const inGrid = buildings !== null
      return {
        visits: shown.map((d) => ({
          id: d._id,
          unitId: d.unitId,
          unitLabel: labels.get(d.unitId)?.label ?? '',
          visitedAt: d.visitedAt,
          visitorName: visitors.find((u) => u._id === d.visitorOpenid)?.realName ?? '',
          chips: d.chips,
          note: d.note,
          flags: d.flags.filter((f) => inGrid || !SENSITIVE_FLAGS.includes(f)).map((f) => VISIT_FLAG_LABELS[f]),
        })),
        hasMore: docs.length > PAGE,
      }
    },

    async schedule({ communityId, unitId, everyDays, active }, ctx) {
      const { unit, gridId } = await unitInScope(ctx, communityId, unitId)
      const care = await getDoc<CareProfileDoc>('care_profiles', careProfileId(unitId))
      if (!care) throw new AppError('NOT_FOUND', '该住户没有关爱登记，不能建立走访计划', { unitId })
      const days = everyDays ?? everyDaysFor(care.careFlags, await rules(communityId)) ?? 30
      const old = await getDoc<VisitScheduleDoc>('visit_schedules', scheduleId(unitId))
      const nextDueAt = addDays(old?.lastVisitAt ?? ctx.now, days)
      const doc: Omit<VisitScheduleDoc, '_id'> = { communityId, gridId, buildingId: unit.buildingId, unitId, tags: care.careFlags, everyDays: days, lastVisitAt: old?.lastVisitAt ?? null, nextDueAt, active, updatedAt: ctx.now }
      await db.collection('visit_schedules').doc(scheduleId(unitId)).set({ data: doc })
      await audit(ctx, { communityId, event: 'visit.schedule', target: unitId, details: { everyDays: days, active } })
      return { unitId, everyDays: days, nextDueAt, active }
    },

    async overdue({ communityId }, ctx) {
      const buildings = await scopeBuildings(ctx, communityId)
      const within = buildings ? { buildingId: _.in(buildings) } : {}
      const [schedules, tasks] = await Promise.all([
        findPage<VisitScheduleDoc>('visit_schedules', { communityId, active: true, nextDueAt: _.lte(ctx.now), ...within }, { orderBy: [['nextDueAt', 'asc']], limit: 100 }),
        findPage<VisitTaskDoc>('visit_tasks', { communityId, state: 'OPEN', dueAt: _.lte(ctx.now), ...within }, { orderBy: [['dueAt', 'asc']], limit: 100 }),
      ])
      const labels = await unitLabels([...schedules.map((s) => s.unitId), ...tasks.map((t) => t.unitId)])
      const inGrid = buildings !== null
      return {
        schedules: schedules.map((s) => ({
          unitId: s.unitId,
          unitLabel: labels.get(s.unitId)?.label ?? '',
          gridId: s.gridId,
          tags: inGrid ? s.tags.map((t) => CARE_TAG_LABELS[t]) : [],
          nextDueAt: s.nextDueAt,
          daysOverdue: daysOverdue(new Date(s.nextDueAt), ctx.now),
          lastVisitAt: s.lastVisitAt,
        })),
        tasks: tasks.map((t) => ({ id: t._id, unitId: t.unitId, unitLabel: labels.get(t.unitId)?.label ?? '', noticeId: t.noticeId, noticeTitle: t.noticeTitle, dueAt: t.dueAt })),
      }
    },
  },
  {
    /**
     * R7.3: households a published notice has not reached after its visitAfterDays become visit
     * tasks of their grid worker. Once per notice; the task ids are deterministic, so a rerun adds nothing.
     */
    async 'notice-tasks'({ now }) {
      const due = await findPage<NoticeDoc & { visitTasksDone?: boolean }>('notices', { status: 'PUBLISHED', visitTasksDone: _.neq(true), publishedAt: _.lte(addDays(now, -1)) }, { orderBy: [['publishedAt', 'asc']], limit: 20 })
      let created = 0
      for (const n of due.filter((x) => addDays(new Date(x.publishedAt ?? x.publishAt), x.visitAfterDays).getTime() <= now.getTime())) {
        const [audience, receipts, grids] = await Promise.all([listAudience(n.communityId, n.audience, null), findAll<ReceiptDoc>('notice_receipts', { noticeId: n._id }), gridsOf(n.communityId)])
        const reached = new Set(receipts.filter((r) => r.readRev === n.rev || r.deliveredRev === n.rev).map((r) => r.unitId))
        const unread = audience.filter((x) => !reached.has(x.unitId))
        // Deterministic ids (set, not add): a rerun after a crash rewrites the same tasks. 20 at a time.
        for (let i = 0; i < unread.length; i += 20) {
          await Promise.all(
            unread.slice(i, i + 20).map((h) => {
              const task: Omit<VisitTaskDoc, '_id'> = {
                communityId: n.communityId,
                gridId: gridOfBuilding(grids, h.buildingId)?._id ?? null,
                buildingId: h.buildingId,
                unitId: h.unitId,
                reason: 'NOTICE_UNREAD',
                noticeId: n._id,
                noticeTitle: n.title,
                dueAt: now,
                state: 'OPEN',
                doneAt: null,
                createdAt: now,
              }
              return db.collection('visit_tasks').doc(taskId(n._id, h.unitId)).set({ data: task })
            }),
          )
        }
        created += unread.length
        await db.collection('notices').doc(n._id).update({ data: { visitTasksDone: true } })
      }
      return { created }
    },
  },
)
