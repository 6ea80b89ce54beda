/** Page paths in one place, so a moved page breaks the type check rather than a tap. */
export const ROUTES = {
  home: '/pages/home/index',
  notices: '/pages/notices/index',
  me: '/pages/me/index',
  privacySettings: '/subpackages/settings/pages/privacy/index',
  careModeSettings: '/subpackages/settings/pages/care-mode/index',
  /** H5 dev builds only (not registered in the weapp app.json). */
  devPersona: '/subpackages/settings/pages/dev/index',
} as const

export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.notices, ROUTES.me]
