import type { WireError } from './errors'

/** Every cloud function answers with this envelope; nothing is thrown across the wire. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: WireError }

/** What the client sends: the action name, its input, and call metadata. */
export interface CallEvent {
  action: string
  input?: unknown
  meta?: { requestId?: string; clientVersion?: string }
}

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return (v.ok === true && 'data' in v) || (v.ok === false && typeof v.error === 'object' && v.error !== null)
}
