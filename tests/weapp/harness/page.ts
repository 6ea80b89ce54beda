/**
 * A page as a person sees and uses it: text, elements found by id, class or visible text, and
 * tap / input / pull-down refresh / scroll delivered the way WeChat's view layer delivers them
 * (`page.eh(event)` once per element on the bubble path whose template binds the event,
 * innermost first; `catch` stops the bubbling). Every action settles the program afterwards.
 */
import type { MiniProgram, PageInstance } from './program'
import { describe, hasClass, isDisabled, pathToRoot, textOf, walk, type WxElement } from './view'

export type Target = string | WxElement

export interface FindOptions {
  /** Only elements whose visible text contains this. */
  text?: string
}

export class PageHandle {
  constructor(
    readonly program: MiniProgram,
    readonly instance: PageInstance,
  ) {}

  get route(): string {
    return this.instance.route
  }

  get query(): Record<string, string> {
    return this.instance.query
  }

  /** The navigation bar title: the page's setting, or what the page set at run time. */
  get title(): string {
    const bar = this.instance.data.navigationBar as Record<string, unknown> | undefined
    return String(bar?.p5 ?? this.program.ui.navigationBarTitle ?? this.instance.config.navigationBarTitleText ?? '')
  }

  /**
   * The page's <page-meta> attributes (root-font-size, page-style …) by WXML name: Taro keeps
   * them in `data.pageMeta.p<N>`, and the page's own .wxml says which N is which attribute.
   */
  pageMeta(): Record<string, unknown> {
    const wxml = this.program.files.tryRead(`${this.route}.wxml`) ?? ''
    const tag = wxml.match(/<page-meta\b([^>]*)>/)
    const data = (this.instance.data.pageMeta ?? {}) as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const m of (tag?.[1] ?? '').matchAll(/([\w-]+)="[^"]*\bpageMeta\.(p\d+)\b[^"]*"/g)) if (data[m[2]] !== undefined) out[m[1]] = data[m[2]]
    return out
  }

  root(): WxElement {
    return this.program.tree(this.instance)
  }

  /** All text on the page, in document order. */
  text(): string {
    return textOf(this.root())
  }

  has(selector: string, opts: FindOptions = {}): boolean {
    return this.all(selector, opts).length > 0
  }

  hasText(text: string): boolean {
    return this.text().includes(text)
  }

  /**
   * Elements matching a small CSS subset: `#id`, `.class`, `tag`, `[attr]`, `[attr="v"]`,
   * compounds of those, and descendant combinations (`#join-name input`).
   */
  all(selector: string, opts: FindOptions = {}): WxElement[] {
    const parts = selector.trim().split(/\s+/).map(parseCompound)
    const out: WxElement[] = []
    for (const el of walk(this.root())) {
      if (!matchesChain(el, parts)) continue
      if (opts.text !== undefined && !textOf(el).includes(opts.text)) continue
      out.push(el)
    }
    return out
  }

  find(selector: string, opts: FindOptions = {}): WxElement | undefined {
    return this.all(selector, opts)[0]
  }

  get(selector: string, opts: FindOptions = {}): WxElement {
    const el = this.find(selector, opts)
    if (!el) throw new Error(`${this.route}: no ${selector}${opts.text ? ` with text "${opts.text}"` : ''}\n${this.outline()}`)
    return el
  }

  /** The innermost element whose text contains `text` (what a person's finger lands on). */
  getByText(text: string): WxElement {
    let best: WxElement | undefined
    for (const el of walk(this.root())) if (el.tag !== '#text' && textOf(el).includes(text)) best = el
    if (!best) throw new Error(`${this.route}: no text "${text}" on the page\n${this.outline()}`)
    return best
  }

  textOf(target: Target): string {
    return textOf(this.resolve(target))
  }

  resolve(target: Target): WxElement {
    if (typeof target !== 'string') return target
    return isSelector(target) ? this.get(target) : this.getByText(target)
  }

  /** Taps an element (a selector, visible text, or an element) and settles. */
  async tap(target: Target): Promise<void> {
    const el = this.resolve(target)
    const button = pathToRoot(el).find((e) => e.tag === 'button')
    if (button && isDisabled(button)) throw new Error(`${this.route}: ${describe(button)} is disabled; a tap does nothing`)
    const delivered = this.dispatch(el, 'tap', { x: 0, y: 0 })
    if (delivered === 0) throw new Error(`${this.route}: nothing handles a tap on ${describe(el)}\n${this.outline()}`)
    const openType = button?.attrs['open-type']
    if (button && openType === 'agreePrivacyAuthorization') {
      this.program.markAgreeButtonTapped(button.id)
      this.dispatch(button, 'agreeprivacyauthorization', {})
    }
    await this.program.settle()
  }

  /** Types into an input or textarea (the element itself or the first one inside it) and settles. */
  async input(target: Target, value: string): Promise<void> {
    const outer = this.resolve(target)
    const field = [...walk(outer)].find((e) => e.tag === 'input' || e.tag === 'textarea')
    if (!field) throw new Error(`${this.route}: no input or textarea in ${describe(outer)}`)
    if (isDisabled(field)) throw new Error(`${this.route}: ${describe(field)} is disabled`)
    this.dispatch(field, 'focus', { value: String(field.attrs.value ?? ''), height: 0 })
    this.dispatch(field, 'input', { value, cursor: value.length, keyCode: 0 })
    await this.program.settle()
    const after = this.findBySid(field.sid)
    if (after) this.dispatch(after, 'blur', { value, cursor: value.length })
    await this.program.settle()
  }

  /** 下拉刷新: only on pages whose config enables it, as in WeChat. */
  async pullDownRefresh(): Promise<void> {
    if (!this.instance.config.enablePullDownRefresh && !(this.program.app.window as Record<string, unknown> | undefined)?.enablePullDownRefresh) {
      throw new Error(`${this.route}: enablePullDownRefresh is off, a pull does nothing`)
    }
    this.program.lifecycleOf(this.instance, 'onPullDownRefresh')
    await this.program.settle()
  }

  async scroll(scrollTop: number): Promise<void> {
    this.program.lifecycleOf(this.instance, 'onPageScroll', this.program.toRealm({ scrollTop }))
    await this.program.settle()
  }

  async reachBottom(): Promise<void> {
    this.program.lifecycleOf(this.instance, 'onReachBottom')
    await this.program.settle()
  }

  /** Delivers one event along the bubble path; returns how many elements received it. */
  dispatch(el: WxElement, type: string, detail: Record<string, unknown>): number {
    let delivered = 0
    for (const current of pathToRoot(el)) {
      const caught = current.catch.has(type)
      if (!caught && !current.bind.has(type)) continue
      this.program.deliver(this.instance, {
        type,
        timeStamp: Date.now(),
        detail,
        target: { id: el.id, dataset: { sid: el.sid }, offsetLeft: 0, offsetTop: 0 },
        currentTarget: { id: current.id, dataset: { sid: current.sid }, offsetLeft: 0, offsetTop: 0 },
        mark: {},
        changedTouches: [],
        touches: [],
      })
      delivered++
      if (caught) break
    }
    return delivered
  }

  private findBySid(sid: string): WxElement | undefined {
    for (const el of walk(this.root())) if (el.sid === sid) return el
    return undefined
  }

  /** A compact outline of the page for failure messages: ids, classes and text. */
  outline(maxLines = 60): string {
    const lines: string[] = []
    const visit = (el: WxElement, depth: number) => {
      if (lines.length >= maxLines) return
      const interesting = el.raw.uid || el.tag === 'button' || el.tag === 'input' || el.tag === 'textarea'
      if (interesting) lines.push(`${'  '.repeat(Math.min(depth, 12))}${describe(el)}`)
      for (const c of el.children) visit(c, interesting ? depth + 1 : depth)
    }
    visit(this.root(), 0)
    const text = this.text().replace(/\s+/g, ' ').slice(0, 400)
    return `  page ${this.route} text: "${text}"\n${lines.map((l) => '    ' + l).join('\n')}`
  }
}

interface Compound {
  tag?: string
  id?: string
  classes: string[]
  attrs: Array<{ name: string; value?: string }>
}

function parseCompound(text: string): Compound {
  const out: Compound = { classes: [], attrs: [] }
  for (const m of text.matchAll(/(^[a-z][\w-]*)|#([^#.[\s]+)|\.([^#.[\s]+)|\[([\w-]+)(?:="?([^"\]]*)"?)?\]/g)) {
    if (m[1]) out.tag = m[1]
    else if (m[2]) out.id = m[2]
    else if (m[3]) out.classes.push(m[3])
    else if (m[4]) out.attrs.push({ name: m[4], value: m[5] })
  }
  return out
}

function matchesCompound(el: WxElement, c: Compound): boolean {
  if (el.tag === '#text' || el.tag === 'root') return false
  if (c.tag && el.tag !== c.tag) return false
  if (c.id && String(el.raw.uid ?? '') !== c.id) return false
  for (const cls of c.classes) if (!hasClass(el, cls)) return false
  for (const a of c.attrs) {
    // WXML attributes by name; other props as Taro stores them (aria-checked → ariaChecked).
    const camel = a.name.replace(/-([a-z])/g, (_m, ch: string) => ch.toUpperCase())
    const v = a.name in el.attrs ? el.attrs[a.name] : (el.raw[a.name] ?? el.raw[camel])
    if (v === undefined || v === null) return false
    if (a.value !== undefined && String(v) !== a.value) return false
  }
  return true
}

function matchesChain(el: WxElement, chain: Compound[]): boolean {
  if (!matchesCompound(el, chain[chain.length - 1])) return false
  let i = chain.length - 2
  for (let p = el.parent; p && i >= 0; p = p.parent) if (matchesCompound(p, chain[i])) i--
  return i < 0
}

/** `#id`, `.class`, `[attr]` or a tag name first: a selector; anything else is visible text. */
export function isSelector(target: string): boolean {
  return /^[#.[]/.test(target) || /^(view|text|button|input|textarea|scroll-view|image)\b/.test(target)
}
