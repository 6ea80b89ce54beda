/** R6.7 family for proxy booking: members of one unit, except a tenant and the unit's owner (issue #11). */
import { oneFamily } from '../../../domain/booking/proxy'
import { RELATIONS } from '../../../domain/community/model'

test.each([
  ['OWNER', 'FAMILY', true],
  ['CO_OWNER', 'OWNER', true],
  ['TENANT', 'FAMILY', true],
  ['TENANT', 'TENANT', true],
  ['TENANT', 'OWNER', false],
  ['CO_OWNER', 'TENANT', false],
] as const)('%s and %s of one unit are one family: %s', (a, b, expected) => {
  expect(oneFamily(a, b)).toBe(expected)
})

test('symmetric for every pair of relations', () => {
  for (const a of RELATIONS) for (const b of RELATIONS) expect(oneFamily(a, b)).toBe(oneFamily(b, a))
})
