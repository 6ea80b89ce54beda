/**
 * How one call event reaches a cloud function. The implementation is chosen at build time by
 * Taro's platform file suffix: transport.weapp.ts (Taro.cloud.callFunction) or transport.h5.ts
 * (HTTP to the local cloud). This file only declares the shape both must have; it is what the
 * type checker sees and is never bundled (webpack picks the suffixed file first; jest maps
 * `h5.ts` first in moduleFileExtensions).
 *
 * Contract for implementations:
 * - resolve with whatever the function answered (callCloud checks it is an envelope);
 * - reject with CloudError code NETWORK when the call did not arrive or the answer was lost
 *   (fetch/callFunction failure, non-JSON body, HTTP 5xx without an envelope).
 */
import type { CallEvent } from '@domain/shared/envelope'

export declare function initTransport(): void
export declare function sendEvent(functionName: string, event: CallEvent & { meta: { requestId: string } }): Promise<unknown>
