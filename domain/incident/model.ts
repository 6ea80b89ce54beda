/**
 * 事件上报 and 社情民意 (R7.5–R7.7): categories from the published task list with an SLA each,
 * the state machine with who may make each step, and escalation grid → community → 街道 when the
 * SLA passes. Zod-free.
 */

export const INCIDENT_KINDS = ['INCIDENT', 'REQUEST'] as const
export type IncidentKind = (typeof INCIDENT_KINDS)[number]
export const KIND_LABELS: Record<IncidentKind, string> = { INCIDENT: '事件上报', REQUEST: '社情民意' }

/** The task list (事项清单) with SLA hours (R7.5: SLA timers per category; configurable later). */
export const INCIDENT_CATEGORIES = {
  SAFETY: { label: '安全隐患', slaHours: 24 },
  ENVIRONMENT: { label: '环境卫生', slaHours: 48 },
  FACILITY: { label: '公共设施损坏', slaHours: 72 },
  DISPUTE: { label: '矛盾纠纷', slaHours: 72 },
  SERVICE: { label: '代办服务', slaHours: 120 },
  OPINION: { label: '意见建议', slaHours: 168 },
  OTHER: { label: '其他', slaHours: 72 },
} as const
export type IncidentCategory = keyof typeof INCIDENT_CATEGORIES
export const CATEGORY_IDS = Object.keys(INCIDENT_CATEGORIES) as IncidentCategory[]

export const URGENCIES = ['NORMAL', 'URGENT'] as const
export type Urgency = (typeof URGENCIES)[number]

export const INCIDENT_STATES = ['REPORTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CONFIRMED', 'REOPENED'] as const
export type IncidentState = (typeof INCIDENT_STATES)[number]
export const STATE_LABELS: Record<IncidentState, string> = {
  REPORTED: '已上报',
  ACCEPTED: '已受理',
  ASSIGNED: '已派单',
  IN_PROGRESS: '处理中',
  RESOLVED: '已办结',
  CONFIRMED: '已确认',
  REOPENED: '已重新打开',
}

export const LEVELS = ['GRID', 'COMMUNITY', 'STREET'] as const
export type Level = (typeof LEVELS)[number]
export const LEVEL_LABELS: Record<Level, string> = { GRID: '网格', COMMUNITY: '社区', STREET: '街道' }

export type Actor = 'STAFF' | 'REPORTER'

/** Every legal step and who takes it; anything else is refused (R7.5). */
export const TRANSITIONS: Record<IncidentState, Partial<Record<IncidentState, Actor>>> = {
  REPORTED: { ACCEPTED: 'STAFF' },
  ACCEPTED: { ASSIGNED: 'STAFF' },
  ASSIGNED: { IN_PROGRESS: 'STAFF' },
  IN_PROGRESS: { RESOLVED: 'STAFF' },
  RESOLVED: { CONFIRMED: 'REPORTER', REOPENED: 'REPORTER' },
  REOPENED: { IN_PROGRESS: 'STAFF' },
  CONFIRMED: {},
}

export function transitionActor(from: IncidentState, to: IncidentState): Actor | null {
  return TRANSITIONS[from][to] ?? null
}

/** States in which the clock runs (a resolved case waits for the reporter, not for staff). */
export function slaRunning(state: IncidentState): boolean {
  return state !== 'RESOLVED' && state !== 'CONFIRMED'
}

/** Urgent cases get a quarter of the category's time (at least 2 hours). */
export function slaHours(category: IncidentCategory, urgency: Urgency): number {
  const h = INCIDENT_CATEGORIES[category].slaHours
  return urgency === 'URGENT' ? Math.max(2, Math.round(h / 4)) : h
}

export function slaDue(category: IncidentCategory, urgency: Urgency, from: Date): Date {
  return new Date(from.getTime() + slaHours(category, urgency) * 3600_000)
}

/** 小事不出网格、大事不出社区: grid → community → 街道; null at the top. */
export function nextLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level)
  return i < LEVELS.length - 1 ? LEVELS[i + 1] : null
}

/** R7.6: what a 紧急 report shows. Linli is not an emergency service. */
export const EMERGENCY_NUMBERS = [
  { number: '110', label: '报警' },
  { number: '119', label: '火警' },
  { number: '120', label: '急救' },
] as const
export const EMERGENCY_DISCLAIMER = '邻里不是紧急救助渠道：遇到火灾、受伤、违法犯罪等紧急情况，请立即拨打 110 / 119 / 120。'

export interface HistoryEntry {
  state: IncidentState
  level: Level
  at: Date
  byOpenid: string | null
  byLabel: string
  note: string | null
}

export interface IncidentDoc {
  _id: string
  communityId: string
  kind: IncidentKind
  category: IncidentCategory
  urgency: Urgency
  reporterOpenid: string
  location: { unitId: string | null; buildingId: string | null; text: string | null }
  gridId: string | null
  buildingId: string | null
  description: string
  photos: string[]
  state: IncidentState
  level: Level
  assignee: string | null
  slaDueAt: Date
  history: HistoryEntry[]
  version: number
  createdAt: Date
  updatedAt: Date
}
