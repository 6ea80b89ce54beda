import type { CallOutput } from '@/services/cloud'

export type SecurityAlert = CallOutput<'household', 'securityAlerts'>['alerts'][number]

/**
 * What happened, in a reviewer's words. The alert names the unit only, never the person (the
 * server keeps it so, issue #9 §7.2): "someone" is all staff need to be careful with that unit.
 */
export function alertText(a: SecurityAlert): string {
  return a.limit === 'unit'
    ? '这套房屋当天业主身份在线核验多次不一致，已达到每日上限，当天暂停在线核验。'
    : '有人当天对这套房屋的业主身份在线核验多次不一致，已达到个人每日上限。'
}

/** The advice under every alert: staff review stays open, so look closely at that unit's applications. */
export const ALERT_ADVICE = '该房屋的入户申请请仔细核对身份（房产证、购房合同等）后再通过。'
