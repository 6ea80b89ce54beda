/**
 * Review of free-text answers held by msgSecCheck (R5.8, issue #15): staff with survey.manage see
 * the held texts — never who wrote them, only the text and its question — and release (shown in
 * the results from then on) or refuse (never shown, only counted). Held responses carry
 * `held: true`, indexed with the survey, so the queue is read without scanning the answers.
 */
import { findPage } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { AppError } from '../../domain/shared/errors'
import type { SurveyDoc, SurveyResponseDoc, TextModeration } from '../../domain/survey/model'
import { reviewKey } from './identity'

const MAX_ITEMS = 100

/** The survey's responses that hold a text for review (by_survey_held index), 100 per page. */
async function heldResponses(surveyId: string): Promise<SurveyResponseDoc[]> {
  const out: SurveyResponseDoc[] = []
  for (let skip = 0; skip < 2000; skip += 100) {
    const page = await findPage<SurveyResponseDoc>('survey_responses', { surveyId, held: true }, { orderBy: [['_id', 'asc']], skip, limit: 100, fields: { answers: true, moderation: true } })
    out.push(...page)
    if (page.length < 100) break
  }
  return out
}

export async function heldTexts(s: SurveyDoc) {
  const titles = new Map(s.questions.map((q) => [q.id, q.title]))
  const items: { key: string; questionId: string; questionTitle: string; text: string }[] = []
  let total = 0
  for (const r of await heldResponses(s._id)) {
    for (const [qid, m] of Object.entries(r.moderation ?? {})) {
      if (m !== 'REVIEW') continue
      total++
      if (items.length < MAX_ITEMS) items.push({ key: reviewKey(r._id, qid), questionId: qid, questionTitle: titles.get(qid) ?? '', text: String(r.answers[qid] ?? '') })
    }
  }
  return { items, total }
}

/** One decision, in a transaction: two reviewers deciding two texts of one response both land. */
export async function reviewText(s: SurveyDoc, key: string, decision: 'RELEASE' | 'REFUSE'): Promise<'RELEASED' | 'REFUSED'> {
  const next: TextModeration = decision === 'RELEASE' ? 'RELEASED' : 'REFUSED'
  // Find the text by its key among held responses; a decided one is found again by its key so a
  // repeated tap answers the same (an already-decided text is no longer `held`).
  let found: { responseId: string; questionId: string } | null = null
  const byKey = (r: SurveyResponseDoc) => Object.keys(r.moderation ?? {}).find((qid) => reviewKey(r._id, qid) === key)
  for (const r of await heldResponses(s._id)) {
    const qid = byKey(r)
    if (qid) found = { responseId: r._id, questionId: qid }
  }
  if (!found) {
    const decided = await findPage<SurveyResponseDoc>('survey_responses', { surveyId: s._id, held: false }, { limit: 100, fields: { moderation: true } })
    for (const r of decided) {
      const qid = byKey(r)
      if (qid) found = { responseId: r._id, questionId: qid }
    }
  }
  if (!found) throw new AppError('NOT_FOUND', '没有找到这条待审核的回答', { key })
  const { responseId, questionId } = found
  return withTransaction(async (t) => {
    const r = ((await t.collection('survey_responses').doc(responseId).get()) as { data: SurveyResponseDoc | null }).data
    const current = r?.moderation?.[questionId]
    if (!r || r.surveyId !== s._id || !current) throw new AppError('NOT_FOUND', '没有找到这条待审核的回答', { key })
    if (current === next) return next
    if (current !== 'REVIEW') throw new AppError('CONFLICT', current === 'REFUSED' ? '这条回答已被拒绝' : '这条回答已经公开', { key, moderation: current })
    const moderation = { ...r.moderation, [questionId]: next }
    await t.collection('survey_responses').doc(responseId).update({ data: { moderation, held: Object.values(moderation).includes('REVIEW') } })
    return next
  })
}
