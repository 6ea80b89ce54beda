/**
 * The harness's own promises, checked against the running app: only WeChat's logic-layer
 * globals, exactly the typings' wx names, no eval, WeChat's navigation errors and limits, and
 * virtual time. If one of these stops holding, every other weapp test loses its meaning.
 */
import { localCloud, MiniProgram, wxApiNames } from './harness'
import { assert, type WeappTest } from './suite'

const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'URL', 'URLSearchParams', 'fetch', 'XMLHttpRequest', 'TextEncoder', 'TextDecoder', 'setImmediate', 'queueMicrotask', 'structuredClone', 'WebAssembly', 'localStorage', 'process', 'Buffer', 'require', 'global']

type Nav = { errMsg: string }

/** Runs `check` on a program launched at `route` as the resident; it must end without errors. */
async function withProgram(url: string, route: string | undefined, check: (mp: MiniProgram) => Promise<void>): Promise<void> {
  const mp = new MiniProgram({ cloud: localCloud(url, 'o_demo_resident') })
  try {
    await mp.launch(route)
    await check(mp)
    mp.expectNoErrors()
  } finally {
    mp.close()
  }
}

/** Calls a wx navigation API from inside the program and returns its fail/success errMsg. */
async function navigate(mp: MiniProgram, api: string, url: string): Promise<string> {
  mp.evaluate(`globalThis.__nav = undefined; wx.${api}({ url: ${JSON.stringify(url)}, success: function (r) { globalThis.__nav = r }, fail: function (r) { globalThis.__nav = r } })`)
  await mp.settle()
  return String((mp.evaluate('globalThis.__nav') as Nav | undefined)?.errMsg)
}

export const tests: WeappTest[] = [
  {
    name: 'harness: the logic layer has WeChat\'s globals only, wx has exactly the typings\' names, no eval',
    run: ({ cloud }) =>
      withProgram(cloud.url, undefined, async (mp) => {
        const present = BROWSER_GLOBALS.filter((g) => mp.evaluate(`typeof ${g}`) !== 'undefined')
        assert(present.length === 0, `globals WeChat does not provide are present: ${present.join(', ')}`)
        for (const g of ['wx', 'App', 'Page', 'Component', 'Behavior', 'getApp', 'getCurrentPages', 'setTimeout', 'console']) {
          assert(mp.evaluate(`typeof ${g}`) !== 'undefined', `${g} is missing`)
        }
        // The app's webpack runtime keeps its chunk list on wx (wx.webpackJsonp); everything else is the base library's.
        const names = (mp.evaluate('Object.keys(wx)') as string[]).filter((n) => n !== 'webpackJsonp')
        const expected = new Set(wxApiNames())
        const extra = names.filter((n) => !expected.has(n))
        const missing = [...expected].filter((n) => !names.includes(n))
        assert(extra.length === 0 && missing.length === 0, `wx differs from miniprogram-api-typings: extra ${extra.join(', ')}; missing ${missing.join(', ')}`)
        assert(mp.evaluate('typeof wx.getUserPhoneNumber') === 'undefined', 'an API that does not exist is present')
        const evalRefused = mp.evaluate('(function () { try { new Function("return 1"); return false } catch (e) { return e instanceof EvalError } })()')
        assert(evalRefused === true, 'new Function must throw EvalError, as in WeChat')
      }),
  },
  {
    name: 'harness: navigation fails as in WeChat (unknown page, tab page, switchTab, 10-page limit)',
    run: ({ cloud }) =>
      withProgram(cloud.url, 'pages/me/index', async (mp) => {
        assert((await navigate(mp, 'navigateTo', '/subpackages/nowhere/pages/x/index')).includes('is not found'), 'unknown page not refused')
        assert(mp.takeErrors((e) => e.kind === 'navigation').length === 1, 'a navigation to an unknown page must be a collected error')
        assert((await navigate(mp, 'navigateTo', '/pages/home/index')).includes('can not navigateTo a tabbar page'), 'navigateTo a tab page not refused')
        assert((await navigate(mp, 'switchTab', '/subpackages/settings/pages/privacy/index')).includes('can not switch to no-tabBar page'), 'switchTab to a page not refused')
        for (let i = 0; i < 9; i++) assert((await navigate(mp, 'navigateTo', '/subpackages/settings/pages/care-mode/index')).endsWith(':ok'), `navigateTo #${i + 1} refused`)
        assert(mp.stackRoutes.length === 10, `stack of ${mp.stackRoutes.length}`)
        assert((await navigate(mp, 'navigateTo', '/subpackages/settings/pages/care-mode/index')).includes('limit exceed'), 'an 11th page was opened')
        assert((await navigate(mp, 'switchTab', '/pages/home/index')).endsWith(':ok') && mp.stackRoutes.join() === 'pages/home/index', `switchTab left ${mp.stackRoutes.join(' → ')}`)
      }),
  },
  {
    name: 'harness: virtual time — a 48 h timer fires on advance(), Date follows, nothing waits',
    run: ({ cloud }) =>
      withProgram(cloud.url, undefined, async (mp) => {
        const t0 = mp.evaluate('Date.now()') as number
        mp.evaluate('globalThis.__fired = 0; setTimeout(function () { globalThis.__fired = Date.now() }, 48 * 3600 * 1000)')
        await mp.settle()
        assert(mp.evaluate('globalThis.__fired') === 0, 'a 48 h timer fired on settle()')
        const wall = Date.now()
        await mp.advance(48 * 3600 * 1000)
        const fired = mp.evaluate('globalThis.__fired') as number
        assert(fired >= t0 + 48 * 3600 * 1000, `timer fired at +${fired - t0} ms`)
        assert(Date.now() - wall < 30_000, 'advance() waited for the wall clock')
      }),
  },
]
