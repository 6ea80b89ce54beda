/** Pages of the group subpackage (issue #13). */
export const GROUP_ROUTES = {
  list: '/subpackages/group/pages/list/index',
  feed: '/subpackages/group/pages/feed/index',
  post: '/subpackages/group/pages/post/index',
  agenda: '/subpackages/group/pages/agenda/index',
  moderation: '/subpackages/group/pages/moderation/index',
} as const
