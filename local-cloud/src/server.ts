/**
 * The local cloud's HTTP face, on 127.0.0.1 only:
 * - POST /admin[/<function>]   the tcb admin protocol the unmodified SDK speaks (database.*,
 *                              functions.invokeFunction, storage.*, wx.openApi). Instances get
 *                              /admin/<their function> as endpoint so open-API permissions can be
 *                              checked per function.
 * - PUT|GET /__storage/<path>  file bytes for uploads and temp URLs.
 * - POST /__client/uploadFile?cloudPath=<path>[&name=<picked file's name>], POST /__client/getTempFileURL
 *                              what the client's wx.cloud.uploadFile / getTempFileURL do, for the
 *                              H5 app (and the weapp harness): caller = X-Dev-Openid, body ≤ 10 MB.
 * - POST /functions/<name>     what the client's callFunction does: body = event, header
 *                              X-Dev-Openid = caller; answers the function's return value, or
 *                              HTTP 500 with the error as the cloud reports it.
 * - GET /__dev/personas | /__dev/actions | /__dev/outbox, POST /__dev/reset,
 *   POST /__dev/timers/<function>/<trigger>   development tools (never in production).
 * - GET /*                     the H5 app (static files with SPA fallback), when configured.
 *
 * Every request first passes the Host/Origin guard (http-guard.ts): only this machine's loopback
 * names, no cross-site browser requests. OPTIONS is answered here: a preflight from a loopback
 * origin gets what it asks for, any other is refused.
 */
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { HttpError, mimeOf, parseMultipart, readBody, sendJson } from './http-util'
import { isLoopbackOrigin, refusal } from './http-guard'
import { cloudPathOfUrl, storedFileHeaders } from './storage'
import { StoreError } from './store'
import type { DatabaseService } from './tcb-database'
import { depthOf, MAX_EVENT_DEPTH, type FunctionHost } from './functions'
import type { OpenApiService } from './openapi'
import type { StorageService } from './storage'
import { decodeOpenApiRequest, encodeOpenApiResponse } from './protobuf-lite'

export interface DevTools {
  personas(): unknown[]
  actions(): unknown
  reset(): Promise<void>
  fireTimer(fn: string, trigger: string): Promise<unknown>
}

export interface ServerDeps {
  database: DatabaseService
  functions: FunctionHost
  openapi: OpenApiService
  storage: StorageService
  dev: DevTools
  staticDir?: string
  log: (line: string) => void
}

const requestId = () => randomBytes(8).toString('hex')

/**
 * Connection timeouts, chosen (issue #9, item 1). Node's default keep-alive timeout is 5 s: a
 * client that pooled a connection, then spent more than 5 s on something else (the benchmark
 * loading 100,000 documents; a test's slow setup; a browser tab in the background) reused a socket
 * the server was closing at that moment and got ECONNRESET. The H5 app, tests and tools are the
 * only clients, all on this machine, so idle connections are cheap: keep them 65 s (longer than
 * browsers and undici keep theirs, so the client side closes first). headersTimeout must exceed
 * keepAliveTimeout (otherwise a reused socket can be cut while its next request's headers are in
 * flight); requestTimeout bounds a whole request, well above the longest function timeout (60 s).
 */
export const SERVER_TIMEOUTS = { keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 120_000 } as const

export function createServer(deps: ServerDeps): http.Server {
  const server = http.createServer((req, res) => {
    handle(req, res, deps).catch((e) => {
      if (e instanceof HttpError) {
        if (!res.headersSent) sendJson(res, e.status, { code: e.code, message: e.message }, e.status === 413 ? { connection: 'close' } : {})
        else res.end()
        return
      }
      deps.log(`[local-cloud] ${req.method} ${req.url} failed: ${e instanceof Error ? e.stack : e}`)
      if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: 'local cloud internal error' })
      else res.end()
    })
  })
  Object.assign(server, SERVER_TIMEOUTS)
  return server
}

function preflight(req: http.IncomingMessage, res: http.ServerResponse): void {
  const origin = String(req.headers.origin ?? '')
  if (!origin || !isLoopbackOrigin(origin)) return sendJson(res, 403, { code: 'FORBIDDEN', message: 'preflight refused' })
  res.writeHead(204, {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, OPTIONS',
    'access-control-allow-headers': 'content-type, x-dev-openid',
    'access-control-max-age': '600',
    vary: 'Origin',
    allow: 'GET, HEAD, POST, PUT, OPTIONS',
  })
  res.end()
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, deps: ServerDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const p = url.pathname
  const refused = refusal(req, p)
  if (refused) {
    req.resume()
    return sendJson(res, refused.status, { code: 'FORBIDDEN', message: refused.message })
  }
  if (req.method === 'OPTIONS') return preflight(req, res)

  if (req.method === 'POST' && (p === '/admin' || p.startsWith('/admin/'))) {
    const caller = p.startsWith('/admin/') ? decodeURIComponent(p.slice('/admin/'.length)) : undefined
    return tcbAdmin(req, res, deps, caller)
  }
  // Storage routes by the raw URL: URL() has already resolved "/../" and "%2e%2e" segments away.
  const rawPath = (req.url ?? '').split('?')[0]
  if (rawPath.startsWith('/__storage/')) {
    const cloudPath = cloudPathOfUrl(rawPath.slice('/__storage/'.length))
    if (req.method === 'PUT' || req.method === 'POST') {
      deps.storage.write(cloudPath, await readBody(req))
      res.writeHead(200, { 'content-length': '0' })
      return void res.end('')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: req.method ?? '' }, { allow: 'GET, HEAD, PUT, POST, OPTIONS' })
    const bytes = deps.storage.read(cloudPath)
    if (!bytes) return sendJson(res, 404, { code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' })
    res.writeHead(200, { ...storedFileHeaders(cloudPath), 'content-length': String(bytes.length) })
    return void res.end(req.method === 'HEAD' ? undefined : bytes)
  }
  if (req.method === 'POST' && p.startsWith('/__client/')) return clientStorage(req, res, deps, p, url)
  if (req.method === 'POST' && p.startsWith('/functions/')) {
    const name = decodeURIComponent(p.slice('/functions/'.length))
    const body = await readBody(req)
    let event: unknown = {}
    if (body.length > 0) {
      try {
        event = JSON.parse(body.toString('utf8'))
      } catch {
        return sendJson(res, 400, { errCode: -501007, errMsg: 'request body must be JSON (the function event)' })
      }
    }
    if (depthOf(event) > MAX_EVENT_DEPTH) {
      return sendJson(res, 400, { errCode: -501007, errMsg: `the function event is nested deeper than ${MAX_EVENT_DEPTH} levels` })
    }
    const openid = String(req.headers['x-dev-openid'] ?? '')
    if (!deps.functions.get(name)) {
      return sendJson(res, 404, { errCode: -504002, errMsg: `cloud.callFunction:fail FunctionName parameter could not be found: ${name}` })
    }
    const r = await deps.functions.invoke(name, event, { openid })
    if (r.ok) return sendJson(res, 200, r.result)
    return sendJson(res, 500, {
      errCode: -504002,
      errMsg: `cloud.callFunction:fail -504002 functions execute fail. ${r.error.errorMessage}`,
      requestId: requestId(),
    })
  }
  if (p.startsWith('/__dev/')) return devRoute(req, res, deps, p)
  if ((req.method === 'GET' || req.method === 'HEAD') && deps.staticDir) return serveStatic(res, deps.staticDir, p)
  return sendJson(res, 404, { code: 'NOT_FOUND', message: `${req.method} ${p}` })
}

/**
 * The client SDK's storage calls (wx.cloud.uploadFile / getTempFileURL) for callers without a
 * WeChat session: the H5 app and the weapp harness. Like the cloud, an upload needs an identified
 * caller (X-Dev-Openid, as for /functions) and lands under the cloud path the client chose; the
 * path goes through the same checks as every storage path, and the body is capped at 10 MB (what
 * mediaCheckAsync accepts; the app itself refuses over 5 MB). Bytes are served back only through
 * /__storage with the stored-file headers (no active content, issue #9).
 */
export const MAX_CLIENT_UPLOAD_BYTES = 10 * 1024 * 1024

async function clientStorage(req: http.IncomingMessage, res: http.ServerResponse, deps: ServerDeps, p: string, url: URL) {
  const openid = String(req.headers['x-dev-openid'] ?? '')
  if (!openid) {
    req.resume()
    return sendJson(res, 401, { errCode: -601034, errMsg: 'cloud storage: caller not identified (X-Dev-Openid)' })
  }
  if (p === '/__client/uploadFile') {
    const cloudPath = url.searchParams.get('cloudPath') ?? ''
    deps.storage.resolve(cloudPath) // 400 on a bad path, before the body is read
    deps.storage.write(cloudPath, await readBody(req, MAX_CLIENT_UPLOAD_BYTES), url.searchParams.get('name') ?? undefined)
    return sendJson(res, 200, { fileID: deps.storage.fileId(cloudPath), statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
  }
  if (p === '/__client/getTempFileURL') {
    let list: unknown
    try {
      list = (JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as { fileList?: unknown }).fileList
    } catch {
      return sendJson(res, 400, { errCode: -1, errMsg: 'body must be JSON {"fileList":[…]}' })
    }
    if (!Array.isArray(list) || list.length > 50 || !list.every((x) => typeof x === 'string')) {
      return sendJson(res, 400, { errCode: -1, errMsg: 'fileList must be at most 50 file ids' })
    }
    const answer = deps.storage.handle('storage.batchGetDownloadUrl', { file_list: list.map((fileid) => ({ fileid })) }) as {
      data: { download_list: { fileid: string; code: string; tempFileURL?: string }[] }
    }
    return sendJson(res, 200, {
      fileList: answer.data.download_list.map((d) =>
        d.code === 'SUCCESS' ? { fileID: d.fileid, tempFileURL: d.tempFileURL, status: 0, errMsg: 'ok' } : { fileID: d.fileid, tempFileURL: '', status: -1, errMsg: d.code },
      ),
      errMsg: 'cloud.getTempFileURL:ok',
    })
  }
  return sendJson(res, 404, { code: 'NOT_FOUND', message: p })
}

async function tcbAdmin(req: http.IncomingMessage, res: http.ServerResponse, deps: ServerDeps, caller: string | undefined) {
  const body = await readBody(req)
  const contentType = String(req.headers['content-type'] ?? '')
  const rid = requestId()
  if (contentType.startsWith('multipart/form-data')) {
    const form = parseMultipart(body, contentType)
    const action = form.get('action')?.toString()
    if (action !== 'wx.openApi') return sendJson(res, 200, { code: 'INVALID_PARAM', message: `unsupported multipart action ${action}`, requestId: rid })
    const apiName = form.get('apiName')?.toString() ?? ''
    const { data } = decodeOpenApiRequest(form.get('requestData') ?? Buffer.alloc(0))
    const allowed = caller ? deps.functions.get(caller)?.config.permissions?.openapi ?? [] : undefined
    const answer = await deps.openapi.handle(apiName, data, allowed)
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    return void res.end(encodeOpenApiResponse(answer))
  }
  let params: Record<string, unknown>
  try {
    params = JSON.parse(body.toString('utf8'))
  } catch {
    return sendJson(res, 200, { code: 'INVALID_PARAM', message: 'body must be JSON', requestId: rid })
  }
  const action = String(params.action ?? '')
  try {
    if (action.startsWith('database.')) return sendJson(res, 200, { ...deps.database.handle(action, params), requestId: rid })
    if (action.startsWith('storage.')) return sendJson(res, 200, { ...deps.storage.handle(action, params), requestId: rid })
    if (action === 'functions.invokeFunction') {
      const name = String(params.function_name ?? '')
      const event = typeof params.request_data === 'string' ? JSON.parse(params.request_data) : {}
      if (!deps.functions.get(name)) return sendJson(res, 200, { code: 'FUNCTIONS_REQUEST_FAIL', message: `function ${name} not found`, requestId: rid })
      // Function-to-function calls carry no end-user identity (source wx_function).
      const r = await deps.functions.invoke(name, event, { openid: '', source: 'wx_function' })
      if (!r.ok) return sendJson(res, 200, { code: 'FUNCTIONS_EXECUTE_FAIL', message: r.error.errorMessage, requestId: rid })
      return sendJson(res, 200, { data: { response_data: JSON.stringify(r.result) }, requestId: rid })
    }
    return sendJson(res, 200, { code: 'INVALID_PARAM', message: `unsupported action ${action}`, requestId: rid })
  } catch (e) {
    if (e instanceof StoreError) return sendJson(res, 200, { code: e.code, message: e.message, requestId: rid })
    if (e instanceof HttpError) return sendJson(res, 200, { code: 'INVALID_PARAM', message: e.message, requestId: rid })
    throw e
  }
}

async function devRoute(req: http.IncomingMessage, res: http.ServerResponse, deps: ServerDeps, p: string) {
  if (req.method === 'GET' && p === '/__dev/personas') return sendJson(res, 200, { personas: deps.dev.personas() })
  if (req.method === 'GET' && p === '/__dev/actions') return sendJson(res, 200, deps.dev.actions())
  if (req.method === 'GET' && p === '/__dev/outbox') return sendJson(res, 200, { outbox: deps.openapi.outbox })
  if (req.method === 'POST' && p === '/__dev/openapi') {
    // Dev switch: {"mediaCheckUnavailable": true} makes mediaCheckAsync answer as a service outage.
    const body = JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}') as { mediaCheckUnavailable?: unknown }
    if (typeof body.mediaCheckUnavailable === 'boolean') deps.openapi.mediaCheckUnavailable = body.mediaCheckUnavailable
    return sendJson(res, 200, { mediaCheckUnavailable: deps.openapi.mediaCheckUnavailable })
  }
  if (req.method === 'POST' && p === '/__dev/reset') {
    await deps.dev.reset()
    return sendJson(res, 200, { ok: true })
  }
  const timer = /^\/__dev\/timers\/([^/]+)\/([^/]+)$/.exec(p)
  if (req.method === 'POST' && timer) {
    const result = await deps.dev.fireTimer(decodeURIComponent(timer[1]), decodeURIComponent(timer[2]))
    return sendJson(res, 200, { result })
  }
  return sendJson(res, 404, { code: 'NOT_FOUND', message: p })
}

function serveStatic(res: http.ServerResponse, root: string, urlPath: string) {
  const rel = path.posix.normalize(decodeURIComponent(urlPath)).replace(/^\/+/, '')
  let file = path.join(root, rel)
  if (!file.startsWith(path.resolve(root)) || rel.startsWith('..')) return sendJson(res, 403, { code: 'FORBIDDEN' })
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    // SPA fallback: unknown paths get the app shell (the H5 router decides).
    file = path.join(root, 'index.html')
    if (!fs.existsSync(file)) return sendJson(res, 404, { code: 'NOT_FOUND', message: 'H5 app not built (npm run build:h5)' })
  }
  res.writeHead(200, { 'content-type': mimeOf(file), 'x-content-type-options': 'nosniff', 'cache-control': file.endsWith('.html') ? 'no-cache' : 'max-age=3600' })
  fs.createReadStream(file).pipe(res)
}
