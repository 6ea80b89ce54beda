/**
 * The names WeChat's base library puts on `wx`, read from miniprogram-api-typings (`interface Wx`
 * in types/wx/lib.wx.api.d.ts) with the TypeScript parser. The harness's `wx` has exactly these
 * names: code that calls anything else fails here as it fails on a phone (recipes.md §9).
 */
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const TYPINGS = path.dirname(require.resolve('miniprogram-api-typings/package.json'))
let cached: { names: string[]; promised: Set<string> } | undefined

function parse(): { names: string[]; promised: Set<string> } {
  if (cached) return cached
  const file = path.join(TYPINGS, 'types/wx/lib.wx.api.d.ts')
  const text = fs.readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, false)
  const names = new Set<string>()
  const promised = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) {
        if (!member.name || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) continue
        names.add(member.name.text)
        // Async APIs are typed `(option?: T) => PromisifySuccessResult<T, …>`: without callbacks they return a Promise.
        if (ts.isMethodSignature(member) && member.type && member.type.getText(source).startsWith('PromisifySuccessResult')) promised.add(member.name.text)
      }
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (names.size < 300 || promised.size < 100) throw new Error(`miniprogram-api-typings: ${names.size} names, ${promised.size} promisified in interface Wx — has the file layout changed?`)
  cached = { names: [...names].sort(), promised }
  return cached
}

export function wxApiNames(): string[] {
  return parse().names
}

/** The async APIs that return a Promise when called without success/fail/complete (base library ≥ 2.10.2). */
export function wxPromisifiedApis(): Set<string> {
  return parse().promised
}

export function typingsVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(TYPINGS, 'package.json'), 'utf8')) as { version: string }).version
}
