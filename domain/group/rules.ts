/**
 * Pure rules of neighbourhood groups (issue #13): limits, post ids that sort by time, feed cursors,
 * the moderation verdict from a msgSecCheck v2 answer (R5.8), agenda transitions, and poll tallies.
 * No I/O here: the cloud function, the client and the tests share these.
 */
import { SEC_LABELS } from '../shared/sec-labels'

export const GROUP_LIMITS = {
  textMax: 2000,
  imagesMax: 9,
  commentMax: 500,
  pageSize: 20,
  chainFieldsMax: 3,
  chainCapMax: 500,
  pollOptionsMin: 2,
  pollOptionsMax: 10,
  /** Posts + comments + chain/poll creations per person per window (R5.9). */
  ratePerWindow: 10,
  rateWindowMs: 10 * 60 * 1000,
  /** msgSecCheck calls per minute for the whole app, below the platform's 4,000/min (R5.9). */
  checksPerMinute: 3000,
  muteDaysMax: 30,
} as const

export const GROUP_KINDS = ['BUILDING', 'INTEREST', 'OFFICIAL'] as const
export type GroupKind = (typeof GROUP_KINDS)[number]
export const GROUP_STATUSES = ['PROPOSED', 'ACTIVE', 'REJECTED', 'CLOSED', 'ARCHIVED'] as const
export type GroupStatus = (typeof GROUP_STATUSES)[number]
export const POST_KINDS = ['TEXT', 'CHAIN', 'POLL'] as const
export type PostKind = (typeof POST_KINDS)[number]
/** PUBLISHED: everyone in the group; HELD: only the author (with a note) and moderators; HIDDEN/REMOVED: the same, after a moderator acted. */
export const POST_STATUSES = ['PUBLISHED', 'HELD', 'HIDDEN', 'REMOVED'] as const
export type PostStatus = (typeof POST_STATUSES)[number]
export const REACTIONS = ['like', 'thanks', 'agree'] as const
export type Reaction = (typeof REACTIONS)[number]

/**
 * Ids that sort by creation time (13-digit ms + a random tail): the feed orders by _id alone, so a
 * cursor is the last _id seen and posts that arrive later (larger ids) never shift a page.
 */
export function timeOrderedId(prefix: string, now: Date, random: string): string {
  return `${prefix}${String(now.getTime()).padStart(13, '0')}_${random}`
}

export type Verdict =
  | { outcome: 'PUBLISH' }
  | { outcome: 'HOLD'; reason: 'REVIEW' | 'UNAVAILABLE'; note: string }
  | { outcome: 'REFUSE'; label: number; note: string }


export const HOLD_NOTES = {
  REVIEW: '内容需要人工复核，复核通过后邻居才能看到',
  UNAVAILABLE: '内容安全检查暂时不可用，检查通过后邻居才能看到',
} as const

/**
 * The content check's verdict (cloudfunctions/_core/content-check.ts) → what happens to the
 * content. UNAVAILABLE holds it: fail closed, never published unchecked (R5.8).
 */
export function verdictOf(check: { verdict: 'PASS' | 'REVIEW' | 'RISKY' | 'UNAVAILABLE'; label: number | null }): Verdict {
  if (check.verdict === 'PASS') return { outcome: 'PUBLISH' }
  if (check.verdict === 'RISKY') {
    const label = check.label ?? 0
    return { outcome: 'REFUSE', label, note: `内容未通过安全检查（${SEC_LABELS[label] ?? '违规内容'}），请修改后再发` }
  }
  if (check.verdict === 'REVIEW') return { outcome: 'HOLD', reason: 'REVIEW', note: HOLD_NOTES.REVIEW }
  return { outcome: 'HOLD', reason: 'UNAVAILABLE', note: HOLD_NOTES.UNAVAILABLE }
}

/** 议事厅 agenda: submitted → scheduled → discussed → decided → done; staff may also decline a submitted or scheduled item. */
export const AGENDA_STATUSES = ['SUBMITTED', 'SCHEDULED', 'DISCUSSED', 'DECIDED', 'DONE', 'DECLINED'] as const
export type AgendaStatus = (typeof AGENDA_STATUSES)[number]
export const AGENDA_LABELS: Record<AgendaStatus, string> = {
  SUBMITTED: '已提交',
  SCHEDULED: '已排期',
  DISCUSSED: '已讨论',
  DECIDED: '已决定',
  DONE: '已办结',
  DECLINED: '不予上会',
}
const AGENDA_NEXT: Record<AgendaStatus, readonly AgendaStatus[]> = {
  SUBMITTED: ['SCHEDULED', 'DECLINED'],
  SCHEDULED: ['DISCUSSED', 'SCHEDULED', 'DECLINED'],
  DISCUSSED: ['DECIDED', 'SCHEDULED'],
  DECIDED: ['DONE'],
  DONE: [],
  DECLINED: [],
}
export function canTransition(from: AgendaStatus, to: AgendaStatus): boolean {
  return AGENDA_NEXT[from].includes(to)
}

/** Poll results are shown to a person who voted, or to everyone after the deadline. */
export function pollResultsVisible(poll: { deadline: Date | string }, hasVoted: boolean, now: Date): boolean {
  return hasVoted || new Date(poll.deadline).getTime() <= now.getTime()
}

/** Text of a chain's title and fields, or a poll's question and options, as one msgSecCheck content. */
export function checkTextOf(parts: readonly (string | undefined | null)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim().length > 0).join('\n')
}
