/**
 * The booking tiles on 首页 (issue #11): 预约服务 for everyone in the community, 代人预约 for the
 * roles that may book for others in their grid (R6.7) — capabilities derived from the real table,
 * not written by hand, so a change to who holds booking.proxy shows here.
 */
import type { BootstrapOutput } from '@domain/user/contract'
import { capabilitiesIn, type HeldRole } from '@domain/access/capabilities'
import { registration } from '@/features/portal/entries/booking'

const C = 'c_xuetangpo'
function session(roles: HeldRole[]): BootstrapOutput {
  return {
    isNew: false,
    profile: { nickname: null, elderMode: null, realName: null, phoneMasked: null },
    memberships: [],
    ownerReviews: 0,
    roles,
    capabilities: { [C]: capabilitiesIn(roles, C) },
    currentCommunity: { id: C, name: '学堂坡社区' },
  } as unknown as BootstrapOutput
}
const tiles = (roles: HeldRole[]) => registration.entries.filter((e) => e.visible(session(roles))).map((e) => e.title)

test('a grid worker gets 代人预约 next to 预约服务; a resident, property staff and a visitor do not', () => {
  expect(tiles([{ role: 'GRID_WORKER', communityId: C, gridIds: ['g1'] }])).toEqual(['预约服务', '代人预约'])
  expect(tiles([{ role: 'RESIDENT', communityId: C }])).toEqual(['预约服务'])
  expect(tiles([{ role: 'PROPERTY_STAFF', communityId: C }])).toEqual(['预约服务'])
  expect(tiles([])).toEqual([])
})

test('代人预约 opens the proxy page of the booking subpackage', () => {
  expect(registration.entries.find((e) => e.key === 'booking-proxy')?.url).toBe('/subpackages/booking/pages/proxy/index')
})
