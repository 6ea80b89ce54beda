/**
 * First open on a new phone (R5.1–R5.3, R4.3): 首页 offers 加入社区; onboarding asks the platform
 * privacy guide through WeChat's onNeedPrivacyAuthorization (our popup, the agree button with
 * open-type agreePrivacyAuthorization), then the optional purposes with nothing preselected, then
 * joins 6栋301 as a tenant (R4.7 age confirmation first) and lands back on 首页 with 审核中.
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, calls, disabled, onPage, see, tap, type } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: first open — privacy popup, onboarding consents, joining 6栋301 as a tenant',
    async run({ open, freshOpenid }) {
      const { mp } = await open(freshOpenid())
      assert(!mp.device.privacyAgreed, 'a fresh phone starts without the platform privacy agreement')
      await see(mp, '#join-empty')
      await tap(mp, '#join-btn')
      await onPage(mp, ROUTES.welcome)

      // Step 1: the platform privacy guide, through WeChat's interception and our popup.
      await tap(mp, '#onboarding-privacy-btn')
      const popup = await see(mp, '#privacy-popup')
      assert(popup.textOf('#privacy-popup').includes('《邻里小程序隐私保护指引》'), 'the popup names the guide from getPrivacySetting')
      assert(popup.get('#agree-btn').attrs['open-type'] === 'agreePrivacyAuthorization', 'the agree button must carry open-type agreePrivacyAuthorization')
      await tap(mp, '#agree-btn')
      assert(mp.device.privacyAgreed, 'WeChat did not record the agreement')

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
      await see(mp, '#my-homes', '审核中')
    },
  },
]
