import { callCloud } from '@/services/cloud'
import type { PortalRegistration } from '../types'
import { can, hasHome, isStaff } from '../session-facts'

const LIST = '/subpackages/group/pages/list/index'
const MODERATION = '/subpackages/group/pages/moderation/index'
const AGENDA = '/subpackages/group/pages/agenda/index'
const REVIEW = '/subpackages/group/pages/review/index'

/** 邻里群 and 议事厅 for people of the community; the moderation queue as staff work (issue #13). */
export const registration: PortalRegistration = {
  entries: [
    { key: 'group', title: '邻里群', glyph: '群', url: LIST, order: 3, visible: (s) => hasHome(s) || isStaff(s) },
    { key: 'group', title: '议事厅', glyph: '议', url: AGENDA, order: 4, visible: (s) => hasHome(s) || isStaff(s) },
    { key: 'group', title: '内容审核', glyph: '审', url: MODERATION, order: 14, visible: (s) => can(s, 'group.moderate') },
    { key: 'group', title: '建群审核', glyph: '建', url: REVIEW, order: 15, visible: (s) => can(s, 'group.review') },
  ],
  workItems: [
    {
      key: 'group-moderation',
      title: '待审核的群内容',
      url: MODERATION,
      visible: (s) => can(s, 'group.moderate'),
      load: async (s) => (s.currentCommunity ? (await callCloud('group', 'post.queue', { communityId: s.currentCommunity.id })).items.length : 0),
    },
    {
      key: 'group-proposals',
      title: '待审核的兴趣群',
      url: REVIEW,
      visible: (s) => can(s, 'group.review'),
      load: async (s) => (s.currentCommunity ? (await callCloud('group', 'proposals', { communityId: s.currentCommunity.id })).groups.length : 0),
    },
    {
      key: 'group-agenda',
      title: '待排期的议题',
      url: AGENDA,
      visible: (s) => can(s, 'agenda.manage'),
      load: async (s) => (s.currentCommunity ? (await callCloud('group', 'agenda.list', { communityId: s.currentCommunity.id, status: 'SUBMITTED' })).items.length : 0),
    },
  ],
  myThings: [],
  alerts: [],
}
