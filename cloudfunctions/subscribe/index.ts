/**
 * subscribe: credits per (user, template) from requestSubscribeMessage answers, and the timer job
 * that sends notice pokes in batches (R5.6, R5.7). A send is claimed under a deterministic id per
 * (notice, person) before it leaves, so a person never gets one notice twice; a failed send is
 * retried by the job; 43101 (no credit at the platform) marks the credit used up; a withdrawn
 * `notifications` consent stops sends at once (and withdrawal deletes the credits).
 */
import { createFunction } from '../_core/router'
import { _, cloud, db } from '../_core/cloud'
import { findAll, findPage, getDoc, isDuplicateKey } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { subscribeContract } from '../../domain/subscribe/contract'
import {
  chinaTime,
  creditId,
  MAX_SEND_ATTEMPTS,
  messageData,
  requestProblem,
  SENDS_PER_RUN,
  SETTINGS_ID,
  type CreditDoc,
  type SendState,
  type TemplateConfig,
} from '../../domain/subscribe/model'
import { addresses, type CareProfileDoc, type NoticeDoc } from '../../domain/notice/model'
import { consentId, type ConsentDoc } from '../../domain/privacy/consent-model'
import { POLICY_VERSION } from '../../domain/privacy/purposes'
import type { HouseholdMemberDoc } from '../../domain/community/model'
import { AppError } from '../../domain/shared/errors'
import { and, scopeWhere } from '../notice/audience'

interface JobDoc {
  _id: string
  noticeId: string
  templateKey: string
  state: 'PENDING' | 'DONE'
  /** Last household_members _id handled: the job resumes after it. */
  cursor: string | null
  sent: number
  createdAt: Date
  updatedAt: Date
}

interface SendDoc {
  _id: string
  noticeId: string
  openid: string
  templateId: string
  state: SendState
  attempts: number
  message: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }
  error: string | null
  at: Date
}

async function templates(): Promise<TemplateConfig[]> {
  const doc = await getDoc<{ _id: string; templates: TemplateConfig[] }>('app_settings', SETTINGS_ID)
  return doc?.templates ?? []
}

const BATCH = 100

const consentOk = (c: ConsentDoc | undefined) => c?.state === 'GRANTED' && c.policyVersion === POLICY_VERSION

/** Send one claimed message and settle its state and the credit. */
async function deliver(send: SendDoc, now: Date): Promise<SendState> {
  try {
    await cloud.openapi.subscribeMessage.send({ ...send.message, miniprogramState: 'formal' } as never)
  } catch (e) {
    const code = (e as { errCode?: number })?.errCode
    if (code === 43101) {
      // The platform says this person holds no credit: ours is used up too (R5.6).
      await db.collection('subscriptions').where({ _id: creditId(send.openid, send.templateId) }).update({ data: { credits: 0, exhaustedAt: now, updatedAt: now } })
      await db.collection('subscribe_sends').doc(send._id).update({ data: { state: 'NO_CREDIT', attempts: send.attempts + 1, error: '43101', at: now } })
      return 'NO_CREDIT'
    }
    await db.collection('subscribe_sends').doc(send._id).update({ data: { state: 'FAILED', attempts: send.attempts + 1, error: String(code ?? (e as Error)?.message ?? e).slice(0, 200), at: now } })
    return 'FAILED'
  }
  await db.collection('subscribe_sends').doc(send._id).update({ data: { state: 'SENT', attempts: send.attempts + 1, error: null, at: now } })
  // One credit consumed per message sent, read-modify-write in a transaction (never below 0).
  await withTransaction(async (t) => {
    const ref = t.collection('subscriptions').doc(creditId(send.openid, send.templateId))
    const c = (await ref.get()).data as CreditDoc | null
    if (c && c.kind === 'ONE_TIME' && c.credits > 0) await ref.update({ data: { credits: c.credits - 1, updatedAt: now } })
  })
  return 'SENT'
}

/** One batch of a job: the next 100 members of the audience, those with consent and a credit. */
async function runBatch(job: JobDoc, notice: NoticeDoc, template: TemplateConfig, now: Date): Promise<{ sent: number; done: boolean; used: number }> {
  const parts = [{ communityId: notice.communityId, status: 'APPROVED' }, ...scopeWhere(notice.audience, 'unitId', null)]
  if (job.cursor) parts.push({ _id: _.gt(job.cursor) })
  const members = await findPage<HouseholdMemberDoc>('household_members', and(parts), { orderBy: [['_id', 'asc']], limit: BATCH })
  if (members.length === 0) return { sent: 0, done: true, used: 0 }
  const units = [...new Set(members.map((m) => m.unitId))]
  const care = notice.audience.tags.length ? await findAll<CareProfileDoc>('care_profiles', { unitId: _.in(units) }) : []
  const addressed = members.filter((m) =>
    addresses(notice.audience, {
      unitId: m.unitId,
      buildingId: m.buildingId,
      relations: [m.relation],
      hasOwner: m.relation === 'OWNER' || m.relation === 'CO_OWNER',
      tags: care.filter((c) => c.unitId === m.unitId).flatMap((c) => c.careFlags),
    }),
  )
  const openids = [...new Set(addressed.map((m) => m.openid))]
  const [consents, credits] = openids.length
    ? await Promise.all([
        findAll<ConsentDoc>('consents', { _id: _.in(openids.map((o) => consentId(o, 'notifications'))) }),
        findAll<CreditDoc>('subscriptions', { _id: _.in(openids.map((o) => creditId(o, template.id))) }),
      ])
    : [[], []]
  let sent = 0
  let used = 0
  for (const openid of openids) {
    const credit = credits.find((c) => c.openid === openid)
    if (!consentOk(consents.find((c) => c.openid === openid))) continue
    if (!credit || !credit.accepted || (credit.kind === 'ONE_TIME' && credit.credits <= 0)) continue
    const send: SendDoc = {
      _id: `ss_${notice._id}_${openid}`,
      noticeId: notice._id,
      openid,
      templateId: template.id,
      state: 'PENDING',
      attempts: 0,
      message: {
        touser: openid,
        templateId: template.id,
        page: `pages/notices/detail?id=${encodeURIComponent(notice._id)}`,
        data: messageData(template, { title: notice.title, time: chinaTime(notice.publishedAt ?? now), author: notice.authorName, category: notice.category }),
      },
      error: null,
      at: now,
    }
    try {
      // The claim: at most one message per (notice, person), however often the job runs.
      await db.collection('subscribe_sends').add({ data: send })
    } catch (e) {
      if (isDuplicateKey(e)) continue
      throw e
    }
    used++
    if ((await deliver(send, now)) === 'SENT') sent++
  }
  const last = members[members.length - 1]._id
  const done = members.length < BATCH
  await db.collection('subscribe_jobs').doc(job._id).update({ data: { cursor: last, sent: job.sent + sent, updatedAt: now, ...(done ? { state: 'DONE' } : {}) } })
  job.cursor = last
  job.sent += sent
  return { sent, done, used }
}

export const main = createFunction(
  subscribeContract,
  {
    async templates() {
      return { templates: (await templates()).map(({ key, id, kind, title }) => ({ key, id, kind, title })) }
    },

    async record({ results }, ctx) {
      const known = await templates()
      const unknown = results.filter((r) => !known.some((t) => t.id === r.templateId)).map((r) => r.templateId)
      if (unknown.length) throw new AppError('VALIDATION_FAILED', '填写的内容有误，请检查', { fields: { results: [`未配置的模板：${unknown.join('、')}`] } })
      const chosen = results.map((r) => known.find((t) => t.id === r.templateId)!)
      const problem = requestProblem(chosen)
      if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: { results: [problem] } })
      const out: { templateId: string; credits: number; accepted: boolean }[] = []
      for (const r of results) {
        const t = chosen.find((x) => x.id === r.templateId)!
        const accepted = r.result === 'accept'
        const doc = await withTransaction(async (tx) => {
          const ref = tx.collection('subscriptions').doc(creditId(ctx.openid, t.id))
          const old = (await ref.get()).data as CreditDoc | null
          const next: Omit<CreditDoc, '_id'> = {
            openid: ctx.openid,
            templateId: t.id,
            templateKey: t.key,
            kind: t.kind,
            // Each accepted one-time request is one message (R5.6); a refusal leaves earlier credits.
            credits: (old?.credits ?? 0) + (accepted && t.kind === 'ONE_TIME' ? 1 : 0),
            accepted: accepted || (old?.accepted ?? false),
            updatedAt: ctx.now,
            exhaustedAt: accepted ? null : (old?.exhaustedAt ?? null),
          }
          await ref.set({ data: next })
          return next
        })
        out.push({ templateId: t.id, credits: doc.credits, accepted: doc.accepted })
      }
      return { credits: out }
    },
  },
  {
    /** Send notice pokes: failed sends first (retries), then pending jobs, within SENDS_PER_RUN. */
    async 'send-batch'({ now }) {
      let budget = SENDS_PER_RUN
      let sent = 0
      let retried = 0
      const failed = await findPage<SendDoc>('subscribe_sends', { state: 'FAILED', attempts: _.lt(MAX_SEND_ATTEMPTS) }, { orderBy: [['at', 'asc']], limit: 50 })
      for (const f of failed) {
        // Only a send whose state is still FAILED is retried (two job runs never retry one twice).
        const res = (await db.collection('subscribe_sends').where({ _id: f._id, state: 'FAILED', attempts: f.attempts }).update({ data: { state: 'PENDING', at: now } })) as unknown as { stats: { updated: number } }
        if (res.stats.updated === 0) continue
        budget--
        retried++
        if ((await deliver(f, now)) === 'SENT') sent++
      }
      const all = await templates()
      const jobs = await findPage<JobDoc>('subscribe_jobs', { state: 'PENDING' }, { orderBy: [['createdAt', 'asc']], limit: 5 })
      for (const job of jobs) {
        const notice = await getDoc<NoticeDoc>('notices', job.noticeId)
        const template = all.find((t) => t.key === job.templateKey)
        if (!notice || notice.status !== 'PUBLISHED' || !template) {
          await db.collection('subscribe_jobs').doc(job._id).update({ data: { state: 'DONE', updatedAt: now } })
          continue
        }
        // A batch is at most 100 people: start one only when the whole batch fits the budget.
        while (budget >= BATCH) {
          const r = await runBatch(job, notice, template, now)
          sent += r.sent
          budget -= Math.max(1, r.used)
          if (r.done) break
        }
        if (budget < BATCH) break
      }
      return { sent, retried }
    },
  },
)
