/**
 * The privacy notice (个人信息处理规则), generated from the purpose registry (R4.1, PIPL Art. 17,
 * 网络数据安全管理条例 Art. 21) so that what we tell people is exactly what the code does.
 */
import { needsConsent, POLICY_VERSION, PURPOSES, type LegalBasis, type Purpose } from './purposes'
import { OPERATOR_NOT_CONFIGURED, type OperatorInfo } from './operator'

export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  CONSENT: '您的同意',
  SEPARATE_CONSENT: '您的单独同意（敏感个人信息）',
  CONTRACT: '履行与您的服务约定所必需',
  LEGAL_DUTY: '履行法定职责或义务所必需',
  EMERGENCY: '应对突发事件、保护生命健康所必需',
}

export interface NoticePurpose {
  id: string
  title: string
  summary: string
  description: string
  legalBasis: LegalBasis
  legalBasisLabel: string
  /** Consent-based purposes get a toggle; the others are shown but cannot be toggled. */
  toggleable: boolean
  separateConsent: boolean
  sensitive: boolean
  optional: boolean
  fields: { key: string; label: string; sensitive: boolean }[]
  retention: string
  retentionDays: number | null
  recipients: string[]
  withoutIt: string
}

export interface PrivacyNotice {
  policyVersion: string
  /** The version as people read it (2026.1); the hash part stays internal (issue #7 item 10). */
  policyLabel: string
  /** The operator's name, or a sentence saying it is not configured. */
  controller: string
  /** PIPL Art. 17: who processes the data and how to reach them, per deployment (null = not configured). */
  operator: OperatorInfo | null
  purposes: NoticePurpose[]
  /** The rights desk (R4.6) and how long requests take. */
  rights: string[]
  /** Lists of data collected and provided to others (网络数据安全管理条例 Art. 21 清单). */
  collectedList: { field: string; purposes: string[] }[]
  providedList: { recipient: string; purposes: string[] }[]
}

export function privacyNotice(operator: OperatorInfo | null = null): PrivacyNotice {
  const purposes = (PURPOSES as readonly Purpose[]).map<NoticePurpose>((p) => ({
    id: p.id,
    title: p.title,
    summary: p.summary,
    description: p.description,
    legalBasis: p.legalBasis,
    legalBasisLabel: LEGAL_BASIS_LABELS[p.legalBasis],
    toggleable: needsConsent(p),
    separateConsent: p.legalBasis === 'SEPARATE_CONSENT',
    sensitive: p.sensitive,
    optional: p.optional,
    fields: p.fields.map((f) => ({ key: f.key, label: f.label, sensitive: Boolean(f.sensitive) })),
    retention: p.retention,
    retentionDays: p.retentionDays,
    recipients: [...p.recipients],
    withoutIt: p.withoutIt,
  }))
  const collected = new Map<string, string[]>()
  const provided = new Map<string, string[]>()
  for (const p of purposes) {
    for (const f of p.fields) collected.set(f.label, [...(collected.get(f.label) ?? []), p.title])
    for (const r of p.recipients) provided.set(r, [...(provided.get(r) ?? []), p.title])
  }
  return {
    policyVersion: POLICY_VERSION,
    policyLabel: POLICY_VERSION.split('-')[0],
    controller: operator?.name ?? OPERATOR_NOT_CONFIGURED,
    operator,
    purposes,
    rights: [
      '查阅、复制：在“我的 → 我的数据”按用途查看我们保存的全部个人信息，并可下载一份机器可读的文件（转移给其他处理者）',
      '更正、补充：在“我的资料”中修改',
      '撤回同意：每一项可单独一键撤回，撤回后立即停止处理并删除相关信息',
      '注销账号：删除或匿名化您的全部信息；依法需保留的记录仅以假名保存',
      '申请受理后立即确认，15个工作日内办结，最长不超过30天；拒绝将说明理由和投诉渠道',
    ],
    collectedList: [...collected].map(([field, ps]) => ({ field, purposes: ps })),
    providedList: [...provided].map(([recipient, ps]) => ({ recipient, purposes: ps })),
  }
}
