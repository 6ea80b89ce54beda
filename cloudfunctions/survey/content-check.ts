/**
 * Free-text answers through msgSecCheck v2 before anyone else sees them (R5.8): pass → shown,
 * review → held (counted, never shown), risky → refused with a reason. When the API is down we
 * fail closed: the answer is held, not shown (results are read by staff, a public-ish audience).
 */
import { cloud } from '../_core/cloud'

export type Verdict = 'PASS' | 'REVIEW' | 'RISKY'

export async function checkText(openid: string, content: string): Promise<Verdict> {
  try {
    const r = (await cloud.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content })) as { errCode?: number; errcode?: number; result?: { suggest?: string } }
    const suggest = r?.result?.suggest
    if (suggest === 'pass') return 'PASS'
    if (suggest === 'risky') return 'RISKY'
    return 'REVIEW'
  } catch {
    return 'REVIEW'
  }
}
