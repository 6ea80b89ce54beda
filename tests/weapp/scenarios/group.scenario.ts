/**
 * 邻里群 (issue #13) on the weapp build: a 6栋 resident opens 邻里群 from 首页, their building
 * group (joined automatically), and posts in two taps, agreeing to 邻里群与议事 on the way (R4.3).
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, onPage, see, tap, type } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: 邻里群 — a resident posts in their building group in two taps',
    async run({ open }) {
      const { mp } = await open('o_demo_resident', ROUTES.home)
      await tap(mp, '#portal-entry-group-list')
      await onPage(mp, 'subpackages/group/pages/list/index')
      await tap(mp, '#group-grp_c_xuetangpo_b06')
      await onPage(mp, 'subpackages/group/pages/feed/index')
      await tap(mp, '#compose-open')
      await type(mp, '#compose-text', '周六上午楼下有义诊')
      await tap(mp, '#compose-submit')
      await see(mp, '#consent-sheet')
      await tap(mp, '#consent-tick')
      await tap(mp, '#consent-agree-btn')
      await see(mp, '#feed-note', '已发布')
      await see(mp, '#group-feed-page', '周六上午楼下有义诊')
      assert(mp.cloudCalls.some((c) => c.name === 'group' && c.action === 'post.create'), 'group.post.create not called')
    },
  },
]

/**
 * Staff on the weapp build: residents' committee staff open 议事厅 from 首页 and schedule the
 * submitted item for a meeting; 建群审核 approves the proposed 书法 group (issue #13 §4, §1).
 */
tests.push(
  {
    name: 'scenario: 议事厅 — residents’ committee staff schedule a submitted item from 首页',
    async run({ open }) {
      const { mp } = await open('o_demo_rc_staff', ROUTES.home)
      await tap(mp, '#portal-entry-group-agenda')
      await onPage(mp, 'subpackages/group/pages/agenda/index')
      await see(mp, '#agenda-status-ag_seed_SUBMITTED', '已提交')
      await tap(mp, '#agenda-meeting-0-ag_seed_SUBMITTED')
      await tap(mp, '#agenda-schedule-ag_seed_SUBMITTED')
      await see(mp, '#agenda-status-ag_seed_SUBMITTED', '已排期')
      assert(mp.cloudCalls.some((c) => c.name === 'group' && c.action === 'agenda.transition'), 'group.agenda.transition not called')
    },
  },
  {
    name: 'scenario: 建群审核 — staff approve a proposed interest group from 首页',
    async run({ open }) {
      const { mp } = await open('o_demo_rc_staff', ROUTES.home)
      await tap(mp, '#portal-entry-group-review')
      await onPage(mp, 'subpackages/group/pages/review/index')
      await see(mp, '#proposal-grp_c_xuetangpo_i_calligraphy', '书法')
      await tap(mp, '#review-approve-grp_c_xuetangpo_i_calligraphy')
      await see(mp, '#review-note', '已通过')
    },
  },
)
