import { isEnvelope } from '@domain/shared/envelope'
import { CloudError, errorFromWire, networkError } from './cloud-error'
import type { ActionName, CallInput, CallOutput, FunctionName } from './contracts'
import { newRequestId } from './request-id'
import { sendEvent } from './transport'

export interface CallOptions {
  /** Extra attempts after a NETWORK failure, with the same requestId. Default 1. */
  retries?: number
  /** Wait before each retry, multiplied by the attempt number. Default 400 ms. */
  retryDelayMs?: number
  /** Reuse an id, e.g. when the person presses "retry" on a write that may have landed. */
  requestId?: string
}

/**
 * Call one action of a cloud function and return its data, or throw a CloudError.
 *
 *   const me = await callCloud('user', 'bootstrap', {})   // → BootstrapOutput
 *
 * Only transport failures are retried: an error envelope is the function's considered answer.
 * Retries reuse the requestId, so a write whose answer was lost is recognised as a replay.
 */
export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  functionName: F,
  action: A,
  input: CallInput<F, A>,
  options: CallOptions = {},
): Promise<CallOutput<F, A>> {
  const requestId = options.requestId ?? newRequestId()
  const retries = Math.max(0, options.retries ?? 1)
  const retryDelayMs = options.retryDelayMs ?? 400
  const event = { action, input, meta: { requestId } }

  for (let attempt = 0; ; attempt++) {
    try {
      return unwrap(await sendEvent(functionName, event), requestId) as CallOutput<F, A>
    } catch (error) {
      const cloudError = error instanceof CloudError ? error : networkError(requestId, error)
      if (cloudError.code !== 'NETWORK' || attempt >= retries) throw cloudError
      await delay(retryDelayMs * (attempt + 1))
    }
  }
}

function unwrap(answer: unknown, requestId: string): unknown {
  if (!isEnvelope(answer)) throw networkError(requestId, new Error('answer is not an envelope'))
  if (answer.ok) return answer.data
  throw errorFromWire(answer.error, requestId)
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}
