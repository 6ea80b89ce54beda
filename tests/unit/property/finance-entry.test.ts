/** What staff type on the 发布收支 page (issue #14 §2, "Bad input"): yuan in, integer fen out; a correction's changes in words. */
import { changeText, yuanToFen } from '../../../domain/finance/model'

test('yuan text → integer fen; negative, fractional fen and non-numbers are refused with a reason', () => {
  expect(yuanToFen('12')).toEqual({ fen: 1200 })
  expect(yuanToFen('1,234.5')).toEqual({ fen: 123450 })
  expect(yuanToFen(' 0.07 ')).toEqual({ fen: 7 })
  expect(yuanToFen('10000.00')).toEqual({ fen: 1_000_000 })
  // 0.1 + 0.2 style float errors cannot creep in: the digits are read, never multiplied as floats.
  expect(yuanToFen('1.15')).toEqual({ fen: 115 })
  expect(yuanToFen('-5')).toEqual({ problem: '金额不能为负数' })
  expect(yuanToFen('1.234')).toEqual({ problem: '金额最多两位小数（到分）' })
  expect(yuanToFen('十元')).toHaveProperty('problem')
  expect(yuanToFen('')).toEqual({ problem: '请填写金额' })
  expect(yuanToFen('1e5')).toHaveProperty('problem')
})

test('changes read as words with yuan, not as field paths in fen', () => {
  expect(changeText({ path: 'income.物业费', before: 1_000_000, after: 1_100_000 })).toBe('收入·物业费：10,000.00元 → 11,000.00元')
  expect(changeText({ path: 'fund.closingFen', before: 500, after: null })).toBe('维修资金期末余额：5.00元 → （无）')
  expect(changeText({ path: 'fund.uses.1', before: null, after: '100000|更换路灯|业主大会决议第2项' })).toBe('维修资金使用第1项：（无） → 更换路灯 1,000.00元（依据：业主大会决议第2项）')
})
