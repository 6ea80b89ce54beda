/**
 * media: upload slots for the shared image pipeline, the platform's media-check verdicts, and the
 * timer that asks again for checks that could not be asked (R5.8, docs/media.md).
 *
 * The 消息推送 setting (cloud console → 开发设置 → 消息推送, type 云函数, this function, event
 * wxa_media_check) makes the platform invoke this function with the message itself as the event.
 * A client can call this function with a forged message too, so a verdict only settles a check
 * that carries its trace_id — an id the platform gave our server, which never leaves it.
 */
import { createFunction } from '../_core/router'
import { recordVerdict, retryDueChecks, uploadPaths } from '../_core/media-check'
import { mediaContract } from '../../domain/media/contract'

const router = createFunction(
  mediaContract,
  {
    async prepareUpload(input, ctx) {
      return { cloudPaths: uploadPaths(ctx, input.feature, input.exts) }
    },
  },
  {
    'retry-checks': ({ now }) => retryDueChecks(now),
  },
)

interface PushEvent {
  MsgType?: unknown
  Event?: unknown
  appid?: unknown
  trace_id?: unknown
  result?: { suggest?: unknown; label?: unknown }
}

export async function main(event: unknown, context?: unknown): Promise<unknown> {
  const ev = (event ?? {}) as PushEvent
  if (ev.MsgType === 'event' && ev.Event === 'wxa_media_check') {
    // The message-push protocol wants "success" back; the verdict is stored before answering.
    await recordVerdict(ev, new Date())
    return 'success'
  }
  return router(event, context)
}
