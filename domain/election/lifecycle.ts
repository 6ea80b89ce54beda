/**
 * The lifecycle of an owners' decision or committee election, as pure rules over dates (R3.1,
 * R3.12, R1.8). The server calls these with its own clock; nothing here trusts a client's time.
 *
 *   PREP_GROUP_FORMED → ROSTER_PUBLICIZED → DOCS_PUBLICIZED → VOTING_OPEN → PRELIM_RESULT → RESULT_FINAL
 *                                                                  ↘ (quorum short) EXTEND … → TERMINATED
 *   committee elections then (R3.1 steps 7–9): RESULT_FINAL → OFFICERS_CHOSEN → LIST_PUBLICIZED → FILED
 */
import type { Threshold } from './tally'

export const STATUSES = ['PREP_GROUP_FORMED', 'ROSTER_PUBLICIZED', 'DOCS_PUBLICIZED', 'VOTING_OPEN', 'PRELIM_RESULT', 'RESULT_FINAL', 'OFFICERS_CHOSEN', 'LIST_PUBLICIZED', 'FILED', 'TERMINATED'] as const
export type ElectionStatus = (typeof STATUSES)[number]

export const STATUS_LABELS: Record<ElectionStatus, string> = {
  PREP_GROUP_FORMED: '筹备组已成立',
  ROSTER_PUBLICIZED: '业主名册公示中',
  DOCS_PUBLICIZED: '表决事项与候选人公示中',
  VOTING_OPEN: '投票中',
  PRELIM_RESULT: '初步结果公示中',
  RESULT_FINAL: '结果已确定',
  OFFICERS_CHOSEN: '已推选主任、副主任',
  LIST_PUBLICIZED: '委员名单已公示',
  FILED: '已备案',
  TERMINATED: '已终止',
}

/** Transitions staff may ask for; EXTEND keeps VOTING_OPEN with a later close. */
export const TRANSITIONS = ['ROSTER_PUBLICIZED', 'DOCS_PUBLICIZED', 'VOTING_OPEN', 'PRELIM_RESULT', 'RESULT_FINAL', 'OFFICERS_CHOSEN', 'LIST_PUBLICIZED', 'FILED', 'EXTEND', 'TERMINATED'] as const

/** Statuses from which the roster is frozen (voting has opened). */
export const isFrozen = (s: ElectionStatus) => s === 'TERMINATED' || STATUSES.indexOf(s) >= STATUSES.indexOf('VOTING_OPEN')
/** Statuses that carry a (preliminary or final) published result. */
export const hasResult = (s: ElectionStatus) => s !== 'TERMINATED' && STATUSES.indexOf(s) >= STATUSES.indexOf('PRELIM_RESULT')
export type Transition = (typeof TRANSITIONS)[number]

const DAY = 24 * 3600 * 1000
/** R1.8, R3.1.3: items and candidates publicised at least 15 days before voting opens. */
export const PUBLICITY_DAYS = 15
/** R3.1.5: objection window after the preliminary result (Qingyuan ≥ 15 days for e-voting). */
export const OBJECTION_DAYS = 15
/** R3.12 and issue #12: extensions up to 3 months in all, counted from the original close. */
export const MAX_EXTENSION_MONTHS = 3
/** Issue #12: after termination the same item may not be raised again for a year. */
export const LOCK_YEARS = 1
/** R3.1 step 7: the committee chooses its chair and vice-chair within 7 days of the election (MOHURD Art. 33). */
export const OFFICERS_DAYS = 7
/** R3.1 step 8: the member list is publicised within 3 days of choosing the officers (Beijing Art. 37, Shanghai Art. 21). */
export const LIST_DAYS = 3
/** R3.1 step 9: filed with the district housing authority and the sub-district within 30 days of the election. */
export const FILING_DAYS = 30
/** Voting window bounds (Hangzhou Art. 20: 5–60 days; we allow from 1 day, never beyond 60). */
export const MIN_WINDOW_DAYS = 1
export const MAX_WINDOW_DAYS = 60

/** R1.1: Art. 278 items 6–8 are SPECIAL (¾), all others ORDINARY (more than half). */
export function thresholdOf(matter: number): Threshold {
  return matter >= 6 && matter <= 8 ? 'SPECIAL' : 'ORDINARY'
}

export const MATTER_LABELS: Record<number, string> = {
  1: '制定和修改业主大会议事规则',
  2: '制定和修改管理规约',
  3: '选举业主委员会或者更换业主委员会成员',
  4: '选聘和解聘物业服务企业或者其他管理人',
  5: '使用建筑物及其附属设施的维修资金',
  6: '筹集建筑物及其附属设施的维修资金',
  7: '改建、重建建筑物及其附属设施',
  8: '改变共有部分的用途或者利用共有部分从事经营活动',
  9: '有关共有和共同管理权利的其他重大事项',
}

/** Calendar months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime())
  const day = r.getUTCDate()
  r.setUTCDate(1)
  r.setUTCMonth(r.getUTCMonth() + months)
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate()
  r.setUTCDate(Math.min(day, last))
  return r
}
export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY)

/**
 * The one-year lock is per item: the same Art. 278 matter in the same community; for item 9
 * ("other major matters") the title tells items apart. [decision, docs/decisions.md]
 */
export function itemKeyOf(communityId: string, matter: number, title: string): string {
  const t = matter === 9 ? `:${title.replace(/\s+/g, '').toLowerCase()}` : ''
  return `${communityId}:${matter}${t}`
}

export interface LifecycleState {
  status: ElectionStatus
  votingOpensAt: Date
  votingClosesAt: Date
  /** The close first publicised; extensions are counted from it. */
  originalClosesAt: Date
  docsPublicizedAt: Date | null
  prelimAt: Date | null
  /** Steps 7–9 (committee elections only). */
  kind?: 'MOTION' | 'ELECTION'
  finalAt?: Date | null
  officersAt?: Date | null
}

/**
 * Steps 7–9 are duties with a deadline, not waiting periods: a late step is still allowed (refusing
 * it would only keep the committee from ever being formed) but the deadline is answered and the
 * lateness audited. [decision, docs/decisions.md]
 */
export function officerDeadlines(s: Pick<LifecycleState, 'finalAt' | 'officersAt'>): { officersBy: Date | null; listBy: Date | null; filingBy: Date | null } {
  return {
    officersBy: s.finalAt ? addDays(s.finalAt, OFFICERS_DAYS) : null,
    listBy: s.officersAt ? addDays(s.officersAt, LIST_DAYS) : null,
    filingBy: s.finalAt ? addDays(s.finalAt, FILING_DAYS) : null,
  }
}

export type Refusal = { ok: false; code: 'CONFLICT' | 'VALIDATION_FAILED'; message: string; details: Record<string, unknown> }
export type Allowed = { ok: true; late?: boolean; patch: Partial<LifecycleState> & { status: ElectionStatus; lockUntil?: Date; terminatedAt?: Date; finalAt?: Date; listAt?: Date; filedAt?: Date } }

const refuse = (message: string, details: Record<string, unknown>, code: Refusal['code'] = 'CONFLICT'): Refusal => ({ ok: false, code, message, details })

/** The window a new item asks for: publicity first, then 1–60 days of voting. */
export function scheduleProblems(opensAt: Date, closesAt: Date, now: Date): Record<string, string[]> | null {
  const fields: Record<string, string[]> = {}
  if (opensAt.getTime() < addDays(now, PUBLICITY_DAYS).getTime()) fields.votingOpensAt = [`投票开始时间须在公示${PUBLICITY_DAYS}日之后（${addDays(now, PUBLICITY_DAYS).toISOString()} 或更晚）`]
  const days = (closesAt.getTime() - opensAt.getTime()) / DAY
  if (days < MIN_WINDOW_DAYS) fields.votingClosesAt = [`投票期至少${MIN_WINDOW_DAYS}天`]
  else if (days > MAX_WINDOW_DAYS) fields.votingClosesAt = [`投票期不超过${MAX_WINDOW_DAYS}天`]
  return Object.keys(fields).length ? fields : null
}

/** Whether a ballot may be cast now: status VOTING_OPEN and inside the (possibly extended) window. */
export function votingOpen(s: Pick<LifecycleState, 'status' | 'votingOpensAt' | 'votingClosesAt'>, now: Date): boolean {
  return s.status === 'VOTING_OPEN' && now.getTime() >= s.votingOpensAt.getTime() && now.getTime() < s.votingClosesAt.getTime()
}

/** Why voting is refused, in words for the voter. */
export function whyNotOpen(s: Pick<LifecycleState, 'status' | 'votingOpensAt' | 'votingClosesAt'>, now: Date): string {
  if (s.status === 'VOTING_OPEN' && now < s.votingOpensAt) return '投票尚未开始'
  if (s.status === 'VOTING_OPEN') return '投票已截止'
  const order = STATUSES.indexOf(s.status)
  return order < STATUSES.indexOf('VOTING_OPEN') ? '投票尚未开始（公示期未满）' : '投票已结束'
}

/**
 * Whether a transition may happen now, and what it changes. `quorumMet` is the live turnout
 * against the roster snapshot; `newClosesAt` is the extension's new deadline.
 */
export function checkTransition(
  s: LifecycleState,
  to: Transition,
  now: Date,
  opts: { quorumMet: boolean; newClosesAt?: Date; candidates?: number; seats?: number | null },
): Allowed | Refusal {
  const at = (status: ElectionStatus) => s.status === status
  switch (to) {
    case 'ROSTER_PUBLICIZED':
      if (!at('PREP_GROUP_FORMED')) return refuse('只有筹备阶段可以公示业主名册', { status: s.status })
      return { ok: true, patch: { status: 'ROSTER_PUBLICIZED' } }
    case 'DOCS_PUBLICIZED': {
      if (!at('ROSTER_PUBLICIZED')) return refuse('须先公示业主名册', { status: s.status })
      // R1.8: the notice goes out at least 15 days before voting opens; the item list is frozen from here.
      const earliest = addDays(now, PUBLICITY_DAYS)
      if (s.votingOpensAt < earliest) return refuse(`投票开始前须公示至少${PUBLICITY_DAYS}日，请推迟投票开始时间`, { votingOpensAt: s.votingOpensAt.toISOString(), earliest: earliest.toISOString() })
      if (opts.seats != null && (opts.candidates ?? 0) < 1) return refuse('还没有候选人，不能公示', { candidates: opts.candidates ?? 0 })
      return { ok: true, patch: { status: 'DOCS_PUBLICIZED', docsPublicizedAt: now } }
    }
    case 'VOTING_OPEN':
      if (!at('DOCS_PUBLICIZED') || !s.docsPublicizedAt) return refuse('须先公示表决事项和候选人', { status: s.status })
      if (now < s.votingOpensAt || now < addDays(s.docsPublicizedAt, PUBLICITY_DAYS)) {
        return refuse('公示期未满，不能开始投票', { votingOpensAt: s.votingOpensAt.toISOString(), publicityEnds: addDays(s.docsPublicizedAt, PUBLICITY_DAYS).toISOString() })
      }
      return { ok: true, patch: { status: 'VOTING_OPEN' } }
    case 'EXTEND': {
      if (!at('VOTING_OPEN')) return refuse('只有投票期间可以延期', { status: s.status })
      if (opts.quorumMet) return refuse('参与人数和面积已达三分之二，无需延期', {})
      const to = opts.newClosesAt
      const limit = addMonths(s.originalClosesAt, MAX_EXTENSION_MONTHS)
      if (!to || to <= s.votingClosesAt || to <= now) return refuse('延期后的截止时间须晚于当前截止时间', { votingClosesAt: s.votingClosesAt.toISOString() }, 'VALIDATION_FAILED')
      if (to > limit) return refuse(`延期累计不得超过${MAX_EXTENSION_MONTHS}个月`, { limit: limit.toISOString() }, 'VALIDATION_FAILED')
      return { ok: true, patch: { status: 'VOTING_OPEN', votingClosesAt: to } }
    }
    case 'PRELIM_RESULT':
      if (!at('VOTING_OPEN')) return refuse('只有投票结束后才能公布初步结果', { status: s.status })
      if (now < s.votingClosesAt) return refuse('投票尚未截止', { votingClosesAt: s.votingClosesAt.toISOString() })
      if (!opts.quorumMet) return refuse('参与表决的人数或面积未达三分之二，请延期或终止', { quorumMet: false })
      return { ok: true, patch: { status: 'PRELIM_RESULT', prelimAt: now } }
    case 'RESULT_FINAL':
      if (!at('PRELIM_RESULT') || !s.prelimAt) return refuse('须先公布初步结果', { status: s.status })
      if (now < addDays(s.prelimAt, OBJECTION_DAYS)) return refuse(`初步结果须公示${OBJECTION_DAYS}日接受异议`, { objectionEnds: addDays(s.prelimAt, OBJECTION_DAYS).toISOString() })
      return { ok: true, patch: { status: 'RESULT_FINAL', finalAt: now } }
    case 'OFFICERS_CHOSEN': {
      if (s.kind !== 'ELECTION') return refuse('只有业委会选举需要推选主任、副主任', { kind: s.kind ?? null })
      if (!at('RESULT_FINAL') || !s.finalAt) return refuse('须先确定选举结果', { status: s.status })
      const { officersBy } = officerDeadlines(s)
      return { ok: true, late: now > officersBy!, patch: { status: 'OFFICERS_CHOSEN', officersAt: now } }
    }
    case 'LIST_PUBLICIZED': {
      if (!at('OFFICERS_CHOSEN') || !s.officersAt) return refuse('须先推选主任、副主任', { status: s.status })
      const { listBy } = officerDeadlines(s)
      return { ok: true, late: now > listBy!, patch: { status: 'LIST_PUBLICIZED', listAt: now } }
    }
    case 'FILED': {
      if (!at('LIST_PUBLICIZED')) return refuse('须先公示委员名单', { status: s.status })
      const { filingBy } = officerDeadlines(s)
      return { ok: true, late: !!filingBy && now > filingBy, patch: { status: 'FILED', filedAt: now } }
    }
    case 'TERMINATED':
      if (!at('VOTING_OPEN')) return refuse('只有投票期间可以终止', { status: s.status })
      if (now < s.votingClosesAt) return refuse('投票尚未截止', { votingClosesAt: s.votingClosesAt.toISOString() })
      if (opts.quorumMet) return refuse('参与已达三分之二，应公布结果而不是终止', { quorumMet: true })
      return { ok: true, patch: { status: 'TERMINATED', terminatedAt: now, lockUntil: addMonths(now, 12 * LOCK_YEARS) } }
  }
}

/** An item still locked by a terminated one (issue #12: one year). */
export function lockedUntil(terminated: { itemKey: string; lockUntil: Date | null }[], itemKey: string, now: Date): Date | null {
  const hit = terminated.filter((e) => e.itemKey === itemKey && e.lockUntil && e.lockUntil > now).map((e) => e.lockUntil!)
  return hit.length ? new Date(Math.max(...hit.map((d) => d.getTime()))) : null
}

/** R3.2: preparatory group of odd size, owners at least half, leader from the sub-district or residents' committee. */
export function prepGroupProblems(members: { name: string; kind: 'OWNER' | 'DEVELOPER' | 'SUBDISTRICT' | 'RESIDENTS_COMMITTEE' }[], leader: number): string[] {
  const out: string[] = []
  if (members.length % 2 === 0) out.push('筹备组人数须为单数')
  if (2 * members.filter((m) => m.kind === 'OWNER').length < members.length) out.push('业主代表不得少于筹备组人数的一半')
  const l = members[leader]
  if (!l || (l.kind !== 'SUBDISTRICT' && l.kind !== 'RESIDENTS_COMMITTEE')) out.push('筹备组组长须由街道或居委会代表担任')
  return out
}
