/**
 * One id per logical call, reused by retries, so the server can recognise a replay of an
 * idempotent write (meta.requestId). Not a secret: time plus randomness is enough.
 */
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0')
  return `r_${Date.now().toString(36)}_${random}`
}
