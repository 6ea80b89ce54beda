/**
 * finance: 物业收支公示 (issue #14 §2). Every publication is a new immutable document
 * (finance_periods, `fp_<community>_<period>_v<n>`); the per-community head (finance_heads) lists
 * the published periods and their latest versions, and is read and written in the same
 * transaction as the new version, so two racing publications can neither overlap nor both
 * become version 2 (R5.12). Questions and committee comments are public: msgSecCheck, fail
 * closed (R5.8), authors masked.
 */
import { createHash } from 'node:crypto'
import { createFunction } from '../_core/router'
import { _ } from '../_core/cloud'
import { findAll, getDoc } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { checkText } from '../_core/content-check'
import { audit } from '../_core/audit'
import type { CallContext } from '../_core/context'
import { bumpCell } from '../scorecard/cells'
import { applyAnswer, applyQuestionAsked } from '../../domain/scorecard/apply'
import { financeContract } from '../../domain/finance/contract'
import { ageDays, diffReports, periodLabel, periodsOverlap, type Change, type FinanceReport } from '../../domain/finance/model'
import { periodOf } from '../../domain/repair/model'
import { capabilityScope } from '../../domain/access/capabilities'
import { maskName } from '../../domain/privacy/masking'
import { AppError } from '../../domain/shared/errors'

interface HeadDoc {
  _id: string
  communityId: string
  periods: Record<string, { latestVersion: number; latestId: string; publishedAt: Date }>
}

interface PeriodDoc {
  _id: string
  communityId: string
  periodKey: string
  version: number
  report: FinanceReport
  publishedAt: Date
  publishedBy: string
  actorOpenid: string
  correctionReason: string | null
  changes: Change[]
}

interface QuestionDoc {
  _id: string
  communityId: string
  periodKey: string
  openid: string
  authorMasked: string
  text: string
  status: 'PUBLISHED' | 'PENDING_REVIEW' | 'REJECTED'
  rejectReason?: string | null
  askedAt: Date
  /** The scorecard month it counts in (when asked). */
  period: string
  answer: { text: string; at: Date; by: string; actorOpenid: string } | null
}

interface CommentDoc {
  _id: string
  communityId: string
  periodKey: string
  text: string
  by: string
  actorOpenid: string
  status: 'PUBLISHED' | 'PENDING_REVIEW' | 'REJECTED'
  rejectReason?: string | null
  at: Date
}

const versionId = (communityId: string, periodKey: string, version: number) => `fp_${communityId}_${periodKey}_v${version}`
const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 20)
const named = (ctx: CallContext, role: string) => `${role} ${ctx.user?.realName ?? ctx.user?.nickname ?? ''}`.trim()

async function headOf(communityId: string): Promise<HeadDoc | null> {
  return getDoc<HeadDoc>('finance_heads', communityId)
}

/** A published period or NOT_FOUND. */
async function requirePeriod(communityId: string, periodKey: string): Promise<HeadDoc['periods'][string]> {
  const head = await headOf(communityId)
  const p = head?.periods?.[periodKey]
  if (!p) throw new AppError('NOT_FOUND', '该期收支尚未公示', { periodKey })
  return p
}

function requireResident(ctx: CallContext, communityId: string) {
  if (!ctx.roles.some((r) => r.communityId === communityId && r.role === 'RESIDENT')) throw new AppError('FORBIDDEN', '本社区居民才能提问', { communityId })
}

export const main = createFunction(financeContract, {
  async publish({ communityId, periodKey, report, correctsVersion, correctionReason }, ctx) {
    return withTransaction(async (t) => {
      const headRef = t.collection('finance_heads').doc(communityId)
      const head = ((await headRef.get()) as { data: HeadDoc | null }).data ?? { _id: communityId, communityId, periods: {} }
      const current = head.periods[periodKey]
      let version = 1
      let changes: Change[] = []
      if (!correctsVersion) {
        if (current) throw new AppError('VALIDATION_FAILED', '该期已公示，如需修改请发布更正', { fields: { periodKey: ['该期已公示，已公示的数据不能修改，请发布更正版本'] } })
        const clash = Object.keys(head.periods).find((k) => periodsOverlap(k, periodKey))
        if (clash) throw new AppError('VALIDATION_FAILED', `与已公示的${periodLabel(clash)}重叠`, { fields: { periodKey: [`与已公示的${periodLabel(clash)}时间重叠`] } })
      } else {
        if (!current) throw new AppError('NOT_FOUND', '要更正的期间尚未公示', { periodKey })
        if (current.latestVersion !== correctsVersion) throw new AppError('CONFLICT', `只能更正最新版本（第${current.latestVersion}版）`, { latestVersion: current.latestVersion })
        const prev = ((await t.collection('finance_periods').doc(current.latestId).get()) as { data: PeriodDoc }).data
        changes = diffReports(prev.report, report)
        if (changes.length === 0) throw new AppError('VALIDATION_FAILED', '更正版本与原版本相同', { fields: { report: ['没有任何变化'] } })
        version = current.latestVersion + 1
      }
      const id = versionId(communityId, periodKey, version)
      const doc: Omit<PeriodDoc, '_id'> = {
        communityId,
        periodKey,
        version,
        report,
        publishedAt: ctx.now,
        publishedBy: named(ctx, '物业'),
        actorOpenid: ctx.openid,
        correctionReason: correctionReason ?? null,
        changes,
      }
      // add, not set: a version id that exists already fails instead of overwriting published figures.
      await t.collection('finance_periods').add({ data: { _id: id, ...doc } })
      const periods = { ...head.periods, [periodKey]: { latestVersion: version, latestId: id, publishedAt: ctx.now } }
      await headRef.set({ data: { communityId, periods } })
      return { id, periodKey, version, changes }
    })
  },

  async list({ communityId }) {
    const head = await headOf(communityId)
    const keys = Object.keys(head?.periods ?? {}).sort().reverse()
    const docs = keys.length ? await findAll<PeriodDoc>('finance_periods', { _id: _.in(keys.map((k) => head!.periods[k].latestId)) }) : []
    const open = keys.length ? await findAll<QuestionDoc>('finance_questions', { communityId, answer: null, status: 'PUBLISHED' }, { max: 2000 }) : []
    const byId = new Map(docs.map((d) => [d._id, d]))
    return {
      periods: keys
        .map((k) => byId.get(head!.periods[k].latestId))
        .filter((d): d is PeriodDoc => !!d)
        .map((d) => ({
          periodKey: d.periodKey,
          label: periodLabel(d.periodKey),
          version: d.version,
          publishedAt: d.publishedAt,
          incomeTotalFen: d.report.incomeTotalFen,
          expenditureTotalFen: d.report.expenditureTotalFen,
          fundClosingFen: d.report.fund.closingFen,
          corrected: d.version > 1,
          openQuestions: open.filter((q) => q.periodKey === d.periodKey).length,
        })),
    }
  },

  async get({ communityId, periodKey, version }, ctx) {
    const p = await requirePeriod(communityId, periodKey)
    const versions = await findAll<PeriodDoc>('finance_periods', { communityId, periodKey }, { orderBy: [['version', 'asc']], max: 100 })
    const shown = versions.find((v) => v.version === (version ?? p.latestVersion))
    if (!shown) throw new AppError('NOT_FOUND', '没有该版本', { version })
    const questions = await findAll<QuestionDoc>('finance_questions', { communityId, periodKey }, { orderBy: [['askedAt', 'asc']], max: 500 })
    const comments = await findAll<CommentDoc>('finance_comments', { communityId, periodKey }, { orderBy: [['at', 'asc']], max: 100 })
    return {
      periodKey,
      label: periodLabel(periodKey),
      version: shown.version,
      latestVersion: p.latestVersion,
      publishedAt: shown.publishedAt,
      publishedBy: shown.publishedBy,
      report: shown.report,
      versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, reason: v.correctionReason, changes: v.changes })),
      // Held and rejected questions are seen only by their author (staff cannot answer them).
      questions: questions
        .filter((q) => q.status === 'PUBLISHED' || q.openid === ctx.openid)
        .map((q) => ({
          id: q._id,
          authorMasked: q.authorMasked,
          text: q.text,
          askedAt: q.askedAt,
          ageDays: ageDays(q.askedAt, q.answer ? new Date(q.answer.at) : ctx.now),
          answer: q.answer ? { text: q.answer.text, at: q.answer.at, by: q.answer.by } : null,
          mine: q.openid === ctx.openid,
          status: q.status,
          rejectReason: q.status === 'REJECTED' ? (q.rejectReason ?? null) : null,
        })),
      comments: comments.filter((c) => c.status === 'PUBLISHED').map((c) => ({ id: c._id, text: c.text, at: c.at, by: c.by })),
      myHeldComments: comments
        .filter((c): c is CommentDoc & { status: 'PENDING_REVIEW' | 'REJECTED' } => c.status !== 'PUBLISHED' && c.actorOpenid === ctx.openid)
        .map((c) => ({ id: c._id, text: c.text, at: c.at, status: c.status, rejectReason: c.rejectReason ?? null })),
    }
  },

  async ask({ communityId, periodKey, text }, ctx) {
    requireResident(ctx, communityId)
    await requirePeriod(communityId, periodKey)
    const verdict = await checkText(ctx.openid, text, 3)
    if (verdict === 'RISKY') throw new AppError('VALIDATION_FAILED', '内容未通过安全检查，请修改', { fields: { text: ['内容未通过安全检查，请修改后再提交'] } })
    // Public text fails closed: under review or with the check down it waits unseen (R5.8).
    const status: 'PUBLISHED' | 'PENDING_REVIEW' = verdict === 'PASS' ? 'PUBLISHED' : 'PENDING_REVIEW'
    const home = ctx.memberships.find((m) => m.communityId === communityId && m.status === 'APPROVED')
    const author = maskName(ctx.user?.realName ?? home?.realName ?? ctx.user?.nickname ?? '居民') || '居民'
    const id = `fq_${shortHash(`${ctx.openid}:${ctx.requestId}`)}`
    const doc: Omit<QuestionDoc, '_id'> = { communityId, periodKey, openid: ctx.openid, authorMasked: `${author}（居民）`, text, status, askedAt: ctx.now, period: periodOf(ctx.now), answer: null }
    await withTransaction(async (t) => {
      await t.collection('finance_questions').doc(id).set({ data: doc })
      if (status === 'PUBLISHED') await bumpCell(t, communityId, doc.period, ctx.now, applyQuestionAsked)
    })
    return { id, status }
  },

  async answer({ communityId, questionId, text }, ctx) {
    const verdict = await checkText(ctx.openid, text, 3)
    if (verdict === 'RISKY') throw new AppError('VALIDATION_FAILED', '内容未通过安全检查，请修改', { fields: { text: ['内容未通过安全检查'] } })
    if (verdict !== 'PASS') throw new AppError('CONFLICT', '内容安全检查暂不可用或需人工审核，请稍后再试', { verdict })
    return withTransaction(async (t) => {
      const ref = t.collection('finance_questions').doc(questionId)
      const q = ((await ref.get()) as { data: QuestionDoc | null }).data
      if (!q || q.communityId !== communityId || q.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', '没有找到该提问', { questionId })
      if (q.answer) throw new AppError('CONFLICT', '该提问已答复', { questionId })
      await ref.update({ data: { answer: { text, at: ctx.now, by: named(ctx, '物业'), actorOpenid: ctx.openid } } })
      await bumpCell(t, communityId, q.period, ctx.now, (c) => applyAnswer(c, q.askedAt, ctx.now))
      return { id: questionId }
    })
  },

  async comment({ communityId, periodKey, text }, ctx) {
    if (!capabilityScope(ctx.roles, 'finance.comment', communityId)) throw new AppError('FORBIDDEN', '只有业委会委员可以评论', { communityId })
    await requirePeriod(communityId, periodKey)
    const verdict = await checkText(ctx.openid, text, 3)
    if (verdict === 'RISKY') throw new AppError('VALIDATION_FAILED', '内容未通过安全检查，请修改', { fields: { text: ['内容未通过安全检查'] } })
    const status: 'PUBLISHED' | 'PENDING_REVIEW' = verdict === 'PASS' ? 'PUBLISHED' : 'PENDING_REVIEW'
    const id = `fc_${shortHash(`${ctx.openid}:${ctx.requestId}`)}`
    const doc: Omit<CommentDoc, '_id'> = { communityId, periodKey, text, by: named(ctx, '业委会委员'), actorOpenid: ctx.openid, status, at: ctx.now }
    await withTransaction(async (t) => {
      await t.collection('finance_comments').doc(id).set({ data: doc })
    })
    return { id, status }
  },

  async held({ communityId }) {
    const [questions, comments] = await Promise.all([
      findAll<QuestionDoc>('finance_questions', { communityId, status: 'PENDING_REVIEW' }, { orderBy: [['askedAt', 'asc']], max: 200 }),
      findAll<CommentDoc>('finance_comments', { communityId, status: 'PENDING_REVIEW' }, { orderBy: [['at', 'asc']], max: 200 }),
    ])
    const items = [
      ...questions.map((q) => ({ kind: 'QUESTION' as const, id: q._id, periodKey: q.periodKey, label: periodLabel(q.periodKey), text: q.text, by: q.authorMasked, at: q.askedAt })),
      ...comments.map((c) => ({ kind: 'COMMENT' as const, id: c._id, periodKey: c.periodKey, label: periodLabel(c.periodKey), text: c.text, by: c.by, at: c.at })),
    ]
    return { items: items.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime()) }
  },

  /**
   * A second person decides on held public text (R5.8): the residents' committee, since the
   * questions are about the property company. The status moves only from PENDING_REVIEW, in a
   * transaction, so two moderators racing cannot both decide. A published question counts into
   * the scorecard of the month it was asked in and ages from when it was asked.
   */
  async moderate({ communityId, kind, id, decision, reason }, ctx) {
    const collection = kind === 'QUESTION' ? 'finance_questions' : 'finance_comments'
    const status: 'PUBLISHED' | 'REJECTED' = decision === 'PUBLISH' ? 'PUBLISHED' : 'REJECTED'
    const before = await withTransaction(async (t) => {
      const ref = t.collection(collection).doc(id)
      const doc = ((await ref.get()) as { data: (QuestionDoc | CommentDoc) | null }).data
      if (!doc || doc.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该内容', { id })
      if (doc.status !== 'PENDING_REVIEW') throw new AppError('CONFLICT', '该内容已处理', { status: doc.status })
      await ref.update({ data: { status, rejectReason: status === 'REJECTED' ? reason.trim() : null, moderatedAt: ctx.now, moderatorOpenid: ctx.openid } })
      if (kind === 'QUESTION' && status === 'PUBLISHED') await bumpCell(t, communityId, (doc as QuestionDoc).period, ctx.now, applyQuestionAsked)
      return doc.status
    })
    await audit(ctx, { communityId, event: `finance.${kind.toLowerCase()}.${status.toLowerCase()}`, target: id, details: { before, after: status, reason: reason.trim() } })
    return { id, status }
  },
})
