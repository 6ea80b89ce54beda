import { revealReasonProblem } from '../reveal-reason'

test('a reason of at least 4 characters after trimming is accepted', () => {
  expect(revealReasonProblem('上门走访')).toBeNull()
  expect(revealReasonProblem('  电话预约上门  ')).toBeNull()
  expect(revealReasonProblem('call back')).toBeNull()
})

test('empty, short or whitespace-padded short reasons are refused', () => {
  expect(revealReasonProblem('')).toBe('请填写查看理由')
  expect(revealReasonProblem('   ')).toBe('请填写查看理由')
  expect(revealReasonProblem('走访')).toContain('至少4个字')
  expect(revealReasonProblem('  走访一  ')).toContain('至少4个字')
})

test('characters outside the BMP count once, like a person counts them', () => {
  expect(revealReasonProblem('𠀀𠀀𠀀')).toContain('至少4个字')
})

test('one character repeated says nothing to the resident', () => {
  expect(revealReasonProblem('1111')).toContain('具体的工作理由')
  expect(revealReasonProblem('。。。。。')).toContain('具体的工作理由')
})

test('more than 200 characters is refused (the server limit)', () => {
  expect(revealReasonProblem('走访'.repeat(100))).toBeNull()
  expect(revealReasonProblem('走访'.repeat(100) + '了')).toContain('最多200')
})
