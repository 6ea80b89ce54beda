import { isEnvelope } from '@domain/shared/envelope'
import { CloudError, errorFromWire, networkError } from './cloud-error'
import { consentDetailsOf, getConsentHandler, type ConsentOutcome } from './consent-hook'
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
  /**
   * On CONSENT_REQUIRED, ask the person through the registered consent handler and retry once
   * after a grant. Default true; pass false where the page asks in its own way (onboarding list).
   */
  askConsent?: boolean
  /**
   * After a lost answer the retry may find the first attempt still running (CONFLICT with
   * `retryAfterMs`: its claim lasts the function's time limit). Wait that long, at most this much
   * in all, and ask again with the same requestId, which then gets the committed answer.
   * Default 15 s; 0 gives the CONFLICT to the caller at once.
   */
  maxInProgressWaitMs?: number
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

  let waitBudgetMs = Math.max(0, options.maxInProgressWaitMs ?? 15_000)
  const send = async (): Promise<CallOutput<F, A>> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return unwrap(await sendEvent(functionName, event), requestId) as CallOutput<F, A>
      } catch (error) {
        const cloudError = error instanceof CloudError ? error : networkError(requestId, error)
        const waitMs = inProgressWait(cloudError)
        if (waitMs !== null && waitMs <= waitBudgetMs) {
          // Our own earlier attempt is still being processed (issue 9 §6): never report it as
          // failed while it may commit; wait for its claim to end and ask for the real answer.
          waitBudgetMs -= waitMs
          await delay(waitMs + 50)
          attempt--
          continue
        }
        if (cloudError.code !== 'NETWORK' || attempt >= retries) throw cloudError
        await delay(retryDelayMs * (attempt + 1))
      }
    }
  }

  // Each purpose is asked at most once per call: a grant retries the call once; if the server then
  // names another purpose (e.g. owner_verification after household) that one is asked in turn, but
  // never the same purpose twice, so a server that keeps refusing cannot loop the person.
  const asked = new Set<string>()
  for (;;) {
    try {
      return await send()
    } catch (error) {
      const details = error instanceof CloudError && error.code === 'CONSENT_REQUIRED' ? consentDetailsOf(error.details) : null
      const handler = getConsentHandler()
      if (!details || !handler || options.askConsent === false || asked.has(details.purpose)) throw error
      asked.add(details.purpose)
      const outcome = await handler(details).catch((): ConsentOutcome => 'unavailable')
      if (outcome !== 'granted') throw withOutcome(error as CloudError, outcome)
      // Retry with the same requestId: the refused attempt was not remembered by the idempotency
      // store (only successful answers are), and the retry is the same logical call.
    }
  }
}

/** How long to wait when the server says this very call is still in progress, or null. */
function inProgressWait(error: CloudError): number | null {
  if (error.code !== 'CONFLICT') return null
  const details = error.details as { retryAfterMs?: unknown } | undefined
  const ms = details?.retryAfterMs
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : null
}

/** The CONSENT_REQUIRED error, marked with what the person decided, for the page's message. */
function withOutcome(error: CloudError, outcome: ConsentOutcome): CloudError {
  return new CloudError({
    code: error.code,
    requestId: error.requestId,
    serverMessage: error.serverMessage,
    details: { ...(error.details as Record<string, unknown>), outcome },
  })
}

function unwrap(answer: unknown, requestId: string): unknown {
  if (!isEnvelope(answer)) throw networkError(requestId, new Error('answer is not an envelope'))
  if (answer.ok) return answer.data
  throw errorFromWire(answer.error, requestId)
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}
