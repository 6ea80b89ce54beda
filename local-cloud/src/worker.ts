/**
 * One function instance: a worker thread that loads one bundled cloud function and runs one
 * invocation at a time, as a WeChat cloud function instance does. It loads the bundle as soon as
 * it starts and reports `ready` (with the load time), so the host can keep loading apart from the
 * invocation's timeout, as SCF does. The WX context the platform
 * injects (WX_OPENID …) is set in this thread's environment before each call; worker threads have
 * their own copy of process.env, so parallel instances never see each other's caller.
 */
import { parentPort, workerData } from 'node:worker_threads'

interface Init {
  entry: string
  env: Record<string, string>
}
export interface InvokeMessage {
  id: number
  event: unknown
  context: Record<string, unknown>
  wx: Record<string, string>
}
export type InvokeReply =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: { errorCode: number; errorMessage: string; stackTrace?: string } }
export type WorkerMessage = InvokeReply | { type: 'ready'; loadMs: number; error?: string }

const init = workerData as Init
Object.assign(process.env, init.env)

process.on('unhandledRejection', (reason) => {
  // The real runtime logs these; an SDK call made without awaiting must not kill the instance.
  console.error('[local-cloud] unhandled rejection in function instance:', reason)
})

let fn: { main: (event: unknown, context: unknown) => unknown } | undefined
const started = performance.now()
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  fn = require(init.entry)
  if (typeof fn?.main !== 'function') throw new Error(`${init.entry} does not export main`)
  parentPort!.postMessage({ type: 'ready', loadMs: performance.now() - started } satisfies WorkerMessage)
} catch (e) {
  parentPort!.postMessage({ type: 'ready', loadMs: performance.now() - started, error: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage)
}

parentPort!.on('message', async (msg: InvokeMessage) => {
  for (const [k, v] of Object.entries(msg.wx)) process.env[k] = v
  try {
    if (!fn) throw new Error(`${init.entry} did not load`)
    const result = await fn.main(msg.event, msg.context)
    parentPort!.postMessage({ type: 'reply', id: msg.id, ok: true, result: result === undefined ? null : result } satisfies InvokeReply)
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e))
    parentPort!.postMessage({
      type: 'reply',
      id: msg.id,
      ok: false,
      error: { errorCode: -1, errorMessage: err.message, stackTrace: err.stack },
    } satisfies InvokeReply)
  }
})
