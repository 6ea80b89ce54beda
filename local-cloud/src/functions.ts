/**
 * The function host: discovers function folders (each with index.js exporting `main`, and an
 * optional config.json), and runs invocations in worker-thread instances — one invocation per
 * instance at a time, new instances for parallel calls (up to a cap, then queued), so races
 * between calls are real races.
 */
import { Worker } from 'node:worker_threads'
import fs from 'node:fs'
import path from 'node:path'
import type { InvokeMessage, InvokeReply } from './worker'

export interface FunctionConfig {
  timeout?: number
  permissions?: { openapi?: string[] }
  triggers?: { name: string; type: string; config: string }[]
}

export interface FunctionDef {
  name: string
  dir: string
  entry: string
  config: FunctionConfig
}

export interface Caller {
  openid: string
  appid?: string
  unionid?: string
  source?: string
}

export type InvokeResult =
  | { ok: true; result: unknown }
  | { ok: false; error: { errorCode: number; errorMessage: string; stackTrace?: string } }

/** Discover functions in the given roots; later roots win on name clashes (a test's own function). */
export function discoverFunctions(roots: string[]): Map<string, FunctionDef> {
  const found = new Map<string, FunctionDef>()
  for (const root of roots) {
    if (!fs.existsSync(root)) continue
    for (const name of fs.readdirSync(root)) {
      const dir = path.join(root, name)
      const entry = path.join(dir, 'index.js')
      if (!fs.statSync(dir).isDirectory() || !fs.existsSync(entry)) continue
      const configFile = path.join(dir, 'config.json')
      const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as FunctionConfig) : {}
      found.set(name, { name, dir, entry: path.resolve(entry), config })
    }
  }
  return found
}

interface Instance {
  worker: Worker
  busy: boolean
  pending?: { resolve: (r: InvokeResult) => void; timer: NodeJS.Timeout }
}

export interface FunctionHostOptions {
  workerFile: string
  /** Environment every instance gets (endpoint, fake credentials, env id). */
  baseEnv: Record<string, string>
  /** Per-function additions (each instance gets /admin/<name> as endpoint, for open-API permissions). */
  envFor?: (def: FunctionDef) => Record<string, string>
  appid: string
  maxInstancesPerFunction?: number
  /** Default timeout when a function's config.json sets none (the cloud's default is 3 s). */
  defaultTimeoutSeconds?: number
}

export class FunctionHost {
  private readonly pools = new Map<string, Instance[]>()
  private readonly queues = new Map<string, (() => void)[]>()
  private seq = 0
  stats = { invocations: 0, instancesStarted: 0 }

  constructor(
    private functions: Map<string, FunctionDef>,
    private readonly opts: FunctionHostOptions,
  ) {}

  list(): FunctionDef[] {
    return [...this.functions.values()]
  }

  get(name: string): FunctionDef | undefined {
    return this.functions.get(name)
  }

  private spawn(def: FunctionDef): Instance {
    const env = { ...this.opts.baseEnv, ...(this.opts.envFor?.(def) ?? {}) }
    const worker = new Worker(this.opts.workerFile, {
      workerData: { entry: def.entry, env },
      env: { ...process.env, ...env },
    })
    const inst: Instance = { worker, busy: false }
    worker.on('message', (reply: InvokeReply) => {
      const p = inst.pending
      if (!p) return
      clearTimeout(p.timer)
      inst.pending = undefined
      p.resolve(reply.ok ? { ok: true, result: reply.result } : { ok: false, error: reply.error })
    })
    worker.on('error', (err) => {
      const p = inst.pending
      inst.pending = undefined
      this.retire(def.name, inst)
      p?.resolve({ ok: false, error: { errorCode: -1, errorMessage: err.message, stackTrace: err.stack } })
    })
    worker.unref()
    this.stats.instancesStarted++
    return inst
  }

  private retire(name: string, inst: Instance): void {
    const pool = this.pools.get(name) ?? []
    this.pools.set(name, pool.filter((i) => i !== inst))
    void inst.worker.terminate()
  }

  private async acquire(def: FunctionDef): Promise<Instance> {
    const max = this.opts.maxInstancesPerFunction ?? 16
    for (;;) {
      const pool = this.pools.get(def.name) ?? []
      this.pools.set(def.name, pool)
      const idle = pool.find((i) => !i.busy)
      if (idle) {
        idle.busy = true
        return idle
      }
      if (pool.length < max) {
        const inst = this.spawn(def)
        inst.busy = true
        pool.push(inst)
        return inst
      }
      await new Promise<void>((resolve) => {
        const q = this.queues.get(def.name) ?? []
        q.push(resolve)
        this.queues.set(def.name, q)
      })
    }
  }

  private release(name: string, inst: Instance): void {
    inst.busy = false
    this.queues.get(name)?.shift()?.()
  }

  async invoke(name: string, event: unknown, caller: Caller): Promise<InvokeResult> {
    const def = this.functions.get(name)
    if (!def) {
      return { ok: false, error: { errorCode: -504002, errorMessage: `FunctionName parameter could not be found: ${name}` } }
    }
    this.stats.invocations++
    const inst = await this.acquire(def)
    const timeoutSeconds = def.config.timeout ?? this.opts.defaultTimeoutSeconds ?? 3
    const id = ++this.seq
    const msg: InvokeMessage = {
      id,
      event,
      context: { callbackWaitsForEmptyEventLoop: false, memory_limit_in_mb: 256, time_limit_in_ms: timeoutSeconds * 1000, request_id: `local-${id}`, function_name: name, environ: '' },
      wx: {
        WX_OPENID: caller.openid,
        WX_APPID: caller.appid ?? this.opts.appid,
        WX_UNIONID: caller.unionid ?? '',
        TCB_SOURCE: caller.source ?? 'wx_client',
      },
    }
    const result = await new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        inst.pending = undefined
        this.retire(name, inst)
        resolve({ ok: false, error: { errorCode: -504003, errorMessage: `Invoking task timed out after ${timeoutSeconds} seconds` } })
      }, timeoutSeconds * 1000)
      inst.pending = { resolve, timer }
      inst.worker.postMessage(msg)
    })
    if (this.pools.get(name)?.includes(inst)) this.release(name, inst)
    else this.queues.get(name)?.shift()?.()
    return result
  }

  /** Replace the function set (after a rebuild) and drop instances holding old code. */
  async reload(functions: Map<string, FunctionDef>): Promise<void> {
    this.functions = functions
    await this.close()
  }

  async close(): Promise<void> {
    const all = [...this.pools.values()].flat()
    this.pools.clear()
    await Promise.all(all.map((i) => i.worker.terminate()))
  }
}
