/** Page paths in one place, so a moved page breaks the type check rather than a tap. */
export const ROUTES = {
  home: '/pages/home/index',
  notices: '/pages/notices/index',
  me: '/pages/me/index',
  privacySettings: '/subpackages/settings/pages/privacy/index',
  careModeSettings: '/subpackages/settings/pages/care-mode/index',
  privacyNotice: '/subpackages/settings/pages/notice/index',
  profile: '/subpackages/settings/pages/profile/index',
  myHouseholds: '/subpackages/settings/pages/households/index',
  myData: '/subpackages/settings/pages/my-data/index',
  accessLog: '/subpackages/settings/pages/access-log/index',
  redeemInvite: '/subpackages/settings/pages/invite/index',
  onboarding: '/subpackages/onboarding/pages/welcome/index',
  joinUnit: '/subpackages/onboarding/pages/join/index',
  staffReview: '/subpackages/staff/pages/review/index',
  staffRoster: '/subpackages/staff/pages/roster/index',
  staffRoles: '/subpackages/staff/pages/roles/index',
  staffDirectory: '/subpackages/staff/pages/directory/index',
  staffAlerts: '/subpackages/staff/pages/alerts/index',
  /** H5 dev builds only (not registered in the weapp app.json). */
  devPersona: '/subpackages/settings/pages/dev/index',
} as const

export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.notices, ROUTES.me]
