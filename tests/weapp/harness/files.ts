/**
 * The built mini-program on disk (dist/weapp), optionally with an overlay of extra or replaced
 * files (the fault fixtures add pages this way, without copying or touching the build).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

export const REPO_ROOT = path.resolve(__dirname, '../../..')
export const DEFAULT_DIST = path.join(REPO_ROOT, 'dist/weapp')

export interface AppJson {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[]; independent?: boolean }>
  subpackages?: Array<{ root: string; pages: string[] }>
  tabBar?: { list: Array<{ pagePath: string; text: string }> }
  window?: Record<string, unknown>
  [key: string]: unknown
}

export class AppFiles {
  readonly dist: string
  readonly overlay: Record<string, string>
  private cache = new Map<string, string | null>()

  constructor(dist = DEFAULT_DIST, overlay: Record<string, string> = {}) {
    this.dist = dist
    this.overlay = overlay
  }

  read(rel: string): string {
    const text = this.tryRead(rel)
    if (text === null) throw new Error(`module "${rel}" is not defined (no such file in ${path.relative(REPO_ROOT, this.dist) || this.dist})`)
    return text
  }

  tryRead(rel: string): string | null {
    const key = rel.replace(/^\/+/, '')
    if (key in this.overlay) return this.overlay[key]
    if (!this.cache.has(key)) {
      const file = path.join(this.dist, key)
      this.cache.set(key, fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : null)
    }
    return this.cache.get(key) ?? null
  }

  /** Where error stacks point: the real file, or `<overlay>/…` for fixture files. */
  displayPath(rel: string): string {
    return rel in this.overlay ? `<overlay>/${rel}` : path.join(this.dist, rel)
  }

  appJson(): AppJson {
    return JSON.parse(this.read('app.json')) as AppJson
  }
}

/** Every page of app.json, main package first, then each subpackage (root + page). */
export function allPages(app: AppJson): string[] {
  const subs = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p)))]
}

export function tabPages(app: AppJson): string[] {
  return (app.tabBar?.list ?? []).map((t) => t.pagePath.replace(/^\//, ''))
}

const scripts = new Map<string, vm.Script>()

/**
 * A compiled module wrapper, `(function (require, module, exports) {…})`, as WeChat wraps each
 * file. Compiled once per process and content (vm.Script runs in any context).
 */
export function moduleScript(filename: string, source: string): vm.Script {
  const key = crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex')
  let script = scripts.get(key)
  if (!script) {
    script = new vm.Script(`(function (require, module, exports) {${source}\n})`, { filename })
    scripts.set(key, script)
  }
  return script
}
