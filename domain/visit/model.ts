/**
 * 走访 (R7.4): a visit log per household with a summary from chips (free text as little as
 * possible), optional flags, follow-up schedules for care groups with an overdue list, and visit
 * tasks for households a notice did not reach (R7.3). Zod-free.
 */
import type { CareTag } from '../notice/model'

export const VISIT_CHIPS = ['身体状况良好', '生活能自理', '家中有人照顾', '已宣传政策', '已送达通知', '需要代办服务', '邻里关系融洽', '门未开、留条'] as const
export type VisitChip = (typeof VISIT_CHIPS)[number]

export const VISIT_FLAGS = ['NEEDS_HELP', 'HAZARD', 'HEALTH_CONCERN'] as const
export type VisitFlag = (typeof VISIT_FLAGS)[number]
export const VISIT_FLAG_LABELS: Record<VisitFlag, string> = { NEEDS_HELP: '需要帮助', HAZARD: '发现隐患', HEALTH_CONCERN: '身体状况需关注' }
/** Health-related flags are sensitive (R4.10): stored only for households with a care basis, shown only in the grid. */
export const SENSITIVE_FLAGS: readonly VisitFlag[] = ['HEALTH_CONCERN']

/** Follow-up frequency per care tag, days (R7.4: set by the sub-district; per community in app_settings). */
export const DEFAULT_EVERY_DAYS: Record<CareTag, number> = { ELDERLY_ALONE: 7, DISABLED: 14, LOW_INCOME: 30 }

/** The shortest frequency among a household's tags. */
export function everyDaysFor(tags: readonly CareTag[], rules: Partial<Record<CareTag, number>> = {}): number | null {
  const days = tags.map((t) => rules[t] ?? DEFAULT_EVERY_DAYS[t]).filter((d) => Number.isFinite(d) && d > 0)
  return days.length ? Math.min(...days) : null
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000)
}

/** Overdue when the next visit was due before now. Days overdue, 0 when not. */
export function daysOverdue(nextDueAt: Date, now: Date): number {
  const ms = now.getTime() - nextDueAt.getTime()
  return ms > 0 ? Math.floor(ms / 86_400_000) + 1 : 0
}

export interface VisitScheduleDoc {
  _id: string
  communityId: string
  gridId: string | null
  buildingId: string
  unitId: string
  tags: CareTag[]
  everyDays: number
  lastVisitAt: Date | null
  nextDueAt: Date
  active: boolean
  updatedAt: Date
}

export interface VisitTaskDoc {
  _id: string
  communityId: string
  gridId: string | null
  buildingId: string
  unitId: string
  reason: 'NOTICE_UNREAD'
  noticeId: string
  noticeTitle: string
  dueAt: Date
  state: 'OPEN' | 'DONE'
  doneAt: Date | null
  createdAt: Date
}

export const scheduleId = (unitId: string) => `vsc_${unitId}`
export const taskId = (noticeId: string, unitId: string) => `vt_${noticeId}_${unitId}`
