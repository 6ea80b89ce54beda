/**
 * The `wx` object of the logic layer. It holds exactly the API names of WeChat's base library
 * (wx-api-names.ts). Most are recording stubs (success asynchronously, as WeChat calls back);
 * storage, system info, privacy, toast/modal/loading, navigation, clipboard, files, subscribe
 * messages, scanning and `wx.cloud` behave like the real ones. Results cross into the program's
 * realm through `host.toRealm`, so `instanceof Array` and friends hold inside the program.
 */
import { wxApiNames, wxPromisifiedApis } from './wx-api-names'
import type { Device } from './device'
import type { CloudCall, StorageOp } from './cloud'

export interface WxCall {
  api: string
  args: unknown[]
  route: string
}

export interface UiState {
  toast?: { title: string; icon?: string; at: number }
  loading?: { title: string }
  toasts: string[]
  modals: Array<{ title?: string; content?: string; answer: 'confirm' | 'cancel' }>
  navigationBarTitle?: string
  pullDownRefreshStopped: number
  /** wx.previewImage calls (the platform's full-screen viewer). */
  previews: Array<{ urls: string[]; current?: string }>
}

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'

export interface WxHost {
  device: Device
  ui: UiState
  calls: WxCall[]
  appid: string
  currentRoute(): string
  RealmPromise: PromiseConstructor
  toRealm<T>(value: T): T
  /** Runs `fn` in virtual time after `delay` ms, errors collected as the program's. */
  later(label: string, fn: () => void, delay?: number): void
  /** Calls a program callback, collecting what it throws. */
  call(label: string, fn: unknown, ...args: unknown[]): unknown
  /** A program-side error (WeChat would log it in the console). */
  report(kind: string, message: string): void
  navigate(kind: NavigationKind, url: string): { ok: true; done: Promise<void> } | { ok: false; errMsg: string }
  navigateBack(delta: number): { ok: true; done: Promise<void> } | { ok: false; errMsg: string }
  cloud: {
    init(opts: unknown): void
    initialised(): boolean
    call(name: string, data: unknown): Promise<CloudCall>
    /** wx.cloud.uploadFile / getTempFileURL against the local cloud as the persona (cloud.ts). */
    storage(op: StorageOp): Promise<Record<string, unknown>>
  }
  /** The app's onNeedPrivacyAuthorization listener, and the agreePrivacyAuthorization button tapped since the last prompt. */
  privacy: { listener?: (resolve: (r: unknown) => void, info: unknown) => void; agreeButtonTapped?: string; pending?: boolean }
}

type Options = Record<string, unknown> & { success?: unknown; fail?: unknown; complete?: unknown }

/** APIs that need the platform privacy agreement (WeChat 隐私协议开发指南); they prompt first. */
const PRIVACY_APIS = new Set([
  'setClipboardData', 'getClipboardData', 'chooseMessageFile', 'chooseMedia', 'chooseImage', 'chooseVideo',
  'getLocation', 'getFuzzyLocation', 'chooseLocation', 'startLocationUpdate', 'chooseAddress', 'scanCode',
  'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum', 'addPhoneContact', 'addPhoneCalendar', 'getWeRunData',
  'chooseInvoiceTitle', 'startRecord', 'openBluetoothAdapter',
])

export function createWx(host: WxHost): Record<string, unknown> {
  const { device, ui } = host
  const wx: Record<string, unknown> = {}

  /** WeChat's callback protocol: success or fail, then complete, asynchronously. */
  const answer = (api: string, opts: Options | undefined, result: { ok: true; res?: Record<string, unknown> } | { ok: false; errMsg: string; extra?: Record<string, unknown> }) => {
    host.later(`${api} callback`, () => {
      if (!opts || typeof opts !== 'object') return
      if (result.ok) {
        const res = host.toRealm({ errMsg: `${api}:ok`, ...(result.res ?? {}) })
        host.call(`${api} success`, opts.success, res)
        host.call(`${api} complete`, opts.complete, res)
      } else {
        const res = host.toRealm({ errMsg: result.errMsg, ...(result.extra ?? {}) })
        host.call(`${api} fail`, opts.fail, res)
        host.call(`${api} complete`, opts.complete, res)
      }
    })
  }
  const ok = (api: string, opts: Options | undefined, res?: Record<string, unknown>) => answer(api, opts, { ok: true, res })
  const fail = (api: string, opts: Options | undefined, errMsg: string, extra?: Record<string, unknown>) =>
    answer(api, opts, { ok: false, errMsg: `${api}:fail ${errMsg}`, extra })

  /** Privacy-gated APIs: prompt through the app's listener (or WeChat's own popup) first. */
  const withPrivacy = (api: string, opts: Options | undefined, run: () => void) => {
    if (device.privacyAgreed) return run()
    const proceed = (agreed: boolean) => (agreed ? run() : fail(api, opts, 'api scope is not declared in the privacy agreement', { errno: 112 }))
    askPrivacy(api, proceed)
  }
  const askPrivacy = (referrer: string, done: (agreed: boolean) => void) => {
    const listener = host.privacy.listener
    if (!listener) {
      const agreed = device.systemPrivacyPopup === 'agree'
      if (agreed) device.privacyAgreed = true
      return host.later('system privacy popup', () => done(agreed))
    }
    host.privacy.agreeButtonTapped = undefined
    host.privacy.pending = true
    let settled = false
    const resolve = (r: unknown) => {
      if (settled) return host.report('privacy', `onNeedPrivacyAuthorization resolve called twice (referrer ${referrer})`)
      settled = true
      host.privacy.pending = false
      const event = (r as { event?: string } | undefined)?.event
      if (event === 'agree') {
        const buttonId = (r as { buttonId?: string }).buttonId
        // WeChat accepts "agree" only after a tap on a button with open-type="agreePrivacyAuthorization".
        if (!host.privacy.agreeButtonTapped || (buttonId && buttonId !== host.privacy.agreeButtonTapped)) {
          host.report('privacy', `resolve({event:'agree', buttonId:'${buttonId}'}) without a tap on that agreePrivacyAuthorization button`)
          return done(false)
        }
        device.privacyAgreed = true
        return host.later('privacy agreed', () => done(true))
      }
      if (event === 'disagree') return host.later('privacy refused', () => done(false))
      host.report('privacy', `onNeedPrivacyAuthorization resolve called with ${JSON.stringify(r)}`)
      done(false)
    }
    host.call('onNeedPrivacyAuthorization listener', listener, resolve, host.toRealm({ referrer }))
  }

  const storageGet = (key: string) => {
    const raw = device.storage.get(String(key))
    return raw === undefined ? undefined : host.toRealm(JSON.parse(raw) as unknown)
  }
  const storageSet = (key: string, value: unknown) => {
    if (key === undefined || key === '') throw new Error('setStorageSync:fail parameter error: key should be String instead of Undefined')
    const text = JSON.stringify(value === undefined ? null : value)
    if (text.length > 1024 * 1024) throw new Error(`setStorageSync:fail exceed storage item max length (key ${key})`)
    device.storage.set(String(key), text)
  }

  const systemInfo = () => ({
    brand: 'devtools', model: 'iPhone 12', pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 753,
    statusBarHeight: 47, language: 'zh_CN', version: '8.0.50', system: 'iOS 17.0', platform: 'ios', SDKVersion: device.SDKVersion,
    fontSizeSetting: device.fontSizeSetting, fontSizeScaleFactor: device.fontSizeScaleFactor, theme: 'light', enableDebug: false,
    safeArea: { top: 47, left: 0, right: 390, bottom: 810, width: 390, height: 763 }, host: { appId: '' }, benchmarkLevel: 1,
  })

  const impl: Record<string, (...args: any[]) => unknown> = {
    // Storage (values round-trip through JSON as on a phone).
    setStorageSync: (key: string, value: unknown) => storageSet(key, value),
    getStorageSync: (key: string) => storageGet(key) ?? '',
    removeStorageSync: (key: string) => void device.storage.delete(String(key)),
    clearStorageSync: () => device.storage.clear(),
    getStorageInfoSync: () => host.toRealm({ keys: [...device.storage.keys()], currentSize: 0, limitSize: 10240 }),
    setStorage: (o: Options) => { try { storageSet(String(o.key), o.data); ok('setStorage', o) } catch (e) { fail('setStorage', o, String((e as Error).message)) } },
    getStorage: (o: Options) => { const v = storageGet(String(o.key)); v === undefined ? fail('getStorage', o, 'data not found') : ok('getStorage', o, { data: v }) },
    removeStorage: (o: Options) => { device.storage.delete(String(o.key)); ok('removeStorage', o) },
    clearStorage: (o: Options) => { device.storage.clear(); ok('clearStorage', o) },
    getStorageInfo: (o: Options) => ok('getStorageInfo', o, { keys: [...device.storage.keys()], currentSize: 0, limitSize: 10240 }),

    // System and app info.
    getSystemInfoSync: () => host.toRealm(systemInfo()),
    getSystemInfo: (o: Options) => ok('getSystemInfo', o, systemInfo()),
    getSystemInfoAsync: (o: Options) => ok('getSystemInfoAsync', o, systemInfo()),
    getWindowInfo: () => host.toRealm({ pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 753, statusBarHeight: 47, safeArea: systemInfo().safeArea, screenTop: 0 }),
    getDeviceInfo: () => host.toRealm({ brand: 'devtools', model: 'iPhone 12', system: 'iOS 17.0', platform: 'ios', benchmarkLevel: 1, abi: '', deviceAbi: '', cpuType: '', memorySize: '' }),
    getAppBaseInfo: () => host.toRealm({ SDKVersion: device.SDKVersion, version: '8.0.50', language: 'zh_CN', theme: 'light', enableDebug: false, fontSizeSetting: device.fontSizeSetting, fontSizeScaleFactor: device.fontSizeScaleFactor, host: { appId: '' } }),
    getSystemSetting: () => host.toRealm({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
    getAppAuthorizeSetting: () => host.toRealm({ albumAuthorized: 'not determined', cameraAuthorized: 'not determined', locationAuthorized: 'not determined', microphoneAuthorized: 'not determined', notificationAuthorized: 'authorized', phoneCalendarAuthorized: 'not determined' }),
    getAccountInfoSync: () => host.toRealm({ miniProgram: { appId: host.appid, envVersion: 'develop', version: '' }, plugin: {} }),
    getMenuButtonBoundingClientRect: () => host.toRealm({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 }),
    canIUse: (schema: string) => typeof wx[String(schema).split('.')[0]] !== 'undefined',
    nextTick: (fn: () => void) => host.later('wx.nextTick', fn),

    // Privacy (R5.1–R5.3): one listener; requirePrivacyAuthorize simulates a privacy API call.
    onNeedPrivacyAuthorization: (listener: WxHost['privacy']['listener']) => { host.privacy.listener = listener },
    getPrivacySetting: (o: Options) => ok('getPrivacySetting', o, { needAuthorization: !device.privacyAgreed, privacyContractName: '《邻里小程序隐私保护指引》' }),
    requirePrivacyAuthorize: (o: Options) => {
      if (device.privacyAgreed) return ok('requirePrivacyAuthorize', o)
      askPrivacy('requirePrivacyAuthorize', (agreed) => (agreed ? ok('requirePrivacyAuthorize', o) : fail('requirePrivacyAuthorize', o, 'privacy permission is not authorized', { errno: 104 })))
    },
    openPrivacyContract: (o: Options) => ok('openPrivacyContract', o),

    // Interaction (native UI: recorded; answers scripted on the Device).
    showToast: (o: Options) => {
      const title = String(o?.title ?? '')
      ui.toast = { title, icon: o?.icon as string | undefined, at: Date.now() }
      ui.toasts.push(title)
      ui.loading = undefined
      ok('showToast', o)
      const duration = Number(o?.duration ?? 1500)
      const shown = ui.toast
      host.later('toast timeout', () => { if (ui.toast === shown) ui.toast = undefined }, duration)
    },
    hideToast: (o: Options) => { ui.toast = undefined; ok('hideToast', o) },
    showLoading: (o: Options) => { ui.loading = { title: String(o?.title ?? '') }; ok('showLoading', o) },
    hideLoading: (o: Options) => { ui.loading = undefined; ok('hideLoading', o) },
    showModal: (o: Options) => {
      const answerIs = device.modalAnswers.shift() ?? 'confirm'
      ui.modals.push({ title: o?.title as string | undefined, content: o?.content as string | undefined, answer: answerIs })
      ok('showModal', o, { confirm: answerIs === 'confirm', cancel: answerIs === 'cancel' })
    },
    showActionSheet: (o: Options) => {
      const tapIndex = device.actionSheetAnswers.shift()
      tapIndex === undefined ? fail('showActionSheet', o, 'cancel') : ok('showActionSheet', o, { tapIndex })
    },
    setNavigationBarTitle: (o: Options) => { ui.navigationBarTitle = String(o?.title ?? ''); ok('setNavigationBarTitle', o) },
    stopPullDownRefresh: (o: Options) => { ui.pullDownRefreshStopped++; ok('stopPullDownRefresh', o) },

    // Navigation: the router checks app.json, tab pages and the 10-page limit.
    navigateTo: (o: Options) => navigation('navigateTo', o),
    redirectTo: (o: Options) => navigation('redirectTo', o),
    switchTab: (o: Options) => navigation('switchTab', o),
    reLaunch: (o: Options) => navigation('reLaunch', o),
    navigateBack: (o: Options) => {
      const r = host.navigateBack(Number(o?.delta ?? 1))
      if (!r.ok) return answer('navigateBack', o, { ok: false, errMsg: r.errMsg })
      void r.done.then(() => ok('navigateBack', o))
    },

    // Clipboard, phone, files, subscribe messages, scanning.
    setClipboardData: (o: Options) => withPrivacy('setClipboardData', o, () => {
      device.clipboard = String(o?.data ?? '')
      ui.toast = { title: '内容已复制', at: Date.now() }
      ui.toasts.push('内容已复制')
      ok('setClipboardData', o)
    }),
    getClipboardData: (o: Options) => withPrivacy('getClipboardData', o, () => ok('getClipboardData', o, { data: device.clipboard })),
    makePhoneCall: (o: Options) => (o?.phoneNumber ? ok('makePhoneCall', o) : fail('makePhoneCall', o, 'parameter error: phoneNumber')),
    chooseMessageFile: (o: Options) => withPrivacy('chooseMessageFile', o, () => {
      const picked = device.filePicks.shift()
      if (!picked) return fail('chooseMessageFile', o, 'cancel')
      const tempFiles = picked.map((f, i) => {
        const p = `wxfile://tmp_${Date.now().toString(36)}_${i}_${f.name}`
        device.files.set(p, f.content)
        return { path: p, name: f.name, size: f.content.length, type: 'file', time: Math.floor(Date.now() / 1000) }
      })
      ok('chooseMessageFile', o, { tempFiles })
    }),
    // Images (src/features/media): picks come from device.filePicks, like chooseMessageFile.
    chooseMedia: (o: Options) => withPrivacy('chooseMedia', o, () => {
      const picked = device.filePicks.shift()
      if (!picked) return fail('chooseMedia', o, 'chooseMedia:fail cancel')
      const count = Number(o?.count ?? 9)
      if (picked.length > count) return fail('chooseMedia', o, `chooseMedia:fail count ${picked.length} over ${count}`)
      const tempFiles = picked.map((f, i) => {
        const p = `wxfile://tmp_${Date.now().toString(36)}_${i}_${f.name}`
        device.files.set(p, f.content)
        return { tempFilePath: p, size: f.content.length, fileType: 'image', width: 8, height: 8, duration: 0, thumbTempFilePath: '' }
      })
      ok('chooseMedia', o, { tempFiles, type: 'image' })
    }),
    previewImage: (o: Options) => {
      const urls = Array.isArray(o?.urls) ? (o.urls as unknown[]).map(String) : []
      if (urls.length === 0) return fail('previewImage', o, 'previewImage:fail parameter error: urls')
      ui.previews.push({ urls, current: o?.current === undefined ? undefined : String(o.current) })
      ok('previewImage', o)
    },
    getFileSystemManager: () => fileSystemManager(),
    requestSubscribeMessage: (o: Options) => {
      const ids = Array.isArray(o?.tmplIds) ? (o.tmplIds as string[]) : []
      if (ids.length === 0) return fail('requestSubscribeMessage', o, 'parameter error: tmplIds', { errCode: 20001 })
      ok('requestSubscribeMessage', o, device.subscribeAnswer(ids))
    },
    scanCode: (o: Options) => withPrivacy('scanCode', o, () => {
      const next = device.scanResults.shift()
      next ? ok('scanCode', o, { result: next.result, scanType: next.scanType ?? 'QR_CODE', charSet: 'utf-8' }) : fail('scanCode', o, 'cancel')
    }),
  }

  function navigation(kind: NavigationKind, o: Options) {
    const url = String(o?.url ?? '')
    const r = host.navigate(kind, url)
    if (!r.ok) return answer(kind, o, { ok: false, errMsg: r.errMsg })
    void r.done.then(() => ok(kind, o))
  }

  function fileSystemManager() {
    const read = (filePath: string, encoding?: string) => {
      const bytes = device.files.get(filePath)
      if (!bytes) throw new Error(`readFile:fail no such file or directory, open ${filePath}`)
      return encoding ? bytes.toString(encoding === 'utf8' || encoding === 'utf-8' ? 'utf8' : (encoding as BufferEncoding)) : host.toRealm(bytes.toString('base64'))
    }
    return {
      readFile: (o: Options) => {
        try { ok('readFile', o, { data: read(String(o.filePath), o.encoding as string | undefined) }) } catch (e) { answer('readFile', o, { ok: false, errMsg: (e as Error).message }) }
      },
      readFileSync: (filePath: string, encoding?: string) => read(filePath, encoding),
      access: (o: Options) => (device.files.has(String(o.path)) ? ok('access', o) : fail('access', o, `no such file or directory ${o.path}`)),
      stat: (o: Options) => (device.files.has(String(o.path)) ? ok('stat', o, { stats: { size: device.files.get(String(o.path))!.length } }) : fail('stat', o, 'no such file or directory')),
    }
  }

  /** A wx.cloud storage call: promise style without callbacks, else success/fail/complete. */
  function cloudStorage(api: string, o: Options, run: () => Promise<Record<string, unknown>>): unknown {
    const promised = !o || (o.success === undefined && o.fail === undefined && o.complete === undefined)
    const guarded = () => (host.cloud.initialised() ? run() : Promise.reject({ errCode: -1, errMsg: `cloud.${api}:fail Cloud API isn't enabled, please call wx.cloud.init first` }))
    if (promised) {
      return new host.RealmPromise((resolve: (v: unknown) => void, reject: (e: unknown) => void) => {
        guarded().then((r) => host.later(`${api} resolve`, () => resolve(host.toRealm(r))), (e) => host.later(`${api} reject`, () => reject(host.toRealm(e))))
      })
    }
    guarded().then((r) => answer(`cloud.${api}`, o, { ok: true, res: r }), (e: { errMsg: string }) => answer(`cloud.${api}`, o, { ok: false, errMsg: e.errMsg }))
    return undefined
  }

  const cloud = {
    init: (opts: unknown) => host.cloud.init(opts),
    callFunction: (o: Options) => {
      const promised = !o || (o.success === undefined && o.fail === undefined && o.complete === undefined)
      const name = String(o?.name ?? '')
      const run = (): Promise<Record<string, unknown>> => {
        if (!host.cloud.initialised()) return Promise.reject({ errCode: -1, errMsg: 'cloud.callFunction:fail Cloud API isn\'t enabled, please call wx.cloud.init first' })
        return host.cloud.call(name, o?.data).then((c) =>
          c.ok ? { result: c.result, errMsg: 'cloud.callFunction:ok', requestID: c.requestId } : Promise.reject({ errCode: c.errCode, errMsg: c.errMsg }),
        )
      }
      if (promised) {
        // The program's own Promise, so its `instanceof Promise` and unhandled-rejection tracking hold.
        return new host.RealmPromise((resolve: (v: unknown) => void, reject: (e: unknown) => void) => {
          run().then((r) => host.later('callFunction resolve', () => resolve(host.toRealm(r))), (e) => host.later('callFunction reject', () => reject(host.toRealm(e))))
        })
      }
      run().then((r) => answer('cloud.callFunction', o, { ok: true, res: r }), (e: { errMsg: string; errCode?: number }) =>
        host.later('callFunction fail', () => {
          const res = host.toRealm(e)
          host.call('callFunction fail', o.fail, res)
          host.call('callFunction complete', o.complete, res)
        }))
      return undefined
    },
    database: () => {
      // R5.10: every collection is ADMINONLY; the client never reads the database directly.
      throw new Error('wx.cloud.database(): the client must not read the database directly (R5.10); call a cloud function')
    },
    // The bytes of a picked temp file go to the local cloud as the persona (cloud.ts, /__client/*).
    uploadFile: (o: Options) =>
      cloudStorage('uploadFile', o, () => {
        const filePath = String(o?.filePath ?? '')
        const bytes = device.files.get(filePath)
        if (!bytes) return Promise.reject({ errCode: -1, errMsg: `cloud.uploadFile:fail file not found ${filePath}` })
        return host.cloud.storage({ kind: 'upload', cloudPath: String(o?.cloudPath ?? ''), bytes, name: filePath.split('_').slice(2).join('_') })
      }),
    downloadFile: (o: Options) => fail('cloud.downloadFile', o, 'not scripted in the weapp harness'),
    getTempFileURL: (o: Options) =>
      cloudStorage('getTempFileURL', o, () => host.cloud.storage({ kind: 'tempUrls', fileList: Array.isArray(o?.fileList) ? (o.fileList as unknown[]).map(String) : [] })),
    deleteFile: (o: Options) => fail('cloud.deleteFile', o, 'not scripted in the weapp harness'),
    callContainer: (o: Options) => fail('cloud.callContainer', o, 'not scripted in the weapp harness'),
    DYNAMIC_CURRENT_ENV: Symbol.for('DYNAMIC_CURRENT_ENV'),
  }

  const promisified = wxPromisifiedApis()
  for (const name of wxApiNames()) {
    if (name === 'cloud') {
      wx.cloud = cloud
      continue
    }
    if (name === 'env') {
      wx.env = { USER_DATA_PATH: 'http://usr' }
      continue
    }
    const real = impl[name]
    const run = (args: unknown[]) => (real ? real(...args) : genericStub(name, args[0] as Options | undefined))
    const promised = promisified.has(name)
    wx[name] = function (this: unknown, ...args: unknown[]) {
      host.calls.push({ api: name, args, route: host.currentRoute() })
      const opts = args[0] as Options | undefined
      const callbacks = opts !== null && typeof opts === 'object' && ('success' in opts || 'fail' in opts || 'complete' in opts)
      if (!promised || callbacks || (opts !== undefined && (opts === null || typeof opts !== 'object'))) return run(args)
      // WeChat: an async API called without callbacks returns a Promise (Taro relies on it for the APIs it does not wrap).
      return new host.RealmPromise((resolve, reject) => {
        run([{ ...(opts ?? {}), success: resolve, fail: reject }, ...args.slice(1)])
      })
    }
  }
  for (const name of Object.keys(impl)) {
    if (!(name in wx)) throw new Error(`harness implements wx.${name}, which miniprogram-api-typings does not list`)
  }

  function genericStub(name: string, opts: Options | undefined): unknown {
    if (PRIVACY_APIS.has(name)) {
      withPrivacy(name, opts, () => ok(name, opts))
      return undefined
    }
    if (/^(on|off)[A-Z]/.test(name)) return undefined
    if (/^create[A-Z]/.test(name)) return chainable(name)
    if (/Sync$/.test(name)) return host.toRealm({})
    ok(name, opts)
    return undefined
  }

  /**
   * createSelectorQuery(), createAnimation() …: every method chains. A selector query's exec
   * answers one zero-sized rect per select() (and an empty list per selectAll()): nothing is laid
   * out here, but the answer has the shape WeChat gives for nodes that exist.
   */
  function chainable(name: string): unknown {
    const answers: unknown[] = []
    const rect = { id: '', dataset: {}, left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0, scrollTop: 0, scrollLeft: 0 }
    const target = {} as Record<string, unknown>
    const proxy: unknown = new Proxy(target, {
      get(_t, prop) {
        if (prop === 'then') return undefined
        if (prop === 'exec') return (cb?: unknown) => host.later(`${name}.exec`, () => host.call(`${name}.exec`, cb, host.toRealm(answers)))
        if (prop === 'select' || prop === 'selectViewport') return () => (answers.push(rect), proxy)
        if (prop === 'selectAll') return () => (answers.push([]), proxy)
        return () => proxy
      },
    })
    return proxy
  }

  return wx
}
