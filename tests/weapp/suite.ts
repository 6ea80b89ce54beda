/**
 * What a weapp test gets: a fresh local cloud for the run (seeded demo community), and `open()`
 * to launch dist/weapp as a persona in a fresh vm context. Every program a test opens is checked
 * after the test: any collected error (thrown, unhandled rejection, timer error, console.error,
 * navigation outside app.json …) fails the test unless the test took it with takeErrors().
 */
import type { LocalCloud } from '../../local-cloud/src'
import { Device, MiniProgram, localCloud, type PageHandle, type ProgramOptions } from './harness'

export interface WeappTestContext {
  cloud: LocalCloud
  /** Launches the mini-program as `openid` at `url` (default: the first page of app.json). */
  open(openid: string, url?: string, opts?: Partial<ProgramOptions> & { device?: Device }): Promise<{ mp: MiniProgram; page: PageHandle }>
  /** A person the local cloud has never seen (each call a new one). */
  freshOpenid(): string
  /** Lines printed under the test's result (timings, counts). */
  note(line: string): void
}

export interface WeappTest {
  name: string
  run(ctx: WeappTestContext): Promise<void>
  /** Default 180 s (a loaded CI machine); virtual time makes waits free, cloud calls are real. */
  timeoutMs?: number
}

let fresh = 0
export const freshOpenid = () => `o_weapp_${Date.now().toString(36)}_${(++fresh).toString(36)}`

export function makeContext(cloud: LocalCloud, opened: MiniProgram[], notes: string[]): WeappTestContext {
  return {
    cloud,
    freshOpenid,
    note: (line) => notes.push(line),
    async open(openid, url, opts = {}) {
      const mp = new MiniProgram({ cloud: localCloud(cloud.url, openid), ...opts })
      opened.push(mp)
      const page = await mp.launch(url)
      return { mp, page }
    },
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}
