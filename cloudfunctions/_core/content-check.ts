/**
 * msgSecCheck v2 for text people write (R5.8): `pass` publishes, `review` holds for a person,
 * `risky` is refused. When the API is down the caller decides: public text fails closed (held for
 * review), private text (a repair description only the property company reads) fails open.
 */
import { cloud } from './cloud'

export type ContentVerdict = 'PASS' | 'REVIEW' | 'RISKY' | 'UNAVAILABLE'

/** The verdict and msgSecCheck's label (what a refusal names, domain/shared/sec-labels.ts); label null when the check gave none. */
export interface ContentCheck {
  verdict: ContentVerdict
  label: number | null
}

/** With the label, for callers that tell the author why (notices, incidents). `title` is v2's optional title field. */
export async function checkTextLabelled(openid: string, content: string, scene: 1 | 2 | 3 | 4, title?: string): Promise<ContentCheck> {
  try {
    const res = (await cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content, ...(title ? { title } : {}) } as never)) as {
      errcode?: number
      result?: { suggest?: string; label?: number }
    }
    if (res?.errcode && res.errcode !== 0) return { verdict: 'UNAVAILABLE', label: null }
    const s = res?.result?.suggest
    const verdict: ContentVerdict = s === 'pass' ? 'PASS' : s === 'risky' ? 'RISKY' : s === 'review' ? 'REVIEW' : 'UNAVAILABLE'
    return { verdict, label: typeof res?.result?.label === 'number' ? res.result.label : null }
  } catch {
    return { verdict: 'UNAVAILABLE', label: null }
  }
}

export async function checkText(openid: string, content: string, scene: 1 | 2 | 3 | 4): Promise<ContentVerdict> {
  return (await checkTextLabelled(openid, content, scene)).verdict
}
