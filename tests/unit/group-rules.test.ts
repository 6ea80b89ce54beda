/** Pure rules of issue #13: the moderation verdict fails closed (R5.8); agenda transitions; poll result visibility. */
import { canTransition, pollResultsVisible, timeOrderedId, verdictOf } from '../../domain/group/rules'
import { readAnswer } from '../../cloudfunctions/_core/content-check'

describe('msgSecCheck v2 answer → verdict (the one wrapper, _core/content-check) → outcome', () => {
  const outcome = (answer: unknown) => verdictOf(readAnswer(answer))
  test('pass publishes, review holds, risky refuses with the label’s reason', () => {
    expect(outcome({ errCode: 0, result: { suggest: 'pass', label: 100 } })).toEqual({ outcome: 'PUBLISH' })
    expect(outcome({ errcode: 0, result: { suggest: 'review', label: 21000 } })).toMatchObject({ outcome: 'HOLD', reason: 'REVIEW' })
    expect(outcome({ errCode: 0, result: { suggest: 'risky', label: 20006 } })).toMatchObject({ outcome: 'REFUSE', label: 20006, note: expect.stringContaining('违法犯罪') })
  })
  test.each([[null], [undefined], [{ errCode: -1 }], [{ errCode: 0 }], [{ errCode: 0, result: { suggest: 'maybe' } }], ['garbage'], [{ result: { suggest: 'pass' } }]])('anything else holds as unavailable: %p', (answer) => {
    expect(outcome(answer)).toMatchObject({ outcome: 'HOLD', reason: 'UNAVAILABLE' })
  })
})

test('agenda: submitted → scheduled → discussed → decided → done, no skipping, declined is final', () => {
  expect(canTransition('SUBMITTED', 'SCHEDULED')).toBe(true)
  expect(canTransition('SCHEDULED', 'DISCUSSED')).toBe(true)
  expect(canTransition('DISCUSSED', 'DECIDED')).toBe(true)
  expect(canTransition('DECIDED', 'DONE')).toBe(true)
  expect(canTransition('SUBMITTED', 'DONE')).toBe(false)
  expect(canTransition('SUBMITTED', 'DECIDED')).toBe(false)
  expect(canTransition('DONE', 'SCHEDULED')).toBe(false)
  expect(canTransition('DECLINED', 'SCHEDULED')).toBe(false)
})

test('poll results: after voting or after the deadline', () => {
  const now = new Date('2026-12-01T00:00:00Z')
  expect(pollResultsVisible({ deadline: '2026-12-02T00:00:00Z' }, false, now)).toBe(false)
  expect(pollResultsVisible({ deadline: '2026-12-02T00:00:00Z' }, true, now)).toBe(true)
  expect(pollResultsVisible({ deadline: '2026-11-30T00:00:00Z' }, false, now)).toBe(true)
})

test('time-ordered ids sort by creation time as strings', () => {
  const a = timeOrderedId('p_', new Date(999), 'zz')
  const b = timeOrderedId('p_', new Date(1000), 'aa')
  expect(a < b).toBe(true)
})
