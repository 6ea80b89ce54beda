/**
 * startLocalCloud(): the whole local cloud in one call — store, transactions, function instances,
 * open APIs, storage, timers, dev tools and (optionally) the H5 app, on 127.0.0.1.
 * Used by `npm start`, `npm run cloud`, the integration tests, the e2e tests and the benchmark.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { Store, type CollectionDecl } from './store'
import { TransactionManager } from './transactions'
import { DatabaseService } from './tcb-database'
import { discoverFunctions, FunctionHost, type Caller } from './functions'
import { OpenApiService } from './openapi'
import { StorageService } from './storage'
import { startTimers, timerEvent, type TimerTrigger } from './timers'
import { createServer } from './server'
import { loadSeed, PERSONAS } from '../../seeds'
import { describeActions } from '../../domain/contracts-doc'

/** local-cloud/src (sources) and dist/local-cloud (bundle) are both two levels below the repo root. */
export const REPO_ROOT = path.resolve(__dirname, '../..')

export interface LocalCloudOptions {
  /** 8787 by default (as `npm start`); 0 picks a free port. */
  port?: number
  /** Keep everything in memory (tests); otherwise SQLite under dataDir. */
  memory?: boolean
  /** Data folder, default $LINLI_DATA_DIR or .data/ in the repo. */
  dataDir?: string
  /** Function folders; default dist/cloudfunctions. Extra roots are served too (later wins). */
  functionsDirs?: string[]
  extraFunctionsDirs?: string[]
  /** Serve the H5 app from here. */
  staticDir?: string
  /** Load the demo community when the store is empty (default true). */
  seed?: boolean
  /** Run timer triggers on schedule (default true; tests turn it off and fire on demand). */
  timers?: boolean
  /** Collections beyond database/collections.json (tests and benchmarks). */
  extraCollections?: CollectionDecl[]
  envId?: string
  appid?: string
  maxInstancesPerFunction?: number
  /** Idle instances beyond one per function are stopped after this long (default 3 min; $LINLI_INSTANCE_IDLE_MS). */
  idleInstanceMs?: number
  quiet?: boolean
  /**
   * The function the 消息推送 (message push) setting routes events to — `wxa_media_check`
   * verdicts of mediaCheckAsync. Default `media`.
   */
  messagePushFunction?: string
  /** The clock the database uses for serverDate (tests may pin it). */
  clock?: () => Date
}

export interface LocalCloud {
  url: string
  port: number
  store: Store
  functions: FunctionHost
  openapi: OpenApiService
  transactions: TransactionManager
  invoke(name: string, event: unknown, caller: Caller | string): Promise<unknown>
  fireTimer(fn: string, trigger: string): Promise<unknown>
  reset(): Promise<void>
  close(): Promise<void>
}

export function loadCollectionDecls(): CollectionDecl[] {
  const file = path.join(REPO_ROOT, 'database', 'collections.json')
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { collections: CollectionDecl[] }).collections
}

function workerFile(): string {
  // Built by scripts/build-cloud.ts next to the bundled local cloud; tests run the TS sources
  // in-process but instances always run the bundled worker.
  return path.join(REPO_ROOT, 'dist', 'local-cloud', 'worker.js')
}

export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const log = opts.quiet ? () => {} : (line: string) => console.log(line)
  const envId = opts.envId ?? 'linli-local'
  const appid = opts.appid ?? 'wx_linli_local'
  const dataDir = path.resolve(opts.dataDir ?? process.env.LINLI_DATA_DIR ?? path.join(REPO_ROOT, '.data'))
  const scratch = opts.memory ? fs.mkdtempSync(path.join(os.tmpdir(), 'linli-cloud-')) : dataDir
  if (!opts.memory) fs.mkdirSync(dataDir, { recursive: true })

  const store = new Store({ file: opts.memory ? ':memory:' : path.join(dataDir, 'cloud.sqlite'), logger: { warn: log } })
  const decls = [...loadCollectionDecls(), ...(opts.extraCollections ?? [])]
  store.declare(decls)
  const transactions = new TransactionManager(store)
  const database = new DatabaseService(store, transactions, opts.clock)
  const openapi = new OpenApiService(path.join(REPO_ROOT, 'local-cloud', 'content-rules.json'), appid)
  let baseUrl = ''
  const storage = new StorageService(path.join(scratch, 'storage'), envId, () => baseUrl)

  const roots = [...(opts.functionsDirs ?? [path.join(REPO_ROOT, 'dist', 'cloudfunctions')]), ...(opts.extraFunctionsDirs ?? [])]
  const defs = discoverFunctions(roots)

  const seedIfEmpty = () => {
    if (opts.seed === false) return
    const empty = store.count('communities', {}) === 0 && store.count('users', {}) === 0
    if (empty) store.atomically(() => loadSeed((coll, doc) => store.insert(coll, doc)))
  }
  seedIfEmpty()

  let functions!: FunctionHost
  const triggers: TimerTrigger[] = [...defs.values()].flatMap((d) =>
    (d.config.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ functionName: d.name, name: t.name, cron: t.config })),
  )
  const fireTimer = async (fn: string, trigger: string) => {
    const t = triggers.find((x) => x.functionName === fn && x.name === trigger)
    if (!t) throw new Error(`no timer trigger ${fn}/${trigger}`)
    const r = await functions.invoke(fn, timerEvent(t, new Date()), { openid: '', source: 'wx_trigger' })
    if (!r.ok) throw new Error(r.error.errorMessage)
    return r.result
  }

  const server = createServer({
    database,
    openapi,
    storage,
    get functions() {
      return functions
    },
    staticDir: opts.staticDir,
    log,
    dev: {
      personas: () => PERSONAS,
      actions: () => describeActions(),
      reset: async () => {
        store.wipe()
        openapi.outbox.length = 0
        seedIfEmpty()
      },
      fireTimer: (fn, trigger) => fireTimer(fn, trigger),
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 8787, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`

  functions = new FunctionHost(defs, {
    workerFile: workerFile(),
    appid,
    maxInstancesPerFunction: opts.maxInstancesPerFunction,
    idleInstanceMs: opts.idleInstanceMs ?? (process.env.LINLI_INSTANCE_IDLE_MS ? Number(process.env.LINLI_INSTANCE_IDLE_MS) : undefined),
    baseEnv: {
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_SECRETID: 'local-secret-id',
      TENCENTCLOUD_SECRETKEY: 'local-secret-key',
      TENCENTCLOUD_SESSIONTOKEN: 'local-session-token',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TCB_ENV: envId,
      SCF_NAMESPACE: envId,
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      WX_APPID: appid,
      LINLI_LOCAL_CLOUD: '1',
    },
    envFor: (def) => ({ TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin/${encodeURIComponent(def.name)}` }) }),
  })
  // Message push: the platform invokes the configured function with the message as the event and
  // the user it concerns (FromUserName) as OPENID; an unknown function drops the message.
  openapi.describeMediaUrl = (url) => storage.describeUrl(url)
  const pushTarget = opts.messagePushFunction ?? 'media'
  openapi.pushMessage = async (event) => {
    if (!functions.get(pushTarget)) return log(`[local-cloud] message push: no function ${pushTarget}; ${event.Event} dropped`)
    const r = await functions.invoke(pushTarget, event, { openid: event.FromUserName, source: 'wx_msg_push' })
    if (!r.ok) log(`[local-cloud] message push to ${pushTarget} failed: ${r.error.errorMessage}`)
  }
  const stopTimers = opts.timers === false ? () => {} : startTimers(triggers, (t) => void fireTimer(t.functionName, t.name).catch((e) => log(`[local-cloud] timer ${t.functionName}/${t.name} failed: ${e}`)))

  return {
    url: baseUrl,
    port,
    store,
    functions,
    openapi,
    transactions,
    async invoke(name, event, caller) {
      const r = await functions.invoke(name, event, typeof caller === 'string' ? { openid: caller } : caller)
      if (!r.ok) throw new Error(r.error.errorMessage)
      return r.result
    },
    fireTimer,
    reset: async () => {
      store.wipe()
      openapi.outbox.length = 0
      seedIfEmpty()
    },
    async close() {
      stopTimers()
      await openapi.pushesSettled()
      await functions.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections?.()
      store.close()
      if (opts.memory) fs.rmSync(scratch, { recursive: true, force: true })
    },
  }
}

/** For the CLI and npm start: Ctrl-C or SIGTERM closes the cloud (instances, server, store) and exits. */
export function closeOnSignals(cloud: LocalCloud): void {
  const stop = async () => {
    await cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
