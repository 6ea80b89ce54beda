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
  /**
   * Collections holding this purpose's data: on withdrawal every declared field is erased there
   * (R4.5; cloudfunctions/_core/personal-data.ts erasePurposeData derives the work from this).
   */
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
    // The real name is also kept on the account (user.updateProfile, 我的资料): erased there too.
    collections: ['household_members', 'users'],
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
    id: 'booking',
    title: '设施与服务预约',
    summary: '记录您预约的设施和时段，用于核对名额和签到；别人看不到是谁预约的',
    description: '记录您（或替您预约的家人、网格员）预约的设施、日期时段、房屋和签到情况，用于核对名额、每户限额、候补递补和签到。其他居民只能看到剩余名额，看不到是谁预约的。',
    legalBasis: 'CONTRACT',
    sensitive: false,
    optional: false,
    fields: [
      { key: 'resourceId', label: '预约的设施或服务', mask: 'none' },
      { key: 'date', label: '日期与时段', mask: 'none' },
      { key: 'unitId', label: '房屋号（计算每户限额）', mask: 'unit' },
      { key: 'bookedBy', label: '代为预约的人', mask: 'name' },
      { key: 'status', label: '预约、签到与未到场记录', mask: 'none' },
    ],
    retention: '预约日期后180天删除（未到场记录只按30天计算）',
    retentionDays: 180,
    recipients: ['设施管理方（居委会或物业）'],
    withoutIt: '您主动预约时才处理，无法预约则不影响其他功能',
    collections: ['bookings', 'booking_quotas', 'booking_standing'],
  },
  {
    id: 'booking_sensitive',
    title: '健康咨询与调解预约（敏感信息）',
    summary: '预约健康咨询或调解时记录简要事由，单独同意，30天后自动删除',
    description:
      '预约健康咨询、康复或矛盾调解时，只记录时段和您填写的简要事由，事由属于敏感个人信息（个人信息保护法第28—29条），需要您单独同意。不向其他居民展示（包括“某栋已预约”），服务结束30天后自动删除事由和姓名。',
    legalBasis: 'SEPARATE_CONSENT',
    sensitive: true,
    optional: true,
    fields: [
      { key: 'note', label: '咨询或调解事由（可不填）', sensitive: true, mask: 'hidden' },
      { key: 'openid', label: '预约人', sensitive: true, mask: 'hidden' },
    ],
    retention: '服务结束后30天删除事由与预约人',
    retentionDays: 30,
    recipients: ['提供该服务的社区卫生室或居委会调解员'],
    withoutIt: '无法在线预约健康咨询与调解，可到社区服务大厅现场办理；其他预约不受影响',
    collections: ['bookings'],
  },
  {
    id: 'booking_proxy',
    title: '网格员代为预约',
    summary: '您打电话或当面请求时，网格员可替您预约，每次都有记录',
    description: '同意本网格网格员在您电话或当面请求时替您预约设施和服务。预约会写明由谁代约，您可以随时查看和取消，每次代约都有记录。',
    legalBasis: 'CONSENT',
    sensitive: false,
    optional: true,
    fields: [{ key: 'bookedBy', label: '代约的网格员', mask: 'name' }],
    retention: '撤回同意时停止；已代约的记录按预约记录保存',
    retentionDays: null,
    recipients: ['所在网格的网格员'],
    withoutIt: '网格员需每次电话确认并记录后才能代约；您自己预约不受影响',
    collections: [],
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
    id: 'property_service',
    summary: '报修、对物业收支提问和评价物业时，把报修内容交给物业处理',
    title: '物业服务（报修、提问与评价）',
    description:
      '您报修时，报修的房屋或公共位置、问题描述、照片、期望上门时间和是否需要回电会交给物业服务企业处理；您对收支公示的提问以打码姓名公开；您对物业的评分只计入统计，不公开到个人。物业企业是独立的个人信息处理者，看不到住户名册。',
    legalBasis: 'CONSENT',
    sensitive: false,
    optional: true,
    fields: [
      { key: 'unitId', label: '报修房屋或位置', mask: 'unit' },
      { key: 'description', label: '报修描述', mask: 'none' },
      { key: 'photos', label: '报修照片', mask: 'none' },
      { key: 'preferredTime', label: '期望上门时间', mask: 'none' },
      { key: 'callbackRequested', label: '是否需要回电', mask: 'none' },
      { key: 'text', label: '提问内容（署名打码）', mask: 'none' },
      { key: 'scores', label: '服务评分', mask: 'hidden' },
    ],
    retention: '报修办结后保存2年，用于服务评价和争议处理；撤回同意时删除',
    retentionDays: 730,
    recipients: ['本社区物业服务企业', '居委会工作人员（超时督办时）'],
    withoutIt: '无法在线报修、提问和评价物业；可以电话或到物业服务中心报修，其他功能不受影响',
    collections: ['repair_requests', 'repair_ratings', 'finance_questions', 'scorecard_ratings'],
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
  {
    id: 'community_groups',
    summary: '在邻里群发帖、评论、接龙、投票和提交议事，邻居看到的姓名已打码',
    title: '邻里群与议事',
    description: '保存您在邻里群发布的帖子、评论、图片、接龙登记、投票和议事提议，展示给同一群的邻居（姓名打码）。发布前经微信内容安全检查；被举报或需复核的内容由居委会工作人员处理。',
    legalBasis: 'CONSENT',
    sensitive: false,
    optional: true,
    fields: [
      { key: 'posts', label: '帖子、评论和图片', mask: 'none' },
      { key: 'chainEntries', label: '接龙登记的内容', mask: 'phone' },
      { key: 'pollVotes', label: '投票选择（匿名投票不显示姓名）', mask: 'none' },
      { key: 'author', label: '发布人姓名', mask: 'name' },
    ],
    retention: '删除帖子或撤回同意时删除；群归档后保存1年',
    retentionDays: 365,
    recipients: ['同一群的邻居（姓名打码）', '居委会工作人员（内容审核）', '微信（内容安全检查）'],
    withoutIt: '可以浏览邻里群，不能发帖、评论、接龙、投票或提交议事',
    collections: ['group_members', 'posts', 'post_comments', 'post_reactions', 'post_reports', 'agenda_items'],
  },
  {
    id: 'owner_voting',
    summary: '业主表决的记名选票、委托和纸质选票录入，依法记录，只有您本人能看到自己的选择',
    title: '业主共同决定表决记录',
    description:
      '按《民法典》第278条进行业主共同决定和业委会选举时，记录每个表决权的选票（记名，谁投的、何时、通过本人、代理人还是纸质录入）、委托书和投票码摘要。选票内容只向投票人本人显示；公开的只有合计和不含姓名的选票文件。',
    legalBasis: 'LEGAL_DUTY',
    sensitive: false,
    optional: false,
    fields: [
      { key: 'choice', label: '表决意见', mask: 'hidden' },
      { key: 'voterOpenid', label: '投票人', mask: 'hidden' },
      { key: 'proxy', label: '委托代理人与委托书', mask: 'name' },
      { key: 'receiptHash', label: '投票码摘要', mask: 'none' },
    ],
    retention: '表决结果公布后保存至撤销期满（决定后1年）再加3个月',
    retentionDays: 455,
    recipients: ['投票人本人', '业主大会筹备组或业委会（计票、核对纸质选票）'],
    withoutIt: '依法记录；不投票不影响其他功能',
    collections: ['election_ballots', 'election_proxies', 'election_paper_entries'],
  },
  {
    id: 'candidate_disclosure',
    summary: '参选业委会委员时公开您的姓名、房号和参选陈述',
    title: '候选人信息公示（单独同意）',
    description: '您报名参选业主委员会委员时，在候选人公示页向本小区业主公开您的姓名、楼栋房号和参选陈述（个人信息保护法第25条，公开需单独同意）。',
    legalBasis: 'SEPARATE_CONSENT',
    sensitive: false,
    optional: true,
    fields: [
      { key: 'name', label: '姓名', mask: 'none' },
      { key: 'unitLabel', label: '楼栋房号', mask: 'none' },
      { key: 'statement', label: '参选陈述', mask: 'none' },
    ],
    retention: '选举结果确定后公示期满删除；撤回同意即撤下公示',
    retentionDays: null,
    recipients: ['本小区业主'],
    withoutIt: '不能报名参选；投票等其他功能不受影响',
    collections: ['election_candidates'],
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
