/**
 * What a person does, in small steps that find things the way they do: by an element's id or
 * its visible text. Every step waits for its condition (in virtual time) instead of sleeping,
 * so a slower render or an extra cloud call does not break a scenario; only a missing element,
 * text or page does. Other engineers change these pages while you read this: keep queries here.
 */
import type { MiniProgram, PageHandle, WxElement } from '../harness'
import { isSelector } from '../harness'

/** Waits until the visible page shows `target` (a selector or text), then returns the page. */
export async function see(mp: MiniProgram, target: string, text?: string): Promise<PageHandle> {
  const what = text ? `${target} with "${text}"` : target
  await mp.until(() => (isSelector(target) ? mp.page.has(target, { text }) : mp.page.hasText(target)), what)
  return mp.page
}

/** Waits for `target`, then taps it. */
export async function tap(mp: MiniProgram, target: string): Promise<void> {
  await see(mp, target)
  await mp.page.tap(target)
}

/** Waits for the field, then types. */
export async function type(mp: MiniProgram, target: string, value: string): Promise<void> {
  await see(mp, target)
  await mp.page.input(target, value)
}

/** Waits until the visible page is `route` (as in app.json, no leading slash). */
export async function onPage(mp: MiniProgram, route: string): Promise<PageHandle> {
  await mp.until(() => mp.route === route, `page ${route} (stack: ${mp.stackRoutes.join(' → ')})`)
  return mp.page
}

/**
 * The first `selector` element whose text includes every one of `texts` — rows are found by what
 * they say, since record ids are opaque (salted hashes) and a unit's members have no fixed order.
 */
export function rowWith(page: PageHandle, selector: string, ...texts: string[]): WxElement | undefined {
  return page.all(selector).find((el) => texts.every((t) => page.textOf(el).includes(t)))
}

/** Waits for such a row (see rowWith). */
export async function seeRow(mp: MiniProgram, selector: string, ...texts: string[]): Promise<WxElement> {
  await mp.until(() => !!rowWith(mp.page, selector, ...texts), `${selector} with ${texts.map((t) => `"${t}"`).join(' and ')}`)
  return rowWith(mp.page, selector, ...texts)!
}

/** The first element matching `selector` (with `text`) inside `row` (compared by sid: each read of the page builds a new tree). */
export function inside(page: PageHandle, row: WxElement, selector: string, text?: string): WxElement {
  const found = page.all(selector, { text }).find((el) => {
    for (let e: WxElement | undefined = el; e; e = e.parent) if (e.sid === row.sid) return true
    return false
  })
  if (!found) throw new Error(`no ${selector}${text ? ` "${text}"` : ''} inside the row "${page.textOf(row).slice(0, 60)}"`)
  return found
}

/** A switch-like element's state (aria-checked), as assistive technology reads it. */
export function checked(page: PageHandle, selector: string): boolean | undefined {
  const el = page.get(selector)
  const v = el.raw.ariaChecked ?? el.raw['aria-checked']
  return v === undefined ? undefined : v === true || v === 'true'
}

export function disabled(page: PageHandle, selector: string): boolean {
  const el = page.get(selector)
  return el.attrs.disabled === true || el.raw.ariaDisabled === true
}

/** The cloud calls the program made, as `function.action`. */
export function calls(mp: MiniProgram): string[] {
  return mp.cloudCalls.map((c) => `${c.name}.${c.action ?? ''}`)
}

export const ROUTES = {
  home: 'pages/home/index',
  me: 'pages/me/index',
  welcome: 'subpackages/onboarding/pages/welcome/index',
  join: 'subpackages/onboarding/pages/join/index',
  privacy: 'subpackages/settings/pages/privacy/index',
  profile: 'subpackages/settings/pages/profile/index',
  households: 'subpackages/settings/pages/households/index',
  invite: 'subpackages/settings/pages/invite/index',
  review: 'subpackages/staff/pages/review/index',
  roles: 'subpackages/staff/pages/roles/index',
} as const
