/**
 * The headless weapp harness's image APIs (tests/weapp/harness/wx.ts) against a running local
 * cloud, without a built app: chooseMedia answers from the device's scripted picks (after the
 * privacy check, R5.3), wx.cloud.uploadFile sends the temp file's bytes as the persona and gets a
 * cloud:// file id, getTempFileURL resolves it (and reports a missing file), previewImage is
 * recorded. Feature scenarios (tests/weapp/scenarios) rely on exactly this.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { expectOk } from './support/linli'
import { makePng } from '../fixtures/png'
import { createWx, type UiState, type WxHost } from '../weapp/harness/wx'
import { Device } from '../weapp/harness/device'
import { invokeStorage, localCloud } from '../weapp/harness/cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

function phone(openid: string, privacyAgreed = true) {
  const device = new Device({ privacyAgreed })
  const ui: UiState = { toasts: [], modals: [], pullDownRefreshStopped: 0, previews: [] }
  const opts = localCloud(t.cloud.url, openid)
  let inited = false
  const host: WxHost = {
    device,
    ui,
    calls: [],
    appid: 'wx_linli_local',
    currentRoute: () => 'pages/home/index',
    RealmPromise: Promise,
    toRealm: (v) => v,
    later: (_label, fn, delay) => void setTimeout(fn, delay ?? 0),
    call: (_label, fn, ...args) => (typeof fn === 'function' ? (fn as (...a: unknown[]) => unknown)(...args) : undefined),
    report: (kind, message) => {
      throw new Error(`${kind}: ${message}`)
    },
    navigate: () => ({ ok: false, errMsg: 'no navigation here' }),
    navigateBack: () => ({ ok: false, errMsg: 'no navigation here' }),
    cloud: {
      init: () => void (inited = true),
      initialised: () => inited,
      call: () => Promise.reject(new Error('not used')),
      storage: (op) => invokeStorage(opts, op),
    },
    privacy: {},
  }
  const wx = createWx(host) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  return { wx, device, ui }
}

const callback = <T>(fn: (o: { success: (r: T) => void; fail: (e: { errMsg: string }) => void }) => void) =>
  new Promise<T>((resolve, reject) => fn({ success: resolve, fail: reject }))

test('chooseMedia → cloud.uploadFile → getTempFileURL → previewImage, as the persona', async () => {
  const { wx, device, ui } = phone('o_demo_resident')
  device.filePicks.push([{ name: 'garden.png', content: makePng() }])
  const picked = await callback<{ tempFiles: { tempFilePath: string; size: number; fileType: string }[] }>((o) => wx.chooseMedia({ count: 9, mediaType: ['image'], ...o }))
  expect(picked.tempFiles).toHaveLength(1)
  expect(picked.tempFiles[0].size).toBe(makePng().length)
  expect(picked.tempFiles[0].tempFilePath).toMatch(/garden\.png$/)

  const [cloudPath] = expectOk(await t.call<{ cloudPaths: string[] }>('media', 'prepareUpload', { feature: 'probe', exts: ['png'] }, 'o_demo_resident')).cloudPaths
  // Before wx.cloud.init the SDK refuses, as on a phone.
  await expect(wx.cloud.uploadFile({ cloudPath, filePath: picked.tempFiles[0].tempFilePath })).rejects.toMatchObject({ errMsg: expect.stringContaining('wx.cloud.init') })
  wx.cloud.init({ env: 'linli-local' })
  const up = (await wx.cloud.uploadFile({ cloudPath, filePath: picked.tempFiles[0].tempFilePath })) as { fileID: string }
  expect(up.fileID).toBe(`cloud://linli-local.local-bucket/${cloudPath}`)

  const missing = 'cloud://linli-local.local-bucket/media/probe/nothing.png'
  const urls = (await wx.cloud.getTempFileURL({ fileList: [up.fileID, missing] })) as { fileList: { fileID: string; tempFileURL: string; status: number }[] }
  expect(urls.fileList.map((f) => f.status)).toEqual([0, -1])
  const bytes = Buffer.from(await (await fetch(urls.fileList[0].tempFileURL)).arrayBuffer())
  expect(bytes.equals(makePng())).toBe(true)

  await callback((o) => wx.previewImage({ urls: [urls.fileList[0].tempFileURL], current: urls.fileList[0].tempFileURL, ...o }))
  expect(ui.previews).toEqual([{ urls: [urls.fileList[0].tempFileURL], current: urls.fileList[0].tempFileURL }])
})

test('no pick scripted → the picker is cancelled; privacy refused → chooseMedia fails without a pick', async () => {
  const a = phone('o_demo_resident')
  await expect(callback((o) => a.wx.chooseMedia({ count: 1, ...o }))).rejects.toMatchObject({ errMsg: expect.stringContaining('cancel') })
  const b = phone('o_demo_resident', false)
  b.device.filePicks.push([{ name: 'x.png', content: makePng() }])
  await expect(callback((o) => b.wx.chooseMedia({ count: 1, ...o }))).rejects.toMatchObject({ errMsg: expect.stringContaining('privacy') })
  expect(b.device.filePicks).toHaveLength(1) // nothing was picked
})
