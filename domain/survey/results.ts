/**
 * Result aggregation, a pure function over the stored responses (issue #15). Any cell that
 * describes fewer than MIN_CELL respondents is suppressed (count null), and when a group has
 * exactly one suppressed cell the next smallest is suppressed too, so the hidden one cannot be
 * recovered by subtracting the others from the total (secondary suppression).
 */
import { MIN_CELL, SHOWN_MODERATION, type Choice, type Question, type SurveyResponseDoc } from './model'

export interface Cell {
  id: string
  label: string
  /** null when suppressed (fewer than MIN_CELL). */
  count: number | null
  /** Percent of those who answered the question (one decimal), null when suppressed. */
  share: number | null
}

export interface QuestionResult {
  questionId: string
  kind: Question['kind']
  title: string
  baseline: string | null
  answered: number
  /** single, multiple, rating (ids '1'..'5'). */
  cells: Cell[]
  /** matrix: one group of cells per row. */
  rows: { id: string; label: string; cells: Cell[] }[]
  /** rating: mean of 1–5, null when fewer than MIN_CELL answered. */
  mean: number | null
  /** text: answers that passed the content check or were released by staff (R5.8); held and refused ones are only counted. */
  texts: string[]
  /** Held for review (not yet released or refused). */
  held: number
  /** Refused after review: counted, never shown. */
  refused: number
  suppressed: boolean
}

export interface SurveyResults {
  respondents: number
  minCell: number
  questions: QuestionResult[]
}

const RATING_CHOICES: Choice[] = [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: `${n}分` }))
const MAX_TEXTS = 200

function pct(count: number, of: number): number {
  return of === 0 ? 0 : Math.round((count / of) * 1000) / 10
}

/** Counts → cells with primary and secondary suppression. */
export function suppressedCells(choices: Choice[], counts: Map<string, number>, answered: number, minCell = MIN_CELL): Cell[] {
  const raw = choices.map((c) => ({ id: c.id, label: c.label, n: counts.get(c.id) ?? 0 }))
  const hide = new Set(raw.filter((c) => c.n > 0 && c.n < minCell).map((c) => c.id))
  if (hide.size === 1) {
    const next = raw.filter((c) => !hide.has(c.id) && c.n > 0).sort((a, b) => a.n - b.n)[0]
    if (next) hide.add(next.id)
  }
  return raw.map((c) => (hide.has(c.id) ? { id: c.id, label: c.label, count: null, share: null } : { id: c.id, label: c.label, count: c.n, share: pct(c.n, answered) }))
}

function tally(ids: Iterable<string>, into: Map<string, number>): void {
  for (const id of ids) into.set(id, (into.get(id) ?? 0) + 1)
}

export function aggregate(questions: Question[], responses: Pick<SurveyResponseDoc, 'answers' | 'moderation'>[], minCell = MIN_CELL): SurveyResults {
  const out: QuestionResult[] = questions.map((q) => {
    const base: QuestionResult = { questionId: q.id, kind: q.kind, title: q.title, baseline: q.baseline ?? null, answered: 0, cells: [], rows: [], mean: null, texts: [], held: 0, refused: 0, suppressed: false }
    const values = responses.map((r) => ({ v: r.answers[q.id], mod: r.moderation?.[q.id] })).filter((x) => x.v !== undefined)
    base.answered = values.length
    if (q.kind === 'single' || q.kind === 'multiple') {
      const counts = new Map<string, number>()
      for (const { v } of values) tally(Array.isArray(v) ? (v as string[]) : [v as string], counts)
      base.cells = suppressedCells(q.options ?? [], counts, base.answered, minCell)
    } else if (q.kind === 'rating') {
      const counts = new Map<string, number>()
      let sum = 0
      for (const { v } of values) {
        tally([String(v)], counts)
        sum += v as number
      }
      base.cells = suppressedCells(RATING_CHOICES, counts, base.answered, minCell)
      base.mean = base.answered >= minCell ? Math.round((sum / base.answered) * 100) / 100 : null
    } else if (q.kind === 'matrix') {
      base.rows = (q.rows ?? []).map((row) => {
        const counts = new Map<string, number>()
        let n = 0
        for (const { v } of values) {
          const col = (v as Record<string, string>)[row.id]
          if (col !== undefined) {
            tally([col], counts)
            n++
          }
        }
        return { id: row.id, label: row.label, cells: suppressedCells(q.options ?? [], counts, n, minCell) }
      })
    } else {
      for (const { v, mod } of values) {
        if (mod && SHOWN_MODERATION.includes(mod)) {
          if (base.texts.length < MAX_TEXTS) base.texts.push(v as string)
        } else if (mod === 'REFUSED') base.refused++
        else base.held++
      }
    }
    base.suppressed = [...base.cells, ...base.rows.flatMap((r) => r.cells)].some((c) => c.count === null)
    return base
  })
  return { respondents: responses.length, minCell, questions: out }
}
