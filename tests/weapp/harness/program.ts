/**
 * One mini-program run: dist/weapp loaded into a fresh `node:vm` context whose globals are only
 * what WeChat's logic layer provides (no window, document, URL, fetch, TextEncoder, setImmediate,
 * eval), the app and page lifecycles, the router with WeChat's errors and limits, the view layer
 * read from setData payloads (view.ts), virtual time (clock.ts) and every error collected.
 * Facts behind each choice: /work/shared/docs/recipes.md §9.
 */
import path from 'node:path'
import util from 'node:util'
import vm from 'node:vm'
import { AppFiles, allPages, moduleScript, tabPages, type AppJson } from './files'
import { VirtualClock } from './clock'
import { Device } from './device'
import { invokeCloud, invokeStorage, type CloudCall, type CloudOptions, type RecordedCall, type StorageOp } from './cloud'
import { createWx, type NavigationKind, type UiState, type WxCall } from './wx'
import { applyPatch, buildTree, parseTemplates, type TemplateInfo, type WxElement } from './view'
import { PageHandle } from './page'

export interface CollectedError {
  kind: 'thrown' | 'unhandledrejection' | 'timer' | 'console.error' | 'navigation' | 'privacy' | 'setData' | 'wx' | 'module'
  message: string
  /** The page on top of the stack when it happened (or "app" before the first page). */
  route: string
}

export interface ProgramOptions {
  cloud: CloudOptions
  /** The phone (storage, privacy agreement, fonts, scripted dialogs); a new one by default. */
  device?: Device
  dist?: string
  /** Extra or replaced files (path relative to dist/weapp → content), e.g. fixture pages. */
  overlay?: Record<string, string>
  appid?: string
  /**
   * false: successful navigations are recorded (and checked against app.json) but not performed,
   * so a crawler can tap every element of one page without leaving it.
   */
  followNavigation?: boolean
}

interface PageConfig {
  data?: Record<string, unknown>
  [key: string]: unknown
}

export interface PageInstance {
  route: string
  query: Record<string, string>
  data: Record<string, unknown>
  config: Record<string, unknown>
  alive: boolean
  [key: string]: unknown
}

/** WeChat's page-stack limit. */
const MAX_STACK = 10
const SETDATA_LIMIT = 1024 * 1024

const live = new Set<MiniProgram>()
const strayRejections: string[] = []
let rejectionHookInstalled = false

/** Rejections nobody handled: attributed to the program whose realm created the promise. */
function installRejectionHook(): void {
  if (rejectionHookInstalled) return
  rejectionHookInstalled = true
  process.on('unhandledRejection', (reason, promise) => {
    for (const mp of live) {
      if (promise instanceof mp.RealmPromise) {
        mp.report('unhandledrejection', formatError(reason))
        return
      }
    }
    strayRejections.push(formatError(reason))
  })
}

/** Unhandled rejections of host code (the harness or a test) since the last call. */
export function takeStrayRejections(): string[] {
  return strayRejections.splice(0)
}

export function livePrograms(): MiniProgram[] {
  return [...live]
}

export function formatError(e: unknown): string {
  if (e && typeof e === 'object' && 'stack' in e && typeof (e as Error).stack === 'string') return (e as Error).stack!
  if (e && typeof e === 'object' && 'errMsg' in e) return String((e as { errMsg: unknown }).errMsg)
  return typeof e === 'string' ? e : util.inspect(e, { depth: 3 })
}

export class MiniProgram {
  readonly files: AppFiles
  readonly app: AppJson
  readonly pages: string[]
  readonly tabs: string[]
  readonly device: Device
  readonly clock = new VirtualClock()
  readonly errors: CollectedError[] = []
  readonly logs: string[] = []
  readonly wxCalls: WxCall[] = []
  readonly cloudCalls: RecordedCall[] = []
  readonly ui: UiState = { toasts: [], modals: [], pullDownRefreshStopped: 0, previews: [] }
  /** Every navigation the program asked for (also refused ones). */
  readonly navigations: Array<{ kind: string; url: string; from: string; ok: boolean; errMsg?: string }> = []
  readonly setDataStats = { calls: 0, bytes: 0, maxBytes: 0 }
  readonly RealmPromise: PromiseConstructor
  readonly wx: Record<string, unknown>
  readonly templates: Map<string, TemplateInfo>

  private context: vm.Context
  private realmJSON: JSON
  private modules = new Map<string, { exports: unknown }>()
  private defining: string | undefined
  private pageConfigs = new Map<string, PageConfig>()
  private appInstance: Record<string, unknown> | undefined
  private stack: PageInstance[] = []
  private tabInstances = new Map<string, PageInstance>()
  private pendingIo = new Set<Promise<unknown>>()
  private cloudOptions: CloudOptions
  private cloudInit: unknown
  private privacy: { listener?: (resolve: (r: unknown) => void, info: unknown) => void; agreeButtonTapped?: string; pending?: boolean } = {}
  private launchOptions: Record<string, unknown> = {}
  private closed = false
  private followNavigation: boolean

  constructor(opts: ProgramOptions) {
    installRejectionHook()
    this.files = new AppFiles(opts.dist, opts.overlay)
    this.app = this.files.appJson()
    this.pages = allPages(this.app)
    this.tabs = tabPages(this.app)
    this.device = opts.device ?? new Device()
    this.cloudOptions = opts.cloud
    this.followNavigation = opts.followNavigation ?? true
    this.templates = parseTemplates(this.files.read('base.wxml'))

    const console = this.makeConsole()
    const sandbox: Record<string, unknown> = {
      App: (config: Record<string, unknown>) => this.registerApp(config),
      Page: (config: PageConfig) => this.registerPage(config),
      Component: () => undefined, // Taro's recursive `comp` only; its data comes from the page (view.ts)
      Behavior: (def: unknown) => def,
      getApp: () => this.appInstance,
      getCurrentPages: () => [...this.stack],
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin("${name}"): no plugin is declared in app.json`)
      },
      requireMiniProgram: () => ({}),
      __wxConfig: { envVersion: 'develop', platform: 'ios', pages: this.pages, global: { window: this.app.window ?? {} } },
      setTimeout: (fn: unknown, delay?: unknown, ...args: unknown[]) => this.clock.add(() => this.invoke('timer', 'setTimeout callback', fn, undefined, args), delay, 'setTimeout'),
      setInterval: (fn: unknown, delay?: unknown, ...args: unknown[]) => this.clock.add(() => this.invoke('timer', 'setInterval callback', fn, undefined, args), delay, 'setInterval', Number(delay) || 0),
      clearTimeout: (id: unknown) => this.clock.clear(id),
      clearInterval: (id: unknown) => this.clock.clear(id),
      console,
    }
    // No eval / new Function in WeChat's logic layer; no WebAssembly either (it offers WXWebAssembly).
    this.context = vm.createContext(sandbox, { name: 'weapp logic layer', codeGeneration: { strings: false, wasm: false } })
    vm.runInContext(
      `delete globalThis.WebAssembly;
       (function (RealDate, now) {
         // Date reads the virtual clock, so quiet periods and expiries follow settle()/advance().
         function VDate(...a) {
           if (!new.target) return new RealDate(now()).toString()
           return a.length ? new RealDate(...a) : new RealDate(now())
         }
         VDate.prototype = RealDate.prototype
         VDate.now = function () { return now() }
         VDate.UTC = RealDate.UTC
         VDate.parse = RealDate.parse
         globalThis.Date = VDate
       })(Date, __now)`,
      Object.assign(this.context, { __now: () => this.clock.now }),
    )
    delete (this.context as Record<string, unknown>).__now
    this.RealmPromise = vm.runInContext('Promise', this.context) as PromiseConstructor
    this.realmJSON = vm.runInContext('JSON', this.context) as JSON

    this.wx = createWx({
      device: this.device,
      ui: this.ui,
      calls: this.wxCalls,
      appid: opts.appid ?? 'wx_linli_local',
      RealmPromise: this.RealmPromise,
      currentRoute: () => this.route,
      toRealm: (v) => this.toRealm(v),
      later: (label, fn, delay) => void this.clock.add(() => this.invoke('timer', label, fn, undefined, []), delay ?? 0, label),
      call: (label, fn, ...args) => (typeof fn === 'function' ? this.invoke('thrown', label, fn, undefined, args) : undefined),
      report: (kind, message) => this.report(kind as CollectedError['kind'], message),
      navigate: (kind, url) => this.requestNavigation(kind, url),
      navigateBack: (delta) => this.requestBack(delta),
      cloud: {
        init: (o) => {
          this.cloudInit = o ?? {}
        },
        initialised: () => this.cloudInit !== undefined,
        call: (name, data) => this.callCloud(name, data),
        storage: (op) => this.cloudStorage(op),
      },
      privacy: this.privacy,
    })
    const launchOptions = () => this.toRealm(this.launchOptions)
    const recordAndReturn = (api: string, fn: () => unknown) => {
      const stub = this.wx[api] as (...a: unknown[]) => unknown
      this.wx[api] = (...a: unknown[]) => {
        stub(...a)
        return fn()
      }
    }
    recordAndReturn('getLaunchOptionsSync', launchOptions)
    recordAndReturn('getEnterOptionsSync', launchOptions)
    sandbox.wx = this.wx
    live.add(this)
  }

  // ── Errors ────────────────────────────────────────────────────────────────────────────────

  report(kind: CollectedError['kind'], message: string, route = this.route): void {
    if (this.closed) return
    this.errors.push({ kind, message, route })
  }

  /** Removes and returns the collected errors matching `test` (for tests that expect them). */
  takeErrors(test: (e: CollectedError) => boolean = () => true): CollectedError[] {
    const taken = this.errors.filter(test)
    for (const e of taken) this.errors.splice(this.errors.indexOf(e), 1)
    return taken
  }

  /** Fails with every collected error, each naming its page. */
  expectNoErrors(): void {
    if (this.errors.length === 0) return
    throw new Error(`the mini-program reported ${this.errors.length} error(s):\n${this.errors.map(formatCollected).join('\n')}`)
  }

  private invoke(kind: CollectedError['kind'], label: string, fn: unknown, self: unknown, args: unknown[]): unknown {
    if (this.closed) return undefined
    if (typeof fn !== 'function') {
      if (fn !== undefined) this.report(kind, `${label}: not a function (${typeof fn})`)
      return undefined
    }
    try {
      return (fn as (...a: unknown[]) => unknown).apply(self, args)
    } catch (e) {
      this.report(kind, `${label}: ${formatError(e)}`)
      return undefined
    }
  }

  private makeConsole(): Record<string, (...args: unknown[]) => void> {
    const log = (level: string) => (...args: unknown[]) => {
      const line = util.format(...args)
      this.logs.push(`[${level}] ${this.route}: ${line}`)
      if (level === 'error') this.report('console.error', line)
      // Taro answers a call to a wx API that is not there with a warning and no result.
      if (level === 'warn' && /暂不支持/.test(line)) this.report('wx', line)
    }
    return { log: log('log'), info: log('info'), debug: log('debug'), warn: log('warn'), error: log('error'), group: log('log'), groupEnd: () => undefined, time: () => undefined, timeEnd: () => undefined, trace: log('log'), table: log('log'), assert: (c: unknown, ...a: unknown[]) => (c ? undefined : log('error')('Assertion failed', ...a)) }
  }

  // ── Modules ───────────────────────────────────────────────────────────────────────────────

  toRealm<T>(value: T): T {
    if (value === undefined || value === null || typeof value !== 'object') return value
    return this.realmJSON.parse(JSON.stringify(value)) as T
  }

  /** WeChat's require: relative to the requiring file, `.js` optional, each file once. */
  require(rel: string, from = ''): unknown {
    let file = path.posix.normalize(path.posix.join(path.posix.dirname(from), rel)).replace(/^\/+/, '')
    if (!file.endsWith('.js')) file += '.js'
    const known = this.modules.get(file)
    if (known) return known.exports
    const source = this.files.read(file)
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const wrapper = moduleScript(this.files.displayPath(file), source).runInContext(this.context) as (r: unknown, m: unknown, e: unknown) => void
    wrapper((r: string) => this.require(r, file), module, module.exports)
    return module.exports
  }

  private registerApp(config: Record<string, unknown>): void {
    if (this.appInstance) throw new Error('App() called twice')
    this.appInstance = config
  }

  private registerPage(config: PageConfig): void {
    if (!this.defining) throw new Error('Page() called outside a page file')
    this.pageConfigs.set(this.defining, config)
  }

  private loadPage(route: string): PageConfig {
    const known = this.pageConfigs.get(route)
    if (known) return known
    this.defining = route
    try {
      this.require(`${route}.js`)
    } finally {
      this.defining = undefined
    }
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    return config
  }

  pageJson(route: string): Record<string, unknown> {
    const text = this.files.tryRead(`${route}.json`)
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  }

  // ── Launch and lifecycles ─────────────────────────────────────────────────────────────────

  get route(): string {
    return this.stack[this.stack.length - 1]?.route ?? 'app'
  }

  /** Starts the app (app.js, onLaunch, onShow) and opens `url` (default: the first page). */
  async launch(url = this.pages[0], opts: { scene?: number } = {}): Promise<PageHandle> {
    const { route, query } = this.parseUrl(url)
    this.launchOptions = { path: route, query, scene: opts.scene ?? 1001, referrerInfo: {}, apiCategory: 'default' }
    try {
      this.defining = undefined
      this.require('app.js')
    } catch (e) {
      this.report('module', `app.js: ${formatError(e)}`)
    }
    if (!this.appInstance) {
      await this.settle()
      this.expectNoErrors()
      throw new Error('app.js did not call App()')
    }
    this.invoke('thrown', 'App.onLaunch', this.appInstance.onLaunch, this.appInstance, [this.toRealm(this.launchOptions)])
    this.invoke('thrown', 'App.onShow', this.appInstance.onShow, this.appInstance, [this.toRealm(this.launchOptions)])
    if (!this.pages.includes(route)) throw new Error(`launch: page "${route}" is not in app.json`)
    this.openPage(route, query)
    await this.settle()
    return this.page
  }

  private parseUrl(url: string, from = ''): { route: string; query: Record<string, string> } {
    const [rawPath, rawQuery = ''] = String(url).split('?')
    let route = rawPath.startsWith('/') ? rawPath.slice(1) : path.posix.join(path.posix.dirname(from), rawPath)
    route = path.posix.normalize(route).replace(/^\/+/, '').replace(/\.html$/, '')
    const query: Record<string, string> = {}
    for (const part of rawQuery.split('&').filter(Boolean)) {
      const [k, v = ''] = part.split('=')
      query[decodeURIComponent(k)] = v // WeChat hands query values to onLoad still encoded
    }
    return { route, query }
  }

  private openPage(route: string, query: Record<string, string>): PageInstance {
    let config: PageConfig
    try {
      config = this.loadPage(route)
    } catch (e) {
      this.report('module', `${route}: ${formatError(e)}`, route)
      config = {}
    }
    const page = this.instantiate(route, query, config)
    this.stack.push(page)
    if (this.tabs.includes(route)) this.tabInstances.set(route, page)
    this.lifecycle(page, 'onLoad', this.toRealm(query))
    this.lifecycle(page, 'onShow')
    this.clock.add(() => this.lifecycle(page, 'onReady'), 0, 'onReady')
    return page
  }

  private instantiate(route: string, query: Record<string, string>, config: PageConfig): PageInstance {
    const page = {} as PageInstance
    for (const [key, value] of Object.entries(config)) if (key !== 'data') page[key] = value
    Object.assign(page, {
      route,
      __route__: route,
      options: this.toRealm(query),
      query,
      config: this.pageJson(route),
      alive: true,
      data: JSON.parse(JSON.stringify(config.data ?? {})) as Record<string, unknown>,
      __wxWebviewId__: this.stack.length + 1,
      __wxExparserNodeId__: `page_${route}`,
      setData: (patch: Record<string, unknown>, cb?: () => void) => this.setData(page, patch, cb),
      selectComponent: () => null,
      selectAllComponents: () => this.toRealm([]),
      createSelectorQuery: () => (this.wx.createSelectorQuery as () => unknown)(),
      createIntersectionObserver: () => (this.wx.createIntersectionObserver as () => unknown)(),
      getOpenerEventChannel: () => ({ on: () => undefined, emit: () => undefined, once: () => undefined, off: () => undefined }),
      getTabBar: () => null,
      getPageId: () => `page_${route}`,
      animate: () => undefined,
      clearAnimation: () => undefined,
      setUpdatePerformanceListener: () => undefined,
    })
    return page
  }

  private lifecycle(page: PageInstance, name: string, ...args: unknown[]): void {
    if (!page.alive && name !== 'onUnload') return
    this.invoke('thrown', `${page.route} ${name}`, page[name], page, args)
  }

  private setData(page: PageInstance, patch: Record<string, unknown>, cb?: () => void): void {
    const text = JSON.stringify(patch ?? {})
    this.setDataStats.calls++
    this.setDataStats.bytes += text.length
    this.setDataStats.maxBytes = Math.max(this.setDataStats.maxBytes, text.length)
    if (text.length > SETDATA_LIMIT) {
      this.report('setData', `${page.route}: setData payload of ${text.length} characters exceeds WeChat's 1 MB limit`)
      return
    }
    if (!page.alive) return
    applyPatch(page.data, JSON.parse(text) as Record<string, unknown>)
    // The view layer renders, then the callback runs: asynchronously, as in WeChat.
    if (typeof cb === 'function') this.clock.add(() => this.invoke('thrown', 'setData callback', cb, page, []), 0, 'setData callback')
  }

  // ── Router ────────────────────────────────────────────────────────────────────────────────

  private requestNavigation(kind: NavigationKind, url: string): { ok: true; done: Promise<void> } | { ok: false; errMsg: string } {
    const from = this.route
    const { route, query } = this.parseUrl(url, from)
    const refuse = (errMsg: string) => {
      this.navigations.push({ kind, url, from, ok: false, errMsg })
      // A page that is not in app.json is a bug on every phone, whatever the caller does with the failure.
      if (errMsg.includes('is not found')) this.report('navigation', `${from}: ${errMsg}`)
      return { ok: false as const, errMsg }
    }
    if (!url) return refuse(`${kind}:fail parameter error: parameter.url should be String instead of Undefined;`)
    if (!this.pages.includes(route)) return refuse(`${kind}:fail page "${route}" is not found`)
    const isTab = this.tabs.includes(route)
    if ((kind === 'navigateTo' || kind === 'redirectTo') && isTab) return refuse(`${kind}:fail can not ${kind} a tabbar page`)
    if (kind === 'switchTab' && !isTab) return refuse('switchTab:fail can not switch to no-tabBar page')
    if (kind === 'navigateTo' && this.stack.length >= MAX_STACK) return refuse('navigateTo:fail webview count limit exceed')
    this.navigations.push({ kind, url, from, ok: true })
    if (!this.followNavigation) return { ok: true, done: Promise.resolve() }
    const done = new Promise<void>((resolve) => {
      this.clock.add(() => {
        this.performNavigation(kind, route, query)
        resolve()
      }, 0, kind)
    })
    return { ok: true, done }
  }

  private performNavigation(kind: NavigationKind, route: string, query: Record<string, string>): void {
    const top = this.stack[this.stack.length - 1]
    if (kind === 'navigateTo') {
      if (top) this.lifecycle(top, 'onHide')
      this.openPage(route, query)
    } else if (kind === 'redirectTo') {
      if (top) this.unload(this.stack.pop()!)
      this.openPage(route, query)
    } else if (kind === 'reLaunch') {
      while (this.stack.length) this.unload(this.stack.pop()!)
      for (const tab of this.tabInstances.values()) if (tab.alive) this.unload(tab)
      this.tabInstances.clear()
      this.openPage(route, query)
    } else {
      // switchTab: every non-tab page closes; tab pages stay alive, hidden.
      while (this.stack.length) {
        const page = this.stack.pop()!
        if (this.tabs.includes(page.route)) this.lifecycle(page, 'onHide')
        else this.unload(page)
      }
      const alive = this.tabInstances.get(route)
      if (alive?.alive) {
        this.stack.push(alive)
        this.lifecycle(alive, 'onShow')
      } else {
        this.openPage(route, query)
      }
    }
  }

  private requestBack(delta: number): { ok: true; done: Promise<void> } | { ok: false; errMsg: string } {
    this.navigations.push({ kind: 'navigateBack', url: String(delta), from: this.route, ok: this.stack.length > 1 })
    if (!this.followNavigation) return { ok: true, done: Promise.resolve() }
    if (this.stack.length <= 1) return { ok: false, errMsg: 'navigateBack:fail cannot navigate back at first page.' }
    const done = new Promise<void>((resolve) => {
      this.clock.add(() => {
        const n = Math.min(Math.max(1, delta || 1), this.stack.length - 1)
        for (let i = 0; i < n; i++) this.unload(this.stack.pop()!)
        const top = this.stack[this.stack.length - 1]
        this.lifecycle(top, 'onShow')
        resolve()
      }, 0, 'navigateBack')
    })
    return { ok: true, done }
  }

  private unload(page: PageInstance): void {
    this.lifecycle(page, 'onUnload')
    page.alive = false
    if (this.tabInstances.get(page.route) === page) this.tabInstances.delete(page.route)
  }

  /** A tap on the native tab bar (首页 / 通知 / 我的): switches like switchTab, then onTabItemTap. */
  async tapTab(text: string): Promise<PageHandle> {
    const item = (this.app.tabBar?.list ?? []).find((t) => t.text === text)
    if (!item) throw new Error(`no tab "${text}" in app.json (tabs: ${(this.app.tabBar?.list ?? []).map((t) => t.text).join(', ')})`)
    const route = item.pagePath.replace(/^\//, '')
    if (this.route !== route) this.performNavigation('switchTab', route, {})
    const page = this.stack[this.stack.length - 1]
    this.lifecycle(page, 'onTabItemTap', this.toRealm({ index: this.tabs.indexOf(route), pagePath: route, text }))
    await this.settle()
    return this.page
  }

  /** The person presses the navigation bar's back arrow. */
  async back(): Promise<PageHandle> {
    if (this.stack.length <= 1) throw new Error(`${this.route}: no page to go back to`)
    this.unload(this.stack.pop()!)
    this.lifecycle(this.stack[this.stack.length - 1], 'onShow')
    await this.settle()
    return this.page
  }

  /**
   * Settles until `condition` holds, letting virtual time run (at most `budgetMs` of it); fails
   * with the page outline when it never does. Conditions, never fixed sleeps.
   */
  async until(condition: () => boolean, what: string, budgetMs = 10_000): Promise<void> {
    const deadline = this.clock.now + budgetMs
    for (;;) {
      if (this.stack.length && condition()) return
      if (this.clock.now >= deadline) break
      const before = this.clock.now
      await this.settle({ maxAdvanceMs: 250 })
      if (this.stack.length && condition()) return
      if (this.clock.now === before) {
        const next = this.clock.nextAt()
        if (next === undefined || next > deadline) break
        this.clock.now = Math.min(next, deadline)
      }
    }
    throw new Error(`${this.route}: gave up waiting for ${what}\n${this.stack.length ? this.page.outline() : ''}${this.errors.length ? '\n' + this.errors.map(formatCollected).join('\n') : ''}`)
  }

  /** The page stack, bottom first (getCurrentPages). */
  get stackRoutes(): string[] {
    return this.stack.map((p) => p.route)
  }

  // ── Cloud ─────────────────────────────────────────────────────────────────────────────────

  private callCloud(name: string, data: unknown): Promise<CloudCall> {
    const record: RecordedCall = { name, action: (data as { action?: string } | undefined)?.action, input: (data as { input?: unknown } | undefined)?.input }
    this.cloudCalls.push(record)
    const p = invokeCloud(this.cloudOptions, name, data).then((r) => {
      if (r.ok) record.result = r.result
      else record.errMsg = r.errMsg
      return r
    })
    const tracked = p.then(
      () => undefined,
      () => undefined,
    )
    this.pendingIo.add(tracked)
    void tracked.then(() => this.pendingIo.delete(tracked))
    return p
  }

  /** Storage calls are I/O the program waits on, like function calls (settle() covers them). */
  private cloudStorage(op: StorageOp): Promise<Record<string, unknown>> {
    const p = invokeStorage(this.cloudOptions, op)
    const tracked = p.then(
      () => undefined,
      () => undefined,
    )
    this.pendingIo.add(tracked)
    void tracked.then(() => this.pendingIo.delete(tracked))
    return p
  }

  /** Switch the persona (or handler) for the calls that follow, as another person on this phone. */
  setCloud(options: CloudOptions): void {
    this.cloudOptions = options
  }

  // ── Time ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Runs everything the program has to do: microtasks, cloud calls in flight, timers that are
   * due, and timers due within `maxAdvanceMs` of virtual time (default 1 s: React's scheduler,
   * debounces and short retries). Longer waits need advance().
   */
  async settle(opts: { maxAdvanceMs?: number } = {}): Promise<void> {
    const limit = this.clock.now + (opts.maxAdvanceMs ?? 1000)
    for (let round = 0; round < 50_000; round++) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (this.closed) return
      if (this.pendingIo.size) {
        await Promise.race(this.pendingIo)
        continue
      }
      if (this.clock.runOneDue()) continue
      const next = this.clock.nextAt()
      if (next !== undefined && next <= limit) {
        this.clock.now = next
        continue
      }
      return
    }
    const timers = this.clock.pending().slice(0, 5).map((t) => `${t.label} at +${t.at - this.clock.now} ms`)
    throw new Error(`${this.route}: the mini-program did not settle (timers keep firing: ${timers.join(', ')})`)
  }

  /** Moves virtual time forward by `ms` (timers fire in order), then settles. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now + ms
    for (;;) {
      await this.settle({ maxAdvanceMs: 0 })
      const next = this.clock.nextAt()
      if (next === undefined || next > target) break
      this.clock.now = next
    }
    this.clock.now = target
    await this.settle()
  }

  // ── Pages as a person sees them ──────────────────────────────────────────────────────────

  /** The visible page (top of the stack). */
  get page(): PageHandle {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('no page is open (launch() first)')
    return new PageHandle(this, top)
  }

  /** Delivers a view-layer event to the page, as WeChat's view layer calls `page.eh(event)`. */
  deliver(page: PageInstance, event: Record<string, unknown>): void {
    this.invoke('thrown', `${page.route} ${String(event.type)} handler`, page.eh, page, [this.toRealm(event)])
  }

  tree(page: PageInstance): WxElement {
    return buildTree(this.templates, page.data.root as never)
  }

  markAgreeButtonTapped(id: string): void {
    this.privacy.agreeButtonTapped = id
    // Outside a prompt, WeChat records the agreement on the tap itself (the page's own
    // 同意并继续 button, 隐私协议开发指南); inside one, the listener's resolve() decides.
    if (!this.privacy.pending) this.device.privacyAgreed = true
  }

  lifecycleOf(page: PageInstance, name: string, ...args: unknown[]): void {
    this.lifecycle(page, name, ...args)
  }

  /** Runs `source` as a script in the program's context (harness self-tests only). */
  evaluate(source: string): unknown {
    return vm.runInContext(source, this.context)
  }

  /** Ends the run: timers stop, late callbacks are ignored. */
  close(): void {
    if (this.closed) return
    this.closed = true
    live.delete(this)
    for (const t of this.clock.pending()) this.clock.clear(t.id)
  }
}

export function formatCollected(e: CollectedError): string {
  const first = e.message.split('\n').slice(0, 6).join('\n      ')
  return `  [${e.route}] ${e.kind}: ${first}`
}
