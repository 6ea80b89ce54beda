import { dayChoices, slotLabel } from '../day-choices'

test('large day buttons from today to the last bookable day, near days named', () => {
  expect(dayChoices('2026-12-31', '2027-01-03')).toEqual([
    { date: '2026-12-31', label: '今天 12月31日' },
    { date: '2027-01-01', label: '明天 1月1日' },
    { date: '2027-01-02', label: '后天 1月2日' },
    { date: '2027-01-03', label: '1月3日 周日' },
  ])
  expect(dayChoices('2026-12-01', '2026-12-31')).toHaveLength(14)
  expect(dayChoices('2026-12-01', '2026-11-30')).toEqual([])
})

test('slot labels read as a person says them', () => {
  expect(slotLabel('2026-12-03', '15:00', '16:00')).toBe('12月3日 周四 15:00–16:00')
})
