/**
 * `npm run test:weapp`: builds dist/weapp when it is missing or older than the sources, builds
 * the cloud bundles, starts a fresh in-memory local cloud (seeded), and runs the weapp suites:
 * smoke (every page × every persona), scenarios, the fault fixtures and the optional WXML view
 * check. `WEAPP_ONLY=<text>` runs the tests whose name contains it; `WEAPP_SKIP_BUILD=1` trusts
 * the existing build. Prints one line per test and ends with "N passed, N failed".
 */
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { startLocalCloud } from '../../local-cloud/src'
import { formatCollected, takeStrayRejections, type MiniProgram } from './harness'
import { makeContext, type WeappTest } from './suite'

const ROOT = path.resolve(__dirname, '../..')
const DIST = path.join(ROOT, 'dist/weapp')
/** What the weapp build is made of: a newer file here means dist/weapp is stale. */
const SOURCES = ['src', 'domain', 'config', 'package.json', 'babel.config.js', 'tsconfig.json', 'project.config.json']

function newestMtime(entry: string): number {
  const full = path.join(ROOT, entry)
  if (!fs.existsSync(full)) return 0
  const stat = fs.statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const child of fs.readdirSync(full, { withFileTypes: true })) {
    if (child.name === '__tests__' || child.name === 'node_modules') continue
    newest = Math.max(newest, newestMtime(path.join(entry, child.name)))
  }
  return newest
}

function ensureWeappBuild(): void {
  if (process.env.WEAPP_SKIP_BUILD === '1') return
  const built = path.join(DIST, 'app.js')
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0
  const sourcesAt = Math.max(...SOURCES.map(newestMtime))
  if (builtAt >= sourcesAt) {
    console.log('dist/weapp is up to date')
    return
  }
  console.log(builtAt ? 'dist/weapp is older than the sources: npm run build:weapp' : 'no dist/weapp: npm run build:weapp')
  const t0 = Date.now()
  try {
    // Webpack's progress bar goes to stderr: shown only when the build fails.
    execFileSync('npm', ['run', 'build:weapp', '--silent'], { cwd: ROOT, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 })
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer }
    process.stderr.write(`${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`)
    throw new Error('npm run build:weapp failed')
  }
  console.log(`built dist/weapp in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

/** Scenarios first: they start from the seeded state, which the smoke crawl then taps through. */
const SUITES = ['./harness-check', './scenarios', './smoke', './faults', './view-check']

async function loadTests(): Promise<Array<WeappTest & { suite: string }>> {
  const tests: Array<WeappTest & { suite: string }> = []
  for (const suite of SUITES) tests.push(...((await import(suite)) as { tests: WeappTest[] }).tests.map((t) => ({ ...t, suite })))
  return tests
}

async function withTimeout<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms (${name})`)), ms)
  })
  try {
    return await Promise.race([p, timeout])
  } finally {
    clearTimeout(timer)
  }
}

async function main(): Promise<number> {
  const started = Date.now()
  ensureWeappBuild()
  execFileSync('npm', ['run', 'build:cloud', '--silent'], { cwd: ROOT, stdio: 'inherit' })
  const all = await loadTests()
  const only = process.env.WEAPP_ONLY
  const selected = only ? all.filter((t) => t.name.includes(only)) : all
  let passed = 0
  let failed = 0
  const testsStarted = Date.now()
  console.log(`weapp tests: ${selected.length} of ${all.length}`)
  // One fresh local cloud per suite, so no suite sees what another one wrote.
  for (const suite of SUITES) {
    const tests = selected.filter((t) => t.suite === suite)
    if (tests.length === 0) continue
    const r = await runSuite(tests)
    passed += r.passed
    failed += r.failed
  }
  console.log(`weapp suite: ${((Date.now() - testsStarted) / 1000).toFixed(1)} s of tests, ${((Date.now() - started) / 1000).toFixed(1)} s with the builds`)
  console.log(`${passed} passed, ${failed} failed`)
  return failed === 0 && passed > 0 ? 0 : 1
}

async function runSuite(tests: WeappTest[]): Promise<{ passed: number; failed: number }> {
  const cloud = await startLocalCloud({ port: 0, memory: true, seed: true, timers: false, quiet: true })
  let passed = 0
  let failed = 0
  try {
    for (const test of tests) {
      const opened: MiniProgram[] = []
      const notes: string[] = []
      const t0 = Date.now()
      try {
        await withTimeout(test.run(makeContext(cloud, opened, notes)), test.timeoutMs ?? 180_000, test.name)
        for (const mp of opened) await mp.settle().catch(() => undefined)
        const problems = opened.flatMap((mp) => mp.errors.map(formatCollected))
        const stray = takeStrayRejections()
        if (problems.length || stray.length) {
          throw new Error(`errors reported by the mini-program:\n${[...problems, ...stray.map((s) => `  host: ${s}`)].join('\n')}`)
        }
        passed++
        console.log(`✓ ${test.name} (${Date.now() - t0} ms)`)
      } catch (error) {
        failed++
        console.log(`✗ ${test.name} (${Date.now() - t0} ms)\n  ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n  ')}`)
      } finally {
        for (const mp of opened) mp.close()
        for (const line of notes) console.log(`    ${line}`)
      }
    }
  } finally {
    await cloud.close()
  }
  return { passed, failed }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    console.log('0 passed, 1 failed')
    process.exit(1)
  },
)
