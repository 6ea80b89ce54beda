/**
 * msgSecCheck v2 for text people write (R5.8): `pass` publishes, `review` holds for a person,
 * `risky` is refused. When the API is down the caller decides: public text fails closed (held for
 * review), private text (a repair description only the property company reads) fails open.
 */
import { cloud } from './cloud'

export type ContentVerdict = 'PASS' | 'REVIEW' | 'RISKY' | 'UNAVAILABLE'

export async function checkText(openid: string, content: string, scene: 1 | 2 | 3 | 4): Promise<ContentVerdict> {
  try {
    const res = (await cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content })) as { errcode?: number; result?: { suggest?: string } }
    if (res?.errcode && res.errcode !== 0) return 'UNAVAILABLE'
    const s = res?.result?.suggest
    return s === 'pass' ? 'PASS' : s === 'risky' ? 'RISKY' : s === 'review' ? 'REVIEW' : 'UNAVAILABLE'
  } catch {
    return 'UNAVAILABLE'
  }
}
