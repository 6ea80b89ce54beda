/**
 * Main package = the three tab pages (and the shared shell: privacy popup, care-mode theme).
 * Every feature is a subpackage under subpackages/<feature>/pages/…
 * The dev persona switcher is registered in H5 builds only, so it never ships to WeChat.
 */
const settingsPages = [
  'pages/privacy/index',
  'pages/care-mode/index',
  'pages/notice/index',
  'pages/profile/index',
  'pages/households/index',
  'pages/my-data/index',
  'pages/access-log/index',
  // 输入邀请码: any account can redeem a role invite (role.redeemInvite).
  'pages/invite/index',
]
if (process.env.TARO_ENV === 'h5') settingsPages.push('pages/dev/index')

export default defineAppConfig({
  // The notice detail sits with the 通知 tab in the main package (opened from the inbox and 首页).
  pages: ['pages/home/index', 'pages/notices/index', 'pages/me/index', 'pages/notices/detail'],
  subPackages: [
    { root: 'subpackages/settings', pages: settingsPages },
    // First run and joining a unit (R4.3 consent before collection, then household.apply).
    { root: 'subpackages/onboarding', pages: ['pages/welcome/index', 'pages/join/index'] },
    // Staff entries are shown by capability on 我的; the server enforces them (capabilities.ts).
    { root: 'subpackages/staff', pages: ['pages/review/index', 'pages/roster/index', 'pages/roles/index', 'pages/directory/index', 'pages/alerts/index'] },
    // Booking (issue #11): resident pages and the staff day sheet / resource editor together.
    { root: 'subpackages/booking', pages: ['pages/list/index', 'pages/day/index', 'pages/mine/index', 'pages/sheet/index', 'pages/manage/index', 'pages/proxy/index'] },
    // The grid worker's day (issue #10): compose, reach and the unread list, own notices, edit / withdraw.
    { root: 'subpackages/grid', pages: ['pages/compose/index', 'pages/reach/index', 'pages/mine/index', 'pages/visits/index', 'pages/edit/index'] },
    // 事件上报 / 社情民意: residents report and follow; staff handle (list ?staff=1, detail actions).
    { root: 'subpackages/incident', pages: ['pages/report/index', 'pages/list/index', 'pages/detail/index'] },
    // 邻里群 and 议事厅 (issue #13): residents' pages and the staff moderation queue together.
    { root: 'subpackages/group', pages: ['pages/list/index', 'pages/feed/index', 'pages/post/index', 'pages/agenda/index', 'pages/moderation/index', 'pages/review/index', 'pages/members/index'] },
    // Issue #12: owners' decisions and committee elections (resident and staff screens together).
    // Staff: create, manage (lifecycle, candidates, proxies), paper entry; owners: roster and objections, nominate.
    { root: 'subpackages/election', pages: ['pages/list/index', 'pages/vote/index', 'pages/create/index', 'pages/manage/index', 'pages/roster/index', 'pages/nominate/index', 'pages/paper/index', 'pages/proxy/index'] },
    // Issue #14: repairs, the staff queue, income and expenditure, the scorecard.
    { root: 'subpackages/property', pages: ['pages/repairs/index', 'pages/queue/index', 'pages/finance/index', 'pages/scorecard/index', 'pages/publish/index'] },
    // Surveys, their results and the governance dashboard (issue #15); the server checks survey.manage / dashboard.view.
    { root: 'subpackages/survey', pages: ['pages/list/index', 'pages/answer/index', 'pages/thanks/index', 'pages/builder/index', 'pages/results/index', 'pages/dashboard/index', 'pages/actions/index', 'pages/review/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#595959',
    selectedColor: '#0b5cad',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    // Icons: 81×81 PNGs from scripts/make-tab-icons.ts (normal #595959, selected #0b5cad); text ≤ 3 characters.
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/notices/index', text: '通知', iconPath: 'assets/tabbar/notices.png', selectedIconPath: 'assets/tabbar/notices-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  // Inject page components only when rendered (miniprogram-ci code-quality item; faster start-up).
  lazyCodeLoading: 'requiredComponents',
  // Privacy checks are enforced since 2023-10-17 regardless of this flag; kept explicit (R5.1).
  __usePrivacyCheck__: true,
})
