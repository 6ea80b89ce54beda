/**
 * Repairs (报事报修, issue #14 §1): categories with their SLAs, the state machine with who may take
 * each step, and the SLA clock. Pure: the cloud function, the pages and the seeds share it.
 */

export const REPAIR_CATEGORIES = ['WATER_ELECTRIC', 'DOOR_WINDOW', 'PUBLIC_LIGHTING', 'ELEVATOR', 'GREENING', 'OTHER'] as const
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number]

export const CATEGORY_LABELS: Record<RepairCategory, string> = {
  WATER_ELECTRIC: '水电',
  DOOR_WINDOW: '门窗',
  PUBLIC_LIGHTING: '公共照明',
  ELEVATOR: '电梯',
  GREENING: '绿化',
  OTHER: '其他',
}

/**
 * Response (submitted → accepted) and completion (submitted → done) limits in hours. The issue
 * names no figures: these follow common property-service contracts (docs/decisions.md, Issue 14):
 * a stuck lift or no water is urgent, greenery is not.
 */
export const SLA_HOURS: Record<RepairCategory, { response: number; completion: number }> = {
  ELEVATOR: { response: 0.5, completion: 24 },
  WATER_ELECTRIC: { response: 2, completion: 24 },
  PUBLIC_LIGHTING: { response: 4, completion: 72 },
  DOOR_WINDOW: { response: 4, completion: 72 },
  GREENING: { response: 24, completion: 168 },
  OTHER: { response: 24, completion: 120 },
}

export const REPAIR_STATUSES = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'DONE', 'CONFIRMED', 'REOPENED', 'CANCELLED'] as const
export type RepairStatus = (typeof REPAIR_STATUSES)[number]

export const STATUS_LABELS: Record<RepairStatus, string> = {
  SUBMITTED: '已提交',
  ACCEPTED: '已受理',
  ASSIGNED: '已派单',
  IN_PROGRESS: '维修中',
  DONE: '待确认',
  CONFIRMED: '已完成',
  REOPENED: '已重开',
  CANCELLED: '已撤销',
}

export const REPAIR_ACTIONS = ['accept', 'assign', 'start', 'complete', 'confirm', 'reopen', 'cancel'] as const
export type RepairAction = (typeof REPAIR_ACTIONS)[number]

/** Who takes a step: the property staff of the community, or the resident who reported it. */
export type RepairActor = 'STAFF' | 'REPORTER'

export interface TransitionRule {
  from: readonly RepairStatus[]
  to: RepairStatus
  by: RepairActor
  /** A note is required (a reopen says why; an assignment names who goes). */
  noteRequired: boolean
  label: string
}

/** The whole state machine (issue #14 §1). Anything not in this table is refused. */
export const TRANSITIONS: Record<RepairAction, TransitionRule> = {
  accept: { from: ['SUBMITTED', 'REOPENED'], to: 'ACCEPTED', by: 'STAFF', noteRequired: false, label: '受理' },
  assign: { from: ['ACCEPTED'], to: 'ASSIGNED', by: 'STAFF', noteRequired: true, label: '派单' },
  start: { from: ['ASSIGNED'], to: 'IN_PROGRESS', by: 'STAFF', noteRequired: false, label: '开始维修' },
  complete: { from: ['IN_PROGRESS'], to: 'DONE', by: 'STAFF', noteRequired: false, label: '维修完成' },
  confirm: { from: ['DONE'], to: 'CONFIRMED', by: 'REPORTER', noteRequired: false, label: '确认完成' },
  reopen: { from: ['DONE'], to: 'REOPENED', by: 'REPORTER', noteRequired: true, label: '未修好，重开' },
  cancel: { from: ['SUBMITTED', 'ACCEPTED'], to: 'CANCELLED', by: 'REPORTER', noteRequired: false, label: '撤销报修' },
}

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; reason: 'WRONG_STATE' | 'WRONG_ACTOR' | 'NOTE_REQUIRED' }

/** Whether `actor` may take `action` on a repair in `status` (with or without a note). */
export function checkTransition(status: RepairStatus, action: RepairAction, actor: RepairActor, note: string | null | undefined): TransitionCheck {
  const rule = TRANSITIONS[action]
  if (rule.by !== actor) return { ok: false, reason: 'WRONG_ACTOR' }
  if (!rule.from.includes(status)) return { ok: false, reason: 'WRONG_STATE' }
  if (rule.noteRequired && !(note ?? '').trim()) return { ok: false, reason: 'NOTE_REQUIRED' }
  return { ok: true, rule }
}

/** Actions `actor` can take now: what the pages offer as buttons. */
export function availableActions(status: RepairStatus, actor: RepairActor): RepairAction[] {
  return REPAIR_ACTIONS.filter((a) => TRANSITIONS[a].by === actor && TRANSITIONS[a].from.includes(status))
}

/** Still the property company's work: a call-back is justified, the SLA clock runs. */
export const OPEN_STATUSES: readonly RepairStatus[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED']
export const isOpen = (s: RepairStatus) => OPEN_STATUSES.includes(s)

const HOUR = 3_600_000

export function dueDates(category: RepairCategory, from: Date): { responseDueAt: Date; completionDueAt: Date } {
  const sla = SLA_HOURS[category]
  return { responseDueAt: new Date(from.getTime() + sla.response * HOUR), completionDueAt: new Date(from.getTime() + sla.completion * HOUR) }
}

export interface SlaClock {
  status: RepairStatus
  responseDueAt: Date | string
  completionDueAt: Date | string
}

/** Which limit is broken now (response first), or null. */
export function overdueKind(r: SlaClock, now: Date): 'RESPONSE' | 'COMPLETION' | null {
  if (!isOpen(r.status)) return null
  if ((r.status === 'SUBMITTED' || r.status === 'REOPENED') && now.getTime() > new Date(r.responseDueAt).getTime()) return 'RESPONSE'
  if (now.getTime() > new Date(r.completionDueAt).getTime()) return 'COMPLETION'
  return null
}

/**
 * The staff queue's colour: red overdue, amber within the last quarter of the limit that runs now,
 * green otherwise, grey when closed. Always shown with words too (R6.5: never colour alone).
 */
export function slaColour(r: SlaClock, now: Date, category: RepairCategory): 'red' | 'amber' | 'green' | 'grey' {
  if (!isOpen(r.status)) return 'grey'
  if (overdueKind(r, now)) return 'red'
  const responding = r.status === 'SUBMITTED' || r.status === 'REOPENED'
  const due = new Date(responding ? r.responseDueAt : r.completionDueAt).getTime()
  const span = (responding ? SLA_HOURS[category].response : SLA_HOURS[category].completion) * HOUR
  return due - now.getTime() < span / 4 ? 'amber' : 'green'
}

/** Reason tags a resident can add to a rating (1–5). */
export const RATING_TAGS = ['响应及时', '态度好', '修得彻底', '现场整洁', '响应慢', '没修好', '态度差', '收费不清'] as const

/** 'YYYY-MM' of a date in China time (UTC+8): the period scorecards and reports are counted in. */
export function periodOf(d: Date): string {
  const t = new Date(d.getTime() + 8 * HOUR)
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}`
}
