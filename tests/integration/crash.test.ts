/**
 * Durability: start the local cloud as its own process on a data folder, make N acknowledged
 * writes through the SDK, kill -9 it, start it again: all N are there.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FIXTURE_FUNCTIONS } from './helpers/cloud'
import { fetchRetryingReset } from './helpers/http'

const CLI = path.resolve(__dirname, '../../dist/local-cloud/cli.js')
const N = 40

function start(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CLI, '--port', '0', '--data', dataDir, '--functions', FIXTURE_FUNCTIONS, '--no-timers', '--no-seed'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`local cloud did not start: ${out}`)), 120_000) // generous: a loaded machine
    proc.stdout!.on('data', (c) => {
      out += c
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ proc, url: m[1] })
      }
    })
    proc.stderr!.on('data', (c) => (out += c))
    proc.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
}

async function probe(url: string, event: unknown) {
  const res = await fetchRetryingReset(`${url}/functions/sdk-probe`, { method: 'POST', headers: { 'X-Dev-Openid': 'o_crash' }, body: JSON.stringify(event) })
  return (await res.json()) as { ok: boolean; value: unknown }
}

test(`${N} acknowledged writes survive kill -9`, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-crash-'))
  // The declared collections come from database/collections.json; use one of them.
  const first = await start(dataDir)
  for (let i = 0; i < N; i++) {
    const r = await probe(first.url, { op: 'add', coll: 'audit_log', data: { _id: `crash-${i}`, i } })
    expect(r).toEqual({ ok: true, value: `crash-${i}` })
  }
  const exited = new Promise((r) => first.proc.once('exit', r))
  first.proc.kill('SIGKILL')
  await exited

  const second = await start(dataDir)
  try {
    const r = await probe(second.url, { op: 'count', coll: 'audit_log', where: { i: { $cmd: 'gte', args: [0] } } })
    expect(r).toEqual({ ok: true, value: N })
  } finally {
    second.proc.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, 300_000)
