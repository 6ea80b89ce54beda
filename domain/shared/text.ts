/**
 * Text that people type and others later read, in the app or in a spreadsheet (issue #9 §7.11).
 *
 * Names refuse what can disguise or break what is shown: control characters, zero-width
 * characters, bidirectional overrides and isolates (a name that reads 张三 but sorts, copies or
 * renders as something else), and lone surrogates (invalid UTF-16 that breaks JSON consumers and
 * database drivers).
 *
 * Spreadsheet formulas: a cell that starts with = + - @ (or a tab/CR) is run by Excel/WPS as a
 * formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`). Such values are neutralised with a leading
 * apostrophe on import, and again in every CSV we write (toCsv), so a stored value never becomes
 * a formula on someone's desk (OWASP "CSV injection").
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u180e]/
const BIDI = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Why a name is refused, in words for the person, or null when it is fine. */
export function unsafeTextProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return '包含无效的字符编码'
  if (CONTROL.test(text)) return '不能包含控制字符（如换行、制表符）'
  if (ZERO_WIDTH.test(text)) return '不能包含不可见的零宽字符'
  if (BIDI.test(text)) return '不能包含文字方向控制字符'
  return null
}

/** A plain number (-1, +3.5) is data, not a formula, even with a sign in front. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/

export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value)
}

/** `=HYPERLINK(…)` → `'=HYPERLINK(…)`: shown as text by every spreadsheet, never evaluated. */
export function neutralizeFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value
}

/** One CSV cell (RFC 4180 quoting), formula-neutralised. */
export function csvCell(value: unknown): string {
  const text = neutralizeFormula(value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value))
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows → CSV text (CRLF, with a BOM so Excel opens UTF-8). Every CSV export goes through this. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}
