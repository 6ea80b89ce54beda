/** Pages of the group subpackage (issue #13), and the pages of other features it links to. */
export const GROUP_ROUTES = {
  list: '/subpackages/group/pages/list/index',
  feed: '/subpackages/group/pages/feed/index',
  post: '/subpackages/group/pages/post/index',
  members: '/subpackages/group/pages/members/index',
  agenda: '/subpackages/group/pages/agenda/index',
  moderation: '/subpackages/group/pages/moderation/index',
  review: '/subpackages/group/pages/review/index',
} as const

/**
 * Where a derived survey / owners' decision opens, and where one is started from a post or an
 * agenda item. The builders take `originKind`, `originId` and `title` to prefill (issue #13 §4,
 * agreed with the survey and election features).
 */
export const DECISION_ROUTES = {
  surveyBuilder: '/subpackages/survey/pages/builder/index',
  surveyOpen: '/subpackages/survey/pages/answer/index',
  electionOpen: '/subpackages/election/pages/vote/index',
  electionCreate: '/subpackages/election/pages/create/index',
  actions: '/subpackages/survey/pages/actions/index',
} as const

export function originQuery(kind: 'post' | 'agenda', id: string, title: string): string {
  return `originKind=${kind}&originId=${encodeURIComponent(id)}&title=${encodeURIComponent(title.slice(0, 40))}`
}
