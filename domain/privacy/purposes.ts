/**
 * The purpose registry (R4.1): for every processing purpose, the data fields, legal basis,
 * sensitivity, retention, recipients and display masking. The privacy notice page, the consent
 * sheets and the server's consent guard are all generated from this table, so the notice always
 * matches the code. Changing anything here changes POLICY_VERSION (a hash of this table), and a new
 * policy version asks everyone again (R4.4, PIPL Art. 14).
 */
export type LegalBasis = 'CONSENT' | 'SEPARATE_CONSENT' | 'CONTRACT' | 'LEGAL_DUTY' | 'EMERGENCY'
export type MaskKind = 'name' | 'phone' | 'idNumber' | 'unit' | 'none' | 'hidden'

export interface PurposeField {
  key: string
  label: string
  sensitive?: boolean
  mask: MaskKind
}

export interface Purpose {
  id: string
  title: string
  /** One line: what it is for and what you get — leads onboarding step 2, details fold (issue #7 item 14). */
  summary: string
  /** What it is for, in plain words — shown on the sheet. */
  description: string
  legalBasis: LegalBasis
  sensitive: boolean
  /** Optional purposes may be refused without losing unrelated functions (PIPL Art. 16). */
  optional: boolean
  fields: PurposeField[]
  retention: string
  retentionDays: number | null
  recipients: string[]
  /** What stops working without it — said before asking (PIPL Art. 17, R4.3). */
  withoutIt: string
  /** Collections holding this purpose's data, wiped/anonymised on withdrawal (R4.5). */
  collections: string[]
}

export const PURPOSES = [
  {
    id: 'account',
    summary: '识别您的微信账号，保存昵称和长辈版设置，是使用小程序所必需的',
    title: '账号与基本服务',
    description: '识别您的微信账号（以微信分配的账号标识，不含您的微信号和手机号），保存昵称和长辈版等偏好，让您能使用通知、预约等基本服务。',
    legalBasis: 'CONTRACT',
    sensitive: false,
    optional: false,
    fields: [
      { key: 'openid', label: '微信账号标识', mask: 'hidden' },
      { key: 'nickname', label: '昵称', mask: 'none' },
      { key: 'elderMode', label: '长辈版设置', mask: 'none' },
    ],
    retention: '注销账号时删除',
    retentionDays: null,
    recipients: ['本小程序运营方'],
    withoutIt: '无法使用小程序',
    collections: ['users'],
  },
  {
    id: 'household',
    summary: '加入您所在的房屋，接收本楼栋通知；不同意仍可先逛逛',
    title: '房屋与家庭绑定',
    description: '记录您所在的社区、楼栋、房屋和与房屋的关系（业主、共有人、租户、家庭成员），用于加入社区、接收网格通知和身份审核。',
    legalBasis: 'CONSENT',
    sensitive: false,
    optional: true,
    fields: [
      { key: 'communityId', label: '所在社区', mask: 'none' },
      { key: 'unitId', label: '房屋号', mask: 'unit' },
      { key: 'relation', label: '与房屋关系', mask: 'none' },
      { key: 'realName', label: '姓名', mask: 'name' },
    ],
    retention: '退出房屋或注销账号后删除，审核记录保留3年',
    retentionDays: 1095,
    recipients: ['所在网格的网格员', '居委会工作人员', '该房屋业主（审核租户与家庭成员时）'],
    withoutIt: '无法加入房屋，不能接收本楼栋通知；其他功能不受影响',
    collections: ['household_members'],
  },
  {
    id: 'contact_phone',
    summary: '留一个电话，方便网格员、物业回电；号码打码显示，查看留痕',
    title: '联系电话',
    description: '保存您的手机号，方便网格员、物业在预约、报修时回电联系。展示时打码，查看完整号码会留痕并告知您。',
    legalBasis: 'CONSENT',
    sensitive: false,
    optional: true,
    fields: [{ key: 'phone', label: '手机号', mask: 'phone' }],
    retention: '撤回同意或注销账号时删除',
    retentionDays: null,
    recipients: ['所在网格的网格员', '物业服务人员'],
    withoutIt: '工作人员无法电话联系您；预约、通知等功能照常可用',
    collections: ['users'],
  },
  {
    id: 'owner_verification',
    summary: '用身份证号在线核验业主身份，核验后不保存原文',
    title: '业主身份核验（敏感信息）',
    description: '核对您的姓名、身份证号和不动产权证号，确认业主身份以参加业主投票。核验完成后只保留核验结果和加盐摘要，不保存身份证号原文。',
    legalBasis: 'SEPARATE_CONSENT',
    sensitive: true,
    optional: true,
    fields: [
      { key: 'realName', label: '姓名', mask: 'name' },
      { key: 'idNumber', label: '身份证号（仅保存摘要）', sensitive: true, mask: 'idNumber' },
      { key: 'certificateNo', label: '不动产权证号（仅保存摘要）', sensitive: true, mask: 'hidden' },
    ],
    retention: '身份证号核验后立即删除；核验结果在业主身份存续期间保存',
    retentionDays: null,
    recipients: ['业主大会筹备组或业委会（仅核验结果）'],
    withoutIt: '无法在线核验业主身份，可由工作人员线下核验；不影响其他功能',
    collections: ['owner_verifications'],
  },
  {
    id: 'special_care',
    summary: '登记独居、高龄等情况，网格员定期走访',
    title: '关爱服务信息（敏感信息）',
    description: '登记独居、高龄、残疾等需要关爱的情况，网格员据此定期走访。属于敏感个人信息，仅本网格网格员可见，访问留痕。',
    legalBasis: 'SEPARATE_CONSENT',
    sensitive: true,
    optional: true,
    fields: [
      { key: 'careFlags', label: '关爱类别', sensitive: true, mask: 'hidden' },
      { key: 'careNote', label: '关爱备注', sensitive: true, mask: 'hidden' },
    ],
    retention: '撤回同意后立即删除',
    retentionDays: null,
    recipients: ['所在网格的网格员'],
    withoutIt: '不会被列入关爱走访计划；其他功能不受影响',
    collections: ['care_profiles'],
  },
  {
    id: 'minor_household',
    summary: '监护人为未满14周岁的孩子登记称呼和出生年份',
    title: '未满14周岁家庭成员（监护人同意）',
    description:
      '由监护人为未满14周岁的孩子登记到家庭中（孩子不能自己注册），只记录称呼和出生年份，用于家庭成员名册。未满14周岁未成年人的信息属于敏感个人信息，需监护人单独同意（个人信息保护法第31条）。',
    legalBasis: 'SEPARATE_CONSENT',
    sensitive: true,
    optional: true,
    fields: [
      { key: 'displayName', label: '孩子的称呼', sensitive: true, mask: 'name' },
      { key: 'birthYear', label: '出生年份', sensitive: true, mask: 'hidden' },
    ],
    retention: '监护人删除、撤回同意或注销账号时删除；孩子年满14周岁时提醒本人自行注册',
    retentionDays: null,
    recipients: ['仅监护人本人可见'],
    withoutIt: '不能在小程序里登记孩子；不影响您本人的任何功能',
    collections: ['household_minors'],
  },
  {
    id: 'notifications',
    summary: '通知发布、预约变化时用微信提醒您',
    title: '消息提醒',
    description: '在通知发布、预约变化时通过微信订阅消息提醒您。',
    legalBasis: 'CONSENT',
    sensitive: false,
    optional: true,
    fields: [{ key: 'subscriptions', label: '订阅的提醒类型', mask: 'none' }],
    retention: '撤回同意时删除',
    retentionDays: null,
    recipients: ['微信（订阅消息通道）'],
    withoutIt: '收不到微信提醒，可在小程序内查看通知',
    collections: ['subscriptions'],
  },
  {
    id: 'owner_roster',
    summary: '依法导入的不动产登记名册，用于核定业主人数和面积',
    title: '业主名册（依法核定表决权）',
    description: '业委会或居委会导入不动产登记资料（楼栋房号、专有部分面积、权利人姓名和身份证号摘要），用于按《民法典》第278条和司法解释第8、9条核定业主人数和面积。身份证号导入时即转为加盐摘要，不保存原文。',
    legalBasis: 'LEGAL_DUTY',
    sensitive: true,
    optional: false,
    fields: [
      { key: 'unit', label: '楼栋房号', mask: 'unit' },
      { key: 'area', label: '专有部分面积及来源', mask: 'none' },
      { key: 'holders.name', label: '权利人姓名', mask: 'name' },
      { key: 'holders.idHash', label: '证件号（仅保存摘要）', sensitive: true, mask: 'hidden' },
    ],
    retention: '业主身份存续期间；表决记录保存至撤销期满（决定后1年）',
    retentionDays: null,
    recipients: ['业主大会筹备组或业委会', '居委会工作人员'],
    withoutIt: '依法处理，无需同意；对名册有异议可在公示期内提出',
    collections: ['owner_parties', 'units'],
  },
  {
    id: 'survey',
    summary: '参加社区问卷；匿名问卷不记录您是谁',
    title: '问卷调查',
    description:
      '保存您对社区问卷的回答，用于居委会了解居民需要。实名问卷记录回答人和房屋；匿名问卷只保存回答和日期，不记录您的账号、房屋和具体时间，防重复填写的标记与回答分开存放、无法对应。文字回答经内容安全检查后才对工作人员显示。',
    legalBasis: 'CONSENT',
    sensitive: false,
    optional: true,
    fields: [
      { key: 'answers', label: '问卷回答', mask: 'none' },
      { key: 'unitId', label: '房屋号（仅实名问卷）', mask: 'unit' },
    ],
    retention: '问卷结束后2年删除；撤回同意时删除您的实名回答（匿名回答无法对应到您，保留）',
    retentionDays: 730,
    recipients: ['居委会工作人员', '社区管理员（仅汇总结果）'],
    withoutIt: '不能填写问卷；其他功能不受影响',
    collections: ['survey_responses'],
  },
  {
    id: 'security_logs',
    summary: '记录谁在何时因何查看了您的信息，您可以随时查询',
    title: '访问与操作记录',
    description: '记录谁在何时因何查看了您的哪些信息、谁审核了您的申请，供您在“谁看过我的数据”中查询，也用于安全审计。',
    legalBasis: 'LEGAL_DUTY',
    sensitive: false,
    optional: false,
    fields: [
      { key: 'actor', label: '操作人（角色与打码姓名）', mask: 'name' },
      { key: 'field', label: '被查看的信息项', mask: 'none' },
      { key: 'reason', label: '查看理由', mask: 'none' },
    ],
    retention: '至少6个月（《网络安全法》第21条）；注销账号后以假名形式保留',
    retentionDays: 180,
    recipients: ['本小程序运营方'],
    withoutIt: '依法记录，无需同意',
    collections: ['access_log', 'audit_log'],
  },
] as const satisfies readonly Purpose[]

export type PurposeId = (typeof PURPOSES)[number]['id']
export const PURPOSE_IDS = PURPOSES.map((p) => p.id) as PurposeId[]

export function purposeById(id: PurposeId): Purpose {
  const found = (PURPOSES as readonly Purpose[]).find((p) => p.id === id)
  if (!found) throw new Error(`unknown purpose ${id}`)
  return found
}

/** Purposes that need a consent record (CONSENT / SEPARATE_CONSENT); others rest on another basis. */
export function needsConsent(p: Purpose): boolean {
  return p.legalBasis === 'CONSENT' || p.legalBasis === 'SEPARATE_CONSENT'
}

/** FNV-1a 32-bit: a tiny deterministic hash that runs the same on client and server. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

/** The policy version: changes whenever any purpose's text, fields, basis or retention changes. */
export const POLICY_VERSION = `2026.1-${fnv1a(JSON.stringify(PURPOSES))}`
