/**
 * First open on a new phone (R5.1–R5.3, R4.3): 首页 offers 加入社区; onboarding step 1 is the platform
 * privacy guide, agreed with the page's own open-type agreePrivacyAuthorization button (the popup
 * path through onNeedPrivacyAuthorization is covered by the 我的数据 and 名册导入 scenarios), then the optional purposes with nothing preselected, then
 * joins 6栋301 as a tenant (R4.7 age confirmation first) and lands back on 首页 with 待审核.
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, calls, disabled, onPage, see, tap, type } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: first open — privacy guide agreed on the page, onboarding consents, joining 6栋301 as a tenant',
    async run({ open, freshOpenid }) {
      const { mp } = await open(freshOpenid())
      assert(!mp.device.privacyAgreed, 'a fresh phone starts without the platform privacy agreement')
      await see(mp, '#join-empty')
      await tap(mp, '#join-btn')
      await onPage(mp, ROUTES.welcome)

      // Step 1: the platform privacy guide, agreed on the page itself: 同意并继续 is WeChat's
      // agreePrivacyAuthorization button, so no second popup follows (issue #7 item 8).
      await see(mp, '#onboarding-guide-link', '《邻里小程序隐私保护指引》')
      const agree = mp.page.get('#onboarding-privacy-btn')
      assert(agree.attrs['open-type'] === 'agreePrivacyAuthorization', '同意并继续 must carry open-type agreePrivacyAuthorization')
      await tap(mp, '#onboarding-privacy-btn')
      assert(mp.device.privacyAgreed, 'WeChat did not record the agreement')
      assert(!mp.page.has('#privacy-popup'), 'a second privacy popup after agreeing on the page')

      // Step 2: optional purposes, nothing chosen in advance (R4.3).
      const consents = await see(mp, '#consent-card-household')
      assert(consents.all('.choice[aria-checked="true"]').length === 0, 'a consent choice was preselected')
      await tap(mp, '#consent-choice-household-agree')
      await tap(mp, '#consent-choice-contact_phone-refuse')
      await tap(mp, '#consent-choice-notifications-refuse')
      await tap(mp, '#onboarding-consent-submit')
      await onPage(mp, ROUTES.join)
      const sent = calls(mp)
      assert(sent.includes('consent.grant') && sent.includes('consent.refuse'), `consent calls: ${sent.join(', ')}`)
      const refused = mp.cloudCalls.filter((c) => c.action === 'refuse').map((c) => JSON.stringify(c.input))
      assert(refused.some((r) => r.includes('contact_phone')) && refused.some((r) => r.includes('notifications')), `refusals sent: ${refused.join(' ')}`)

      // Step 3: join a unit as a tenant; nothing is sent before the 14+ confirmation (R4.7).
      await tap(mp, '#community-c_xuetangpo')
      await tap(mp, '#building-c_xuetangpo_b06')
      await tap(mp, '#unit-301')
      await tap(mp, '#relation-TENANT')
      await type(mp, '#join-name', '赵小红')
      assert(disabled(mp.page, '#join-submit'), 'submit must wait for the age confirmation')
      await tap(mp, '#join-adult')
      await tap(mp, '#join-submit')
      await see(mp, '#join-status', '待审核')
      const apply = mp.cloudCalls.find((c) => c.name === 'household' && c.action === 'apply')
      assert(apply && JSON.stringify(apply.input).includes('赵小红'), 'household.apply did not carry the typed name')
      await tap(mp, '#join-done')
      await onPage(mp, ROUTES.home)
      await see(mp, '#my-homes', '6栋301')
      await see(mp, '#my-homes', '待审核')
      await see(mp, '#my-things', '入户申请审核中')
    },
  },
]
