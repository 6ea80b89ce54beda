/**
 * The grid worker's day on the home portal (issue #10): the 社区通知 entry, the 紧急 / latest unread
 * strip, 走访 and 事件上报 entries by role, and the work counts — households their notices have not
 * reached, overdue visits, open incidents of their grids.
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
    {
      key: 'incident',
      title: '事件上报',
      glyph: '报',
      url: ROUTES.incidentList,
      order: 20,
      visible: (s) => hasHome(s),
    },
    {
      key: 'visit',
      title: '走访',
      glyph: '访',
      url: ROUTES.gridVisits,
      order: 30,
      visible: (s) => can(s, 'visit.read'),
    },
    {
      key: 'incident-handle',
      title: '事件处理',
      glyph: '办',
      url: `${ROUTES.incidentList}?staff=1`,
      order: 31,
      visible: (s) => can(s, 'incident.handle'),
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
    {
      key: 'visit-overdue',
      title: '逾期走访',
      url: ROUTES.gridVisits,
      visible: (s) => can(s, 'visit.read'),
      load: async (s) => {
        const r = await callCloud('visit', 'overdue', { communityId: s.currentCommunity!.id })
        return r.schedules.length + r.tasks.length
      },
    },
    {
      key: 'incident-open',
      title: '待办事件',
      url: `${ROUTES.incidentList}?staff=1`,
      visible: (s) => can(s, 'incident.handle'),
      load: async (s) => {
        const r = await callCloud('incident', 'list', { communityId: s.currentCommunity!.id, mine: false })
        return r.incidents.filter((i) => i.state !== 'RESOLVED' && i.state !== 'CONFIRMED').length
      },
    },
  ],
  myThings: [
    {
      key: 'incident-mine',
      visible: hasHome,
      load: async (s) => {
        const { incidents } = await callCloud('incident', 'list', { communityId: s.currentCommunity!.id })
        const open = incidents.find((i) => i.state !== 'CONFIRMED')
        return open ? { title: `我的上报：${open.categoryLabel}`, description: `${open.stateLabel} · ${open.locationLabel}`, url: `${ROUTES.incidentDetail}?id=${encodeURIComponent(open.id)}` } : null
      },
    },
  ],
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
