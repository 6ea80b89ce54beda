import { maskIdNumber, maskName, maskPhone, unitLabelFor } from '@domain/privacy/masking'

describe('display masking (R4.9)', () => {
  test.each([
    ['张三', '张*'],
    ['张三明', '张*明'],
    ['欧阳娜娜', '欧阳**'],
    ['司马相如', '司马**'],
    ['李', '*'],
    ['', ''],
    [null, ''],
    ['  王芳 ', '王*'],
  ])('maskName(%p) → %p', (input, expected) => {
    expect(maskName(input as string | null)).toBe(expected)
  })

  test('maskName counts characters outside the BMP as one', () => {
    expect(maskName('张𠀾明')).toBe('张*明')
  })

  test('maskPhone keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('138 1234 1234')).toBe('138****1234')
    expect(maskPhone(null)).toBe('')
    expect(maskPhone('12345')).toBe('123****')
  })

  test('maskIdNumber keeps the first 3 and last 4 characters', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234')
    expect(maskIdNumber('11010119900307123X')).toBe('110***********123X')
    expect(maskIdNumber('123')).toBe('***')
  })

  test('unitLabelFor shows the full unit only to authorized roles or the subject', () => {
    expect(unitLabelFor(['GRID_WORKER'], '6栋', '302')).toBe('6栋302')
    expect(unitLabelFor(['RC_STAFF', 'RESIDENT'], '6栋', '302')).toBe('6栋302')
    expect(unitLabelFor('self', '6栋', '302')).toBe('6栋302')
    expect(unitLabelFor(['RESIDENT', 'OWNER'], '6栋', '302')).toBe('6栋')
    expect(unitLabelFor(['COMMITTEE_MEMBER'], '6栋', '302')).toBe('6栋')
    expect(unitLabelFor([], '6栋', '302')).toBe('6栋')
  })
})
