import { closuresText, hoursText, parseClosures, parseCount, parseHours } from '../resource-form'

test.each([
  ['09:00-12:00, 14:00-17:00', [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }]],
  ['9:00—11:30，14:30~17:30', [{ open: '09:00', close: '11:30' }, { open: '14:30', close: '17:30' }]],
  ['22:00-24:00', [{ open: '22:00', close: '24:00' }]],
  ['', []],
])('hours %s', (text, want) => expect(parseHours(text)).toEqual(want))

test.each(['9-12', '12:00-09:00', '25:00-26:00'])('bad hours %s give a message', (text) => expect(typeof parseHours(text)).toBe('string'))

test('round trips', () => {
  const hours = [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }]
  expect(parseHours(hoursText(hours))).toEqual(hours)
  const closures = [{ date: '2027-01-01', reason: '元旦' }, { date: '2027-02-06', reason: '春节' }]
  expect(parseClosures(closuresText(closures))).toEqual(closures)
})

test('closures need a real date first', () => {
  expect(parseClosures('2027-02-30 春节')).toMatch(/应以日期开头/)
  expect(parseClosures('2027-05-01')).toEqual([{ date: '2027-05-01', reason: '闭馆' }])
})

test('counts', () => {
  expect(parseCount('10', 1, 500)).toBe(10)
  expect(parseCount('', 1, 50, true)).toBeNull()
  expect(parseCount('0', 1, 50)).toMatch(/整数/)
  expect(parseCount('2.5', 1, 50)).toMatch(/整数/)
})
