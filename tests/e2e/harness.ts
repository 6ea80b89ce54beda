/**
 * A minimal e2e harness: one headless Chromium (fresh profile), a list of named scenarios, each on
 * a fresh page with console and page errors collected (any error fails the scenario), a
 * screenshot per scenario in .artifacts/e2e/, and a final "N passed, N failed" line.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'

export const ARTIFACTS = path.resolve(__dirname, '../../.artifacts/e2e')

export interface ScenarioContext {
  page: Page
  baseUrl: string
  /** Save a named screenshot (also taken automatically at the end and on failure). */
  shot(name: string): Promise<void>
}

export interface Scenario {
  name: string
  run(ctx: ScenarioContext): Promise<void>
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function runScenarios(baseUrl: string, scenarios: Scenario[]): Promise<{ passed: number; failed: number }> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-chromium-'))
  let context: BrowserContext | undefined
  let passed = 0
  let failed = 0
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 375, height: 667 },
      // Chromium writes ~/.config and ~/.cache unless these point into the throwaway profile.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
    })
    for (const scenario of scenarios) {
      const ok = await runOne(context, baseUrl, scenario)
      if (ok) passed++
      else failed++
    }
  } finally {
    await context?.close().catch(() => undefined)
    fs.rmSync(profile, { recursive: true, force: true })
  }
  return { passed, failed }
}

async function runOne(context: BrowserContext, baseUrl: string, scenario: Scenario): Promise<boolean> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  const slug = scenario.name.replace(/[^\w\u4e00-\u9fff-]+/g, '-').replace(/^-|-$/g, '')
  const shot = async (name: string) => {
    await page.waitForTimeout(400) // let Taro's page slide animation finish
    await page.screenshot({ path: path.join(ARTIFACTS, `${slug}--${name}.png`), fullPage: true })
  }
  const started = Date.now()
  try {
    // Every scenario starts from a clean device (no persona, care-mode choice or privacy record);
    // reloads within the scenario keep what it stored. sessionStorage is per page, so it marks "done".
    // tsx (esbuild keepNames) wraps named functions inside page.evaluate callbacks in __name(...),
    // which does not exist in the page; an identity stand-in keeps those callbacks runnable.
    await page.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn)')
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('e2e.cleared')) {
        localStorage.clear()
        sessionStorage.setItem('e2e.cleared', '1')
      }
    })
    await scenario.run({ page, baseUrl, shot })
    await page.waitForTimeout(150) // let late console errors arrive
    if (errors.length) throw new Error(`browser reported errors:\n    ${errors.join('\n    ')}`)
    await shot('end')
    console.log(`✓ ${scenario.name} (${Date.now() - started} ms)`)
    return true
  } catch (error) {
    await shot('failure').catch(() => undefined)
    console.log(`✗ ${scenario.name} (${Date.now() - started} ms)\n  ${error instanceof Error ? error.message : String(error)}`)
    return false
  } finally {
    await page.close().catch(() => undefined)
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

/** Only the visible copy: Taro H5 keeps earlier pages and other tabs in the DOM, hidden. */
export function visible(page: Page, selector: string): Locator {
  return page.locator(`${selector}:visible`)
}

export async function expectText(page: Page, selector: string, text: string, timeout = 10_000): Promise<void> {
  await visible(page, selector).filter({ hasText: text }).first().waitFor({ state: 'visible', timeout })
}

export interface Box {
  width: number
  height: number
}

/** Bounding boxes of every visible match; fails when none. */
export async function boxes(page: Page, selector: string): Promise<Array<Box & { label: string }>> {
  const found = visible(page, selector)
  const count = await found.count()
  assert(count > 0, `no visible ${selector}`)
  const result: Array<Box & { label: string }> = []
  for (let i = 0; i < count; i++) {
    const element = found.nth(i)
    const box = await element.boundingBox()
    assert(box, `${selector}[${i}] has no box`)
    result.push({ width: box.width, height: box.height, label: ((await element.textContent()) ?? '').trim().slice(0, 20) })
  }
  return result
}

export async function expectMinSize(page: Page, selector: string, min: number): Promise<void> {
  for (const box of await boxes(page, selector)) {
    assert(
      box.width >= min - 0.5 && box.height >= min - 0.5,
      `${selector} "${box.label}" is ${box.width.toFixed(1)}×${box.height.toFixed(1)} px, expected ≥ ${min}×${min}`,
    )
  }
}

/** Computed font sizes (px) of every visible match. */
export async function fontSizes(page: Page, selector: string): Promise<number[]> {
  return visible(page, selector).evaluateAll((elements) => elements.map((el) => parseFloat(getComputedStyle(el).fontSize)))
}

export async function lineHeightRatios(page: Page, selector: string): Promise<number[]> {
  return visible(page, selector).evaluateAll((elements) =>
    elements.map((el) => {
      const style = getComputedStyle(el)
      const lh = parseFloat(style.lineHeight)
      return Number.isFinite(lh) ? lh / parseFloat(style.fontSize) : 1.2 // 'normal' ≈ 1.2
    }),
  )
}

/**
 * WCAG 2.x contrast of each visible match: its computed colour against the first opaque
 * background found walking up the tree (white if none).
 */
export async function contrastRatios(page: Page, selector: string): Promise<Array<{ ratio: number; label: string; fg: string; bg: string }>> {
  return visible(page, selector).evaluateAll((elements) => {
    const parse = (value: string): [number, number, number, number] => {
      const m = value.match(/rgba?\(([^)]+)\)/)
      if (!m) return [0, 0, 0, 0]
      const parts = m[1].split(/[,\s/]+/).filter(Boolean).map(Number)
      return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1]
    }
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => {
        const s = c / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    const backgroundOf = (el: Element | null): [number, number, number, number] => {
      for (let node = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor)
        if (bg[3] >= 0.99) return bg
      }
      return [255, 255, 255, 1]
    }
    return elements.map((el) => {
      const fg = parse(getComputedStyle(el).color)
      const bg = backgroundOf(el)
      // Blend a translucent text colour over its background.
      const blended = [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]))
      const [l1, l2] = [luminance(blended), luminance(bg)].sort((a, b) => b - a)
      return {
        ratio: (l1 + 0.05) / (l2 + 0.05),
        label: (el.textContent ?? '').trim().slice(0, 20),
        fg: `rgb(${blended.map(Math.round).join(',')})`,
        bg: `rgb(${bg.slice(0, 3).join(',')})`,
      }
    })
  })
}

/**
 * Taro H5 hides the previous page on a timer after the slide animation, so right after a
 * navigation two pages are displayed and a measurement can catch rows of the page underneath
 * (or a quick tap can switch back before the timer and leave the page hidden). Wait until one
 * page is left displayed.
 */
export async function pageSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none').length === 1,
    undefined,
    { timeout: 10_000 },
  )
}

/**
 * Answers the next file chooser (Taro's H5 chooseMedia opens a hidden <input type=file>) with
 * PNGs generated at run time — no binary fixture in the repository. `trigger` is what opens it
 * (a tap on 添加图片). The names reach the local cloud's media check: one containing `risky` gets
 * a risky verdict, `review` a review verdict, else pass (docs/media.md).
 */
export async function pickPngs(page: Page, names: string[], trigger: () => Promise<void>): Promise<void> {
  const { makePng } = await import('../fixtures/png')
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15_000 }), trigger()])
  await chooser.setFiles(names.map((name, i) => ({ name, mimeType: 'image/png', buffer: makePng(8, [40 + i * 20, 120, 200]) })))
}
