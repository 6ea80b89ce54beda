/**
 * The notices feature on the home portal (issue #10): the 社区通知 entry, the 紧急 / latest unread
 * strip, and the grid worker's count of households that have not got their notices yet. Visits
 * and incidents register their own work items when they exist (no entries that lead nowhere).
 */
import { callCloud } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { refreshNoticeBadge } from '@/features/notices/badge'
import type { BootstrapOutput } from '@domain/user/contract'
import type { PortalRegistration } from '../types'

const hasHome = (s: BootstrapOutput) => s.memberships.some((m) => m.status === 'APPROVED')
const can = (s: BootstrapOutput, capability: string) => {
  const id = s.currentCommunity?.id
  return !!id && (s.capabilities[id] ?? []).includes(capability)
}

/** Unread households over the caller's three latest published notices (what a knock on doors would fix). */
async function unreadHouseholds(s: BootstrapOutput): Promise<number> {
  const communityId = s.currentCommunity?.id
  if (!communityId) return 0
  const { notices } = await callCloud('notice', 'authored', { communityId })
  const latest = notices.filter((n) => n.status === 'PUBLISHED').slice(0, 3)
  const reaches = await Promise.all(latest.map((n) => callCloud('notice', 'reach', { noticeId: n.id })))
  return reaches.reduce((sum, r) => sum + r.unread, 0)
}

export const registration: PortalRegistration = {
  entries: [
    {
      key: 'notice',
      title: '社区通知',
      glyph: '通',
      url: ROUTES.notices,
      order: 10,
      visible: (s) => hasHome(s) || can(s, 'notice.publish'),
    },
    {
      key: 'notice-compose',
      title: '发布通知',
      glyph: '发',
      url: ROUTES.gridCompose,
      order: 11,
      visible: (s) => can(s, 'notice.publish'),
    },
  ],
  workItems: [
    {
      key: 'notice-unread-households',
      title: '通知未送达住户',
      url: ROUTES.gridMine,
      visible: (s) => can(s, 'notice.deliver'),
      load: unreadHouseholds,
    },
  ],
  myThings: [],
  alerts: [
    {
      key: 'notice',
      visible: hasHome,
      load: async () => {
        const { items } = await callCloud('notice', 'summary', {})
        // The home tab shows first: keep the 通知 tab's badge in step with the strip.
        void refreshNoticeBadge()
        return items.map((i) => ({ ...i, url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(i.id)}` }))
      },
    },
  ],
}
