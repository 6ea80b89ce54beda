/**
 * Who may talk to the local cloud (issue #9, 7.9). It binds to 127.0.0.1 only, but a browser on
 * the same machine can still be made to send requests to it by any web page (cross-site POST with
 * a "simple" content type) or, through DNS rebinding, under a foreign Host name. So:
 * - Host must name the loopback interface (127.0.0.1, localhost, [::1]) — defeats DNS rebinding.
 * - Origin, when a browser sends one, must be a loopback origin too (the H5 app is served from
 *   http://127.0.0.1:<port> or http://localhost:<port>). Tools, tests and function instances send
 *   no Origin and are unaffected.
 * - /admin is the function instances' endpoint: no browser has business there, so any Origin is
 *   refused.
 */
import type { IncomingMessage } from 'node:http'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The host part of a Host header value ("127.0.0.1:8787" → "127.0.0.1", "[::1]:80" → "[::1]"). */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  const colon = h.indexOf(':')
  return colon === -1 ? h : h.slice(0, colon)
}

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOSTS.has(hostnameOf(host))
}

export function isLoopbackOrigin(origin: string): boolean {
  try {
    const u = new URL(origin)
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_HOSTS.has(u.hostname) && u.origin === origin.toLowerCase()
  } catch {
    return false // "null" (sandboxed frames, file://) and garbage
  }
}

export type Refusal = { status: 403; message: string } | null

/** Why this request must be refused, or null. */
export function refusal(req: IncomingMessage, pathname: string): Refusal {
  if (!isLoopbackHost(req.headers.host)) return { status: 403, message: `Host ${JSON.stringify(req.headers.host ?? '')} is not this machine's loopback address` }
  const origin = req.headers.origin
  if (origin === undefined) return null
  if (pathname === '/admin' || pathname.startsWith('/admin/')) return { status: 403, message: 'the tcb admin endpoint is for function instances, not browsers' }
  if (!isLoopbackOrigin(origin)) return { status: 403, message: `cross-site request from ${origin} refused` }
  return null
}
