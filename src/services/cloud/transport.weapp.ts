import Taro from '@tarojs/taro'
import type { CallEvent } from '@domain/shared/envelope'
import { networkError } from './cloud-error'
import { cloudEnv } from './config'

let initialised = false

/** Called once at app launch. */
export function initTransport(): void {
  if (initialised) return
  Taro.cloud.init({ env: cloudEnv(), traceUser: true })
  initialised = true
}

export async function sendEvent(functionName: string, event: CallEvent & { meta: { requestId: string } }): Promise<unknown> {
  initTransport()
  try {
    const res = await Taro.cloud.callFunction({ name: functionName, data: event as unknown as Record<string, unknown> })
    return res.result
  } catch (cause) {
    // callFunction rejects when the request did not reach the function or its answer was lost
    // (offline, timeout, env not found); the function itself never throws across the wire.
    throw networkError(event.meta.requestId, cause)
  }
}
