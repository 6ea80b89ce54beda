/**
 * Gate for the WeChat build (run after `npm run build:weapp`):
 *  1. every page in dist/weapp/app.json (main package and subpackages) has its .js/.json/.wxml;
 *  2. H5-only dev code and zod never reach the weapp bundle;
 *  3. package sizes: main package ≤ 450 KB goal, > 700 KB fails (WeChat's hard limit is 2 MB);
 *  4. miniprogram-ci checkCodeQuality, offline, with a throwaway key: every item must pass.
 * Prints every result; exits 1 on any failure.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'

const ROOT = path.resolve(__dirname, '..')
const DIST = path.join(ROOT, 'dist/weapp')
const MAIN_GOAL_BYTES = 450 * 1024
const MAIN_LIMIT_BYTES = 700 * 1024
/** Taro always emits these per page; .wxss only when the page imports styles (or, in subpackages, as an empty file). */
const REQUIRED_PAGE_FILES = ['.js', '.json', '.wxml']
/** Strings that exist only in H5 dev code (persona switcher, dev identity header) or in zod. */
const FORBIDDEN_STRINGS = ['X-Dev-Openid', '__dev/personas', '切换身份', 'o_demo_', 'ZodError']

interface AppJson {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  subpackages?: Array<{ root: string; pages: string[] }>
}

interface CheckItem {
  name: string
  success: boolean
  text?: string
  detail?: unknown
}

interface MiniprogramCi {
  Project: new (options: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown
  checkCodeQuality(project: unknown): Promise<CheckItem[]>
}

const failures: string[] = []
const fail = (message: string) => {
  failures.push(message)
  console.log(`  ✗ ${message}`)
}
const ok = (message: string) => console.log(`  ✓ ${message}`)

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? listFiles(full) : [full]
  })
}

/** WeChat does not upload *.LICENSE.txt; project.config.json counts (as miniprogram-ci counts). */
const counted = (file: string) => !file.endsWith('.LICENSE.txt')

function checkPages(app: AppJson): void {
  console.log('Pages')
  const subPackages = app.subPackages ?? app.subpackages ?? []
  const pages = [...app.pages, ...subPackages.flatMap((pkg) => pkg.pages.map((page) => path.posix.join(pkg.root, page)))]
  for (const page of pages) {
    const missing = REQUIRED_PAGE_FILES.filter((ext) => !fs.existsSync(path.join(DIST, page + ext)))
    if (missing.length) fail(`${page}: missing ${missing.join(', ')}`)
    else ok(`${page} (${REQUIRED_PAGE_FILES.join(' ')}${fs.existsSync(path.join(DIST, page + '.wxss')) ? ' .wxss' : ''})`)
  }
  for (const file of ['app.js', 'app.json', 'app.wxss']) {
    if (!fs.existsSync(path.join(DIST, file))) fail(`missing ${file}`)
  }
}

function checkForbiddenStrings(files: string[]): void {
  console.log('H5-only and zod code absent from weapp')
  for (const needle of FORBIDDEN_STRINGS) {
    const hits = files.filter((file) => /\.(js|wxml|json)$/.test(file) && fs.readFileSync(file, 'utf8').includes(needle))
    if (hits.length) fail(`"${needle}" found in ${hits.map((f) => path.relative(DIST, f)).join(', ')}`)
    else ok(`"${needle}" absent`)
  }
}

function packageSizes(app: AppJson, files: string[]): Record<string, number> {
  const roots = (app.subPackages ?? app.subpackages ?? []).map((pkg) => pkg.root.replace(/\/?$/, '/'))
  const sizes: Record<string, number> = { __APP__: 0 }
  for (const root of roots) sizes[root] = 0
  for (const file of files.filter(counted)) {
    const rel = path.relative(DIST, file).split(path.sep).join('/')
    const root = roots.find((r) => rel.startsWith(r))
    sizes[root ?? '__APP__'] += fs.statSync(file).size
  }
  return sizes
}

function checkSizes(sizes: Record<string, number>): void {
  console.log('Package sizes (bytes, excluding *.LICENSE.txt)')
  for (const [pkg, bytes] of Object.entries(sizes)) console.log(`  ${pkg === '__APP__' ? 'main package' : pkg}: ${bytes}`)
  const main = sizes.__APP__
  if (main > MAIN_LIMIT_BYTES) fail(`main package ${main} B exceeds the ${MAIN_LIMIT_BYTES} B limit`)
  else if (main > MAIN_GOAL_BYTES) console.log(`  ! main package ${main} B is above the ${MAIN_GOAL_BYTES} B goal`)
  else ok(`main package ${main} B ≤ goal ${MAIN_GOAL_BYTES} B`)
}

async function runCodeQuality(): Promise<void> {
  console.log('miniprogram-ci checkCodeQuality (offline)')
  const ci = createRequire(__filename)('miniprogram-ci') as MiniprogramCi
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-ci-'))
  try {
    // checkCodeQuality never talks to WeChat, but Project insists on a key file: a placeholder will do.
    const privateKeyPath = path.join(keyDir, 'private.placeholder.key')
    fs.writeFileSync(privateKeyPath, '-----BEGIN RSA PRIVATE KEY-----\nplaceholder\n-----END RSA PRIVATE KEY-----\n')
    const project = new ci.Project({
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: DIST,
      privateKeyPath,
      ignores: ['node_modules/**/*'],
    })
    const results = await ci.checkCodeQuality(project)
    for (const item of results) {
      const detail = item.detail !== undefined ? ` ${JSON.stringify(item.detail)}` : ''
      if (item.success) ok(`${item.name}${detail}`)
      else fail(`${item.name}: ${item.text ?? ''}${detail}`)
    }
    if (results.length === 0) fail('checkCodeQuality returned no items')
  } finally {
    fs.rmSync(keyDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const appJsonPath = path.join(DIST, 'app.json')
  if (!fs.existsSync(appJsonPath)) {
    console.error('dist/weapp/app.json not found — run `npm run build:weapp` first')
    process.exit(1)
  }
  const app = JSON.parse(fs.readFileSync(appJsonPath, 'utf8')) as AppJson
  const files = listFiles(DIST)
  checkPages(app)
  checkForbiddenStrings(files)
  checkSizes(packageSizes(app, files))
  await runCodeQuality()
  console.log(failures.length ? `\ncheck:weapp FAILED (${failures.length})` : '\ncheck:weapp passed')
}

main()
  .catch((error: unknown) => {
    failures.push(String(error))
    console.error(error)
  })
  // miniprogram-ci leaves a file watcher running; exit explicitly.
  .finally(() => process.exit(failures.length ? 1 : 0))
