/**
 * incident: 事件上报 and 社情民意 (R7.5–R7.7). Grid workers handle their grids' cases (R7.2), RC
 * staff and admins every case; the reporter confirms or reopens and sees every step. The escalate
 * timer raises a case grid → community → 街道 when its SLA passes. The history is the archive.
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findPage, getDoc } from '../_core/data'
import { audit } from '../_core/audit'
import { gridOfBuilding, gridsOf } from '../_core/grid'
import { unitLabels } from '../_core/lookup'
import type { CallContext } from '../_core/context'
import { incidentContract } from '../../domain/incident/contract'
import {
  EMERGENCY_DISCLAIMER,
  EMERGENCY_NUMBERS,
  INCIDENT_CATEGORIES,
  LEVEL_LABELS,
  nextLevel,
  slaDue,
  slaRunning,
  STATE_LABELS,
  transitionActor,
  type HistoryEntry,
  type IncidentCategory,
  type IncidentDoc,
} from '../../domain/incident/model'
import { capabilityScope, ROLE_LABELS } from '../../domain/access/capabilities'
import { SEC_LABELS } from '../../domain/shared/sec-labels'
import { checkTextLabelled } from '../_core/content-check'
import { assertOwnUploads, requestMediaChecks, visibleImages } from '../_core/media-check'
import type { BuildingDoc, UnitDoc } from '../../domain/community/model'
import { AppError } from '../../domain/shared/errors'

/** 'all', grid ids, or null: what the caller may handle in the incident's community. */
function handleScope(ctx: CallContext, communityId: string): 'all' | string[] | null {
  return capabilityScope(ctx.roles, 'incident.handle', communityId)
}

function canHandle(ctx: CallContext, i: IncidentDoc): boolean {
  const scope = handleScope(ctx, i.communityId)
  if (scope === 'all') return true
  // Grid workers: their grids' cases (R7.2); escalated ones stay theirs too, now watched from above.
  return !!scope && !!i.gridId && scope.includes(i.gridId)
}

function actorLabel(ctx: CallContext, communityId: string): string {
  const role = ctx.roles.find((r) => r.communityId === communityId && r.role !== 'RESIDENT' && r.role !== 'OWNER')?.role
  return role ? `${ROLE_LABELS[role]}${ctx.user?.realName ? ` ${ctx.user.realName}` : ''}` : '居民'
}

async function photosFor(i: IncidentDoc, ctx: CallContext): Promise<{ photos: string[]; heldPhotos: number }> {
  if (!i.photos.length) return { photos: [], heldPhotos: 0 }
  const { shown, held } = await visibleImages(ctx, i.photos, { maySeeHeld: canHandle(ctx, i) })
  return { photos: shown, heldPhotos: held }
}

async function view(i: IncidentDoc, ctx: CallContext) {
  const label = i.location.unitId ? (await unitLabels([i.location.unitId])).get(i.location.unitId)?.label : null
  const building = !label && i.location.buildingId ? await getDoc<BuildingDoc>('buildings', i.location.buildingId) : null
  return {
    id: i._id,
    kind: i.kind,
    category: i.category,
    categoryLabel: INCIDENT_CATEGORIES[i.category].label,
    urgency: i.urgency,
    state: i.state,
    stateLabel: STATE_LABELS[i.state],
    level: i.level,
    locationLabel: [label ?? building?.name, i.location.text].filter(Boolean).join(' · '),
    description: i.description,
    // R5.8: photos through the media check — the reporter and the case's handlers (who act on
    // it) also see held ones, nobody a risky one.
    ...(await photosFor(i, ctx)),
    assignee: i.assignee,
    slaDueAt: i.slaDueAt,
    overdue: slaRunning(i.state) && new Date(i.slaDueAt).getTime() < ctx.now.getTime(),
    mine: i.reporterOpenid === ctx.openid,
    createdAt: i.createdAt,
    history: i.history.map((h) => ({ state: h.state, level: h.level, at: h.at, byLabel: h.byLabel, note: h.note })),
  }
}

async function load(id: string): Promise<IncidentDoc> {
  const i = await getDoc<IncidentDoc>('incidents', id)
  if (!i) throw new AppError('NOT_FOUND', '没有找到这条记录', { incidentId: id })
  return i
}

export const main = createFunction(
  incidentContract,
  {
    async report(input, ctx) {
      const { communityId } = input
      const resident = ctx.memberships.some((m) => m.communityId === communityId && m.status === 'APPROVED')
      if (!resident && !handleScope(ctx, communityId)) throw new AppError('FORBIDDEN', '只有本社区居民和工作人员可以上报', { communityId })
      let unit: UnitDoc | null = null
      if (input.unitId) {
        unit = await getDoc<UnitDoc>('units', input.unitId)
        if (!unit || unit.communityId !== communityId) throw new AppError('VALIDATION_FAILED', '填写的内容有误，请检查', { fields: { unitId: ['本社区没有这个房屋'] } })
      }
      const buildingId = unit?.buildingId ?? input.buildingId ?? ctx.memberships.find((m) => m.communityId === communityId && m.status === 'APPROVED')?.buildingId ?? null
      if (input.buildingId && !unit) {
        const b = await getDoc<BuildingDoc>('buildings', input.buildingId)
        if (!b || b.communityId !== communityId) throw new AppError('VALIDATION_FAILED', '填写的内容有误，请检查', { fields: { buildingId: ['本社区没有这个楼栋'] } })
      }
      // R7.5: description through msgSecCheck (the shared wrapper); it goes to staff only, so an
      // unreachable check lets it through — risky text is refused with the reason.
      const check = await checkTextLabelled(ctx.openid, input.description, 1)
      if (check.verdict === 'RISKY') throw new AppError('CONTENT_REFUSED', `内容未通过安全检查（${SEC_LABELS[check.label ?? 0] ?? '不适宜'}），请修改后再提交`, { label: check.label })
      const grid = buildingId ? gridOfBuilding(await gridsOf(communityId), buildingId) : null
      const category = input.category as IncidentCategory
      const entry: HistoryEntry = { state: 'REPORTED', level: 'GRID', at: ctx.now, byOpenid: ctx.openid, byLabel: actorLabel(ctx, communityId), note: input.urgency === 'URGENT' ? '紧急' : null }
      const doc: IncidentDoc = {
        _id: `inc_${ctx.requestId}`,
        communityId,
        kind: input.kind,
        category,
        urgency: input.urgency,
        reporterOpenid: ctx.openid,
        location: { unitId: input.unitId ?? null, buildingId: unit?.buildingId ?? input.buildingId ?? null, text: input.locationText ?? null },
        gridId: grid?._id ?? null,
        buildingId,
        description: input.description,
        photos: input.photos,
        state: 'REPORTED',
        // Without a grid (free-text location, no home) the community handles it.
        level: grid ? 'GRID' : 'COMMUNITY',
        assignee: null,
        slaDueAt: slaDue(category, input.urgency, ctx.now),
        history: [{ ...entry, level: grid ? 'GRID' : 'COMMUNITY' }],
        version: 1,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      // Only the caller's own uploads of this environment (VALIDATION_FAILED otherwise, nothing written).
      if (input.photos.length) await assertOwnUploads(ctx, input.photos, 'photos')
      const { _id, ...data } = doc
      await db.collection('incidents').doc(_id).set({ data })
      await requestMediaChecks(ctx, { fileIds: input.photos, scene: 1 })
      await audit(ctx, { communityId, event: 'incident.report', target: _id, details: { category, urgency: input.urgency } })
      return { incident: await view(doc, ctx), emergency: input.urgency === 'URGENT' ? { numbers: [...EMERGENCY_NUMBERS], disclaimer: EMERGENCY_DISCLAIMER } : null }
    },

    async transition({ incidentId, to, note, assignee }, ctx) {
      const i = await load(incidentId)
      const actor = transitionActor(i.state, to)
      const isReporter = i.reporterOpenid === ctx.openid
      if (actor === 'REPORTER' && !isReporter) throw new AppError('FORBIDDEN', '只有上报人可以确认或重新打开', { incidentId })
      if (actor === 'STAFF' && !canHandle(ctx, i)) throw new AppError('FORBIDDEN', '只能处理本人负责网格内的事项', { incidentId })
      if (!actor) {
        if (!isReporter && !canHandle(ctx, i)) throw new AppError('FORBIDDEN', '没有权限执行此操作', { incidentId })
        throw new AppError('CONFLICT', `不能从“${STATE_LABELS[i.state]}”变为“${STATE_LABELS[to]}”`, { from: i.state, to })
      }
      const entry: HistoryEntry = { state: to, level: i.level, at: ctx.now, byOpenid: ctx.openid, byLabel: actor === 'REPORTER' ? '上报人' : actorLabel(ctx, i.communityId), note: [assignee ? `承办：${assignee}` : null, note || null].filter(Boolean).join('；') || null }
      const patch: Partial<IncidentDoc> = { state: to, version: i.version + 1, updatedAt: ctx.now, ...(assignee ? { assignee } : {}) }
      // Reopened: the clock starts again for the staff.
      if (to === 'REOPENED') patch.slaDueAt = slaDue(i.category, i.urgency, ctx.now)
      const res = (await db
        .collection('incidents')
        .where({ _id: i._id, state: i.state, version: i.version })
        .update({ data: { ...patch, history: _.push([entry]) } })) as unknown as { stats: { updated: number } }
      if (res.stats.updated === 0) throw new AppError('CONFLICT', '这条记录刚被其他人处理过，请刷新后再试', { incidentId })
      await audit(ctx, { communityId: i.communityId, event: 'incident.transition', target: i._id, details: { from: i.state, to } })
      return { incident: await view({ ...i, ...patch, history: [...i.history, entry] } as IncidentDoc, ctx) }
    },

    async list({ communityId, mine, state, page }, ctx) {
      const PAGE = 30
      const where: Record<string, unknown> = { communityId, ...(state ? { state } : {}) }
      if (mine) where.reporterOpenid = ctx.openid
      else {
        const scope = handleScope(ctx, communityId)
        if (!scope) throw new AppError('FORBIDDEN', '没有权限执行此操作', { capability: 'incident.handle', communityId })
        if (scope !== 'all') where.gridId = _.in(scope)
      }
      const docs = await findPage<IncidentDoc>('incidents', where, { orderBy: [['createdAt', 'desc'], ['_id', 'desc']], skip: page * PAGE, limit: PAGE + 1 })
      return { incidents: await Promise.all(docs.slice(0, PAGE).map((d) => view(d, ctx))), hasMore: docs.length > PAGE }
    },

    async get({ incidentId }, ctx) {
      const i = await load(incidentId)
      const handle = canHandle(ctx, i)
      if (!handle && i.reporterOpenid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到这条记录', { incidentId })
      return { incident: await view(i, ctx), canHandle: handle }
    },
  },
  {
    /** R7.5: past its SLA, a case goes up one level (grid → community → 街道) with a fresh SLA. */
    async escalate({ now }) {
      const due = await findPage<IncidentDoc>('incidents', { state: _.nin(['RESOLVED', 'CONFIRMED']), level: _.neq('STREET'), slaDueAt: _.lte(now) }, { orderBy: [['slaDueAt', 'asc']], limit: 100 })
      let escalated = 0
      for (const i of due) {
        const level = nextLevel(i.level)
        if (!level) continue
        const entry: HistoryEntry = { state: i.state, level, at: now, byOpenid: null, byLabel: '系统', note: `超过办理时限，升级至${LEVEL_LABELS[level]}` }
        const res = (await db
          .collection('incidents')
          .where({ _id: i._id, level: i.level, version: i.version })
          .update({ data: { level, slaDueAt: slaDue(i.category, i.urgency, now), version: i.version + 1, updatedAt: now, history: _.push([entry]) } })) as unknown as { stats: { updated: number } }
        escalated += res.stats.updated
      }
      return { escalated }
    },
  },
)
