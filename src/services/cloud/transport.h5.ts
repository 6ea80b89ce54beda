import type { CallEvent } from '@domain/shared/envelope'
import { isEnvelope } from '@domain/shared/envelope'
import { getDevOpenid } from '@/features/dev-persona/persona-store'
import { networkError } from './cloud-error'

/** H5 talks to the local cloud on the same origin; nothing to initialise. */
export function initTransport(): void {}

/**
 * POST /functions/<name>. The local cloud answers with the envelope as the body; the caller's
 * identity travels as X-Dev-Openid (the persona chosen in the dev switcher), because there is no
 * WeChat session in a browser.
 */
export async function sendEvent(functionName: string, event: CallEvent & { meta: { requestId: string } }): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const openid = getDevOpenid()
  if (openid) headers['X-Dev-Openid'] = openid

  let response: Response
  try {
    response = await fetch(`/functions/${encodeURIComponent(functionName)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(event),
    })
  } catch (cause) {
    throw networkError(event.meta.requestId, cause)
  }

  let body: unknown
  try {
    body = await response.json()
  } catch (cause) {
    throw networkError(event.meta.requestId, new Error(`HTTP ${response.status}: body is not JSON (${describe(cause)})`))
  }
  // An envelope is the function's answer whatever the status; anything else means the call was lost.
  if (isEnvelope(body)) return body
  throw networkError(event.meta.requestId, new Error(`HTTP ${response.status} without an envelope`))
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
