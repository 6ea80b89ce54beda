/** The repair state machine and SLA clock (issue #14 §1), as a full table. */
import { REPAIR_ACTIONS, REPAIR_STATUSES, SLA_HOURS, availableActions, checkTransition, dueDates, overdueKind, periodOf, slaColour, type RepairAction, type RepairActor, type RepairStatus } from '../../../domain/repair/model'

/** Written out by hand (not derived from TRANSITIONS): status → action → [who, next]. */
const LEGAL: Partial<Record<RepairStatus, Partial<Record<RepairAction, [RepairActor, RepairStatus]>>>> = {
  SUBMITTED: { accept: ['STAFF', 'ACCEPTED'], cancel: ['REPORTER', 'CANCELLED'] },
  ACCEPTED: { assign: ['STAFF', 'ASSIGNED'], cancel: ['REPORTER', 'CANCELLED'] },
  ASSIGNED: { start: ['STAFF', 'IN_PROGRESS'] },
  IN_PROGRESS: { complete: ['STAFF', 'DONE'] },
  DONE: { confirm: ['REPORTER', 'CONFIRMED'], reopen: ['REPORTER', 'REOPENED'] },
  REOPENED: { accept: ['STAFF', 'ACCEPTED'] },
}

const cells = REPAIR_STATUSES.flatMap((s) => REPAIR_ACTIONS.flatMap((a) => (['STAFF', 'REPORTER'] as RepairActor[]).map((who) => [s, a, who] as const)))

test.each(cells)('%s × %s by %s', (status, action, who) => {
  const legal = LEGAL[status]?.[action]
  const r = checkTransition(status, action, who, 'a note')
  if (legal && legal[0] === who) expect(r).toMatchObject({ ok: true, rule: { to: legal[1] } })
  else expect(r).toMatchObject({ ok: false, reason: legal ? 'WRONG_ACTOR' : expect.stringMatching(/WRONG_STATE|WRONG_ACTOR/) })
})

test('closed states allow nothing; reopen and assign need a note', () => {
  for (const s of ['CONFIRMED', 'CANCELLED'] as const) expect([...availableActions(s, 'STAFF'), ...availableActions(s, 'REPORTER')]).toEqual([])
  expect(checkTransition('DONE', 'reopen', 'REPORTER', '  ')).toEqual({ ok: false, reason: 'NOTE_REQUIRED' })
  expect(checkTransition('ACCEPTED', 'assign', 'STAFF', '')).toEqual({ ok: false, reason: 'NOTE_REQUIRED' })
  expect(availableActions('DONE', 'REPORTER')).toEqual(['confirm', 'reopen'])
})

test('SLA: response then completion limits; colours with the last quarter amber', () => {
  const t0 = new Date('2026-11-01T00:00:00.000Z')
  const due = dueDates('ELEVATOR', t0)
  expect(due.responseDueAt.toISOString()).toBe('2026-11-01T00:30:00.000Z')
  expect(due.completionDueAt.getTime() - t0.getTime()).toBe(SLA_HOURS.ELEVATOR.completion * 3_600_000)
  const r = (status: RepairStatus) => ({ status, ...due })
  const at = (min: number) => new Date(t0.getTime() + min * 60_000)
  expect(overdueKind(r('SUBMITTED'), at(29))).toBeNull()
  expect(overdueKind(r('SUBMITTED'), at(31))).toBe('RESPONSE')
  // Accepted in time: only the completion limit runs.
  expect(overdueKind(r('ACCEPTED'), at(31))).toBeNull()
  expect(overdueKind(r('IN_PROGRESS'), at(24 * 60 + 1))).toBe('COMPLETION')
  expect(overdueKind(r('DONE'), at(48 * 60))).toBeNull()
  expect(slaColour(r('SUBMITTED'), at(10), 'ELEVATOR')).toBe('green')
  expect(slaColour(r('SUBMITTED'), at(25), 'ELEVATOR')).toBe('amber')
  expect(slaColour(r('SUBMITTED'), at(31), 'ELEVATOR')).toBe('red')
  expect(slaColour(r('CONFIRMED'), at(31), 'ELEVATOR')).toBe('grey')
})

test('periods are counted in China time', () => {
  expect(periodOf(new Date('2026-11-30T16:30:00.000Z'))).toBe('2026-12')
  expect(periodOf(new Date('2026-11-30T15:59:00.000Z'))).toBe('2026-11')
})
