/**
 * The server half of the shared image pipeline (docs/media.md, R5.8).
 *
 * - assertOwnUploads: every file id must be one of ours (media/<feature>/<uploaderKey>/…), of this
 *   environment, under the caller's own uploader key (recomputed from OPENID — never from input),
 *   and actually uploaded; otherwise VALIDATION_FAILED with a field per bad id, nothing written.
 * - requestMediaChecks: the above, then one media_checks doc per file and
 *   cloud.openapi.security.mediaCheckAsync (v2, media_type 2, the author's openid and scene).
 *   A check that cannot be asked stays UNAVAILABLE — held, never shown to the public (fail
 *   closed) — and the media function's timer asks again.
 * - recordVerdict: the wxa_media_check push (cloudfunctions/media) lands here.
 * - visibleImages: the read-time filter.
 *
 * The verdict may outrun the traceId write (the platform pushes as soon as it has decided), so
 * both sides write first and read second: the push stores media_verdicts/<trace_id> and then
 * updates the check with that traceId; the request stores the traceId and then reads the verdict.
 * Whichever comes second sees the other's write; applying a verdict twice is harmless.
 */
import { randomBytes } from 'node:crypto'
import { _, cloud, db } from './cloud'
import { findAll, getDoc } from './data'
import { sha256Hex, uploaderKeyFor } from './id-hash'
import type { CallContext } from './context'
import { AppError, type FieldErrors } from '../../domain/shared/errors'
import {
  cloudPathFor,
  filterVisible,
  parseMediaFileId,
  retryDelayMs,
  statusOfSuggest,
  VERDICT_WAIT_MS,
  type ImageExt,
  type MediaCheckDoc,
  type MediaVerdictDoc,
} from '../../domain/media/model'

/** What these helpers need of the call context (a CallContext fits). */
export type Ctx = Pick<CallContext, 'openid' | 'now'>

export const MEDIA_CHECKS = 'media_checks'
export const MEDIA_VERDICTS = 'media_verdicts'

/** One media_checks doc per file id, under a deterministic id: racing requests collide. */
export const mediaCheckId = (fileId: string) => `mc_${sha256Hex(fileId).slice(0, 32)}`

/** The environment this function runs in (file ids of another environment are refused). */
function thisEnv(): string {
  return process.env.TCB_ENV || process.env.SCF_NAMESPACE || ''
}

/** Fresh cloud paths under the caller's uploader key, for media.prepareUpload. */
export function uploadPaths(ctx: Ctx, feature: string, exts: ImageExt[]): string[] {
  const key = uploaderKeyFor(ctx.openid)
  const nonce = `${ctx.now.getTime().toString(36)}${randomBytes(6).toString('hex')}`
  return exts.map((ext, i) => cloudPathFor(feature, key, nonce, i, ext))
}

async function tempUrls(fileIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (let i = 0; i < fileIds.length; i += 50) {
    const res = (await cloud.getTempFileURL({ fileList: fileIds.slice(i, i + 50) })) as { fileList?: { fileID: string; tempFileURL?: string; status?: number }[] }
    for (const f of res.fileList ?? []) if (f.status === 0 && f.tempFileURL) out.set(f.fileID, f.tempFileURL)
  }
  return out
}

/**
 * Refuse any file id the caller did not upload. `field` is the input field holding the ids, so
 * the error names `images.2` the way zod's would. Returns the temp URLs (the check needs them).
 */
export async function assertOwnUploads(ctx: Ctx, fileIds: string[], field = 'fileIds'): Promise<Map<string, string>> {
  const key = uploaderKeyFor(ctx.openid)
  const env = thisEnv()
  const fields: FieldErrors = {}
  const problem = (i: number, message: string) => (fields[`${field}.${i}`] ??= []).push(message)
  fileIds.forEach((id, i) => {
    const ref = parseMediaFileId(id)
    if (!ref) problem(i, '不是通过本小程序上传的图片')
    else if (env && ref.env !== env) problem(i, '不是本环境上传的图片')
    else if (ref.uploaderKey !== key) problem(i, '只能使用您自己上传的图片')
  })
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', '图片有误，请重新选择', { fields })
  const urls = fileIds.length ? await tempUrls(fileIds) : new Map<string, string>()
  fileIds.forEach((id, i) => urls.has(id) || problem(i, '图片没有上传成功，请重新上传'))
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', '图片有误，请重新选择', { fields })
  return urls
}

/** Ask the platform once; the doc records the outcome (traceId, or UNAVAILABLE with a retry time). */
async function ask(doc: MediaCheckDoc, mediaUrl: string, now: Date): Promise<void> {
  const attempts = doc.attempts + 1
  let traceId: string | null = null
  try {
    const res = (await cloud.openapi.security.mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, scene: doc.scene, openid: doc.openid })) as {
      errcode?: number
      errCode?: number
      traceId?: string
    }
    const code = res?.errcode ?? res?.errCode ?? 0
    if (code === 0 && typeof res?.traceId === 'string' && res.traceId) traceId = res.traceId
  } catch {
    traceId = null // quota, network, permission: all mean "not checked yet"
  }
  const coll = db.collection(MEDIA_CHECKS)
  if (!traceId) {
    await coll.doc(doc._id).update({ data: { status: 'UNAVAILABLE', attempts, retryAt: new Date(now.getTime() + retryDelayMs(attempts)) } })
    return
  }
  // Only a doc still waiting takes the trace id: a verdict recorded meanwhile is not overwritten.
  await coll.where({ _id: doc._id, status: _.in(['PENDING', 'UNAVAILABLE']) }).update({
    data: { status: 'PENDING', traceId, attempts, retryAt: new Date(now.getTime() + VERDICT_WAIT_MS) },
  })
  const early = await getDoc<MediaVerdictDoc>(MEDIA_VERDICTS, traceId)
  if (early) await applyVerdict(traceId, early, now)
}

async function applyVerdict(traceId: string, v: Pick<MediaVerdictDoc, 'suggest' | 'label'>, now: Date): Promise<number> {
  const status = statusOfSuggest(v.suggest)
  if (!status) return 0
  const r = (await db
    .collection(MEDIA_CHECKS)
    .where({ traceId, status: 'PENDING' })
    .update({ data: { status, label: v.label, decidedAt: now, retryAt: null } })) as { stats?: { updated?: number } }
  return r.stats?.updated ?? 0
}

/**
 * After the feature has written its item: record and request a check per file. Ids already
 * checked (an edit that keeps a photo) keep their verdict and are not asked again.
 */
export async function requestMediaChecks(ctx: Ctx, input: { fileIds: string[]; scene: 1 | 2 | 3 | 4 }): Promise<void> {
  if (input.fileIds.length === 0) return
  const urls = await assertOwnUploads(ctx, input.fileIds)
  const key = uploaderKeyFor(ctx.openid)
  await Promise.all(
    input.fileIds.map(async (fileId) => {
      const ref = parseMediaFileId(fileId)!
      const doc: MediaCheckDoc = {
        _id: mediaCheckId(fileId),
        fileId,
        feature: ref.feature,
        uploaderKey: key,
        openid: ctx.openid,
        scene: input.scene,
        status: 'PENDING',
        traceId: null,
        label: null,
        attempts: 0,
        requestedAt: ctx.now,
        retryAt: null,
        decidedAt: null,
      }
      try {
        await db.collection(MEDIA_CHECKS).add({ data: doc })
      } catch (e) {
        if (await getDoc<MediaCheckDoc>(MEDIA_CHECKS, doc._id)) return // already requested (edit, or a racing call)
        throw e
      }
      await ask(doc, urls.get(fileId)!, ctx.now)
    }),
  )
}

/** A wxa_media_check push: keep the verdict by trace id, then settle the check that carries it. */
export async function recordVerdict(push: { trace_id?: unknown; result?: { suggest?: unknown; label?: unknown } }, now: Date): Promise<{ updated: number }> {
  const traceId = typeof push.trace_id === 'string' ? push.trace_id : ''
  const suggest = push.result?.suggest
  if (!traceId || !statusOfSuggest(suggest)) return { updated: 0 }
  const verdict: MediaVerdictDoc = { _id: traceId, suggest: suggest as MediaVerdictDoc['suggest'], label: Number(push.result?.label ?? 0), receivedAt: now }
  await db.collection(MEDIA_VERDICTS).doc(traceId).set({ data: { suggest: verdict.suggest, label: verdict.label, receivedAt: now } })
  return { updated: await applyVerdict(traceId, verdict, now) }
}

/** Timer: ask again for checks that were unavailable, or whose verdict never came (30 min). */
export async function retryDueChecks(now: Date, max = 100): Promise<{ retried: number }> {
  const due = await findAll<MediaCheckDoc>(MEDIA_CHECKS, { status: _.in(['UNAVAILABLE', 'PENDING']), retryAt: _.lte(now) }, { max })
  if (due.length === 0) return { retried: 0 }
  const urls = await tempUrls(due.map((d) => d.fileId))
  let retried = 0
  for (const doc of due) {
    const url = urls.get(doc.fileId)
    if (!url) {
      // The file is gone (deleted with its item): nothing left to show or check.
      await db.collection(MEDIA_CHECKS).doc(doc._id).update({ data: { status: 'RISKY', retryAt: null, decidedAt: now } })
      continue
    }
    await ask(doc, url, now)
    retried++
  }
  return { retried }
}

/**
 * Read-time filter: the files this viewer may see. Everyone sees `pass`; the uploader and
 * moderators (maySeeHeld) also see held files; risky files are never shown. `held` counts the
 * held files this viewer was not shown ("n 张图片审核中").
 */
export async function visibleImages(ctx: Ctx, fileIds: string[], opts: { maySeeHeld: boolean }): Promise<{ shown: string[]; held: number }> {
  if (fileIds.length === 0) return { shown: [], held: 0 }
  const docs = await findAll<MediaCheckDoc>(MEDIA_CHECKS, { _id: _.in(fileIds.map(mediaCheckId)) }, { max: fileIds.length })
  const byFile = new Map(docs.map((d) => [d.fileId, d.status]))
  return filterVisible(fileIds, (id) => byFile.get(id), { uploaderKey: uploaderKeyFor(ctx.openid), maySeeHeld: opts.maySeeHeld })
}
