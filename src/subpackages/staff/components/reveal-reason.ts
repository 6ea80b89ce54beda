/**
 * The reason staff give before a masked field is revealed (access.reveal). The server requires
 * 4–200 characters after trimming; the client also refuses a reason that is one character
 * repeated ("1111", "。。。。"), which satisfies the length but tells the resident nothing.
 */
export const REVEAL_REASON_MIN = 4
export const REVEAL_REASON_MAX = 200

/** null when the reason can be sent; otherwise what to tell the staff member. */
export function revealReasonProblem(reason: string): string | null {
  const text = reason.trim()
  const chars = Array.from(text)
  if (chars.length === 0) return '请填写查看理由'
  if (chars.length < REVEAL_REASON_MIN) return `请填写至少${REVEAL_REASON_MIN}个字的查看理由`
  // The server counts UTF-16 units; a reason within 200 code points may still exceed it.
  if (text.length > REVEAL_REASON_MAX) return `查看理由最多${REVEAL_REASON_MAX}个字`
  if (new Set(chars).size === 1) return '请写明具体的工作理由，居民会看到它'
  return null
}
