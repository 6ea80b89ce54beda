/**
 * fetch for our own clients of the local cloud (test helpers, the benchmark, the crash test),
 * retrying once when a pooled keep-alive connection turns out to have been closed by the server
 * while it sat idle (issue #9, item 1). Node's fetch (undici) reports that as `fetch failed` with
 * cause ECONNRESET, EPIPE or UND_ERR_SOCKET ("other side closed"): the request never reached a
 * handler, so sending it again on a fresh connection is safe. Only one retry, and only for those
 * causes: a second reset, a refused connection or a timeout is a real failure and surfaces as one.
 * (Function calls that write carry a request id, so even a repeated delivery is replayed, not
 * applied twice.)
 */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])

export function isIdleReset(e: unknown): boolean {
  // Duck-typed: under jest, fetch's TypeError comes from another realm than the test's.
  if ((e as Error | undefined)?.name !== 'TypeError') return false
  const cause = (e as { cause?: { code?: string } }).cause
  return typeof cause?.code === 'string' && RESET_CODES.has(cause.code)
}

export async function fetchRetryingReset(url: string | URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch (e) {
    if (!isIdleReset(e)) throw e
    return fetch(url, init)
  }
}
