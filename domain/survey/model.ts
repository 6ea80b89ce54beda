/**
 * Surveys as stored and as the pure rules see them (issue #15). Zod schemas for the wire live in
 * contract.ts; this file has no zod so client pages can import the types and limits for free.
 */
export const QUESTION_KINDS = ['single', 'multiple', 'rating', 'text', 'matrix'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  single: '单选',
  multiple: '多选',
  rating: '评分（1–5）',
  text: '简答',
  matrix: '矩阵',
}

/** Bad-input limits named by the issue: an option list over 20, a matrix over 10 × 10. */
export const LIMITS = {
  questions: 60,
  options: 20,
  matrixRows: 10,
  matrixColumns: 10,
  textLength: 500,
  title: 200,
} as const

/** Any figure describing fewer than this many households (or respondents) is suppressed. */
export const MIN_CELL = 5

export interface Choice {
  id: string
  label: string
}

export interface Question {
  id: string
  kind: QuestionKind
  title: string
  required: boolean
  /** single / multiple: the choices; matrix: the columns (the scale each row is rated on). */
  options?: Choice[]
  /** matrix only: the items rated. */
  rows?: Choice[]
  /** Key of the field study's figure this question answers (baseline.ts), for the dashboard. */
  baseline?: string
}

export type AudienceKind = 'community' | 'grids' | 'buildings' | 'owners'
export interface Audience {
  kind: AudienceKind
  /** Grid ids (kind grids) or building ids (kind buildings); empty otherwise. */
  ids: string[]
}

export type SurveyStatus = 'DRAFT' | 'PUBLISHED' | 'CLOSED'
export const SURVEY_STATUS_LABELS: Record<SurveyStatus, string> = { DRAFT: '草稿', PUBLISHED: '进行中', CLOSED: '已结束' }

/** What a survey is, independent of storage. */
export interface SurveyDefinition {
  title: string
  intro: string
  questions: Question[]
  audience: Audience
  anonymous: boolean
  /** One response per person, or per household (unit). */
  oncePer: 'person' | 'household'
  opensAt: string
  closesAt: string
}

export interface SurveyDoc extends Omit<SurveyDefinition, 'opensAt' | 'closesAt'> {
  _id: string
  communityId: string
  status: SurveyStatus
  opensAt: Date
  closesAt: Date
  /** Set when created from a template (the field study's questionnaire: 'baseline-2019'). */
  templateKey: string | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
  publishedAt: Date | null
  closedAt: Date | null
  /** The 邻里讨论 post or agenda item the survey came from, if any. */
  origin?: { kind: 'post' | 'agenda'; id: string } | null
}

/** One answer: single → choice id; multiple → choice ids; rating → 1..5; text → string; matrix → row id → column id. */
export type AnswerValue = string | string[] | number | Record<string, string>
export type Answers = Record<string, AnswerValue>

/**
 * Moderation of a free-text answer (R5.8): PASS (msgSecCheck passed) and RELEASED (held, then
 * released by staff) are shown; REVIEW (held) and REFUSED never are.
 */
export type TextModeration = 'PASS' | 'REVIEW' | 'RELEASED' | 'REFUSED'
export const SHOWN_MODERATION: readonly TextModeration[] = ['PASS', 'RELEASED']

/**
 * A stored response. Anonymous ones carry no openid, no unit and only the day (issue #15); named
 * ones carry who answered, for which unit and when.
 */
export interface SurveyResponseDoc {
  _id: string
  surveyId: string
  communityId: string
  answers: Answers
  /** Question id → moderation of its text answer. */
  moderation: Record<string, TextModeration>
  /** True while any text answer waits for review (indexed, so the review page needs no scan). */
  held?: boolean
  /** YYYY-MM-DD (China time) — never finer for anonymous responses. */
  day: string
  openid?: string
  unitId?: string
  answeredAt?: Date
}

/** The uniqueness token of an anonymous response: a salted hash of (survey, person or household), nothing else. */
export interface SurveyTokenDoc {
  _id: string
  surveyId: string
}

/** The day in China time (UTC+8, no DST), which is the finest time an anonymous response keeps. */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}
