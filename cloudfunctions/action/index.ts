/**
 * action (issue #15, 你说我办): action items with owner, due date, status and a progress log.
 * Updates append to the log inside a transaction so two staff members recording progress at once
 * both land (R5.12).
 */
import { createHash } from 'node:crypto'
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import type { CallContext } from '../_core/context'
import { findPage, getDoc } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { audit } from '../_core/audit'
import { actionContract } from '../../domain/action/contract'
import { capabilityScope } from '../../domain/access/capabilities'
import { AppError } from '../../domain/shared/errors'

type Status = 'OPEN' | 'IN_PROGRESS' | 'DONE'
interface ActionDoc {
  _id: string
  communityId: string
  title: string
  description: string
  source: { kind: 'survey' | 'agenda' | 'incidents'; ref: string | null; label: string; incidentIds: string[] }
  /** Reporters of the linked incidents: told when the item is closed; never returned to anyone. */
  notify: string[]
  ownerName: string
  dueDate: string
  status: Status
  progress: { at: Date; status: Status; note: string; by: string }[]
  createdBy: string
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
}

/**
 * Who an item came from: the reporters of its incidents; a survey finding or an agenda item came
 * from the community's residents (the survey's audience, the council), so every member is told.
 */
const cameFrom = (d: ActionDoc, ctx: CallContext) =>
  d.source.kind === 'incidents' ? (d.notify ?? []).includes(ctx.openid) : ctx.memberships.some((m) => m.status === 'APPROVED' && m.communityId === d.communityId)

/** The reporters of the linked incidents, which must belong to the community. */
async function reportersOf(communityId: string, incidentIds: string[]): Promise<string[]> {
  if (incidentIds.length === 0) return []
  const docs = await findPage<{ _id: string; communityId: string; reporterOpenid: string }>('incidents', { _id: _.in(incidentIds) }, { limit: 100, fields: { communityId: true, reporterOpenid: true } })
  const found = new Set(docs.filter((d) => d.communityId === communityId).map((d) => d._id))
  const missing = incidentIds.filter((id) => !found.has(id))
  if (missing.length) throw new AppError('VALIDATION_FAILED', '有关联的事件不存在', { fields: { 'source.incidentIds': [`没有找到：${missing.join('、')}`] } })
  return [...new Set(docs.map((d) => d.reporterOpenid))]
}

const view = (d: ActionDoc, ctx: CallContext) => ({
  id: d._id,
  title: d.title,
  description: d.description,
  source: { ...d.source, incidentIds: d.source.incidentIds ?? [] },
  ownerName: d.ownerName,
  dueDate: d.dueDate,
  status: d.status,
  progress: d.progress.map(({ at, status, note }) => ({ at, status, note })),
  createdAt: d.createdAt,
  closedAt: d.closedAt,
  fromYou: cameFrom(d, ctx),
})

export const main = createFunction(actionContract, {
  async create(input, ctx) {
    const _id = `ai_${createHash('sha256').update(ctx.requestId).digest('hex').slice(0, 20)}`
    const notify = input.source.kind === 'incidents' ? await reportersOf(input.communityId, input.source.incidentIds) : []
    const doc: ActionDoc = { _id, ...input, notify, status: 'OPEN', progress: [{ at: ctx.now, status: 'OPEN', note: '已立项', by: ctx.openid }], createdBy: ctx.openid, createdAt: ctx.now, updatedAt: ctx.now, closedAt: null }
    const { _id: id, ...data } = doc
    await db.collection('action_items').doc(id).set({ data })
    await audit(ctx, { communityId: input.communityId, event: 'action.created', target: _id, details: { source: input.source } })
    return view(doc, ctx)
  },

  async update({ communityId, actionId, status, note, dueDate, ownerName }, ctx) {
    const next = await withTransaction(async (t) => {
      const cur = ((await t.collection('action_items').doc(actionId).get()) as { data: ActionDoc | null }).data
      if (!cur || cur.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该事项', { actionId })
      if (cur.status === 'DONE') throw new AppError('CONFLICT', '该事项已办结', { actionId })
      // Closing tells residents what was done (the note is shown on their 首页), so it must say something.
      if (status === 'DONE' && note.length < 4) throw new AppError('VALIDATION_FAILED', '办结时请写明办了什么', { fields: { note: ['办结说明至少4个字，居民会在首页看到'] } })
      const s = status ?? cur.status
      const patch = {
        status: s,
        ...(dueDate ? { dueDate } : {}),
        ...(ownerName ? { ownerName } : {}),
        progress: [...cur.progress, { at: ctx.now, status: s, note, by: ctx.openid }],
        updatedAt: ctx.now,
        closedAt: s === 'DONE' ? ctx.now : null,
      }
      await t.collection('action_items').doc(actionId).update({ data: patch })
      return { ...cur, _id: actionId, ...patch }
    })
    await audit(ctx, { communityId, event: next.status === 'DONE' ? 'action.closed' : 'action.updated', target: actionId, details: { status: next.status } })
    return view(next, ctx)
  },

  async list({ communityId }, ctx) {
    const canManage = capabilityScope(ctx.roles, 'action.manage', communityId) !== null
    const member = ctx.memberships.some((m) => m.status === 'APPROVED' && m.communityId === communityId)
    if (!canManage && !member) return { items: [], canManage }
    const docs = await findPage<ActionDoc>('action_items', { communityId }, { orderBy: [['createdAt', 'desc']], limit: 100 })
    const rank = { OPEN: 0, IN_PROGRESS: 0, DONE: 1 }
    return { items: docs.sort((a, b) => rank[a.status] - rank[b.status]).map((d) => view(d, ctx)), canManage }
  },
})
