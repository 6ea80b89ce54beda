/**
 * Issue #9 §7.2 on the join page: household.apply's RATE_LIMITED with staffReview is told in plain
 * words (whose limit, when it lifts, that nothing was sent) with one tap to apply for staff review;
 * any other RATE_LIMITED is not mistaken for it.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import { CloudError } from '@/services/cloud'
import { VerificationLimitNotice, verificationLimitOf, verificationLimitText } from '../verification-limit'

const limited = (details: unknown) => new CloudError({ code: 'RATE_LIMITED', requestId: 'r', details, serverMessage: '今天的在线核验次数已用完' })

test('the limit is read from RATE_LIMITED with staffReview only', () => {
  expect(verificationLimitOf(limited({ limit: 'person', attemptsPerDay: 5, retryAfter: '2026-12-01T16:00:00.000Z', staffReview: true }))).toEqual({
    limit: 'person',
    attemptsPerDay: 5,
    retryAfter: '2026-12-01T16:00:00.000Z',
  })
  expect(verificationLimitOf(limited({ limit: 'unit', staffReview: true }))?.limit).toBe('unit')
  expect(verificationLimitOf(limited({ limit: 'person' }))).toBeNull()
  expect(verificationLimitOf(new CloudError({ code: 'CONFLICT', requestId: 'r', details: { staffReview: true } }))).toBeNull()
  expect(verificationLimitOf(new Error('RATE_LIMITED'))).toBeNull()
})

test('the words say whose limit it is, that nothing was sent, and the staff-review way on', () => {
  const person = verificationLimitText({ limit: 'person', attemptsPerDay: 5, retryAfter: null })
  expect(person).toContain('您今天的在线核验次数已用完（每天最多 5 次）')
  expect(person).toContain('还没有提交')
  expect(person).toContain('不填身份证号提交')
  expect(verificationLimitText({ limit: 'unit', attemptsPerDay: 5, retryAfter: null })).toContain('这套房屋今天的在线核验次数已用完')
  // When it lifts, in the device's time zone (the server sends the next Asia/Shanghai midnight).
  const at = new Date('2026-12-01T16:00:00.000Z')
  const hh = String(at.getHours()).padStart(2, '0')
  expect(verificationLimitText({ limit: 'person', attemptsPerDay: 5, retryAfter: at.toISOString() })).toContain(`${hh}:00 以后可以再试`)
})

test('the notice offers one tap to staff review', () => {
  const onStaffReview = jest.fn()
  render(<VerificationLimitNotice limit={{ limit: 'person', attemptsPerDay: 5, retryAfter: null }} busy={false} onStaffReview={onStaffReview} />)
  fireEvent.click(screen.getByText('交工作人员审核'))
  expect(onStaffReview).toHaveBeenCalledTimes(1)
})
