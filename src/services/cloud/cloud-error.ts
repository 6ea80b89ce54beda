import { isErrorCode, type ClientErrorCode } from '@domain/shared/errors'
import { errorMessage } from '@/shared/lib/error-messages'

/**
 * The only error callCloud throws. `message` is always the zh-CN text for `code` (from the one
 * message map), so a page can show it as is; what the server said is kept in `serverMessage`
 * for logs.
 */
export class CloudError extends Error {
  readonly code: ClientErrorCode
  readonly details?: unknown
  readonly requestId: string
  readonly serverMessage?: string

  constructor(init: { code: ClientErrorCode; requestId: string; details?: unknown; serverMessage?: string }) {
    super(errorMessage(init.code))
    this.name = 'CloudError'
    this.code = init.code
    this.requestId = init.requestId
    this.details = init.details
    this.serverMessage = init.serverMessage
  }
}

export function isCloudError(value: unknown): value is CloudError {
  return value instanceof CloudError
}

export function networkError(requestId: string, cause: unknown): CloudError {
  return new CloudError({ code: 'NETWORK', requestId, details: { cause: describe(cause) } })
}

/** A code outside the closed union means client and server disagree: treat it as INTERNAL. */
export function errorFromWire(wire: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown }, fallbackRequestId: string): CloudError {
  const known = isErrorCode(wire.code)
  return new CloudError({
    code: known ? (wire.code as ClientErrorCode) : 'INTERNAL',
    requestId: typeof wire.requestId === 'string' && wire.requestId ? wire.requestId : fallbackRequestId,
    details: known ? wire.details : { unknownCode: wire.code, details: wire.details },
    serverMessage: typeof wire.message === 'string' ? wire.message : undefined,
  })
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message
  if (cause && typeof cause === 'object' && 'errMsg' in cause) return String((cause as { errMsg: unknown }).errMsg)
  return String(cause)
}
