/**
 * Joining a unit from 首页 as an existing account without a home (a property staff member who
 * also lives here): the quieter 绑定房屋 card → the join page → 5栋 as 租户 → 待审核, and the
 * application is on 首页 as 待审核 (我的房屋) and 入户申请审核中 (我的事项) (reviews follow, R4.8).
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, onPage, see, tap, type } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: joining a unit — staff without a home applies for 5栋 from 首页',
    async run({ open }) {
      const { mp } = await open('o_demo_property_staff', ROUTES.home)
      await tap(mp, '#join-btn')
      await onPage(mp, ROUTES.join)
      await tap(mp, '#community-c_xuetangpo')
      await tap(mp, '#building-c_xuetangpo_b05')
      await mp.until(() => mp.page.all('.choice').some((el) => /^unit-\w+$/.test(String(el.raw.uid ?? ''))), 'the units of 5栋')
      const unit = mp.page.all('.choice').find((el) => /^unit-\w+$/.test(String(el.raw.uid ?? '')))!
      const unitLabel = mp.page.textOf(unit).trim()
      await mp.page.tap(unit)
      await tap(mp, '#relation-TENANT')
      await type(mp, '#join-name', '赵磊')
      await tap(mp, '#join-adult')
      await tap(mp, '#join-submit')
      await see(mp, '#join-status', '待审核')
      const apply = mp.cloudCalls.find((c) => c.name === 'household' && c.action === 'apply')
      assert(apply, 'household.apply was not called')
      await tap(mp, '#join-done')
      await onPage(mp, ROUTES.home)
      // 我的房屋 lists the unit as 待审核; 我的事项 (home portal) carries the application.
      await see(mp, '#my-homes', '待审核')
      await see(mp, '#my-things', '入户申请审核中')
      assert(mp.page.textOf('#my-homes').includes(`5栋${unitLabel.replace(/\D/g, '')}`) || mp.page.textOf('#my-homes').includes(unitLabel), `#my-homes reads "${mp.page.textOf('#my-homes')}", expected ${unitLabel}`)
    },
  },
]
