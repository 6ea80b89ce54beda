/** The call-back rule property staff reveals rest on (issue #9 §7.6, domain/access/callback.ts). */
import { callbackPermits, parseServiceRequestId, type CallbackRequest } from '../../../domain/access/callback'

const open: CallbackRequest = { _id: 'r1', communityId: 'c_x', openid: 'o_a', buildingId: 'c_x_b01', unitId: 'c_x_b01_u101', callbackRequested: true, status: 'OPEN', closedAt: null }

test('an open request of that community that asked for a call-back permits the reveal', () => {
  expect(callbackPermits(open, 'c_x')).toBe(true)
})

test.each([
  ['no request', null],
  ['another community', { ...open, communityId: 'c_y' }],
  ['no call-back asked', { ...open, callbackRequested: false }],
  ['closed', { ...open, status: 'CLOSED' }],
  ['done', { ...open, status: 'DONE' }],
  ['closedAt set', { ...open, closedAt: new Date() }],
])('%s: denied', (_name, req) => {
  expect(callbackPermits(req as CallbackRequest | null, 'c_x')).toBe(false)
})

test('service request references are <kind>:<id>', () => {
  expect(parseServiceRequestId('repair:r_123')).toEqual({ kind: 'repair', id: 'r_123' })
  expect(parseServiceRequestId('constructor')).toBeNull()
  expect(parseServiceRequestId('Repair:x')).toBeNull()
  expect(parseServiceRequestId('repair:')).toBeNull()
})
