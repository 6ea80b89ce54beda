/**
 * The booking feature on 首页 (issue #11): the 预约服务 tile, 代人预约 for grid workers, the next booking among "my things",
 * and staff work items (approvals pending, check-ins expected today). Main package: type-only
 * contract imports and the zod-free date helpers; the pages live in the booking subpackage.
 */
import type { BootstrapOutput } from '@domain/user/contract'
import { dayLabel } from '@domain/booking/time'
import { callCloud } from '@/services/cloud'
import type { PortalRegistration } from '../types'

const LIST = '/subpackages/booking/pages/list/index'
const MINE = '/subpackages/booking/pages/mine/index'
const SHEET = '/subpackages/booking/pages/sheet/index'
const PROXY = '/subpackages/booking/pages/proxy/index'

const communityOf = (s: BootstrapOutput) => s.currentCommunity?.id ?? null
/** Residents and staff of the current community can book (eligibility is per resource, checked on the server). */
const inCommunity = (s: BootstrapOutput) => {
  const c = communityOf(s)
  return !!c && s.roles.some((r) => r.communityId === c)
}
const manages = (s: BootstrapOutput) => {
  const c = communityOf(s)
  return !!c && (s.capabilities[c] ?? []).includes('booking.manage')
}

/** Both work items read one booking.workload call (a short-lived shared promise per community). */
let cached: { communityId: string; at: number; value: Promise<{ pendingApprovals: number; checkInsToday: number }> } | null = null
function workload(s: BootstrapOutput) {
  const communityId = communityOf(s)!
  if (!cached || cached.communityId !== communityId || Date.now() - cached.at > 5000) {
    cached = { communityId, at: Date.now(), value: callCloud('booking', 'workload', { communityId }) }
  }
  return cached.value
}

/** Grid workers book for the residents of their grid (R6.7); family members find 代人预约 in 预约服务. */
const proxies = (s: BootstrapOutput) => {
  const c = communityOf(s)
  return !!c && (s.capabilities[c] ?? []).includes('booking.proxy')
}

export const registration: PortalRegistration = {
  entries: [
    { key: 'booking', title: '预约服务', glyph: '约', url: LIST, order: 30, visible: inCommunity },
    { key: 'booking-proxy', title: '代人预约', glyph: '代', url: PROXY, order: 31, visible: proxies },
  ],
  workItems: [
    { key: 'booking-approvals', title: '待审核的预约', url: SHEET, visible: manages, load: async (s) => (await workload(s)).pendingApprovals },
    { key: 'booking-checkins', title: '今日待签到', url: SHEET, visible: manages, load: async (s) => (await workload(s)).checkInsToday },
  ],
  myThings: [
    {
      key: 'booking-next',
      visible: inCommunity,
      load: async () => {
        const { bookings } = await callCloud('booking', 'mine', {})
        const next = bookings.find((b) => b.status === 'CONFIRMED' || b.status === 'PENDING_APPROVAL' || b.status === 'WAITLISTED')
        if (!next) return null
        const state = next.waitPosition ? `${next.statusLabel}第${next.waitPosition}位` : next.statusLabel
        return { title: `下一个预约：${next.resourceName}`, description: `${dayLabel(next.date)} ${next.start}–${next.end} · ${state}`, url: MINE }
      },
    },
  ],
  alerts: [],
}
