import type { IncomingMessage, ServerResponse } from 'node:http'

/** An HTTP-level refusal (413, 400 …) that the server answers as JSON with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const MAX_BODY_BYTES = 20 * 1024 * 1024

/**
 * The request body, at most `limitBytes`. A larger body is refused with 413 (issue #9, 7.11), after
 * reading and discarding it up to 4× the limit: answering while the client is still sending would
 * make it see a reset instead of the answer. Beyond that, the connection is dropped.
 */
export function readBody(req: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const tooLarge = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', `request body over ${limitBytes} bytes`)
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (declared > limitBytes * 4) {
      reject(tooLarge())
      req.destroy()
      return
    }
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limitBytes * 4) {
        req.destroy()
        return
      }
      if (size <= limitBytes) chunks.push(c)
      else chunks.length = 0
    })
    req.on('end', () => (size > limitBytes ? reject(tooLarge()) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
    req.on('close', () => {
      if (size > limitBytes) reject(tooLarge())
    })
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), 'x-content-type-options': 'nosniff', ...headers })
  res.end(text)
}

/** Minimal multipart/form-data parser: field name → raw bytes (the SDK sends small forms). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const fields = new Map<string, Buffer>()
  if (!m) return fields
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`)
  let start = body.indexOf(boundary)
  while (start !== -1) {
    const next = body.indexOf(boundary, start + boundary.length)
    if (next === -1) break
    const part = body.subarray(start + boundary.length + 2, next - 2) // skip CRLF after boundary, before next
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString()
      const name = /name="([^"]+)"/i.exec(headers)?.[1]
      if (name) fields.set(name, part.subarray(headerEnd + 4))
    }
    start = next
  }
  return fields
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

export function mimeOf(file: string): string {
  const dot = file.lastIndexOf('.')
  return MIME[file.slice(dot)] ?? 'application/octet-stream'
}
