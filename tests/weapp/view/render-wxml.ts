/**
 * Child process of the view check: renders page data through WeChat's own WXML compiler (`wcc`
 * from miniprogram-compiler) and miniprogram-simulate's j-component on jsdom, and prints the
 * visible text of each page as JSON. A separate process because miniprogram-simulate installs
 * globals (Component, window, document) that must not leak into the harness.
 * stdin: { dir, pages: [{ key, data }] } — dir holds base.wxml, utils.wxs, comp.* and p/<key>/index.*
 * stdout: { texts: { key: text }, errors: { key: message } }
 */
import fs from 'node:fs'
import path from 'node:path'
import { JSDOM } from 'jsdom'

interface Input {
  dir: string
  pages: Array<{ key: string; data: Record<string, unknown> }>
}

function installDom(): void {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true })
  const g = globalThis as Record<string, unknown>
  for (const name of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'MouseEvent', 'navigator', 'getComputedStyle', 'requestAnimationFrame']) {
    if (g[name] === undefined) g[name] = name === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[name]
  }
}

async function main(): Promise<void> {
  const input = JSON.parse(fs.readFileSync(0, 'utf8')) as Input
  installDom()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as {
    load(p: string, opts: Record<string, unknown>): string
    render(id: string, props?: Record<string, unknown>): { setData(d: unknown, cb?: () => void): void; dom: { textContent: string | null }; attach(parent: unknown): void }
  }
  const texts: Record<string, string> = {}
  const errors: Record<string, string> = {}
  for (const page of input.pages) {
    try {
      const id = simulate.load(path.join(input.dir, 'p', page.key, 'index'), { compiler: 'official', rootPath: input.dir })
      const comp = simulate.render(id, {})
      await new Promise<void>((resolve) => comp.setData(page.data, () => resolve()))
      texts[page.key] = comp.dom.textContent ?? ''
    } catch (e) {
      errors[page.key] = (e as Error).stack ?? String(e)
    }
  }
  process.stdout.write(JSON.stringify({ texts, errors }))
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`)
  process.exit(2)
})
