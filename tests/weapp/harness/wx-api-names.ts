/**
 * The names WeChat's base library puts on `wx`, read from miniprogram-api-typings (`interface Wx`
 * in types/wx/lib.wx.api.d.ts) with the TypeScript parser. The harness's `wx` has exactly these
 * names: code that calls anything else fails here as it fails on a phone (recipes.md §9).
 */
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const TYPINGS = path.dirname(require.resolve('miniprogram-api-typings/package.json'))
let cached: string[] | undefined

export function wxApiNames(): string[] {
  if (cached) return cached
  const file = path.join(TYPINGS, 'types/wx/lib.wx.api.d.ts')
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, false)
  const names = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) {
        if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) names.add(member.name.text)
      }
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (names.size < 300) throw new Error(`miniprogram-api-typings: only ${names.size} names in interface Wx — has the file layout changed?`)
  cached = [...names].sort()
  return cached
}

export function typingsVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(TYPINGS, 'package.json'), 'utf8')) as { version: string }).version
}
