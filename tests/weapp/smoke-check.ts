/**
 * The smoke check of one page as one person: launch the mini-program at the page, settle, and
 * require (1) no collected error, (2) non-empty Chinese text, (3) that every element a finger
 * can tap, tapped once, raises no error and asks only for pages that are in app.json (the
 * navigations are recorded, not followed, so each tap starts from this page).
 */
import { MiniProgram, describe, formatCollected, walk, type ProgramOptions } from './harness'

export interface SmokeResult {
  problems: string[]
  taps: number
  /** Pages the page asked to open (kind url). */
  targets: string[]
  ms: number
}

const CHINESE = /[\u4e00-\u9fff]/

export async function smokePage(route: string, opts: ProgramOptions): Promise<SmokeResult> {
  const t0 = Date.now()
  const mp = new MiniProgram({ ...opts, followNavigation: false })
  const problems: string[] = []
  let taps = 0
  try {
    let page
    try {
      page = await mp.launch(route)
    } catch (e) {
      problems.push(`[${route}] launch failed: ${(e as Error).message}`)
      return { problems, taps, targets: [], ms: Date.now() - t0 }
    }
    const text = page.text().trim()
    if (!CHINESE.test(text)) problems.push(`[${route}] renders no Chinese text (text: "${text.slice(0, 80)}")`)

    // Every tappable element of the first render, once, in document order.
    const targets = [...walk(page.root())].filter((el) => el.tag !== 'root' && (el.bind.has('tap') || el.catch.has('tap')))
    for (const target of targets) {
      const current = [...walk(page.root())].find((el) => el.sid === target.sid)
      if (!current || current.attrs.disabled === true) continue
      const before = mp.errors.length
      page.dispatch(current, 'tap', { x: 0, y: 0 })
      taps++
      await mp.settle()
      for (const e of mp.errors.slice(before)) e.message = `after a tap on ${describe(current)}: ${e.message}`
    }
    await mp.settle()
    for (const e of mp.errors) problems.push(formatCollected(e).trim())
    for (const n of mp.navigations) {
      if (!n.ok && n.kind !== 'navigateBack' && !n.errMsg?.includes('is not found')) problems.push(`[${n.from}] ${n.kind}(${n.url}) refused: ${n.errMsg}`)
    }
    return { problems, taps, targets: mp.navigations.filter((n) => n.kind !== 'navigateBack').map((n) => `${n.kind} ${n.url.split('?')[0]}`), ms: Date.now() - t0 }
  } finally {
    mp.close()
  }
}
