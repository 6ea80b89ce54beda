import type { IncomingMessage, ServerResponse } from 'node:http'

export function readBody(req: IncomingMessage, limitBytes = 20 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limitBytes) {
        reject(new Error('request body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
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
