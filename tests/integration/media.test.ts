/**
 * The shared image pipeline end to end through the real SDK (docs/media.md, R5.8): upload slots
 * under the caller's uploader key, the H5 client's upload path against a running local cloud,
 * ownership of file ids (another person's id → VALIDATION_FAILED with a field, nothing written),
 * mediaCheckAsync v2 with its asynchronous wxa_media_check verdict, the read-time filter, fail
 * closed when the check is unavailable with the timer asking again, a forged verdict ignored, and
 * a verdict that outruns its request.
 */
import fs from 'node:fs'
import path from 'node:path'
import { bundleFunction } from '../../scripts/build-cloud'
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { expectError, expectOk } from './support/linli'
import { makePng, pngBytes } from '../fixtures/png'
import { uploaderKeyFor } from '../../cloudfunctions/_core/id-hash'
import { tempUrlsFromLocalCloud, uploadToLocalCloud } from '../../src/features/media/local-cloud-storage'

const RESIDENT = 'o_demo_resident'
const OWNER = 'o_demo_owner'
let t: TestCloud
let probeDir: string

beforeAll(async () => {
  const root = path.join(__dirname, '../../dist')
  fs.mkdirSync(root, { recursive: true })
  probeDir = fs.mkdtempSync(path.join(root, 'test-functions-'))
  await bundleFunction(path.join(__dirname, '../fixtures/media-probe/index.ts'), path.join(probeDir, 'media-probe', 'index.js'))
  fs.writeFileSync(path.join(probeDir, 'media-probe', 'config.json'), JSON.stringify({ timeout: 20, permissions: { openapi: ['security.mediaCheckAsync'] } }))
  t = await startTestCloud({ extraFunctionsDirs: [probeDir], extraCollections: [{ name: 'media_probe_posts', permission: 'ADMINONLY', indexes: [] }] as never })
})
afterAll(async () => {
  await t?.close()
  if (probeDir) fs.rmSync(probeDir, { recursive: true, force: true })
})

const slots = async (openid: string, exts: string[], feature = 'probe') =>
  expectOk(await t.call<{ cloudPaths: string[] }>('media', 'prepareUpload', { feature, exts }, openid)).cloudPaths

/** What the H5 client does: slots from media.prepareUpload, bytes to /__client/uploadFile. */
async function upload(openid: string, names: string[]): Promise<string[]> {
  const paths = await slots(openid, names.map(() => 'png'))
  const target = { origin: t.cloud.url, openid }
  return Promise.all(paths.map((p, i) => uploadToLocalCloud(target, p, new Blob([pngBytes()]), names[i])))
}

const post = (openid: string, images: string[]) => t.call<{ id: string }>('media-probe', 'post', { text: '带图', images }, openid)
const show = async (openid: string, id: string, moderator = false) => expectOk(await t.call<{ shown: string[]; held: number }>('media-probe', 'show', { id, moderator }, openid))
const checkOf = (fileId: string) => t.store.find('media_checks', { fileId })[0] as Record<string, unknown> | undefined

describe('media.prepareUpload', () => {
  test("cloud paths under the caller's uploader key, one per file; members only; bad input refused", async () => {
    const paths = await slots(RESIDENT, ['png', 'jpg'])
    expect(paths).toHaveLength(2)
    for (const p of paths) expect(p.startsWith(`media/probe/${uploaderKeyFor(RESIDENT)}/`)).toBe(true)
    expect(paths[1]).toMatch(/\.jpg$/)
    expect(paths.join()).not.toContain(RESIDENT) // the key discloses no openid
    expect(uploaderKeyFor(RESIDENT)).not.toBe(uploaderKeyFor(OWNER))
    expectError(await t.call('media', 'prepareUpload', { feature: 'probe', exts: ['png'] }, 'o_never_seen'), 'UNAUTHENTICATED')
    expectError(await t.call('media', 'prepareUpload', { feature: '../x', exts: ['png'] }, RESIDENT), 'VALIDATION_FAILED')
    expectError(await t.call('media', 'prepareUpload', { feature: 'probe', exts: ['svg'] }, RESIDENT), 'VALIDATION_FAILED')
  })
})

describe('the H5 upload path (src/features/media/local-cloud-storage.ts) against the local cloud', () => {
  test('uploads come back as cloud:// file ids of this env; temp URLs serve the same bytes as an inert image', async () => {
    const [fileId] = await upload(RESIDENT, ['photo.png'])
    expect(fileId).toMatch(new RegExp(`^cloud://linli-local\\.local-bucket/media/probe/${uploaderKeyFor(RESIDENT)}/`))
    const urls = await tempUrlsFromLocalCloud({ origin: t.cloud.url, openid: RESIDENT }, [fileId, 'cloud://linli-local.local-bucket/media/probe/none.png'])
    expect(Object.keys(urls)).toEqual([fileId])
    const res = await fetch(urls[fileId])
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await res.arrayBuffer()).equals(makePng())).toBe(true)
  })

  test('refused: no caller, a path outside storage, a body over 10 MB, a cross-site page', async () => {
    const url = (q: string) => `${t.cloud.url}/__client/uploadFile?cloudPath=${q}`
    expect((await fetch(url('media/x/a.png'), { method: 'POST', body: pngBytes() })).status).toBe(401)
    expect((await fetch(url(encodeURIComponent('../../etc/x.png')), { method: 'POST', headers: { 'X-Dev-Openid': RESIDENT }, body: pngBytes() })).status).toBe(400)
    const big = await fetch(url('media/x/big.png'), { method: 'POST', headers: { 'X-Dev-Openid': RESIDENT }, body: new Uint8Array(10 * 1024 * 1024 + 1) })
    expect(big.status).toBe(413)
    const evil = await fetch(url('media/x/a.png'), { method: 'POST', headers: { 'X-Dev-Openid': RESIDENT, origin: 'https://evil.example' }, body: pngBytes() })
    expect(evil.status).toBe(403)
  })
})

describe('ownership of file ids', () => {
  test("another person's file id, a file never uploaded, a foreign id: VALIDATION_FAILED naming the field, nothing written", async () => {
    const [mine] = await upload(RESIDENT, ['mine.png'])
    const [theirs] = await upload(OWNER, ['theirs.png'])
    const [slot] = await slots(RESIDENT, ['png'])
    const never = `cloud://linli-local.local-bucket/${slot}`
    const before = { posts: t.store.count('media_probe_posts', {}), checks: t.store.count('media_checks', {}), calls: t.cloud.openapi.stats.mediaCheckAsync }

    const e1 = expectError(await post(RESIDENT, [mine, theirs]), 'VALIDATION_FAILED') as { details: { fields: Record<string, string[]> } }
    expect(Object.keys(e1.details.fields)).toEqual(['images.1'])
    expect(e1.details.fields['images.1'][0]).toContain('自己上传')
    const e2 = expectError(await post(RESIDENT, [never]), 'VALIDATION_FAILED') as { details: { fields: Record<string, string[]> } }
    expect(e2.details.fields['images.0'][0]).toContain('没有上传成功')
    const foreignEnv = mine.replace('cloud://linli-local.', 'cloud://other-env.')
    const e3 = expectError(await post(RESIDENT, [foreignEnv]), 'VALIDATION_FAILED') as { details: { fields: Record<string, string[]> } }
    expect(Object.keys(e3.details.fields)).toEqual(['images.0'])
    expectError(await post(RESIDENT, ['cloud://linli-local.local-bucket/notices/x/0.png']), 'VALIDATION_FAILED')

    expect(t.store.count('media_probe_posts', {})).toBe(before.posts)
    expect(t.store.count('media_checks', {})).toBe(before.checks)
    expect(t.cloud.openapi.stats.mediaCheckAsync).toBe(before.calls)
  })
})

describe('mediaCheckAsync and the read-time filter', () => {
  test('pass is shown to all; review only to the uploader and moderators; risky to nobody', async () => {
    const calls = t.cloud.openapi.stats.mediaCheckAsync
    const [ok, review, risky] = await upload(RESIDENT, ['garden.png', 'review-me.png', 'risky.png'])
    const { id } = expectOk(await post(RESIDENT, [ok, review, risky]))
    expect(t.cloud.openapi.stats.mediaCheckAsync).toBe(calls + 3)
    await t.cloud.openapi.pushesSettled()
    expect([ok, review, risky].map((f) => checkOf(f)?.status)).toEqual(['PASS', 'REVIEW', 'RISKY'])
    expect(checkOf(ok)).toMatchObject({ scene: 3, openid: RESIDENT, attempts: 1 })

    expect(await show(OWNER, id)).toEqual({ shown: [ok], held: 1 })
    expect(await show(RESIDENT, id)).toEqual({ shown: [ok, review], held: 0 })
    expect(await show(OWNER, id, true)).toEqual({ shown: [ok, review], held: 0 })
  })

  test('before the verdict arrives a file is held: others see only the count', async () => {
    const [f] = await upload(RESIDENT, ['later.png'])
    const { id } = expectOk(await post(RESIDENT, [f]))
    // The verdict may or may not have been delivered yet: either it is held or it passed.
    const seen = await show(OWNER, id)
    expect(seen.shown.length + seen.held).toBe(1)
    if (checkOf(f)?.status === 'PENDING') expect(seen).toEqual({ shown: [], held: 1 })
    await t.cloud.openapi.pushesSettled()
    expect(await show(OWNER, id)).toEqual({ shown: [f], held: 0 })
  })

  test('a forged wxa_media_check (unknown trace_id) settles nothing', async () => {
    const [f] = await upload(RESIDENT, ['review-forged.png'])
    expectOk(await post(RESIDENT, [f]))
    await t.cloud.openapi.pushesSettled()
    expect(checkOf(f)?.status).toBe('REVIEW')
    const forged = { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'aaaa-bbbb-cccc', version: 2, errcode: 0, result: { suggest: 'pass', label: 100 } }
    const r = await t.raw('media', forged, RESIDENT)
    expect(r.body).toBe('success')
    expect(checkOf(f)?.status).toBe('REVIEW')
    // Nor can a client reuse a real trace id it never sees: it is not in any answer to the client.
    expect(JSON.stringify(await show(RESIDENT, expectOk(await post(RESIDENT, [f])).id))).not.toContain(String(checkOf(f)?.traceId))
  })

  test('check unavailable: the file stays held (fail closed) and the timer asks again', async () => {
    t.cloud.openapi.mediaCheckUnavailable = true
    let id: string
    let f: string
    try {
      ;[f] = await upload(RESIDENT, ['outage.png'])
      id = expectOk(await post(RESIDENT, [f])).id
    } finally {
      t.cloud.openapi.mediaCheckUnavailable = false
    }
    expect(checkOf(f)).toMatchObject({ status: 'UNAVAILABLE', traceId: null, attempts: 1 })
    expect(await show(OWNER, id)).toEqual({ shown: [], held: 1 })

    // Not due yet: the timer leaves it alone.
    expect(((await t.cloud.fireTimer('media', 'retry-checks')) as { data: { retried: number } }).data.retried).toBe(0)
    const doc = checkOf(f) as { _id: string }
    t.store.put('media_checks', { ...doc, retryAt: new Date(Date.now() - 1000) }, 'replace')
    expect(((await t.cloud.fireTimer('media', 'retry-checks')) as { data: { retried: number } }).data.retried).toBe(1)
    await t.cloud.openapi.pushesSettled()
    expect(checkOf(f)).toMatchObject({ status: 'PASS', attempts: 2 })
    expect(await show(OWNER, id)).toEqual({ shown: [f], held: 0 })
  })

  test('a verdict that arrives before the request has stored its trace id is not lost', async () => {
    t.cloud.openapi.mediaPushTiming = 'before-answer'
    try {
      const [a, b] = await upload(RESIDENT, ['early.png', 'early-risky.png'])
      expectOk(await post(RESIDENT, [a, b]))
      expect(checkOf(a)?.status).toBe('PASS')
      expect(checkOf(b)?.status).toBe('RISKY')
      expect(t.store.find('media_verdicts', { _id: String(checkOf(a)?.traceId) })).toHaveLength(1)
    } finally {
      t.cloud.openapi.mediaPushTiming = 'after-answer'
    }
  })

  test('racing posts of the same files: one check per file, each asked once', async () => {
    const files = await upload(RESIDENT, ['race-1.png', 'race-2.png'])
    const calls = t.cloud.openapi.stats.mediaCheckAsync
    const results = await Promise.all(Array.from({ length: 6 }, () => post(RESIDENT, files)))
    results.forEach((r) => expectOk(r))
    await t.cloud.openapi.pushesSettled()
    for (const f of files) expect(t.store.find('media_checks', { fileId: f })).toHaveLength(1)
    expect(t.cloud.openapi.stats.mediaCheckAsync - calls).toBe(2)
    expect(files.map((f) => checkOf(f)?.status)).toEqual(['PASS', 'PASS'])
  })
})
