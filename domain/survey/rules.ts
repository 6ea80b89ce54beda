/**
 * Pure rules of a survey (issue #15): is a definition well formed, is a response valid against
 * it. Both return field errors (path → messages) so the function can answer VALIDATION_FAILED
 * with details and write nothing.
 */
import type { FieldErrors } from '../shared/errors'
import { LIMITS, type Answers, type Question, type SurveyDefinition } from './model'

function add(errors: FieldErrors, path: string, message: string): void {
  ;(errors[path] ??= []).push(message)
}

function uniqueIds(errors: FieldErrors, path: string, ids: string[], what: string): void {
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) add(errors, path, `${what}编号重复：${id}`)
    seen.add(id)
  }
}

/** Structure of a definition: at least one question, option lists ≤ 20, matrices ≤ 10 × 10, dates in order. */
export function checkDefinition(def: SurveyDefinition): FieldErrors {
  const errors: FieldErrors = {}
  if (def.questions.length === 0) add(errors, 'questions', '问卷至少需要一个问题')
  if (def.questions.length > LIMITS.questions) add(errors, 'questions', `问题不能超过${LIMITS.questions}个`)
  uniqueIds(errors, 'questions', def.questions.map((q) => q.id), '问题')
  def.questions.forEach((q, i) => {
    const p = `questions.${i}`
    const options = q.options ?? []
    if (q.kind === 'single' || q.kind === 'multiple') {
      if (options.length < 2) add(errors, `${p}.options`, '选择题至少需要两个选项')
      if (options.length > LIMITS.options) add(errors, `${p}.options`, `选项不能超过${LIMITS.options}个`)
      if (q.rows?.length) add(errors, `${p}.rows`, '只有矩阵题有行')
    } else if (q.kind === 'matrix') {
      const rows = q.rows ?? []
      if (rows.length < 1) add(errors, `${p}.rows`, '矩阵题至少需要一行')
      if (rows.length > LIMITS.matrixRows) add(errors, `${p}.rows`, `矩阵不能超过${LIMITS.matrixRows}行`)
      if (options.length < 2) add(errors, `${p}.options`, '矩阵题至少需要两列')
      if (options.length > LIMITS.matrixColumns) add(errors, `${p}.options`, `矩阵不能超过${LIMITS.matrixColumns}列`)
      uniqueIds(errors, `${p}.rows`, rows.map((r) => r.id), '行')
    } else if (options.length || q.rows?.length) {
      add(errors, `${p}.options`, q.kind === 'rating' ? '评分题固定为1–5分，不设选项' : '简答题不设选项')
    }
    uniqueIds(errors, `${p}.options`, options.map((o) => o.id), '选项')
  })
  if (def.audience.kind === 'grids' || def.audience.kind === 'buildings') {
    if (def.audience.ids.length === 0) add(errors, 'audience.ids', def.audience.kind === 'grids' ? '请选择至少一个网格' : '请选择至少一栋楼')
  } else if (def.audience.ids.length) add(errors, 'audience.ids', '该范围不需要指定网格或楼栋')
  const opens = Date.parse(def.opensAt)
  const closes = Date.parse(def.closesAt)
  if (!(closes > opens)) add(errors, 'closesAt', '截止时间必须晚于开始时间')
  return errors
}

const isString = (v: unknown): v is string => typeof v === 'string'

function checkAnswer(q: Question, v: unknown, errors: FieldErrors): void {
  const p = `answers.${q.id}`
  const optionIds = new Set((q.options ?? []).map((o) => o.id))
  switch (q.kind) {
    case 'single':
      if (!isString(v) || !optionIds.has(v)) add(errors, p, '请选择一个给出的选项')
      return
    case 'multiple':
      if (!Array.isArray(v) || v.length === 0 || !v.every((x) => isString(x) && optionIds.has(x))) add(errors, p, '请从给出的选项中选择')
      else if (new Set(v).size !== v.length) add(errors, p, '同一选项只能选一次')
      return
    case 'rating':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) add(errors, p, '请打1到5分')
      return
    case 'text':
      if (!isString(v) || v.trim().length === 0) add(errors, p, '请填写回答')
      else if ([...v].length > LIMITS.textLength) add(errors, p, `回答不能超过${LIMITS.textLength}字`)
      return
    case 'matrix': {
      const rowIds = new Set((q.rows ?? []).map((r) => r.id))
      if (!v || typeof v !== 'object' || Array.isArray(v)) {
        add(errors, p, '请为每一行选择')
        return
      }
      const entries = Object.entries(v as Record<string, unknown>)
      for (const [row, col] of entries) {
        if (!rowIds.has(row)) add(errors, `${p}.${row}`, '没有这一行')
        else if (!isString(col) || !optionIds.has(col)) add(errors, `${p}.${row}`, '请选择一个给出的选项')
      }
      // A required matrix needs every row; an optional one may be left out entirely, not half done.
      const answered = new Set(entries.map(([r]) => r))
      for (const r of q.rows ?? []) if (!answered.has(r.id)) add(errors, `${p}.${r.id}`, '这一行还没有选择')
      return
    }
  }
}

/**
 * A response against its survey: required questions answered, only known options, no answers to
 * questions the survey does not have. Returns the answers with empty optional ones dropped.
 */
export function checkResponse(questions: Question[], answers: Answers): { errors: FieldErrors; answers: Answers } {
  const errors: FieldErrors = {}
  const known = new Map(questions.map((q) => [q.id, q]))
  for (const id of Object.keys(answers)) if (!known.has(id)) add(errors, `answers.${id}`, '问卷中没有这个问题')
  const clean: Answers = {}
  for (const q of questions) {
    const v = answers[q.id]
    const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
    if (empty) {
      if (q.required) add(errors, `answers.${q.id}`, '这是必答题')
      continue
    }
    checkAnswer(q, v, errors)
    clean[q.id] = typeof v === 'string' && q.kind === 'text' ? v.trim() : v
  }
  return { errors, answers: clean }
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0
}
