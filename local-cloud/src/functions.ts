/**
 * The function host: discovers function folders (each with index.js exporting `main`, and an
 * optional config.json), and runs invocations in worker-thread instances — one invocation per
 * instance at a time, new instances for parallel calls (up to a cap, then queued), so races
 * between calls are real races.
 *
 * Lifecycle, as the cloud runs instances (issue #9, items 2, 4 and 7.8):
 * - A new instance loads its bundle first and reports ready; like SCF, loading has its own
 *   (generous) init timeout and the function's config.json timeout counts the invocation only,
 *   so a cold start on a busy machine does not eat the function's time budget.
 * - An invocation over its timeout kills the instance (the cloud's "Invoking task timed out").
 * - At most a few instances load at the same time (`maxConcurrentLoads`), so a burst of callers
 *   does not starve the main thread that answers every instance's database calls.
 * - Idle instances are reaped after `idleInstanceMs` (3 min by default), keeping `warmInstances`
 *   (1) per function warm, so a burst of parallel calls does not leave 16 instances per function
 *   resident for ever.
 * - An event that cannot be delivered (nested too deep, not cloneable) is refused before or at
 *   dispatch; the instance is freed at once and a queued caller is woken whenever an instance is
 *   freed or retired.
 */
import { Worker } from 'node:worker_threads'
import os from 'node:os'
import fs from 'node:fs'
import path from 'node:path'
import type { InvokeMessage, WorkerMessage } from './worker'

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
  /** Settles when the bundle has loaded (or failed to). */
  ready: Promise<{ ok: true } | { ok: false; message: string }>
  lastUsed: number
  pending?: { resolve: (r: InvokeResult) => void; timer: NodeJS.Timeout }
}

/** Deeper events are refused before dispatch (issue #9, 7.8): our contracts nest a few levels. */
export const MAX_EVENT_DEPTH = 64

/** Nesting depth of a parsed JSON value, iteratively (a recursive walk is what blows the stack). */
export function depthOf(value: unknown, limit = MAX_EVENT_DEPTH): number {
  let max = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [v, d] = stack.pop()!
    if (!v || typeof v !== 'object') continue
    if (d > max) max = d
    if (max > limit) return max
    for (const child of Object.values(v as object)) if (child && typeof child === 'object') stack.push([child, d + 1])
  }
  return max
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
  /** Time a new instance may take to load its bundle (SCF's separate init timeout). */
  initTimeoutSeconds?: number
  /** Idle instances beyond `warmInstances` are stopped after this long (default 3 minutes). */
  idleInstanceMs?: number
  /** Instances kept per function however long they idle (default 1). */
  warmInstances?: number
  /** Instances loading their bundle at the same time, over all functions (default: the number of cores, at least 2). */
  maxConcurrentLoads?: number
}

export const DEFAULT_IDLE_INSTANCE_MS = 3 * 60_000

export class FunctionHost {
  private readonly pools = new Map<string, Instance[]>()
  private readonly queues = new Map<string, (() => void)[]>()
  private seq = 0
  private loading = 0
  private readonly reaper: NodeJS.Timeout
  stats = { invocations: 0, instancesStarted: 0, instancesReaped: 0, peakInstances: 0 }

  constructor(
    private functions: Map<string, FunctionDef>,
    private readonly opts: FunctionHostOptions,
  ) {
    const idle = this.idleMs()
    this.reaper = setInterval(() => this.reap(), Math.max(20, Math.min(idle / 2, 30_000)))
    this.reaper.unref()
  }

  list(): FunctionDef[] {
    return [...this.functions.values()]
  }

  get(name: string): FunctionDef | undefined {
    return this.functions.get(name)
  }

  /** Running instances, of one function or of all. */
  instanceCount(name?: string): number {
    if (name !== undefined) return this.pools.get(name)?.length ?? 0
    let n = 0
    for (const pool of this.pools.values()) n += pool.length
    return n
  }

  private idleMs(): number {
    return this.opts.idleInstanceMs ?? DEFAULT_IDLE_INSTANCE_MS
  }

  private spawn(def: FunctionDef): Instance {
    const env = { ...this.opts.baseEnv, ...(this.opts.envFor?.(def) ?? {}) }
    const worker = new Worker(this.opts.workerFile, {
      workerData: { entry: def.entry, env },
      env: { ...process.env, ...env },
    })
    let settleReady!: (r: { ok: true } | { ok: false; message: string }) => void
    const inst: Instance = { worker, busy: false, lastUsed: Date.now(), ready: new Promise((r) => (settleReady = r)) }
    const fail = (message: string, stack?: string) => {
      settleReady({ ok: false, message })
      const p = inst.pending
      inst.pending = undefined
      this.retire(def.name, inst)
      if (p) {
        clearTimeout(p.timer)
        p.resolve({ ok: false, error: { errorCode: -1, errorMessage: message, stackTrace: stack } })
      }
    }
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') return settleReady(m.error ? { ok: false, message: m.error } : { ok: true })
      const p = inst.pending
      if (!p) return
      clearTimeout(p.timer)
      inst.pending = undefined
      p.resolve(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error })
    })
    worker.on('error', (err) => fail(err.message, err.stack))
    worker.on('exit', (code) => fail(`function instance exited (code ${code})`))
    worker.unref()
    this.stats.instancesStarted++
    return inst
  }

  /** Take an instance out of its pool and stop it; a queued caller may now start a new one. */
  private retire(name: string, inst: Instance): void {
    const pool = this.pools.get(name) ?? []
    if (pool.includes(inst)) this.pools.set(name, pool.filter((i) => i !== inst))
    void inst.worker.terminate().catch(() => undefined)
    this.wake(name)
  }

  private wake(name: string): void {
    this.queues.get(name)?.shift()?.()
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
      // Loading a bundle is the CPU-heavy part of an instance's life (wx-server-sdk plus ~450 KB of
      // code). Sixty callers at once used to start dozens of instances together on two cores,
      // starving the main thread — the database every instance waits on — until SDK requests
      // timed out. So only a few load at a time; a caller that cannot start one waits for the
      // first instance to come free or finish loading. A function with no instance always starts one.
      const maxLoads = this.opts.maxConcurrentLoads ?? Math.max(2, os.cpus().length)
      if (pool.length < max && (this.loading < maxLoads || pool.length === 0)) {
        const inst = this.spawn(def)
        inst.busy = true
        pool.push(inst)
        this.stats.peakInstances = Math.max(this.stats.peakInstances, this.instanceCount())
        this.loading++
        void inst.ready.then(() => {
          this.loading--
          for (const name of this.queues.keys()) this.wake(name)
        })
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
    if (this.pools.get(name)?.includes(inst)) {
      inst.busy = false
      inst.lastUsed = Date.now()
    }
    this.wake(name)
  }

  /** Stop instances idle longer than the idle time, keeping the warm ones (the most recently used). */
  reap(now = Date.now()): void {
    const keep = this.opts.warmInstances ?? 1
    for (const [name, pool] of this.pools) {
      const idle = pool.filter((i) => !i.busy).sort((a, b) => b.lastUsed - a.lastUsed)
      let remaining = pool.length
      for (const inst of idle) {
        if (remaining <= keep) break
        if (now - inst.lastUsed < this.idleMs()) continue
        this.retire(name, inst)
        this.stats.instancesReaped++
        remaining--
      }
    }
  }

  /** Stop every idle instance of a function now (the benchmark measures cold starts this way). */
  stopIdleInstances(name: string): void {
    for (const inst of [...(this.pools.get(name) ?? [])]) if (!inst.busy) this.retire(name, inst)
  }

  async invoke(name: string, event: unknown, caller: Caller): Promise<InvokeResult> {
    const def = this.functions.get(name)
    if (!def) {
      return { ok: false, error: { errorCode: -504002, errorMessage: `FunctionName parameter could not be found: ${name}` } }
    }
    if (depthOf(event) > MAX_EVENT_DEPTH) {
      return { ok: false, error: { errorCode: -501007, errorMessage: `the event is nested deeper than ${MAX_EVENT_DEPTH} levels` } }
    }
    this.stats.invocations++
    const inst = await this.acquire(def)
    try {
      return await this.run(def, inst, event, caller)
    } finally {
      this.release(name, inst)
    }
  }

  private async run(def: FunctionDef, inst: Instance, event: unknown, caller: Caller): Promise<InvokeResult> {
    const name = def.name
    const initSeconds = this.opts.initTimeoutSeconds ?? 60
    let initTimer: NodeJS.Timeout | undefined
    const ready = await Promise.race([
      inst.ready,
      new Promise<{ ok: false; message: string }>((r) => {
        initTimer = setTimeout(() => r({ ok: false, message: `Function instance did not load within ${initSeconds} seconds` }), initSeconds * 1000)
      }),
    ])
    clearTimeout(initTimer)
    if (!ready.ok) {
      this.retire(name, inst)
      return { ok: false, error: { errorCode: -1, errorMessage: ready.message } }
    }
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
    return new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        inst.pending = undefined
        this.retire(name, inst)
        resolve({ ok: false, error: { errorCode: -504003, errorMessage: `Invoking task timed out after ${timeoutSeconds} seconds` } })
      }, timeoutSeconds * 1000)
      inst.pending = { resolve, timer }
      try {
        inst.worker.postMessage(msg)
      } catch (e) {
        // Not delivered (e.g. not structured-cloneable): the instance never started on it, so it
        // stays in the pool, free for the next caller.
        clearTimeout(timer)
        inst.pending = undefined
        resolve({ ok: false, error: { errorCode: -501007, errorMessage: `the event could not be delivered: ${e instanceof Error ? e.message : e}` } })
      }
    })
  }

  /** Replace the function set (after a rebuild) and drop instances holding old code. */
  async reload(functions: Map<string, FunctionDef>): Promise<void> {
    this.functions = functions
    await this.stopAll()
  }

  private async stopAll(): Promise<void> {
    const all = [...this.pools.values()].flat()
    this.pools.clear()
    await Promise.all(all.map((i) => i.worker.terminate().catch(() => undefined)))
  }

  async close(): Promise<void> {
    clearInterval(this.reaper)
    await this.stopAll()
  }
}
