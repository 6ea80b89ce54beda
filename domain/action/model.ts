/** 你说我办 statuses (no zod here, so pages can import the labels without the schema library). */
export const ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { OPEN: '待办', IN_PROGRESS: '办理中', DONE: '已办结' }
