/**
 * The copy of a person's data (R4.6, PIPL Art. 45), issue #9 §7.5 and issue #7 §5.
 *
 * What goes in: the caller's own records (their account, memberships, consents, requests …), the
 * records about them that staff made (who viewed their data, decisions on their applications),
 * and records of what the caller did (their reviews, reveals, grants as staff). Never a third
 * party's record, never an internal collection (idempotency), and no other person's account id:
 * other people appear as 他人, their names masked. Keys that embed the caller's openid or a
 * request id are left out — rights requests carry a short reference instead.
 *
 * Two views of the same selection: `collections` (machine-readable, portability) and `sections`
 * (readable, grouped by purpose from domain/privacy/purposes.ts, label/value rows).
 */
import { _ } from '../_core/cloud'
import { findAll } from '../_core/data'
import { communityNames, unitLabels } from '../_core/lookup'
import type { AnyDoc } from '../_core/personal-data'
import { stringRefersTo } from '../../domain/privacy/references'
import { maskName, maskPhone } from '../../domain/privacy/masking'
import { PURPOSES, type Purpose } from '../../domain/privacy/purposes'
import { ROLE_LABELS, type Role } from '../../domain/access/capabilities'
import { RELATION_LABELS, type Relation } from '../../domain/community/model'

const MEMBERSHIP_STATUS_LABELS = { APPLIED: '审核中', APPROVED: '已认证', REJECTED: '未通过', LEFT: '已退出' }

/** Bookkeeping of the platform, not personal data of anyone: never exported. */
export const INTERNAL_COLLECTIONS = ['idempotency'] as const

/** Whose record a document is: fields naming its subject (the person it is about or held for). */
const SUBJECT_FIELDS = ['openid', 'subjectOpenid', 'guardianOpenid', 'redeemedBy'] as const
/** Fields naming who did what a record records. */
const ACTOR_FIELDS = ['actorOpenid', 'createdBy', 'importedBy'] as const

/** Collections whose _id is safe to show (opaque, or the caller's own OpenID). */
const SHOWN_IDS = new Set(['users', 'household_members', 'role_grants', 'rights_requests'])
/** Keys that only the platform needs. */
const INTERNAL_KEYS = new Set(['requestId', 'adminCheckedAt'])

export const OTHER_PERSON = '（他人）'

const THIRD_PARTY_MASKS: Record<string, (v: string) => string> = { realName: maskName, nickname: maskName, name: maskName, phone: maskPhone }

export type ExportKind = 'own' | 'about' | 'acted'

/** own: held for the caller; about: staff's record of something about the caller; acted: the caller as actor. */
export function exportKind(doc: AnyDoc, openid: string): ExportKind | null {
  if (doc._id === openid || doc.openid === openid || doc.guardianOpenid === openid || doc.redeemedBy === openid) return 'own'
  const details = (doc.details ?? {}) as Record<string, unknown>
  if (doc.subjectOpenid === openid || details.subjectOpenid === openid || doc.target === openid) return 'about'
  if (ACTOR_FIELDS.some((f) => doc[f] === openid)) return 'acted'
  return null
}

function collectStrings(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') out.add(value)
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out))
  else if (value && typeof value === 'object' && !(value instanceof Date)) Object.values(value).forEach((v) => collectStrings(v, out))
}

/** Which of these strings are other people's account ids (live accounts, or pseudonyms of deleted ones). */
async function otherAccounts(docs: AnyDoc[], openid: string): Promise<Set<string>> {
  const strings = new Set<string>()
  docs.forEach((d) => collectStrings(d, strings))
  strings.delete(openid)
  const candidates = [...strings].filter((s) => /^[A-Za-z0-9_-]{6,64}$/.test(s))
  const found = new Set(candidates.filter((s) => /^anon_[0-9a-f]{24}$/.test(s)))
  for (let i = 0; i < candidates.length; i += 100) {
    const users = await findAll<AnyDoc>('users', { _id: _.in(candidates.slice(i, i + 100)) }, { max: 100 })
    users.forEach((u) => found.add(u._id))
  }
  return found
}

function redact(value: unknown, others: Set<string>, key?: string, maskNames = false): unknown {
  if (typeof value === 'string') {
    if (others.has(value)) return OTHER_PERSON
    if (maskNames && key && THIRD_PARTY_MASKS[key]) return THIRD_PARTY_MASKS[key](value)
    return value
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, others, key, maskNames))
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!INTERNAL_KEYS.has(k)) out[k] = redact(v, others, k, maskNames)
    return out
  }
  return value
}

/** The exported form of one document: internal keys and raw ids out, other people redacted. */
function exportDoc(collection: string, doc: AnyDoc, kind: ExportKind, openid: string, others: Set<string>): Record<string, unknown> {
  const out = redact(doc, others, undefined, kind !== 'own') as Record<string, unknown>
  const id = String(doc._id)
  if (!SHOWN_IDS.has(collection) || (id !== openid && (stringRefersTo(id, openid) || id.includes(openid)))) delete out._id
  return out
}

export interface ExportSelection {
  collections: Record<string, Record<string, unknown>[]>
  counts: Record<string, number>
  /** The kept documents with their kind, for the readable view. */
  kept: { collection: string; kind: ExportKind; doc: Record<string, unknown> }[]
}

export async function selectForExport(found: Record<string, AnyDoc[]>, openid: string): Promise<ExportSelection> {
  const picked: { collection: string; kind: ExportKind; doc: AnyDoc }[] = []
  for (const [collection, docs] of Object.entries(found)) {
    if ((INTERNAL_COLLECTIONS as readonly string[]).includes(collection)) continue
    for (const doc of docs) {
      const kind = exportKind(doc, openid)
      if (kind) picked.push({ collection, kind, doc })
    }
  }
  const others = await otherAccounts(picked.map((p) => p.doc), openid)
  // Who viewed the caller's data, by name: staff act in an official capacity (issue #7 §16).
  const viewers = [...new Set(picked.filter((p) => p.collection === 'access_log' && p.kind === 'about').map((p) => String(p.doc.actorOpenid)))]
  const viewerNames = new Map(
    (viewers.length ? await findAll<AnyDoc>('users', { _id: _.in(viewers) }, { max: 100 }) : []).map((u) => [u._id, String(u.realName ?? u.nickname ?? '')]),
  )
  for (const p of picked) {
    if (p.collection === 'access_log' && p.kind === 'about') p.doc = { ...p.doc, actorName: viewerNames.get(String(p.doc.actorOpenid)) ?? '（已注销）' }
  }
  const collections: Record<string, Record<string, unknown>[]> = {}
  const counts: Record<string, number> = {}
  const kept: ExportSelection['kept'] = []
  for (const p of picked) {
    const doc = exportDoc(p.collection, p.doc, p.kind, openid, others)
    ;(collections[p.collection] ??= []).push(doc)
    counts[p.collection] = (counts[p.collection] ?? 0) + 1
    kept.push({ collection: p.collection, kind: p.kind, doc })
  }
  return { collections, counts, kept }
}

// ---- The readable view -------------------------------------------------------------------

const LABELS: Record<string, string> = {
  _id: '编号', openid: '微信OpenID', nickname: '昵称', realName: '姓名', phone: '手机号', elderMode: '长辈版',
  currentCommunityId: '当前社区', createdAt: '创建时间', updatedAt: '更新时间', communityId: '社区', buildingId: '楼栋',
  unitId: '房屋', relation: '与房屋关系', status: '状态', reviewedBy: '审核人', reviewNote: '审核意见', reviewedAt: '审核时间',
  guardianOpenid: '监护人', purposeId: '事项', state: '状态', policyVersion: '隐私政策版本', channel: '操作位置',
  grantedAt: '授予/同意时间', refusedAt: '拒绝时间', withdrawnAt: '撤回时间', event: '事件', previousState: '此前状态', at: '时间',
  type: '类型', requestedAt: '提出时间', deadline: '办理期限', completedAt: '完成时间', result: '结果', role: '角色',
  gridIds: '网格', grantedBy: '授权人', revokedAt: '撤销时间', revokedBy: '撤销人', actorOpenid: '操作人', actorRole: '操作人角色',
  subjectOpenid: '信息主体', field: '信息项', reason: '理由', verifiedAt: '核验时间', partyId: '产权人编号', idHash: '证件号摘要',
  displayName: '称呼', birthYear: '出生年份', careFlags: '关爱类别', careNote: '关爱备注', function: '功能', action: '操作',
  target: '对象', details: '详情', viaInvite: '邀请码', propertyCompanyStaff: '物业公司人员', redeemedBy: '使用人',
  redeemedAt: '使用时间', expiresAt: '过期时间', cancelledAt: '作废时间', day: '日期', count: '次数', lastAt: '最近一次',
  kind: '类别', refusalReason: '拒绝理由', anonymisedAt: '匿名化时间', unitLabel: '房屋', actorName: '查看人',
}

/**
 * States the features store (repairs, bookings, incidents, notices, surveys …), in words. A state
 * code no feature has named yet is shown as 其他状态, never as the code (issue #7 item 5).
 */
const STATE_WORDS: Record<string, string> = {
  SUBMITTED: '已提交', ACCEPTED: '已受理', ASSIGNED: '已派单', IN_PROGRESS: '处理中', DONE: '已完成', CONFIRMED: '已确认',
  REOPENED: '重新处理', CANCELLED: '已取消', WAITLISTED: '候补中', PENDING_APPROVAL: '待审核', CHECKED_IN: '已签到',
  NO_SHOW: '未到场', RELEASED: '已释放', REJECTED: '未通过', REPORTED: '已上报', RESOLVED: '已解决', PUBLISHED: '已发布',
  HELD: '待复核', WITHDRAWN: '已撤回', DRAFT: '草稿', CLOSED: '已结束', OPEN: '进行中', PENDING: '待处理', ESCALATED: '已督办',
  EXPIRED: '已过期', APPROVED: '已通过',
}
const looksLikeStateCode = (value: string) => /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value) || value in STATE_WORDS

const VALUE_LABELS: Record<string, Record<string, string>> = {
  relation: RELATION_LABELS as Record<Relation, string>,
  status: { ...MEMBERSHIP_STATUS_LABELS, RECEIVED: '已受理', IN_PROGRESS: '办理中', COMPLETED: '已完成', REFUSED: '已拒绝' },
  state: { GRANTED: '已同意', REFUSED: '已拒绝', WITHDRAWN: '已撤回', NOT_ASKED: '未询问' },
  event: { GRANTED: '同意', REFUSED: '拒绝', WITHDRAWN: '撤回' },
  type: { ACCESS_COPY: '查阅复制', CORRECT: '更正', DELETE_ACCOUNT: '注销账号' },
  role: ROLE_LABELS as Record<Role, string>,
  actorRole: ROLE_LABELS as Record<Role, string>,
  result: { MATCHED: '一致', NOT_MATCHED: '不一致' },
  field: { phone: '手机号' },
  purposeId: Object.fromEntries(PURPOSES.map((p) => [p.id, p.title])),
}

/** Collections no purpose declares, grouped under a heading of their own. */
const OTHER_SECTIONS: { key: string; title: string; description: string; collections: string[] }[] = [
  { key: 'consents', title: '同意记录', description: '您对每一项个人信息处理的同意、拒绝和撤回，以及当时的隐私政策版本。', collections: ['consents', 'consent_events'] },
  { key: 'rights', title: '个人信息权利请求', description: '您提出的查阅复制、更正、注销等请求及办理期限。', collections: ['rights_requests'] },
  { key: 'roles', title: '工作角色', description: '您在社区担任的工作角色，以及您使用过的邀请码。', collections: ['role_grants', 'role_invites'] },
]

const zoned = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().replace('T', ' ').slice(0, 16)

interface Names {
  self: string
  communities: Map<string, string>
  units: Map<string, string>
  buildings: Map<string, string>
}

function formatValue(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return '—'
  if (value instanceof Date) return zoned(value)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    if (value === names.self) return key === 'openid' ? value : '本人'
    // A key built from the account id (an audit target, a booking's household key …) is an
    // internal id, not something the person stored: never shown on the page (issue #7 item 5).
    if (names.self && value.includes(names.self)) return '（内部编号，已隐藏）'
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value)) return zoned(new Date(value))
    if (key === 'communityId' || key === 'currentCommunityId') return names.communities.get(value) ?? value
    if (key === 'unitId') return names.units.get(value) ?? value
    if (key === 'buildingId') return names.buildings.get(value) ?? value
    // Any other record id (minor_…, hm_…, bk_…, ntc_…): lower-case prefix, underscore, key.
    if (/^[a-z]{1,12}_[A-Za-z0-9_:-]+$/.test(value) && key !== 'openid') return '（内部编号，已隐藏）'
    const label = VALUE_LABELS[key]?.[value]
    if (label) return label
    if (looksLikeStateCode(value)) return STATE_WORDS[value] ?? '其他状态'
    return value
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(key, v, names)).join('、') : '—'
  // Nested details (audit entries): 'label：value' pairs, readable like the rows.
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${LABELS[k] ?? '其他'}：${formatValue(k, v, names)}`).join('；') || '—'
}

function rowsOf(doc: Record<string, unknown>, keys: string[] | null, names: Names, purpose?: Purpose) {
  const fieldLabel = new Map((purpose?.fields ?? []).map((f) => [f.key, f.label]))
  return Object.entries(doc)
    // The caller's own account id is shown once, in the account section; not on every record.
    .filter(([k]) => (keys ? keys.includes(k) : k !== 'openid' && k !== '_id'))
    .map(([k, v]) => ({ label: fieldLabel.get(k) ?? LABELS[k] ?? '其他信息', value: formatValue(k, v, names) }))
}

export interface ExportSection {
  purpose: string | null
  title: string
  description: string
  records: { collection: string; title: string; rows: { label: string; value: string }[] }[]
}

const RECORD_TITLES: Record<string, string> = {
  users: '账号', household_members: '房屋', consents: '同意', consent_events: '同意变更', rights_requests: '请求',
  role_grants: '角色', role_invites: '邀请码', owner_verifications: '业主核验', care_profiles: '关爱登记',
  household_minors: '孩子', subscriptions: '订阅', access_log: '查看记录', audit_log: '操作记录',
  owner_verification_attempts: '核验次数', media_checks: '图片审核',
}

function recordTitle(collection: string, kind: ExportKind, doc: Record<string, unknown>, names: Names): string {
  // A collection without a title of its own is still never named by its internal name (issue #7 item 5).
  const base = RECORD_TITLES[collection] ?? '记录'
  if (collection === 'access_log' && kind === 'about') return '谁看过我的数据'
  if (collection === 'access_log' && kind === 'acted') return '我查看过的住户信息'
  if (collection === 'audit_log') return kind === 'acted' ? '我的操作' : '与我有关的操作'
  if (typeof doc.unitId === 'string' && names.units.has(doc.unitId)) return `${base}：${names.units.get(doc.unitId)}`
  if (typeof doc.purposeId === 'string') return `${base}：${VALUE_LABELS.purposeId[doc.purposeId] ?? doc.purposeId}`
  return base
}

/** The kept documents as readable sections: one per purpose that holds any of them, then the rest. */
export async function readableSections(kept: ExportSelection['kept'], openid: string): Promise<ExportSection[]> {
  const labels = await unitLabels(kept.map((k) => k.doc.unitId).filter((v): v is string => typeof v === 'string'))
  const names: Names = {
    self: openid,
    communities: await communityNames(kept.flatMap((k) => [k.doc.communityId, k.doc.currentCommunityId]).filter((v): v is string => typeof v === 'string')),
    units: new Map([...labels].map(([id, l]) => [id, l.label])),
    buildings: new Map([...labels.values()].map((l) => [l.unit.buildingId, l.buildingName])),
  }
  const sections: ExportSection[] = []
  const placed = new Set<number>()
  for (const p of PURPOSES as readonly Purpose[]) {
    const records: ExportSection['records'] = []
    kept.forEach((k, i) => {
      if (!p.collections.includes(k.collection)) return
      if (k.collection === 'users') {
        // One account document holds several purposes' fields: each section shows its own.
        const keys = p.fields.map((f) => f.key).filter((key) => key === 'openid' || k.doc[key] !== undefined)
        const doc = { ...k.doc, openid: k.doc._id ?? k.doc.openid }
        const rows = rowsOf(doc, keys, names, p).filter((r) => r.value !== '—' || p.id === 'account')
        if (rows.length) records.push({ collection: k.collection, title: RECORD_TITLES.users, rows })
        placed.add(i)
        return
      }
      records.push({ collection: k.collection, title: recordTitle(k.collection, k.kind, k.doc, names), rows: rowsOf(k.doc, null, names, p) })
      placed.add(i)
    })
    if (records.length) sections.push({ purpose: p.id, title: p.title, description: p.description, records })
  }
  const rest = kept.map((k, i) => ({ k, i })).filter(({ i }) => !placed.has(i))
  for (const s of OTHER_SECTIONS) {
    const records = rest.filter(({ k }) => s.collections.includes(k.collection)).map(({ k, i }) => {
      placed.add(i)
      return { collection: k.collection, title: recordTitle(k.collection, k.kind, k.doc, names), rows: rowsOf(k.doc, null, names) }
    })
    if (records.length) sections.push({ purpose: null, title: s.title, description: s.description, records })
  }
  const others = kept.filter((_k, i) => !placed.has(i))
  if (others.length) {
    sections.push({
      purpose: null,
      title: '其他记录',
      description: '与您有关的其他记录。',
      records: others.map((k) => ({ collection: k.collection, title: recordTitle(k.collection, k.kind, k.doc, names), rows: rowsOf(k.doc, null, names) })),
    })
  }
  return sections
}
