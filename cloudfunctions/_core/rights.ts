/**
 * The rights desk's records (R4.6): every access/copy or deletion request is tracked with its SLA.
 * The rule is 15 working days (hard limit 30 days); we simplify working days to 21 calendar days
 * until the holiday calendar exists. Requests served at once are recorded as COMPLETED.
 */
import { db } from './cloud'
import type { CallContext } from './context'
import { shortReference } from './id-hash'

export const RIGHTS_DEADLINE_DAYS = 21

export type RightsRequestType = 'ACCESS_COPY' | 'CORRECT' | 'DELETE_ACCOUNT'

export interface RightsRequestDoc {
  _id: string
  openid: string
  type: RightsRequestType
  status: 'RECEIVED' | 'IN_PROGRESS' | 'COMPLETED' | 'REFUSED'
  requestedAt: Date
  deadline: Date
  completedAt: Date | null
  refusalReason?: string | null
  result: Record<string, unknown>
}

export async function recordRightsRequest(
  ctx: CallContext,
  subject: string,
  type: RightsRequestType,
  result: Record<string, unknown>,
): Promise<string> {
  // A short opaque reference a person can read out (no account or request id inside, issue #7 §5).
  const id = shortReference('RR', subject, ctx.requestId)
  await db.collection('rights_requests').doc(id).set({
    data: {
      openid: subject,
      type,
      status: 'COMPLETED',
      requestedAt: ctx.now,
      deadline: new Date(ctx.now.getTime() + RIGHTS_DEADLINE_DAYS * 24 * 3600 * 1000),
      completedAt: ctx.now,
      result,
    },
  })
  return id
}
