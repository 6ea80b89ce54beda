/**
 * The compose form's rules, apart from the page: what the author may choose (property staff only
 * 物业; grid workers only their grids, R7.2) and the input for notice.publish. The server checks
 * all of it again.
 */
import { CARE_TAGS, DEFAULT_VISIT_AFTER_DAYS, NOTICE_CATEGORIES, type AudienceRelation, type CareTag, type NoticeCategory } from '@domain/notice/model'

export interface ComposeState {
  title: string
  body: string
  category: NoticeCategory
  /** null = whole community (not offered to grid workers). */
  gridIds: string[] | null
  /** null = every building of the chosen grids (or of the community); a list = only these. */
  buildingIds: string[] | null
  tags: CareTag[]
  /** 仅业主 / 仅租户; not combined with care tags (the server could not count that reach). */
  relation: AudienceRelation
  ackRequired: boolean
  /** 紧急: hours until it stops being pinned. */
  urgentHours: number
  publishTomorrow: boolean
  /** Subscribe-message pokes to residents who opted in (R5.6): the timer sends them in batches. */
  poke: boolean
  /** Days after which unread households become the grid worker's visit tasks (R7.3). */
  visitAfterDays: number
}

export const EMPTY_COMPOSE: ComposeState = {
  title: '',
  body: '',
  category: 'NOTICE',
  gridIds: null,
  buildingIds: null,
  tags: [],
  relation: 'ALL',
  ackRequired: false,
  urgentHours: 24,
  publishTomorrow: false,
  poke: true,
  visitAfterDays: DEFAULT_VISIT_AFTER_DAYS,
}

export function allowedCategories(roles: readonly string[]): NoticeCategory[] {
  if (roles.some((r) => r === 'RC_STAFF' || r === 'COMMUNITY_ADMIN' || r === 'GRID_WORKER')) return [...NOTICE_CATEGORIES]
  return roles.includes('PROPERTY_STAFF') ? ['PROPERTY'] : []
}

export function composeProblems(s: ComposeState): Partial<Record<'title' | 'body' | 'audience', string>> {
  const out: Partial<Record<'title' | 'body' | 'audience', string>> = {}
  if (s.title.trim().length < 2) out.title = '标题至少2个字'
  if (s.body.trim().length < 2) out.body = '正文至少2个字'
  if (s.gridIds !== null && s.gridIds.length === 0) out.audience = '请至少选择一个网格'
  else if (s.buildingIds !== null && s.buildingIds.length === 0) out.audience = '请至少选择一个楼栋'
  else if (s.tags.length && s.relation !== 'ALL') out.audience = '关爱类别不能与“仅业主/仅租户”同时选择'
  return out
}

/** Tomorrow 08:00 local time (scheduled publication: the publish-scheduled timer releases it). */
export function tomorrowMorning(now: Date): Date {
  const d = new Date(now)
  d.setDate(d.getDate() + 1)
  d.setHours(8, 0, 0, 0)
  return d
}

export function publishInput(s: ComposeState, communityId: string, now: Date) {
  const publishAt = s.publishTomorrow ? tomorrowMorning(now) : null
  const start = publishAt ?? now
  return {
    communityId,
    title: s.title.trim(),
    body: s.body.trim(),
    category: s.category,
    audience: {
      // Chosen buildings are the narrower rule; the server checks them against the worker's grids (R7.2).
      ...(s.buildingIds !== null
        ? { scope: 'BUILDINGS' as const, buildingIds: s.buildingIds }
        : s.gridIds === null
          ? { scope: 'COMMUNITY' as const }
          : { scope: 'GRIDS' as const, gridIds: s.gridIds }),
      ...(s.tags.length ? { tags: s.tags.filter((t) => (CARE_TAGS as readonly string[]).includes(t)) } : {}),
      ...(s.relation !== 'ALL' ? { relation: s.relation } : {}),
    },
    ackRequired: s.ackRequired,
    poke: s.poke,
    visitAfterDays: s.visitAfterDays,
    ...(s.category === 'URGENT' ? { expiresAt: new Date(start.getTime() + s.urgentHours * 3600_000).toISOString() } : {}),
    ...(publishAt ? { publishAt: publishAt.toISOString() } : {}),
  }
}
