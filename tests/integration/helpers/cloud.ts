/**
 * Start a fresh in-memory local cloud for one test file and call functions the way the H5 client
 * does (POST /functions/<name> with X-Dev-Openid). Requires `npm run build:cloud` (npm test does it).
 */
import path from 'node:path'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../../local-cloud/src'
import type { Envelope } from '../../../domain/shared/envelope'
import { fetchRetryingReset } from './http'

export const FIXTURE_FUNCTIONS = path.resolve(__dirname, '../../fixtures/functions')

export interface TestCloud {
  cloud: LocalCloud
  store: LocalCloud['store']
  call<T = unknown>(fn: string, action: string, input: unknown, openid: string, meta?: Record<string, unknown>): Promise<Envelope<T>>
  raw(fn: string, event: unknown, openid?: string): Promise<{ status: number; body: unknown }>
  close(): Promise<void>
}

export async function startTestCloud(opts: LocalCloudOptions = {}): Promise<TestCloud> {
  const cloud = await startLocalCloud({ port: 0, memory: true, timers: false, quiet: true, ...opts })
  const raw = async (fn: string, event: unknown, openid?: string) => {
    const res = await fetchRetryingReset(`${cloud.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'X-Dev-Openid': openid } : {}) },
      body: JSON.stringify(event),
    })
    return { status: res.status, body: await res.json() }
  }
  return {
    cloud,
    store: cloud.store,
    raw,
    async call<T>(fn: string, action: string, input: unknown, openid: string, meta?: Record<string, unknown>) {
      const r = await raw(fn, { action, input, meta }, openid)
      return r.body as Envelope<T>
    },
    close: () => cloud.close(),
  }
}
