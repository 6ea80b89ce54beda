import { Text, View } from '@tarojs/components'
import { isCloudError } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button } from '@/shared/ui'

/** What household.apply's RATE_LIMITED says (issue #9 §7.2): whose limit, and when it lifts. */
export interface VerificationLimit {
  limit: 'person' | 'unit'
  attemptsPerDay: number
  retryAfter: string | null
}

/**
 * The owner-verification limit, or null for any other error. Only an answer that offers staff
 * review (`details.staffReview: true`) is one: any other RATE_LIMITED keeps the generic message.
 */
export function verificationLimitOf(error: unknown): VerificationLimit | null {
  if (!isCloudError(error) || error.code !== 'RATE_LIMITED') return null
  const d = (error.details ?? {}) as { limit?: unknown; attemptsPerDay?: unknown; retryAfter?: unknown; staffReview?: unknown }
  if (d.staffReview !== true) return null
  return {
    limit: d.limit === 'unit' ? 'unit' : 'person',
    attemptsPerDay: typeof d.attemptsPerDay === 'number' ? d.attemptsPerDay : 5,
    retryAfter: typeof d.retryAfter === 'string' ? d.retryAfter : null,
  }
}

/** Plain words for the limit: what happened, that nothing was sent, and the way on. */
export function verificationLimitText(l: VerificationLimit): string {
  const who = l.limit === 'unit' ? '这套房屋今天的在线核验次数已用完' : `您今天的在线核验次数已用完（每天最多 ${l.attemptsPerDay} 次）`
  const when = l.retryAfter ? `，${formatDateTime(l.retryAfter)} 以后可以再试` : '，明天可以再试'
  return `${who}${when}。这次申请还没有提交。您现在就可以不填身份证号提交，由网格员或居委会工作人员核对后审核。`
}

/**
 * Shown on the join page instead of the ID-number field once the limit is reached: the person is
 * never stuck — one tap sends the same application without the ID number, for staff review.
 */
export function VerificationLimitNotice({ limit, busy, onStaffReview }: { limit: VerificationLimit; busy: boolean; onStaffReview: () => void }) {
  return (
    <View id='join-verification-limit' className='notice-block'>
      <Text className='title'>在线核验暂停</Text>
      <Text className='body-text notice-block'>{verificationLimitText(limit)}</Text>
      <Button id='join-staff-review' block loading={busy} onClick={onStaffReview}>
        交工作人员审核
      </Button>
    </View>
  )
}
