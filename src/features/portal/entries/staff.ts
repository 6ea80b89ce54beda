import type { BootstrapOutput } from '@domain/user/contract'
import { callCloud } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import type { PortalRegistration } from '../types'
import { can } from '../session-facts'

/** household.listForReview answers 50 a page; four pages are more than a day's queue. */
const MAX_REVIEW_PAGES = 4

/**
 * Applications waiting in the caller's review scope (R7.2: a grid worker's grids, the whole
 * community for RC staff and admins, plus the caller's own units as owner). Counted from the
 * queue itself, so the number on 首页 is what the review page will list.
 */
export async function countPendingReviews(session: BootstrapOutput): Promise<number> {
  const communityId = session.currentCommunity?.id
  if (!communityId) return 0
  let total = 0
  for (let page = 0; page < MAX_REVIEW_PAGES; page++) {
    const { items, hasMore } = await callCloud('household', 'listForReview', { communityId, status: 'APPLIED', page })
    total += items.length
    if (!hasMore) break
  }
  return total
}

/**
 * Owner-verification alerts of the last 7 days in the caller's review scope (issue #9 §7.2; grid
 * workers: their grids, R7.2). The server holds the capability household.review for them, as for
 * the review queue they lead back to.
 */
export async function countSecurityAlerts(session: BootstrapOutput): Promise<number> {
  const communityId = session.currentCommunity?.id
  if (!communityId) return 0
  const { alerts } = await callCloud('household', 'securityAlerts', { communityId })
  return alerts.length
}

/** Staff tools (staff subpackage) by capability in the current community; the server enforces each. */
export const registration: PortalRegistration = {
  entries: [
    { key: 'staff', title: '入户审核', glyph: '审', url: ROUTES.staffReview, order: 10, visible: (s) => can(s, 'household.review') },
    { key: 'staff', title: '住户名册', glyph: '册', url: ROUTES.staffDirectory, order: 11, visible: (s) => can(s, 'household.read') },
    { key: 'staff', title: '名册导入', glyph: '导', url: ROUTES.staffRoster, order: 12, visible: (s) => can(s, 'roster.import') },
    { key: 'staff', title: '角色管理', glyph: '角', url: ROUTES.staffRoles, order: 13, visible: (s) => can(s, 'role.manage') },
  ],
  workItems: [
    { key: 'staff-review', title: '待审核的入户申请', url: ROUTES.staffReview, visible: (s) => can(s, 'household.review'), load: countPendingReviews },
    { key: 'staff-security-alerts', title: '核验异常提醒', url: ROUTES.staffAlerts, visible: (s) => can(s, 'household.review'), load: countSecurityAlerts },
  ],
  myThings: [
    {
      // Owners review their own tenants' and family's applications without a staff role.
      key: 'staff-owner-review',
      visible: (s) => s.ownerReviews > 0 && !can(s, 'household.review'),
      load: async (s) => ({ title: '待您审核的入户申请', description: `${s.ownerReviews} 条租户/家庭成员的申请`, url: ROUTES.staffReview }),
    },
  ],
  alerts: [],
}
