import type { BootstrapOutput } from '@domain/user/contract'
import { withdrawalConsequences, withdrawalDoneText } from '../consequences'

const session = (memberships: BootstrapOutput['memberships'], phoneMasked: string | null = null): BootstrapOutput => ({
  isNew: false,
  profile: { nickname: null, elderMode: null, realName: '张建国', phoneMasked },
  memberships,
  ownerReviews: 0,
  roles: [],
  capabilities: {},
  currentCommunity: { id: 'c_xuetangpo', name: '学堂坡社区' },
})
const home = (unitLabel: string, relation: 'OWNER' | 'TENANT', status: 'APPROVED' | 'APPLIED' | 'LEFT') => ({
  id: `hm_${unitLabel}`,
  communityId: 'c_xuetangpo',
  communityName: '学堂坡社区',
  unitId: `u_${unitLabel}`,
  unitLabel,
  relation,
  status,
})

// R4.5 / issue #7 item 3: the consequence is named with the person's own unit before they confirm.
test('withdrawing household names each verified home and pending application concretely', () => {
  const lines = withdrawalConsequences('household', session([home('2栋301', 'OWNER', 'APPROVED'), home('6栋302', 'TENANT', 'APPLIED'), home('1栋101', 'OWNER', 'LEFT')])).map((c) => c.before)
  expect(lines).toContain('您在 学堂坡社区 2栋301 的业主身份将解除，需重新申请并审核')
  expect(lines).toContain('您将不能再审核 2栋301 的租户和家庭成员申请')
  expect(lines).toContain('您对 学堂坡社区 6栋302 的入户申请将撤回，审核人员不会再看到')
  expect(lines.join('')).not.toContain('1栋101')
})

test('nothing concrete to lose → no consequence lines (the sheet falls back to the field list)', () => {
  expect(withdrawalConsequences('household', session([]))).toEqual([])
  expect(withdrawalConsequences('contact_phone', session([], null))).toEqual([])
  expect(withdrawalConsequences('household', null)).toEqual([])
})

test('withdrawing contact_phone names the masked number that goes', () => {
  expect(withdrawalConsequences('contact_phone', session([], '138****0001'))[0].before).toContain('138****0001')
})

test('the done text says what happened, in the past tense, with the unit', () => {
  const lines = withdrawalConsequences('household', session([home('2栋301', 'OWNER', 'APPROVED')]))
  expect(withdrawalDoneText('房屋与家庭绑定', lines, 1)).toBe('已撤回“房屋与家庭绑定”，已停止处理。您在 学堂坡社区 2栋301 的业主身份已解除')
  const withApplication = withdrawalConsequences('household', session([home('2栋301', 'OWNER', 'APPROVED'), home('6栋302', 'TENANT', 'APPLIED')]))
  expect(withdrawalDoneText('房屋与家庭绑定', withApplication, 2)).toContain('；您对 学堂坡社区 6栋302 的入户申请已撤回')
  expect(withdrawalDoneText('消息提醒', [], 2)).toBe('已撤回“消息提醒”，已停止处理并删除 2 条相关信息')
})

test('children registered to the homes are named with the count, and their deletion is said afterwards', () => {
  const lines = withdrawalConsequences('household', session([home('2栋301', 'OWNER', 'APPROVED')]), { minors: 2 })
  expect(lines.map((c) => c.before)).toContain('您为 2 位未满14周岁孩子登记的信息将删除')
  expect(withdrawalDoneText('房屋与家庭绑定', lines, 3)).toContain('孩子的登记信息已删除')
})
