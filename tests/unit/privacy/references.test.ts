import { refersTo, replaceReferences, stringRefersTo } from '@domain/privacy/references'

describe('finding a person in any document (R4.6)', () => {
  test('exact values, delimited keys, nested fields and arrays', () => {
    expect(refersTo({ openid: 'o_a' }, 'o_a')).toBe(true)
    expect(refersTo({ _id: 'o_a:household' }, 'o_a')).toBe(true)
    expect(refersTo({ _id: 'user:exportMyData:o_a:req1' }, 'o_a')).toBe(true)
    expect(refersTo({ details: { before: { reviewedBy: 'o_a' } } }, 'o_a')).toBe(true)
    expect(refersTo({ workerOpenids: ['o_b', 'o_a'] }, 'o_a')).toBe(true)
    expect(refersTo({ at: new Date(), n: 3, x: null }, 'o_a')).toBe(false)
  })

  test('one openid being a prefix of another is not a reference', () => {
    expect(stringRefersTo('o_demo_grid_worker_2', 'o_demo_grid_worker')).toBe(false)
    expect(stringRefersTo('o_demo_grid_worker_2:household', 'o_demo_grid_worker')).toBe(false)
    expect(stringRefersTo('o_demo_grid_worker:household', 'o_demo_grid_worker')).toBe(true)
  })

  test('replacement touches only delimited occurrences', () => {
    const doc = { _id: 'o_a:household', by: 'o_a', other: 'o_a_2', list: ['o_a'] }
    expect(replaceReferences(doc, 'o_a', 'anon_x')).toEqual({ _id: 'anon_x:household', by: 'anon_x', other: 'o_a_2', list: ['anon_x'] })
  })
})
