import { callCloud } from '@/services/cloud'
import type { PortalRegistration } from '../types'
import { can, hasHome } from '../session-facts'

const LIST = '/subpackages/survey/pages/list/index'
const DASHBOARD = '/subpackages/survey/pages/dashboard/index'
const ANSWER = '/subpackages/survey/pages/answer/index'
const ACTIONS = '/subpackages/survey/pages/actions/index'

type ActionItem = { id: string; title: string; status: string; fromYou: boolean; closedAt: string | null }
const NOTICE_DAYS = 14

/** 你说我办 items closed within 14 days that came from the caller: the home tab's notice that they were done. */
export function closedForYou(items: ActionItem[], now = Date.now()): { id: string; title: string; urgent: boolean; url: string }[] {
  const since = now - NOTICE_DAYS * 24 * 3600 * 1000
  return items
    .filter((i) => i.status === 'DONE' && i.fromYou && i.closedAt && new Date(i.closedAt).getTime() >= since)
    .slice(0, 3)
    .map((i) => ({ id: `action-${i.id}`, title: `你说我办已办结：${i.title}`, urgent: false, url: ACTIONS }))
}

/** Surveys (issue #15): residents of a community answer; survey.manage builds; dashboard.view sees the dashboard. */
export const registration: PortalRegistration = {
  entries: [
    { key: 'survey', title: '问卷调查', glyph: '问', url: LIST, order: 30, visible: (s) => !!s.currentCommunity && (hasHome(s) || can(s, 'survey.manage')) },
    { key: 'survey', title: '治理看板', glyph: '看', url: DASHBOARD, order: 31, visible: (s) => can(s, 'dashboard.view') },
    // 你说我办: what residents raised and what is being done, for everyone of the community.
    { key: 'survey', title: '你说我办', glyph: '办', url: ACTIONS, order: 32, visible: (s) => !!s.currentCommunity && (hasHome(s) || can(s, 'action.manage')) },
  ],
  workItems: [],
  myThings: [
    {
      // The first open survey the caller has not answered yet, a tap from 首页.
      key: 'survey-open',
      visible: (s) => !!s.currentCommunity && hasHome(s),
      load: async (s) => {
        const { surveys } = await callCloud('survey', 'list', { communityId: s.currentCommunity!.id })
        const open = surveys.find((x) => x.canAnswer)
        return open ? { title: '待填写的问卷', description: open.title, url: `${ANSWER}?id=${encodeURIComponent(open.id)}` } : null
      },
    },
  ],
  alerts: [
    {
      // 你说我办 closed in the last 14 days that came from the caller (their incident reports, or a
      // survey / agenda item of their community): the in-app notice that it was done.
      key: 'action-closed',
      visible: (s) => !!s.currentCommunity && hasHome(s),
      load: async (s) => {
        const { items } = await callCloud('action', 'list', { communityId: s.currentCommunity!.id })
        return closedForYou(items)
      },
    },
  ],
}
