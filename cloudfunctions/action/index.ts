/**
 * action (issue #15, 你说我办): action items with owner, due date, status and a progress log.
 * Updates append to the log inside a transaction so two staff members recording progress at once
 * both land (R5.12).
 */
import { createHash } from 'node:crypto'
import { createFunction } from '../_core/router'
import { db } from '../_core/cloud'
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
  source: { kind: 'survey' | 'agenda' | 'incidents'; ref: string | null; label: string }
  ownerName: string
  dueDate: string
  status: Status
  progress: { at: Date; status: Status; note: string; by: string }[]
  createdBy: string
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
}

const view = (d: ActionDoc) => ({
  id: d._id,
  title: d.title,
  description: d.description,
  source: d.source,
  ownerName: d.ownerName,
  dueDate: d.dueDate,
  status: d.status,
  progress: d.progress.map(({ at, status, note }) => ({ at, status, note })),
  createdAt: d.createdAt,
  closedAt: d.closedAt,
})

export const main = createFunction(actionContract, {
  async create(input, ctx) {
    const _id = `ai_${createHash('sha256').update(ctx.requestId).digest('hex').slice(0, 20)}`
    const doc: ActionDoc = { _id, ...input, status: 'OPEN', progress: [{ at: ctx.now, status: 'OPEN', note: '已立项', by: ctx.openid }], createdBy: ctx.openid, createdAt: ctx.now, updatedAt: ctx.now, closedAt: null }
    const { _id: id, ...data } = doc
    await db.collection('action_items').doc(id).set({ data })
    await audit(ctx, { communityId: input.communityId, event: 'action.created', target: _id, details: { source: input.source } })
    return view(doc)
  },

  async update({ communityId, actionId, status, note, dueDate, ownerName }, ctx) {
    const next = await withTransaction(async (t) => {
      const cur = ((await t.collection('action_items').doc(actionId).get()) as { data: ActionDoc | null }).data
      if (!cur || cur.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该事项', { actionId })
      if (cur.status === 'DONE') throw new AppError('CONFLICT', '该事项已办结', { actionId })
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
    return view(next)
  },

  async list({ communityId }, ctx) {
    const canManage = capabilityScope(ctx.roles, 'action.manage', communityId) !== null
    const member = ctx.memberships.some((m) => m.status === 'APPROVED' && m.communityId === communityId)
    if (!canManage && !member) return { items: [], canManage }
    const docs = await findPage<ActionDoc>('action_items', { communityId }, { orderBy: [['createdAt', 'desc']], limit: 100 })
    const rank = { OPEN: 0, IN_PROGRESS: 0, DONE: 1 }
    return { items: docs.sort((a, b) => rank[a.status] - rank[b.status]).map(view), canManage }
  },
})
