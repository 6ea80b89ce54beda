/**
 * survey (issue #15): staff with survey.manage build, publish and close questionnaires and read
 * their aggregated results; residents of the audience answer once per person or per household.
 * Anonymous responses keep no openid, no unit and no time finer than the day; their uniqueness is
 * a salted token in survey_tokens that cannot be joined back (identity.ts).
 */
import { createHash } from 'node:crypto'
import { createFunction } from '../_core/router'
import { db } from '../_core/cloud'
import { findAll, findPage, getDoc, isDuplicateKey } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { audit } from '../_core/audit'
import type { CallContext } from '../_core/context'
import { surveyContract } from '../../domain/survey/contract'
import { chinaDay, type Answers, type SurveyDefinition, type SurveyDoc, type SurveyResponseDoc, type TextModeration } from '../../domain/survey/model'
import { checkResponse, hasErrors } from '../../domain/survey/rules'
import { aggregate } from '../../domain/survey/results'
import { resultsCsv } from '../../domain/survey/csv'
import { baselineTemplate, TEMPLATE_KEY } from '../../domain/survey/baseline'
import { capabilityScope } from '../../domain/access/capabilities'
import { AppError, type FieldErrors } from '../../domain/shared/errors'
import { audienceHouseholds, eligibleMemberships } from './audience'
import { heldTexts, reviewText } from './review'
import { checkText } from './content-check'
import { namedResponseId, randomResponseId, tokenId, type Subject } from './identity'

const canManage = (ctx: CallContext, communityId: string) => capabilityScope(ctx.roles, 'survey.manage', communityId) !== null

/** A survey the caller may see: drafts only with survey.manage; others for members of its community. */
async function visibleSurvey(ctx: CallContext, surveyId: string): Promise<SurveyDoc> {
  const s = await getDoc<SurveyDoc>('surveys', surveyId)
  const member = s && ctx.memberships.some((m) => m.status === 'APPROVED' && m.communityId === s.communityId)
  if (!s || (s.status === 'DRAFT' ? !canManage(ctx, s.communityId) : !member && !canManage(ctx, s.communityId))) {
    throw new AppError('NOT_FOUND', '没有找到该问卷', { surveyId })
  }
  return s
}

/** A survey of the community named in the input (the capability was checked for that community). */
async function managedSurvey(surveyId: string, communityId: string): Promise<SurveyDoc> {
  const s = await getDoc<SurveyDoc>('surveys', surveyId)
  if (!s || s.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该问卷', { surveyId })
  return s
}

function definitionDoc(def: SurveyDefinition): Pick<SurveyDoc, 'title' | 'intro' | 'questions' | 'audience' | 'anonymous' | 'oncePer' | 'opensAt' | 'closesAt'> {
  return {
    title: def.title,
    intro: def.intro,
    questions: def.questions,
    audience: def.audience,
    anonymous: def.anonymous,
    oncePer: def.oncePer,
    opensAt: new Date(def.opensAt),
    closesAt: new Date(def.closesAt),
  }
}

function isOpen(s: SurveyDoc, now: Date): boolean {
  return s.status === 'PUBLISHED' && new Date(s.opensAt) <= now && now < new Date(s.closesAt)
}

/** The subjects the caller could answer as (one per eligible unit when per household). */
function subjectsOf(ctx: CallContext, s: SurveyDoc, units: string[]): Subject[] {
  return s.oncePer === 'person' ? [{ kind: 'person', key: ctx.openid }] : units.map((u) => ({ kind: 'household', key: u }))
}

async function alreadyAnswered(s: SurveyDoc, subject: Subject): Promise<SurveyResponseDoc | { _id: string } | null> {
  return s.anonymous ? getDoc<{ _id: string }>('survey_tokens', tokenId(s._id, subject)) : getDoc<SurveyResponseDoc>('survey_responses', namedResponseId(s._id, subject))
}

/** What a second response hears: when the household (or person) answered — anonymous surveys keep no time at all. */
function answeredError(s: SurveyDoc, subject: Subject, existing: Partial<SurveyResponseDoc> | null): AppError {
  const who = subject.kind === 'household' ? '您家' : '您'
  if (!s.anonymous && existing?.answeredAt) {
    const when = new Date(existing.answeredAt)
    const label = `${chinaDay(when)} ${new Date(when.getTime() + 8 * 3600 * 1000).toISOString().slice(11, 16)}`
    const by = subject.kind === 'household' && existing.openid ? '（家中一位成员）' : ''
    return new AppError('CONFLICT', `${who}已于${label}${by}填写过这份问卷，每${subject.kind === 'household' ? '户' : '人'}只能填写一次`, { surveyId: s._id, answeredAt: when.toISOString(), oncePer: s.oncePer })
  }
  return new AppError('CONFLICT', `${who}已经填写过这份匿名问卷（匿名问卷不记录填写时间），每${subject.kind === 'household' ? '户' : '人'}只能填写一次`, { surveyId: s._id, answeredAt: null, oncePer: s.oncePer })
}

function summary(s: SurveyDoc, answered: boolean, canAnswer: boolean) {
  return {
    id: s._id,
    title: s.title,
    status: s.status,
    anonymous: s.anonymous,
    oncePer: s.oncePer,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    questionCount: s.questions.length,
    templateKey: s.templateKey,
    answered,
    canAnswer,
  }
}

async function answeredBy(ctx: CallContext, s: SurveyDoc): Promise<{ answered: boolean; eligible: boolean }> {
  const eligible = await eligibleMemberships(ctx, s)
  if (eligible.length === 0) return { answered: false, eligible: false }
  const subjects = subjectsOf(ctx, s, [...new Set(eligible.map((m) => m.unitId))])
  const found = await Promise.all(subjects.map((sub) => alreadyAnswered(s, sub)))
  // Per household with several homes: answered only when every home has answered.
  return { answered: found.every(Boolean), eligible: true }
}

/** Every response of a survey, answers only (never who), 100 per request (R5.11). */
async function allAnswers(surveyId: string): Promise<Pick<SurveyResponseDoc, 'answers' | 'moderation'>[]> {
  const out: Pick<SurveyResponseDoc, 'answers' | 'moderation'>[] = []
  for (let skip = 0; ; skip += 100) {
    const page = await findPage<SurveyResponseDoc>('survey_responses', { surveyId }, { orderBy: [['_id', 'asc']], skip, limit: 100, fields: { answers: true, moderation: true } })
    out.push(...page)
    if (page.length < 100) return out
  }
}

async function resultsOf(s: SurveyDoc) {
  const r = aggregate(s.questions, await allAnswers(s._id))
  return { surveyId: s._id, title: s.title, status: s.status, ...r }
}

/** Free-text answers through the content check; risky ones refuse the whole response. */
async function moderate(ctx: CallContext, s: SurveyDoc, answers: Answers): Promise<Record<string, TextModeration>> {
  const moderation: Record<string, TextModeration> = {}
  const refused: FieldErrors = {}
  for (const q of s.questions) {
    if (q.kind !== 'text' || typeof answers[q.id] !== 'string') continue
    const verdict = await checkText(ctx.openid, answers[q.id] as string)
    if (verdict === 'RISKY') refused[`answers.${q.id}`] = ['这段文字未通过内容安全检查，请修改后再提交']
    else moderation[q.id] = verdict
  }
  if (hasErrors(refused)) throw new AppError('VALIDATION_FAILED', '有回答未通过内容安全检查', { fields: refused })
  return moderation
}

async function createDraft(ctx: CallContext, communityId: string, def: SurveyDefinition, templateKey: string | null, origin: SurveyDoc['origin'] = null) {
  const _id = surveyIdFor(ctx.requestId)
  const doc: Omit<SurveyDoc, '_id'> = {
    communityId,
    ...definitionDoc(def),
    status: 'DRAFT',
    templateKey,
    createdBy: ctx.openid,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    publishedAt: null,
    closedAt: null,
    origin: origin ?? null,
  }
  await db.collection('surveys').doc(_id).set({ data: doc })
  await audit(ctx, { communityId, event: 'survey.created', target: _id, details: { template: templateKey } })
  return { surveyId: _id, status: 'DRAFT' as const }
}

const surveyIdFor = (requestId: string) => `sv_${createHash('sha256').update(requestId).digest('hex').slice(0, 20)}`

export const main = createFunction(surveyContract, {
  async create({ communityId, origin, ...def }, ctx) {
    return createDraft(ctx, communityId, def, null, origin ?? null)
  },

  async createFromTemplate({ communityId, opensAt, closesAt }, ctx) {
    return createDraft(ctx, communityId, baselineTemplate(opensAt, closesAt), TEMPLATE_KEY)
  },

  async update({ surveyId, communityId, ...def }, ctx) {
    const s = await managedSurvey(surveyId, communityId)
    if (s.status !== 'DRAFT') throw new AppError('CONFLICT', '问卷已发布，不能再修改题目', { surveyId, status: s.status })
    await db.collection('surveys').doc(surveyId).update({ data: { ...definitionDoc(def), updatedAt: ctx.now } })
    return { surveyId, status: 'DRAFT' as const }
  },

  async publish({ surveyId, communityId }, ctx) {
    const s = await managedSurvey(surveyId, communityId)
    if (s.status === 'PUBLISHED') return { surveyId, status: s.status }
    if (s.status !== 'DRAFT') throw new AppError('CONFLICT', '问卷已结束，不能再发布', { surveyId, status: s.status })
    if (new Date(s.closesAt) <= ctx.now) throw new AppError('VALIDATION_FAILED', '截止时间已过，请先修改截止时间', { fields: { closesAt: ['截止时间已过'] } })
    await db.collection('surveys').doc(surveyId).update({ data: { status: 'PUBLISHED', publishedAt: ctx.now, updatedAt: ctx.now } })
    await audit(ctx, { communityId, event: 'survey.published', target: surveyId })
    return { surveyId, status: 'PUBLISHED' as const }
  },

  async close({ surveyId, communityId }, ctx) {
    const s = await managedSurvey(surveyId, communityId)
    if (s.status === 'CLOSED') return { surveyId, status: s.status }
    if (s.status !== 'PUBLISHED') throw new AppError('CONFLICT', '草稿不需要结束，可以直接修改', { surveyId, status: s.status })
    await db.collection('surveys').doc(surveyId).update({ data: { status: 'CLOSED', closedAt: ctx.now, updatedAt: ctx.now } })
    await audit(ctx, { communityId, event: 'survey.closed', target: surveyId })
    return { surveyId, status: 'CLOSED' as const }
  },

  async list({ communityId }, ctx) {
    const manage = canManage(ctx, communityId)
    const member = ctx.memberships.some((m) => m.status === 'APPROVED' && m.communityId === communityId)
    if (!manage && !member) return { surveys: [], canManage: false }
    const docs = await findPage<SurveyDoc>('surveys', { communityId }, { orderBy: [['createdAt', 'desc']], limit: 50 })
    const surveys = []
    for (const s of docs) {
      if (s.status === 'DRAFT' && !manage) continue
      const { answered, eligible } = await answeredBy(ctx, s)
      // Residents see the surveys addressed to them; staff see all of their community's.
      if (!eligible && !manage) continue
      surveys.push(summary(s, answered, eligible && !answered && isOpen(s, ctx.now)))
    }
    return { surveys, canManage: manage }
  },

  async get({ surveyId }, ctx) {
    const s = await visibleSurvey(ctx, surveyId)
    const { answered, eligible } = await answeredBy(ctx, s)
    return { ...summary(s, answered, eligible && !answered && isOpen(s, ctx.now)), communityId: s.communityId, intro: s.intro, audience: s.audience, questions: s.questions, origin: s.origin ?? null }
  },

  async respond({ surveyId, answers, unitId }, ctx) {
    const s = await visibleSurvey(ctx, surveyId)
    if (!isOpen(s, ctx.now)) {
      const why = s.status === 'CLOSED' || new Date(s.closesAt) <= ctx.now ? '这份问卷已经结束' : '这份问卷还没有开始'
      throw new AppError('CONFLICT', why, { surveyId, opensAt: s.opensAt, closesAt: s.closesAt })
    }
    const eligible = await eligibleMemberships(ctx, s)
    if (eligible.length === 0) throw new AppError('FORBIDDEN', '这份问卷不面向您所在的房屋', { surveyId })
    const checked = checkResponse(s.questions, answers)
    if (hasErrors(checked.errors)) throw new AppError('VALIDATION_FAILED', '问卷还有没答完或不正确的题目', { fields: checked.errors })
    let subject: Subject = { kind: 'person', key: ctx.openid }
    const unit = unitId ?? eligible[0].unitId
    if (!eligible.some((m) => m.unitId === unit)) throw new AppError('VALIDATION_FAILED', '请选择您所在的房屋', { fields: { unitId: ['不是您在问卷范围内的房屋'] } })
    if (s.oncePer === 'household') subject = { kind: 'household', key: unit }
    // Cheap early answer for the common double tap; the write below is what decides under a race.
    const before = await alreadyAnswered(s, subject)
    if (before) throw answeredError(s, subject, before as Partial<SurveyResponseDoc>)
    const moderation = await moderate(ctx, s, checked.answers)
    const day = chinaDay(ctx.now)
    const held = Object.values(moderation).filter((m) => m === 'REVIEW').length
    // `held` only when a text waits for review: an anonymous response keeps nothing it does not need.
    const base = { surveyId, communityId: s.communityId, answers: checked.answers, moderation, ...(held > 0 ? { held: true } : {}), day }
    try {
      if (s.anonymous) {
        const tid = tokenId(surveyId, subject)
        await withTransaction(async (t) => {
          const token = (await t.collection('survey_tokens').doc(tid).get()).data
          if (token) throw answeredError(s, subject, null)
          await t.collection('survey_tokens').add({ data: { _id: tid, surveyId } })
          await t.collection('survey_responses').add({ data: { _id: randomResponseId(), ...base } })
          // Nothing that identifies the response goes into the journal of this call.
          return null
        })
      } else {
        const doc = { ...base, openid: ctx.openid, unitId: unit, answeredAt: ctx.now }
        await db.collection('survey_responses').add({ data: { _id: namedResponseId(surveyId, subject), ...doc } })
      }
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      const existing = await alreadyAnswered(s, subject)
      throw answeredError(s, subject, existing as Partial<SurveyResponseDoc> | null)
    }
    return { surveyId, day, held }
  },

  async results({ surveyId, communityId }) {
    return resultsOf(await managedSurvey(surveyId, communityId))
  },

  async audienceCount({ communityId, audience }) {
    return audienceHouseholds(communityId, audience)
  },

  async heldTexts({ surveyId, communityId }) {
    return heldTexts(await managedSurvey(surveyId, communityId))
  },

  async reviewText({ surveyId, communityId, key, decision }, ctx) {
    const s = await managedSurvey(surveyId, communityId)
    const moderation = await reviewText(s, key, decision)
    await audit(ctx, { communityId, event: decision === 'RELEASE' ? 'survey.text_released' : 'survey.text_refused', target: surveyId })
    return { key, moderation }
  },

  async export({ surveyId, communityId }, ctx) {
    const s = await managedSurvey(surveyId, communityId)
    const r = await resultsOf(s)
    const csv = resultsCsv(r)
    await audit(ctx, { communityId, event: 'survey.exported', target: surveyId, details: { respondents: r.respondents } })
    return { filename: `问卷结果-${s.title.slice(0, 20)}-${chinaDay(ctx.now)}.csv`, csvBase64: Buffer.from(csv, 'utf8').toString('base64'), rows: csv.split('\r\n').length - 2 }
  },
})
