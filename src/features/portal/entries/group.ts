import { callCloud } from '@/services/cloud'
import type { PortalRegistration } from '../types'
import { can, hasHome, isStaff } from '../session-facts'

const LIST = '/subpackages/group/pages/list/index'
const MODERATION = '/subpackages/group/pages/moderation/index'
const AGENDA = '/subpackages/group/pages/agenda/index'

/** 邻里群 and 议事厅 for people of the community; the moderation queue as staff work (issue #13). */
export const registration: PortalRegistration = {
  entries: [
    { key: 'group', title: '邻里群', glyph: '群', url: LIST, order: 3, visible: (s) => hasHome(s) || isStaff(s) },
    { key: 'group', title: '议事厅', glyph: '议', url: AGENDA, order: 4, visible: (s) => hasHome(s) || isStaff(s) },
    { key: 'group', title: '内容审核', glyph: '审', url: MODERATION, order: 14, visible: (s) => can(s, 'group.moderate') },
  ],
  workItems: [
    {
      key: 'group-moderation',
      title: '待审核的群内容',
      url: MODERATION,
      visible: (s) => can(s, 'group.moderate'),
      load: async (s) => (s.currentCommunity ? (await callCloud('group', 'post.queue', { communityId: s.currentCommunity.id })).items.length : 0),
    },
  ],
  myThings: [],
  alerts: [],
}
