/**
 * Invite codes (role.invite / role.redeemInvite) are 8 letters or digits 2–9, read aloud and typed
 * by hand — often with a Chinese keyboard. What a person types is normalised before it is checked:
 * full-width characters (ＡＢＣ１２) become half-width, letters become upper case, and spaces,
 * hyphens and dots people add to group the code are dropped. The server accepts `[A-Z2-9]{8}`.
 */
export const INVITE_CODE_LENGTH = 8

export function normalizeInviteCode(raw: string): string {
  return (
    raw
      // Full-width ASCII (U+FF01–U+FF5E) → half-width; the ideographic space is dropped below.
      .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[\s\u3000\-_.·—–]+/g, '')
      .toUpperCase()
  )
}

export interface InviteCodeCheck {
  /** The normalised code, what the field shows. */
  code: string
  /** 8 valid characters: ready to send. */
  complete: boolean
  /** What to tell the person, or null (an incomplete but so far valid code is no problem). */
  problem: string | null
}

export function checkInviteCode(raw: string): InviteCodeCheck {
  const code = normalizeInviteCode(raw)
  if (/[01]/.test(code)) return { code, complete: false, problem: '邀请码里没有数字0和1，请核对（可能是字母）' }
  if (/[^A-Z2-9]/.test(code)) return { code, complete: false, problem: '邀请码只包含英文字母和数字2–9' }
  if (code.length > INVITE_CODE_LENGTH) return { code, complete: false, problem: `邀请码为${INVITE_CODE_LENGTH}位，请核对` }
  return { code, complete: code.length === INVITE_CODE_LENGTH, problem: null }
}
