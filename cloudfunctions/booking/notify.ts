/**
 * Subscribe messages about a booking (promotion from the waitlist, approval, cancellation by
 * staff), only with the person's notifications consent (R4.3). WeChat limits: thing ≤ 20,
 * phrase ≤ 5 characters (R5.7) — truncated with an ellipsis. A failed send never fails the
 * booking change: the person also sees it in 我的预约.
 */
import { cloud } from '../_core/cloud'
import { getDoc } from '../_core/data'
import { consentId, type ConsentDoc } from '../../domain/privacy/consent-model'
import { consentView } from '../../domain/privacy/consent-rules'
import { purposeById } from '../../domain/privacy/purposes'
import type { BookingDoc } from '../../domain/booking/model'

/** The booking-status template configured in the MP admin (订阅消息 → 预约状态通知). */
export const BOOKING_TEMPLATE_ID = process.env.LINLI_TMPL_BOOKING_STATUS || 'tmpl_booking_status'
export const MINE_PAGE = 'subpackages/booking/pages/mine/index'

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

export async function notify(b: Pick<BookingDoc, 'openid' | 'date' | 'start'>, resourceName: string, phrase: string, note: string, now: Date): Promise<boolean> {
  const consent = await getDoc<ConsentDoc>('consents', consentId(b.openid, 'notifications'))
  if (!consentView(purposeById('notifications'), consent, now).effective) return false
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: b.openid,
      templateId: BOOKING_TEMPLATE_ID,
      page: MINE_PAGE,
      data: {
        thing1: { value: cut(resourceName, 20) },
        time2: { value: `${b.date} ${b.start}` },
        phrase3: { value: cut(phrase, 5) },
        thing4: { value: cut(note, 20) },
      },
    })
    return true
  } catch (e) {
    console.warn('booking notify failed', e instanceof Error ? e.message : e)
    return false
  }
}
