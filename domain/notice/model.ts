/**
 * Notices (R5.6, R7.3): what is stored and the pure rules over it. A notice is addressed to
 * households (a household = a unit), never to persons: whoever lives in an addressed unit when they
 * open the 通知 tab sees it, so people moving in and out between publication and reading are
 * handled by resolving the audience at read time. Zod-free, so the client may import it.
 */

export const NOTICE_CATEGORIES = ['NOTICE', 'URGENT', 'EVENT', 'POLICY', 'PROPERTY'] as const
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number]
export const CATEGORY_LABELS: Record<NoticeCategory, string> = {
  NOTICE: '通知',
  URGENT: '紧急',
  EVENT: '活动',
  POLICY: '政策',
  PROPERTY: '物业',
}

/**
 * Care tags a household may carry (R4.10): sensitive, held in care_profiles only under a legal
 * basis (the resident's separate special_care consent, or the sub-district's task list).
 */
export const CARE_TAGS = ['ELDERLY_ALONE', 'DISABLED', 'LOW_INCOME'] as const
export type CareTag = (typeof CARE_TAGS)[number]
export const CARE_TAG_LABELS: Record<CareTag, string> = {
  ELDERLY_ALONE: '独居老人',
  DISABLED: '残疾人',
  LOW_INCOME: '低保',
}

/** A household's care profile (R4.10): one per unit, held under special_care consent or a legal-duty task. */
export interface CareProfileDoc {
  _id: string
  openid: string | null
  communityId: string
  buildingId: string
  unitId: string
  careFlags: CareTag[]
  basis: 'SEPARATE_CONSENT' | 'LEGAL_DUTY'
  task: string | null
  createdAt: Date
}

export const AUDIENCE_SCOPES = ['COMMUNITY', 'GRIDS', 'BUILDINGS', 'UNITS'] as const
export type AudienceScope = (typeof AUDIENCE_SCOPES)[number]
export const AUDIENCE_RELATIONS = ['ALL', 'OWNERS', 'TENANTS'] as const
export type AudienceRelation = (typeof AUDIENCE_RELATIONS)[number]

/** What the author chose. */
export interface AudienceSpec {
  scope: AudienceScope
  gridIds?: string[]
  buildingIds?: string[]
  unitIds?: string[]
  /** Only households carrying one of these care tags. */
  tags?: CareTag[]
  relation?: AudienceRelation
}

/**
 * The audience after resolution at publish time: grids become their buildings, so the inbox can
 * match a household with one indexed query. `buildingIds`/`unitIds` null = not restricted.
 */
export interface ResolvedAudience {
  communityWide: boolean
  gridIds: string[]
  buildingIds: string[]
  unitIds: string[]
  tags: CareTag[]
  relation: AudienceRelation
}

/** A household as the audience sees it. */
export interface HouseholdFacts {
  unitId: string
  buildingId: string
  /** Relations of the people we know in the unit (approved memberships); the caller's own for the inbox. */
  relations: readonly string[]
  /** From the register: the unit has an owner other than the developer. */
  hasOwner: boolean
  tags: readonly CareTag[]
}

export interface GridLike {
  _id: string
  buildingIds: string[]
}

export type AudienceProblem = { field: string; message: string }

/** Structural problems of a spec (before any database lookup); empty when fine. */
export function audienceProblems(spec: AudienceSpec): AudienceProblem[] {
  const out: AudienceProblem[] = []
  const need = (field: 'gridIds' | 'buildingIds' | 'unitIds', label: string) => {
    if (!spec[field]?.length) out.push({ field: `audience.${field}`, message: `请至少选择一个${label}` })
  }
  if (spec.scope === 'GRIDS') need('gridIds', '网格')
  if (spec.scope === 'BUILDINGS') need('buildingIds', '楼栋')
  if (spec.scope === 'UNITS') need('unitIds', '房屋')
  // Care tags filter households; combined with owners/tenants the reach could not be counted
  // without loading the audience, and no task needs it.
  if (spec.tags?.length && spec.relation && spec.relation !== 'ALL') {
    out.push({ field: 'audience.relation', message: '按关爱类别发送时不能再限定业主或租户' })
  }
  return out
}

/** Grids → buildings; ids outside the community's grids are reported, not dropped. */
export function resolveAudience(spec: AudienceSpec, grids: readonly GridLike[]): { audience: ResolvedAudience; unknownGrids: string[] } {
  const gridIds = spec.scope === 'GRIDS' ? [...new Set(spec.gridIds ?? [])] : []
  const unknownGrids = gridIds.filter((g) => !grids.some((x) => x._id === g))
  const buildingIds =
    spec.scope === 'GRIDS'
      ? grids.filter((g) => gridIds.includes(g._id)).flatMap((g) => g.buildingIds)
      : spec.scope === 'BUILDINGS'
        ? [...new Set(spec.buildingIds ?? [])]
        : []
  return {
    audience: {
      communityWide: spec.scope === 'COMMUNITY',
      gridIds,
      buildingIds,
      unitIds: spec.scope === 'UNITS' ? [...new Set(spec.unitIds ?? [])] : [],
      tags: [...new Set(spec.tags ?? [])],
      relation: spec.relation ?? 'ALL',
    },
    unknownGrids,
  }
}

/** Does the notice address this household? The one rule the inbox, reach and the tests share. */
export function addresses(a: ResolvedAudience, h: HouseholdFacts): boolean {
  const inScope = a.communityWide || a.buildingIds.includes(h.buildingId) || a.unitIds.includes(h.unitId)
  if (!inScope) return false
  if (a.tags.length && !a.tags.some((t) => h.tags.includes(t))) return false
  if (a.relation === 'OWNERS') return h.hasOwner && h.relations.some((r) => r === 'OWNER' || r === 'CO_OWNER')
  if (a.relation === 'TENANTS') return h.relations.includes('TENANT')
  return true
}

/**
 * Which buildings of the audience a grid-scoped caller may touch (R7.2). 'all' → null (no limit).
 * A unit-list audience is limited by the units' buildings, known to the caller.
 */
export function audienceWithinGrids(a: ResolvedAudience, scopeBuildings: 'all' | readonly string[], unitBuildings: ReadonlyMap<string, string>): boolean {
  if (scopeBuildings === 'all') return true
  if (a.communityWide) return false
  if (!a.buildingIds.every((b) => scopeBuildings.includes(b))) return false
  return a.unitIds.every((u) => {
    const b = unitBuildings.get(u)
    return b !== undefined && scopeBuildings.includes(b)
  })
}

/** Does the audience touch any of these buildings (a grid worker's view of someone else's notice)? */
export function audienceTouches(a: ResolvedAudience, scopeBuildings: readonly string[], unitBuildings: ReadonlyMap<string, string>): boolean {
  if (a.communityWide) return true
  if (a.buildingIds.some((b) => scopeBuildings.includes(b))) return true
  return a.unitIds.some((u) => scopeBuildings.includes(unitBuildings.get(u) ?? ''))
}

export const NOTICE_STATUSES = ['SCHEDULED', 'HELD', 'PUBLISHED', 'REFUSED', 'WITHDRAWN'] as const
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]

/** Why a notice is held (R5.8): the check said review, or the check could not be reached (fail closed). */
export type HoldReason = 'REVIEW' | 'CHECK_UNAVAILABLE'

export interface NoticeDoc {
  _id: string
  communityId: string
  authorOpenid: string
  authorName: string
  authorRole: string
  title: string
  body: string
  category: NoticeCategory
  images: string[]
  audienceSpec: AudienceSpec
  audience: ResolvedAudience
  ackRequired: boolean
  /** Required for URGENT: pinned until then. */
  expiresAt: Date | null
  publishAt: Date
  publishedAt: Date | null
  status: NoticeStatus
  holdReason: HoldReason | null
  refusedReason: string | null
  /** Edit count (every saved edit). */
  version: number
  /**
   * Material revision: bumped by a material edit. Receipts carry the revision they were made at,
   * so reads, acknowledgements and deliveries of an older revision simply stop counting — reset
   * without rewriting a single receipt.
   */
  rev: number
  /** Households addressed, counted at publication (and at a material edit) with one count(). */
  addressed: number
  /** Unread households become visit tasks for their grid worker after this many days (R7.3). */
  visitAfterDays: number
  /** R5.6: send subscribe-message pokes after publication. */
  poke: boolean
  createdAt: Date
  updatedAt: Date
  withdrawnAt: Date | null
  withdrawnBy: string | null
  withdrawReason: string | null
  moderatedBy: string | null
}

/** One per household and notice: `_id = rcp_<noticeId>_<unitId>` (racing markRead calls collide). */
export interface ReceiptDoc {
  _id: string
  noticeId: string
  communityId: string
  unitId: string
  buildingId: string
  /** The notice revision read / acknowledged / delivered at; null = not (yet). */
  readRev: number | null
  readAt: Date | null
  ackRev: number | null
  ackAt: Date | null
  ackBy: string | null
  deliveredRev: number | null
  deliveredAt: Date | null
  deliveredBy: string | null
  deliveryMethod: DeliveryMethod | null
}

export const DELIVERY_METHODS = ['DOOR', 'PAPER'] as const
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number]
export const DELIVERY_LABELS: Record<DeliveryMethod, string> = { DOOR: '已上门送达', PAPER: '已纸质张贴' }

export function receiptId(noticeId: string, unitId: string): string {
  return `rcp_${noticeId}_${unitId}`
}

/** Who may publish what (issue #10): property staff only 物业; grid workers only to their grids (checked elsewhere). */
export function categoryAllowed(roles: readonly string[], category: NoticeCategory): boolean {
  if (roles.some((r) => r === 'RC_STAFF' || r === 'COMMUNITY_ADMIN' || r === 'GRID_WORKER')) return true
  return roles.includes('PROPERTY_STAFF') && category === 'PROPERTY'
}

/**
 * A material edit changes what residents were told: title, body, category, audience or expiry.
 * The editor may declare a change minor (a typo), which keeps acknowledgements.
 */
export function isMaterialChange(
  before: Pick<NoticeDoc, 'title' | 'body' | 'category' | 'expiresAt'>,
  after: Pick<NoticeDoc, 'title' | 'body' | 'category' | 'expiresAt'>,
  minor: boolean,
): boolean {
  if (minor) return false
  const norm = (s: string) => s.replace(/\s+/g, '')
  return (
    norm(before.title) !== norm(after.title) ||
    norm(before.body) !== norm(after.body) ||
    before.category !== after.category ||
    (before.expiresAt?.getTime() ?? null) !== (after.expiresAt?.getTime() ?? null)
  )
}

/** 紧急 notices are pinned at the top of the inbox until they expire. */
export function isPinned(n: Pick<NoticeDoc, 'category' | 'expiresAt'>, now: Date): boolean {
  return n.category === 'URGENT' && !!n.expiresAt && n.expiresAt.getTime() > now.getTime()
}

/** Inbox cursor: the last item's publication time and id (stable under ties). */
export function encodeCursor(publishedAt: Date | string, id: string): string {
  return `${new Date(publishedAt).toISOString()}|${id}`
}
export function decodeCursor(cursor: string): { publishedAt: Date; id: string } | null {
  const i = cursor.indexOf('|')
  if (i < 0) return null
  const d = new Date(cursor.slice(0, i))
  const id = cursor.slice(i + 1)
  return Number.isNaN(d.getTime()) || !id ? null : { publishedAt: d, id }
}

export const DEFAULT_VISIT_AFTER_DAYS = 2

/**
 * msgSecCheck v2's verdict (cloudfunctions/_core/content-check.ts) → what happens to the notice
 * (R5.8: fail closed for public posts — the check unavailable holds it, never publishes unchecked).
 */
export type SecOutcome = { kind: 'pass' } | { kind: 'hold'; reason: HoldReason } | { kind: 'refuse'; label: number }
export function secCheckOutcome(check: { verdict: 'PASS' | 'REVIEW' | 'RISKY' | 'UNAVAILABLE'; label: number | null }): SecOutcome {
  if (check.verdict === 'PASS') return { kind: 'pass' }
  if (check.verdict === 'RISKY') return { kind: 'refuse', label: check.label ?? 0 }
  if (check.verdict === 'REVIEW') return { kind: 'hold', reason: 'REVIEW' }
  return { kind: 'hold', reason: 'CHECK_UNAVAILABLE' }
}

/** What a refusal says to the author (labels of msgSecCheck v2). */
export { SEC_LABELS } from '../shared/sec-labels'
