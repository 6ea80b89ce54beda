import type { BootstrapOutput } from '@domain/user/contract'
import { callCloud } from '@/services/cloud'
import type { PortalRegistration } from '../types'
import { can, hasHome } from '../session-facts'

const ROOT = '/subpackages/property/pages'
export const PROPERTY_ROUTES = {
  repairs: `${ROOT}/repairs/index`,
  queue: `${ROOT}/queue/index`,
  finance: `${ROOT}/finance/index`,
  scorecard: `${ROOT}/scorecard/index`,
  publish: `${ROOT}/publish/index`,
}

const inCommunity = (s: BootstrapOutput) => !!s.currentCommunity

/** Counts for staff work items: one call answers both (repair.counts). */
async function counts(s: BootstrapOutput) {
  return s.currentCommunity ? callCloud('repair', 'counts', { communityId: s.currentCommunity.id }) : { fresh: 0, overdue: 0 }
}

/** Property services (issue #14): residents report and follow repairs; staff work the queue. */
export const registration: PortalRegistration = {
  entries: [
    { key: 'property', title: '报事报修', glyph: '修', url: PROPERTY_ROUTES.repairs, order: 20, visible: hasHome },
    { key: 'property', title: '报修队列', glyph: '单', url: PROPERTY_ROUTES.queue, order: 21, visible: (s) => can(s, 'repair.handle') },
    { key: 'property', title: '督办报修', glyph: '督', url: `${PROPERTY_ROUTES.queue}?view=escalated`, order: 21, visible: (s) => can(s, 'repair.oversee') && !can(s, 'repair.handle') },
    { key: 'property', title: '收支公示', glyph: '账', url: PROPERTY_ROUTES.finance, order: 22, visible: inCommunity },
    { key: 'property', title: '物业评分', glyph: '评', url: PROPERTY_ROUTES.scorecard, order: 23, visible: inCommunity },
  ],
  workItems: [
    { key: 'property-new', title: '新报修', url: PROPERTY_ROUTES.queue, visible: (s) => can(s, 'repair.handle'), load: async (s) => (await counts(s)).fresh },
    { key: 'property-overdue', title: '超时报修', url: `${PROPERTY_ROUTES.queue}?view=overdue`, visible: (s) => can(s, 'repair.handle'), load: async (s) => (await counts(s)).overdue },
    {
      key: 'property-escalated',
      title: '督办中的报修',
      url: `${PROPERTY_ROUTES.queue}?view=escalated`,
      visible: (s) => can(s, 'repair.oversee'),
      // One page of 20: more than that reads as 20 — enough to say "go and look".
      load: async (s) => (s.currentCommunity ? (await callCloud('repair', 'list', { view: 'escalated', communityId: s.currentCommunity.id })).items.length : 0),
    },
    {
      key: 'property-questions',
      title: '待答复的收支提问',
      url: PROPERTY_ROUTES.finance,
      visible: (s) => can(s, 'finance.publish'),
      load: async (s) => (s.currentCommunity ? (await callCloud('finance', 'list', { communityId: s.currentCommunity.id })).periods.reduce((n, p) => n + p.openQuestions, 0) : 0),
    },
    {
      key: 'property-held',
      title: '待审核的收支提问',
      url: PROPERTY_ROUTES.finance,
      visible: (s) => can(s, 'finance.moderate'),
      load: async (s) => (s.currentCommunity ? (await callCloud('finance', 'held', { communityId: s.currentCommunity.id })).items.length : 0),
    },
  ],
  myThings: [
    {
      key: 'property-open-repair',
      visible: hasHome,
      load: async () => {
        const { items } = await callCloud('repair', 'list', { view: 'mine', status: 'OPEN' })
        // 'mine' lists every status; the first one still open or waiting for the reporter.
        const open = items.find((r) => r.status !== 'CONFIRMED' && r.status !== 'CANCELLED')
        return open ? { title: open.status === 'DONE' ? '报修待您确认' : '进行中的报修', description: open.summary, url: PROPERTY_ROUTES.repairs } : null
      },
    },
  ],
  alerts: [],
}
