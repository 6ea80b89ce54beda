/**
 * Redeeming an invite (roles by invite code, issue #4): the admin creates a 物业人员 code and
 * copies it (the clipboard is a privacy API: WeChat asks for the platform agreement first,
 * R5.3); a new account types it in lower case with a space, redeems it and gets the 工作台.
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, onPage, see, tap, type } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: redeeming an invite — admin creates and copies a 物业人员 code, a new account redeems it',
    async run({ open, freshOpenid }) {
      const { mp: admin } = await open('o_demo_admin', ROUTES.me)
      await tap(admin, '#staff-roles-row')
      await onPage(admin, ROUTES.roles)
      await tap(admin, '#grant-mode-invite')
      await tap(admin, '#invite-role-PROPERTY_STAFF')
      await tap(admin, '#invite-create')
      const result = await see(admin, '#invite-code')
      const code = result.textOf('#invite-code').trim()
      assert(/^[A-Z2-9]{8}$/.test(code), `invite code "${code}"`)
      await see(admin, '#invite-role', '物业人员')

      await tap(admin, '#invite-copy')
      await see(admin, '#privacy-popup')
      await tap(admin, '#agree-btn')
      await admin.until(() => admin.device.clipboard === code, 'the code on the clipboard')

      const { mp } = await open(freshOpenid(), ROUTES.me)
      await tap(mp, '#redeem-invite-row')
      await onPage(mp, ROUTES.invite)
      await type(mp, '#invite-code-input', `${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase())
      await tap(mp, '#invite-redeem')
      await see(mp, '#redeem-role', '物业人员')
      await see(mp, '#redeem-result', '学堂坡社区')
      await tap(mp, '#redeem-done')
      await see(mp, '#staff-entries', '物业人员')
    },
  },
]
