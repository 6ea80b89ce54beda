/**
 * `wx.cloud.callFunction` in the harness: answered by a scripted handler, or forwarded to a
 * running local cloud as a persona — `POST /functions/<name>` with `X-Dev-Openid`, exactly what
 * the H5 transport does — so the real function bundles answer. Every call is recorded.
 */
import { tempUrlsFromLocalCloud, uploadToLocalCloud } from '../../../src/features/media/local-cloud-storage'

export type CloudHandler = (name: string, data: unknown) => unknown | Promise<unknown>

export type CloudOptions =
  | { kind: 'local'; url: string; openid: string }
  | { kind: 'scripted'; handler: CloudHandler }

export type CloudCall =
  | { ok: true; name: string; data: unknown; result: unknown; requestId: string }
  | { ok: false; name: string; data: unknown; errCode: number; errMsg: string }

export interface RecordedCall {
  name: string
  action?: string
  input?: unknown
  result?: unknown
  errMsg?: string
}

export function localCloud(url: string, openid: string): CloudOptions {
  return { kind: 'local', url, openid }
}

export function scriptedCloud(handler: CloudHandler): CloudOptions {
  return { kind: 'scripted', handler }
}

let seq = 0

export async function invokeCloud(opts: CloudOptions, name: string, data: unknown): Promise<CloudCall> {
  // The data crosses the wire as JSON in WeChat too.
  const payload = data === undefined ? {} : (JSON.parse(JSON.stringify(data)) as unknown)
  const requestId = `weapp-${++seq}`
  if (opts.kind === 'scripted') {
    try {
      const result = await opts.handler(name, payload)
      return { ok: true, name, data: payload, result: JSON.parse(JSON.stringify(result ?? null)) as unknown, requestId }
    } catch (e) {
      return { ok: false, name, data: payload, errCode: -504002, errMsg: `cloud.callFunction:fail -504002 functions execute fail. ${(e as Error).message}` }
    }
  }
  let res: Response
  try {
    res = await fetch(`${opts.url}/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Dev-Openid': opts.openid },
      body: JSON.stringify(payload),
    })
  } catch (e) {
    return { ok: false, name, data: payload, errCode: -1, errMsg: `cloud.callFunction:fail request:fail ${(e as Error).message}` }
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null
  if (res.status === 200) return { ok: true, name, data: payload, result: body, requestId }
  return { ok: false, name, data: payload, errCode: Number(body?.errCode ?? -1), errMsg: String(body?.errMsg ?? `cloud.callFunction:fail HTTP ${res.status}`) }
}

/** What wx.cloud.uploadFile / getTempFileURL ask of the cloud. */
export type StorageOp = { kind: 'upload'; cloudPath: string; bytes: Buffer; name?: string } | { kind: 'tempUrls'; fileList: string[] }

/**
 * wx.cloud storage in the harness: against a local cloud, the same /__client endpoints the H5
 * build uses (src/features/media/local-cloud-storage.ts), as the persona; a scripted cloud has no
 * storage. Resolves with what the SDK's success callback gets; rejects with { errCode, errMsg }.
 */
export async function invokeStorage(opts: CloudOptions, op: StorageOp): Promise<Record<string, unknown>> {
  const api = op.kind === 'upload' ? 'uploadFile' : 'getTempFileURL'
  if (opts.kind !== 'local') throw { errCode: -1, errMsg: `cloud.${api}:fail storage is not scripted in the weapp harness` }
  const target = { origin: opts.url, openid: opts.openid }
  try {
    if (op.kind === 'upload') {
      const fileID = await uploadToLocalCloud(target, op.cloudPath, new Blob([new Uint8Array(op.bytes)]), op.name)
      return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }
    }
    const urls = await tempUrlsFromLocalCloud(target, op.fileList)
    return {
      fileList: op.fileList.map((fileID) => (urls[fileID] ? { fileID, tempFileURL: urls[fileID], status: 0, errMsg: 'ok' } : { fileID, tempFileURL: '', status: -1, errMsg: 'STORAGE_FILE_NONEXIST' })),
      errMsg: 'cloud.getTempFileURL:ok',
    }
  } catch (e) {
    throw { errCode: -1, errMsg: `cloud.${api}:fail ${(e as Error).message}` }
  }
}
