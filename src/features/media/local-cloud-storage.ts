/**
 * The local cloud's client storage endpoints (local-cloud/src/server.ts, /__client/*): what
 * wx.cloud.uploadFile and wx.cloud.getTempFileURL do in WeChat, for the H5 build, which has no
 * WeChat session. The caller is the dev persona, sent as X-Dev-Openid exactly as the H5 function
 * transport sends it. Plain fetch, no Taro: the integration test runs it against a real server.
 */
export interface LocalCloudTarget {
  /** '' in the browser (same origin); the server's URL in tests. */
  origin: string
  openid: string | null
}

function headers(t: LocalCloudTarget, extra: Record<string, string>): Record<string, string> {
  return t.openid ? { ...extra, 'X-Dev-Openid': t.openid } : extra
}

/**
 * Upload bytes to a cloud path; resolves with the cloud:// file id the local cloud stored them as.
 * `name` (the picked file's own name) is kept by the local cloud only for its media check
 * (`risky`/`review` in it choose the verdict in tests); the cloud path stays the server's.
 */
export async function uploadToLocalCloud(t: LocalCloudTarget, cloudPath: string, body: Blob, name?: string): Promise<string> {
  const q = `cloudPath=${encodeURIComponent(cloudPath)}${name ? `&name=${encodeURIComponent(name)}` : ''}`
  const res = await fetch(`${t.origin}/__client/uploadFile?${q}`, {
    method: 'POST',
    headers: headers(t, { 'content-type': 'application/octet-stream' }),
    body,
  })
  const answer = (await res.json().catch(() => null)) as { fileID?: string; errMsg?: string; message?: string } | null
  if (!res.ok || !answer?.fileID) throw new Error(`cloud.uploadFile:fail HTTP ${res.status} ${answer?.errMsg ?? answer?.message ?? ''}`.trim())
  return answer.fileID
}

/**
 * Temp URLs by file id (missing files are left out). URLs come back relative to the origin
 * (/__storage/…), so the app shown on localhost and the server answering as 127.0.0.1 agree —
 * stored files are served with Cross-Origin-Resource-Policy: same-origin.
 */
export async function tempUrlsFromLocalCloud(t: LocalCloudTarget, fileIds: string[]): Promise<Record<string, string>> {
  if (fileIds.length === 0) return {}
  const res = await fetch(`${t.origin}/__client/getTempFileURL`, {
    method: 'POST',
    headers: headers(t, { 'content-type': 'application/json' }),
    body: JSON.stringify({ fileList: fileIds }),
  })
  const answer = (await res.json().catch(() => null)) as { fileList?: { fileID: string; tempFileURL: string; status: number }[] } | null
  if (!res.ok || !answer?.fileList) throw new Error(`cloud.getTempFileURL:fail HTTP ${res.status}`)
  const out: Record<string, string> = {}
  for (const f of answer.fileList) {
    if (f.status !== 0 || !f.tempFileURL) continue
    const u = new URL(f.tempFileURL, 'http://127.0.0.1')
    out[f.fileID] = t.origin ? f.tempFileURL : `${u.pathname}${u.search}`
  }
  return out
}
