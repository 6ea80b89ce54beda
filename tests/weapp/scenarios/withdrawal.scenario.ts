/**
 * Consent withdrawal (R4.5, PIPL Art. 15): 我的资料 shows the owner's own name and masked phone;
 * withdrawing contact_phone in 隐私设置 asks for confirmation, says what is deleted (confirm only after the consequences are ticked), and the
 * phone is gone from 我的资料 afterwards.
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, checked, disabled, onPage, see, tap } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: consent withdrawal — contact_phone withdrawn in 隐私设置 disappears from 我的资料',
    async run({ open }) {
      const { mp } = await open('o_demo_owner', ROUTES.me)
      await tap(mp, '#profile-row')
      await onPage(mp, ROUTES.profile)
      await see(mp, '#profile-real-name-current', '张建国')
      await see(mp, '#profile-phone-current', '138****0001')

      await mp.back()
      await tap(mp, '#privacy-row')
      const privacy = await onPage(mp, ROUTES.privacy)
      await see(mp, '#consent-toggle-contact_phone')
      assert(checked(privacy, '#consent-toggle-contact_phone') === true, 'contact_phone should start granted')
      await tap(mp, '#consent-toggle-contact_phone')
      await see(mp, '#withdraw-sheet', '删除')
      await see(mp, '#withdraw-consequences', '138****0001')
      // Deliberate: 撤回并删除 stays off until the consequences are acknowledged.
      assert(disabled(mp.page, '#withdraw-sheet-confirm'), 'withdrawal possible without the tick')
      await tap(mp, '#withdraw-understood')
      await tap(mp, '#withdraw-sheet-confirm')
      await see(mp, '#privacy-note', '已撤回')
      await mp.until(() => checked(mp.page, '#consent-toggle-contact_phone') === false, 'the switch to turn off')
      assert(mp.cloudCalls.some((c) => c.name === 'consent' && c.action === 'withdraw'), 'consent.withdraw was not called')

      await mp.back()
      await tap(mp, '#profile-row')
      await see(mp, '#profile-phone-current', '未填写')
      assert(!mp.page.text().includes('138****'), 'the withdrawn phone is still shown')
    },
  },
]
