import { isCloudError } from '@/services/cloud'
import { purposeTitle } from './policy'

/** Said instead of showing the sheet again within 48 h of a refusal (R4.5). */
export const COOLDOWN_MESSAGE = '您已拒绝，可在 我的 → 隐私设置 中随时开启'

/**
 * The words a page shows for a failed call. A refused consent gets a gentle, specific message:
 * only this function is unavailable, everything else works (PIPL Art. 16).
 */
export function errorText(error: unknown): string {
  if (!isCloudError(error)) return error instanceof Error && error.message ? error.message : '操作没有成功，请稍后重试'
  if (error.code === 'CONSENT_REQUIRED') {
    const details = (error.details ?? {}) as { purpose?: string; outcome?: string }
    const title = details.purpose ? purposeTitle(details.purpose) : '相关个人信息处理'
    if (details.outcome === 'cooldown') return `${COOLDOWN_MESSAGE}。未同意“${title}”时，仅此功能暂不可用，其他功能照常使用。`
    if (details.outcome === 'dismissed') return `您关闭了“${title}”的说明，此功能暂不可用，其他功能照常使用。需要时可再次打开，或在 我的 → 隐私设置 中开启。`
    if (details.outcome === 'refused') return `您未同意“${title}”，仅此功能暂不可用，其他功能照常使用。可在 我的 → 隐私设置 中随时开启。`
    return `使用此功能需要您同意“${title}”。其他功能照常使用。`
  }
  // Domain answers carry a specific zh-CN reason from the server (e.g. 您已申请该房屋，请等待审核).
  if (['HOUSEHOLD_ALREADY_MEMBER', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND', 'ROSTER_INVALID', 'VALIDATION_FAILED'].includes(error.code)) {
    return validationText(error.details) ?? error.serverMessage ?? error.message
  }
  return error.message
}

/** First field message of a VALIDATION_FAILED answer ({ fields: { path: [msg] } }). */
function validationText(details: unknown): string | null {
  const fields = (details as { fields?: Record<string, unknown> } | undefined)?.fields
  if (!fields || typeof fields !== 'object') return null
  for (const messages of Object.values(fields)) {
    if (Array.isArray(messages) && typeof messages[0] === 'string') return messages[0]
  }
  return null
}

/** Whether the failure is a consent the person declined (the page shows a calm note, not an error). */
export function isConsentDeclined(error: unknown): boolean {
  if (!isCloudError(error) || error.code !== 'CONSENT_REQUIRED') return false
  const outcome = (error.details as { outcome?: string } | undefined)?.outcome
  // Closing the sheet without deciding is a choice too: a calm note, not 加载失败.
  return outcome === 'refused' || outcome === 'cooldown' || outcome === 'dismissed'
}
