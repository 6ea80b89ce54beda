/**
 * Optional view check: each page's data, as the harness's setData view holds it after the page
 * settled, rendered through WeChat's own WXML compiler (wcc, via miniprogram-simulate) — the
 * visible text must equal the text the harness reads from the data tree. This is what proves the
 * harness reads the tree the way base.wxml renders it. Skipped, with the reason, where wcc
 * cannot run (it ships x86-64 Linux, macOS and Windows binaries).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppFiles, MiniProgram, allPages, localCloud, walk, type WxElement } from './harness'
import { assert, type WeappTest } from './suite'

const PEOPLE = ['o_demo_owner', 'o_demo_admin']

function wccProblem(): string | undefined {
  let dir: string
  try {
    dir = path.dirname(require.resolve('miniprogram-compiler/package.json'))
    require.resolve('miniprogram-simulate')
  } catch {
    return 'miniprogram-simulate / miniprogram-compiler are not installed'
  }
  const bin = process.platform === 'linux' ? 'linux/wcc' : process.platform === 'darwin' ? 'mac/wcc' : 'windows/wcc.exe'
  const wcc = path.join(dir, 'bin', bin)
  if (!fs.existsSync(wcc)) return `no wcc binary for ${process.platform}`
  if (process.arch !== 'x64') return `wcc is an x86-64 binary; this machine is ${process.arch}`
  try {
    fs.accessSync(wcc, fs.constants.X_OK)
  } catch {
    try {
      fs.chmodSync(wcc, 0o755)
    } catch {
      return `${wcc} is not executable`
    }
  }
  const r = spawnSync(wcc, ['-v'], { encoding: 'utf8' })
  if (r.error) return `wcc cannot run: ${r.error.message}`
  return undefined
}

/** The text the view shows: text nodes only (input values are attributes, not text, in WXML). */
function viewText(el: WxElement): string {
  let out = ''
  for (const e of walk(el)) if (e.tag === '#text') out += e.value ?? ''
  return out
}

const squash = (s: string) => s.replace(/\s+/g, '')

/** A wcc project: the build's shared templates plus each page's wxml at p/<key>/index. */
function writeProject(files: AppFiles, pages: Array<{ key: string; route: string }>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-view-'))
  for (const f of ['base.wxml', 'utils.wxs', 'comp.wxml']) fs.writeFileSync(path.join(dir, f), files.read(f))
  fs.writeFileSync(path.join(dir, 'comp.json'), JSON.stringify({ component: true, usingComponents: { comp: './comp' } }))
  // Taro's comp.js is a webpack chunk; its contract is two properties, i (node) and l (depth list).
  fs.writeFileSync(path.join(dir, 'comp.js'), "Component({ properties: { i: { type: Object, value: {} }, l: { type: String, value: '' } } })\n")
  for (const { key, route } of pages) {
    const pageDir = path.join(dir, 'p', key)
    fs.mkdirSync(pageDir, { recursive: true })
    const wxml = files
      .read(`${route}.wxml`)
      .replace(/src="(?:\.\.\/)+(base\.wxml|utils\.wxs)"/g, 'src="../../$1"')
      .replace(/<page-meta[\s\S]*?<\/page-meta>/, '') // page-level settings, no content
    fs.writeFileSync(path.join(pageDir, 'index.wxml'), wxml)
    fs.writeFileSync(path.join(pageDir, 'index.json'), JSON.stringify({ component: true, usingComponents: { comp: '../../comp' } }))
    fs.writeFileSync(path.join(pageDir, 'index.js'), 'Component({})\n')
  }
  return dir
}

export const tests: WeappTest[] = [
  {
    name: 'view check: every page rendered through WeChat\'s wcc shows the text the harness reads',
    async run({ cloud, note }) {
      const problem = wccProblem()
      if (problem) {
        note(`SKIPPED: ${problem} — the data-tree checks above still ran`)
        return
      }
      const files = new AppFiles()
      const routes = allPages(files.appJson())
      const pages: Array<{ key: string; route: string; openid: string; data: Record<string, unknown>; text: string }> = []
      for (const openid of PEOPLE) {
        for (const route of routes) {
          const mp = new MiniProgram({ cloud: localCloud(cloud.url, openid) })
          try {
            const page = await mp.launch(route)
            mp.expectNoErrors()
            pages.push({ key: `k${pages.length}`, route, openid, data: JSON.parse(JSON.stringify(page.instance.data)) as Record<string, unknown>, text: viewText(page.root()) })
          } finally {
            mp.close()
          }
        }
      }
      const dir = writeProject(files, pages)
      try {
        const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'view/render-wxml.ts')], {
          input: JSON.stringify({ dir, pages: pages.map((p) => ({ key: p.key, data: p.data })) }),
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
        const { texts, errors } = JSON.parse(out) as { texts: Record<string, string>; errors: Record<string, string> }
        const mismatches: string[] = []
        for (const p of pages) {
          if (errors[p.key]) {
            mismatches.push(`${p.route} as ${p.openid}: wcc/j-component failed: ${errors[p.key].split('\n')[0]}`)
            continue
          }
          const rendered = squash(texts[p.key] ?? '')
          const read = squash(p.text)
          if (rendered !== read) mismatches.push(`${p.route} as ${p.openid}:\n    wcc:     "${rendered.slice(0, 200)}"\n    harness: "${read.slice(0, 200)}"`)
          else if (!/[\u4e00-\u9fff]/.test(rendered)) mismatches.push(`${p.route} as ${p.openid}: wcc rendered no Chinese text`)
        }
        assert(mismatches.length === 0, mismatches.join('\n'))
        note(`${pages.length} page renders (${routes.length} pages × ${PEOPLE.length} people) identical through wcc`)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
