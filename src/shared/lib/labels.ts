/** zh-CN labels for enum values the UI shows (role labels live with the roles in domain/access). */
export const RELATION_LABELS: Record<'OWNER' | 'CO_OWNER' | 'TENANT' | 'FAMILY', string> = {
  OWNER: '业主',
  CO_OWNER: '共有人',
  TENANT: '租户',
  FAMILY: '家庭成员',
}

export const MEMBERSHIP_STATUS_LABELS: Record<'APPLIED' | 'APPROVED' | 'REJECTED' | 'LEFT', string> = {
  // One word for one state everywhere: the join result, 首页, 我的房屋 and staff all say 待审核 (issue #7 item 10).
  APPLIED: '待审核',
  APPROVED: '已认证',
  REJECTED: '未通过',
  LEFT: '已退出',
}
