import { minorFormProblem, shanghaiYear } from '../minor-form'

// 2026-12-31 20:00 UTC is already 2027 in Shanghai: ages count where people live.
const newYearsEve = new Date('2026-12-31T20:00:00Z')

test('the year is the Shanghai year', () => {
  expect(shanghaiYear(newYearsEve)).toBe(2027)
})

test('a name and a 4-digit year under 14 pass', () => {
  expect(minorFormProblem('小宝', '2020', newYearsEve)).toBeNull()
  expect(minorFormProblem('小宝', '2014', newYearsEve)).toBeNull() // 13 in 2027
})

test('14 or older, a future year, a bad year or no name are refused with a reason', () => {
  expect(minorFormProblem('大宝', '2013', newYearsEve)).toMatch(/年满14周岁/)
  expect(minorFormProblem('小宝', '2028', newYearsEve)).toMatch(/不能晚于今年/)
  expect(minorFormProblem('小宝', '20x0', newYearsEve)).toMatch(/4位出生年份/)
  expect(minorFormProblem('  ', '2020', newYearsEve)).toMatch(/称呼/)
})
