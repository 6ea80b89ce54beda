/** The booking subpackage's pages (issue #11); the portal entry and the pages link here. */
export const BOOKING_ROUTES = {
  list: '/subpackages/booking/pages/list/index',
  day: '/subpackages/booking/pages/day/index',
  mine: '/subpackages/booking/pages/mine/index',
  sheet: '/subpackages/booking/pages/sheet/index',
  manage: '/subpackages/booking/pages/manage/index',
  proxy: '/subpackages/booking/pages/proxy/index',
} as const
