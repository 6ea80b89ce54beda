/**
 * CSV export of survey results (issue #15): UTF-8 with a BOM so Excel opens Chinese correctly,
 * CRLF rows, RFC 4180 quoting, and formula neutralisation — a cell starting with = + - @ or a tab
 * (or a carriage return) gets a leading apostrophe, so a resident's text can never run as a
 * formula in the spreadsheet of the staff member who opens it (CSV injection).
 */
import type { SurveyResults } from './results'

export const BOM = '\uFEFF'
export const CSV_HEADER = ['题号', '题目', '行', '选项', '人数', '占比%'] as const
/** What a suppressed cell reads as in the file. */
export const SUPPRESSED_MARK = '<5'

export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

export function csvCell(value: string | number | null): string {
  const s = neutralise(value === null ? '' : String(value))
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(rows: (string | number | null)[][]): string {
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** One row per cell of the results; text answers that passed the check as rows of their own. */
export function resultsCsv(results: SurveyResults): string {
  const rows: (string | number | null)[][] = [[...CSV_HEADER]]
  const cellRow = (qi: number, title: string, row: string, c: { label: string; count: number | null; share: number | null }) =>
    rows.push([`Q${qi + 1}`, title, row, c.label, c.count === null ? SUPPRESSED_MARK : c.count, c.share === null ? SUPPRESSED_MARK : c.share])
  results.questions.forEach((q, i) => {
    for (const c of q.cells) cellRow(i, q.title, '', c)
    for (const r of q.rows) for (const c of r.cells) cellRow(i, q.title, r.label, c)
    if (q.kind === 'text') {
      for (const text of q.texts) rows.push([`Q${i + 1}`, q.title, '文字回答', text, 1, null])
      if (q.held) rows.push([`Q${i + 1}`, q.title, '待审核', '（未通过审核前不导出）', q.held, null])
    }
  })
  rows.push(['', '答卷总数', '', '', results.respondents, null])
  return toCsv(rows)
}

/** A small RFC 4180 parser (quotes, doubled quotes, CRLF) — used by tests and to read exports back. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || (ch === '\r' && src[i + 1] === '\n')) {
      if (ch === '\r') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
