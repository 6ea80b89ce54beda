import type { ClientErrorCode } from '@domain/shared/errors'

/**
 * The one place where error codes become words people read (architecture.md, "How a call flows").
 * Typed as a Record over the closed union, so adding a code in domain/shared/errors.ts fails the
 * type check here until it has a message.
 */
export const ERROR_MESSAGES: Record<ClientErrorCode, string> = {
  UNAUTHENTICATED: '登录状态已失效，请重新进入小程序',
  FORBIDDEN: '您没有权限进行此操作',
  CONSENT_REQUIRED: '使用此功能需要先同意相关的个人信息处理',
  VALIDATION_FAILED: '填写的内容有误，请检查后重试',
  NOT_FOUND: '内容不存在或已被删除',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  RATE_LIMITED: '操作太频繁了，请稍后再试',
  UNKNOWN_ACTION: '当前版本不支持此操作，请更新小程序',
  INTERNAL: '服务暂时出了点问题，请稍后重试',
  BOOKING_SLOT_FULL: '该时段已约满，请选择其他时段',
  BOOKING_QUOTA_EXCEEDED: '您家已达到预约次数上限，请改天再约',
  BOOKING_OUTSIDE_WINDOW: '该日期或时段不在可预约范围内',
  BOOKING_CLOSED: '该时段不开放预约',
  BOOKING_CANCEL_CLOSED: '距开始时间太近，不能自行取消，请联系工作人员',
  BOOKING_PAUSED: '因多次未到场，预约功能暂停中，可提出申诉',
  HOUSEHOLD_ALREADY_MEMBER: '您已经是该房屋的成员',
  ROSTER_INVALID: '业主名册有误，请检查后重新导入',
  CONSENT_COOLDOWN: '您刚刚拒绝过授权，请稍后再试',
  AUDIENCE_EMPTY: '所选范围内没有住户，通知未发布',
  CONTENT_REFUSED: '内容未通过安全检查，请修改后再发布',
  ALREADY_VOTED: '这个表决权已经投过票了，以第一张有效选票为准',
  ELECTION_NOT_OPEN: '现在不在投票时间内',
  ELECTION_LOCKED: '同一事项表决终止后一年内不能再次发起',
  PAPER_MISMATCH: '两次录入的纸质选票不一致，请第三人核对原件后再录',
  NETWORK: '网络连接失败，请检查网络后重试',
}

export function errorMessage(code: ClientErrorCode): string {
  return ERROR_MESSAGES[code]
}
