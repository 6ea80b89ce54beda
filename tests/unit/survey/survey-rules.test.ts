/** Pure survey rules (issue #15): response validation, suppression, CSV neutralisation and round trip. */
import { checkDefinition, checkResponse } from '../../../domain/survey/rules'
import { aggregate, suppressedCells } from '../../../domain/survey/results'
import { BOM, csvCell, neutralise, parseCsv, toCsv } from '../../../domain/survey/csv'
import { baselineTemplate, BASELINE_FIGURES } from '../../../domain/survey/baseline'
import type { Question } from '../../../domain/survey/model'

const matrix: Question = { id: 'm', kind: 'matrix', title: '满意度', required: true, rows: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], options: [{ id: 'y', label: '满意' }, { id: 'n', label: '不满意' }] }
const rating: Question = { id: 'r', kind: 'rating', title: '打分', required: false }

test('a matrix needs every row with a known column; a rating is an integer 1–5', () => {
  expect(checkResponse([matrix], { m: { a: 'y' } }).errors).toEqual({ 'answers.m.b': ['这一行还没有选择'] })
  expect(checkResponse([matrix], { m: { a: 'y', b: 'x' } }).errors).toEqual({ 'answers.m.b': ['请选择一个给出的选项'] })
  expect(checkResponse([matrix], { m: { a: 'y', b: 'n' } }).errors).toEqual({})
  expect(checkResponse([rating], { r: 6 }).errors['answers.r']).toBeDefined()
  expect(checkResponse([rating], { r: 2.5 }).errors['answers.r']).toBeDefined()
  expect(checkResponse([rating], {}).errors).toEqual({})
})

test('one suppressed cell takes the next smallest with it; zero is shown', () => {
  const choices = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id }))
  const cells = suppressedCells(choices, new Map([['a', 3], ['b', 6], ['c', 20]]), 29)
  expect(cells.map((c) => c.count)).toEqual([null, null, 20, 0])
  // Two small cells hide each other; nothing more is needed.
  expect(suppressedCells(choices, new Map([['a', 2], ['b', 4], ['c', 20]]), 26).map((c) => c.count)).toEqual([null, null, 20, 0])
})

test('a rating mean is hidden under 5 answers', () => {
  const few = aggregate([rating], [1, 2, 3].map((r) => ({ answers: { r }, moderation: {} })))
  expect(few.questions[0].mean).toBeNull()
  const many = aggregate([rating], [1, 2, 3, 4, 5, 5].map((r) => ({ answers: { r }, moderation: {} })))
  expect(many.questions[0].mean).toBe(3.33)
})

test('CSV cells starting with = + - @ or a tab get an apostrophe; quotes and newlines survive', () => {
  for (const s of ['=1+1', '+86', '-2', '@SUM(A1)', '\tx']) expect(neutralise(s)).toBe(`'${s}`)
  expect(neutralise('普通')).toBe('普通')
  expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"')
  const text = toCsv([['题目', '回答'], ['Q1', '他说"好",\r\n可以'], ['Q2', '=cmd']])
  expect(text.startsWith(BOM)).toBe(true)
  expect(parseCsv(text)).toEqual([['题目', '回答'], ['Q1', '他说"好",\r\n可以'], ['Q2', "'=cmd"]])
})

test('the field study template is a valid survey and every figure points at one of its answers', () => {
  const def = baselineTemplate('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')
  expect(checkDefinition(def)).toEqual({})
  for (const f of BASELINE_FIGURES) {
    const q = def.questions.find((x) => x.id === f.questionId)
    expect([f.key, q ? 'question' : 'missing']).toEqual([f.key, 'question'])
    for (const o of f.optionIds) expect(q!.options!.map((x) => x.id)).toContain(o)
  }
})
