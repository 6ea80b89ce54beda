/**
 * The view layer at the data boundary. Taro renders every page through the templates in
 * base.wxml, one per node alias (`nn`): `<template name="tmpl_0_<nn>">` holds the real tag, which
 * data fields become which attributes (`value="{{i.p25}}"`) and which events it binds
 * (`bindtap="eh"`). The rendered tree is `page.data.root` (node fields `nn`, `cn` children, `v`
 * text, `sid`, `uid` the id attribute, `cl` class, `st` style). Reading the aliases from the
 * build keeps the harness independent of Taro's numbering; a Taro upgrade that changes the
 * template scheme fails loudly in parseTemplates.
 */
export interface TemplateInfo {
  nn: string
  tag: string
  /** Data field (p0, p1 …, focus) → attribute name. */
  attrs: Record<string, string>
  bind: Set<string>
  catch: Set<string>
  /** Text template: `<block>{{i.v}}</block>`. */
  text: boolean
}

export function parseTemplates(baseWxml: string): Map<string, TemplateInfo> {
  const out = new Map<string, TemplateInfo>()
  const re = /<template name="tmpl_0_([^"]+)">([\s\S]*?)<\/template>/g
  for (const m of baseWxml.matchAll(re)) {
    const [, name, body] = m
    const trimmed = body.trim()
    if (/^<block>\{\{i\.v\}\}<\/block>$/.test(trimmed)) {
      out.set(name, { nn: name, tag: '#text', attrs: {}, bind: new Set(), catch: new Set(), text: true })
      continue
    }
    const open = trimmed.match(/^<([a-z][\w-]*)([^>]*)>/)
    if (!open) continue
    const [, tag, attrText] = open
    if (tag === 'template') continue // a proxy (input/textarea choose _focus/_blur); resolved in templateFor
    const info: TemplateInfo = { nn: name, tag, attrs: {}, bind: new Set(), catch: new Set(), text: false }
    for (const a of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const [, attr, value] = a
      const ev = attr.match(/^(bind|catch):?(\w+)$/)
      if (ev && value === 'eh') {
        ;(ev[1] === 'bind' ? info.bind : info.catch).add(ev[2])
        continue
      }
      const field = value.match(/\bi\.(p\d+|focus)\b/)
      if (field) info.attrs[field[1]] = attr
    }
    out.set(name, info)
  }
  if (![...out.values()].some((t) => t.text) || ![...out.values()].some((t) => t.tag === 'view')) {
    throw new Error('base.wxml: no text or view template found — Taro changed its template scheme; update tests/weapp/harness/view.ts')
  }
  return out
}

/** A Taro node as it arrives in setData. */
export interface RawNode {
  nn?: string
  cn?: RawNode[]
  v?: string
  sid?: string
  uid?: string
  cl?: string
  st?: string
  focus?: unknown
  [field: string]: unknown
}

export interface WxElement {
  sid: string
  /** The id attribute (Taro's uid), or the sid when none was given. */
  id: string
  tag: string
  className: string
  style: string
  /** Attributes by their WXML names (value, disabled, open-type, placeholder …). */
  attrs: Record<string, unknown>
  bind: Set<string>
  catch: Set<string>
  children: WxElement[]
  parent?: WxElement
  /** The element's own text node value (for #text). */
  value?: string
  raw: RawNode
}

export function templateFor(templates: Map<string, TemplateInfo>, node: RawNode): TemplateInfo | undefined {
  const nn = String(node.nn ?? '')
  const direct = templates.get(nn)
  if (direct) return direct
  // input / textarea: `tmpl_0_<nn>` picks `_focus` or `_blur` by whether `focus` is set.
  return templates.get(`${nn}_${node.focus !== undefined ? 'focus' : 'blur'}`)
}

export function buildTree(templates: Map<string, TemplateInfo>, root: RawNode | undefined): WxElement {
  const make = (node: RawNode, parent?: WxElement): WxElement => {
    const t = templateFor(templates, node)
    const attrs: Record<string, unknown> = {}
    if (t) for (const [field, attr] of Object.entries(t.attrs)) if (node[field] !== undefined) attrs[attr] = node[field]
    const el: WxElement = {
      sid: String(node.sid ?? ''),
      id: String(node.uid ?? node.sid ?? ''),
      tag: t ? t.tag : node.nn === undefined ? 'root' : `unknown(${node.nn})`,
      className: String(node.cl ?? ''),
      style: String(node.st ?? ''),
      attrs,
      bind: t?.bind ?? new Set(),
      catch: t?.catch ?? new Set(),
      children: [],
      parent,
      value: t?.text ? String(node.v ?? '') : undefined,
      raw: node,
    }
    el.children = (node.cn ?? []).filter(Boolean).map((child) => make(child, el))
    return el
  }
  return make(root ?? { cn: [] })
}

export function textOf(el: WxElement): string {
  if (el.tag === '#text') return el.value ?? ''
  // Inputs show their value (or placeholder), as a person reads the screen.
  const own = el.tag === 'input' || el.tag === 'textarea' ? String(el.attrs.value ?? '') : ''
  return own + el.children.map(textOf).join('')
}

export function* walk(el: WxElement): Generator<WxElement> {
  yield el
  for (const c of el.children) yield* walk(c)
}

export function hasClass(el: WxElement, name: string): boolean {
  return el.className.split(/\s+/).includes(name)
}

export function isDisabled(el: WxElement): boolean {
  const d = el.attrs.disabled
  return d === true || d === 'true' || el.raw['aria-disabled'] === true || el.raw['aria-disabled'] === 'true'
}

/** The elements from `el` up to the root (the bubble path). */
export function pathToRoot(el: WxElement): WxElement[] {
  const out: WxElement[] = []
  for (let e: WxElement | undefined = el; e; e = e.parent) out.push(e)
  return out
}

/** A short description for messages: tag#id.class "text…". */
export function describe(el: WxElement): string {
  const id = el.raw.uid ? `#${el.raw.uid}` : ''
  const cls = el.className ? '.' + el.className.split(/\s+/).filter(Boolean).join('.') : ''
  const text = textOf(el).replace(/\s+/g, ' ').trim()
  return `<${el.tag}${id}${cls}>${text ? ` "${text.length > 30 ? text.slice(0, 30) + '…' : text}"` : ''}`
}

/** WeChat's setData path syntax: `root.cn.[0].v`, `a.b[2].c`, `list[0]`. */
export function parsePath(key: string): Array<string | number> {
  const parts: Array<string | number> = []
  for (const m of key.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) parts.push(m[1] !== undefined ? Number(m[1]) : m[2])
  return parts
}

export function applyPatch(data: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const parts = parsePath(key)
    let target: Record<string | number, unknown> = data
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]
      let next = target[part]
      if (next === null || typeof next !== 'object') {
        next = typeof parts[i + 1] === 'number' ? [] : {}
        target[part] = next
      }
      target = next as Record<string | number, unknown>
    }
    target[parts[parts.length - 1]] = value
  }
}
