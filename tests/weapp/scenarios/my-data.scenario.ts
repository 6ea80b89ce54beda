/**
 * 我的数据 on the weapp build (R4.6, PIPL Art. 45, 47): the export summary, then the weapp-only
 * save path (save-export.ts: the platform agreement, then the clipboard — a mini-program cannot
 * hand over a file); 注销账号 with two confirmations lands on onboarding, and the same account
 * is welcomed as new on 首页.
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, onPage, see, tap } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: 我的数据 — export copied to the clipboard after the privacy agreement; 注销账号 starts over',
    async run({ open, freshOpenid }) {
      const who = freshOpenid()
      const { mp } = await open(who, 'subpackages/settings/pages/my-data/index')
      await tap(mp, '#export-btn')
      // The server's readable sections, one card per purpose (re-checked on the client).
      await see(mp, '#export-groups', '账号与基本服务')
      await see(mp, '#rights-requests', '查阅复制 · 已完成')

      await tap(mp, '#export-save')
      await see(mp, '#privacy-popup')
      await tap(mp, '#agree-btn')
      await mp.until(() => mp.device.clipboard.length > 0, 'the export on the clipboard')
      const copied = JSON.parse(mp.device.clipboard) as Record<string, unknown>
      assert(copied && typeof copied === 'object', 'the clipboard does not hold the export JSON')
      await see(mp, '文件传输助手')

      await tap(mp, '#delete-account-btn')
      await tap(mp, '#delete-step1-confirm')
      await see(mp, '#delete-step2')
      await tap(mp, '#delete-step2-confirm')
      await onPage(mp, ROUTES.welcome)
      assert(mp.cloudCalls.some((c) => c.name === 'user' && c.action === 'deleteAccount'), 'user.deleteAccount was not called')

      const { mp: again } = await open(who, ROUTES.home)
      await see(again, '#join-empty', '欢迎来到邻里')
    },
  },
]
