/**
 * How a response is tied to its respondent. Named: a deterministic response id per person or per
 * household, so racing submissions collide on the id (R5.12). Anonymous: a separate token, an
 * HMAC of (survey, person or household) under a deployment secret, stored with nothing but the
 * survey id — the response itself gets a random id, so token and answers cannot be joined.
 */
import { createHmac, randomBytes } from 'node:crypto'

const DEMO_SALT = 'linli-demo-survey-salt'

function salt(): string {
  return process.env.LINLI_SURVEY_SALT || process.env.LINLI_ID_SALT || DEMO_SALT
}

export interface Subject {
  kind: 'person' | 'household'
  /** The openid, or the unit id of the household. */
  key: string
}

export function namedResponseId(surveyId: string, s: Subject): string {
  return `sr_${surveyId}_${s.kind === 'person' ? s.key : `unit_${s.key}`}`
}

export function tokenId(surveyId: string, s: Subject): string {
  return `st_${createHmac('sha256', salt()).update(`${surveyId}|${s.kind}|${s.key}`).digest('hex').slice(0, 40)}`
}

export function randomResponseId(): string {
  return `sa_${randomBytes(12).toString('hex')}`
}

/**
 * The key of a held text on the review page: an HMAC of the response id, so the page never shows
 * a named response's id (which contains the openid or the unit). The server finds the response
 * again among the survey's held ones (review.ts).
 */
export function reviewKey(responseId: string, questionId: string): string {
  return `rv_${createHmac('sha256', salt()).update(`review|${responseId}|${questionId}`).digest('hex').slice(0, 32)}`
}
