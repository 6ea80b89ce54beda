/**
 * msgSecCheck v2 for text people write (R5.8): `pass` publishes, `review` holds for a person,
 * `risky` is refused. When the API is down the caller decides: public text fails closed (held for
 * review), private text (a repair description only the property company reads) fails open.
 * One wrapper for every feature: the call, and what an answer means (`readAnswer`, pure).
 */
import { cloud } from './cloud'

export type ContentVerdict = 'PASS' | 'REVIEW' | 'RISKY' | 'UNAVAILABLE'
/** The verdict and, when the platform gave one, its label (domain/shared/sec-labels.ts says it in words). */
export interface ContentCheck {
  verdict: ContentVerdict
  label: number | null
}

/**
 * A msgSecCheck v2 answer → verdict. Anything but a clean errcode 0 with suggest pass/review/risky
 * is UNAVAILABLE. wx-server-sdk answers errCode (camelCase); the HTTPS API answers errcode.
 */
export function readAnswer(answer: unknown): ContentCheck {
  const a = answer as { errCode?: number; errcode?: number; result?: { suggest?: string; label?: number } } | null
  if (!a || typeof a !== 'object' || (a.errCode ?? a.errcode) !== 0 || !a.result) return { verdict: 'UNAVAILABLE', label: null }
  const s = a.result.suggest
  const verdict: ContentVerdict = s === 'pass' ? 'PASS' : s === 'risky' ? 'RISKY' : s === 'review' ? 'REVIEW' : 'UNAVAILABLE'
  return { verdict, label: typeof a.result.label === 'number' ? a.result.label : null }
}

/** Check `content` written by `openid`. scene 1 资料, 2 评论, 3 论坛, 4 社交日志. Never throws. */
export async function checkContent(openid: string, content: string, scene: 1 | 2 | 3 | 4, title?: string): Promise<ContentCheck> {
  try {
    // `title` is v2's optional title field (a notice's title is checked with its body).
    return readAnswer(await cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content, ...(title ? { title } : {}) } as never))
  } catch (e) {
    // errcode ≠ 0 (system busy, quota, no permission) or a network failure.
    console.warn('msgSecCheck unavailable:', (e as Error)?.message ?? e)
    return { verdict: 'UNAVAILABLE', label: null }
  }
}

/** The same, under the name notices and incidents call it by. */
export const checkTextLabelled = checkContent

export async function checkText(openid: string, content: string, scene: 1 | 2 | 3 | 4): Promise<ContentVerdict> {
  return (await checkContent(openid, content, scene)).verdict
}
