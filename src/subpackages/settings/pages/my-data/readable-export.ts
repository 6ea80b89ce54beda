/**
 * 我的数据 as a person reads it (R4.6, PIPL Art. 45, issue #7 item 5): what we hold about them,
 * grouped by the purpose it serves, each field under its zh-CN name — and never our internals:
 * bookkeeping collections (idempotency …), document ids, openids, request ids. The same grouped
 * records, as JSON, are the machine-readable copy for portability.
 *
 * Defence in depth: whatever shape user.exportMyData answers with — per-collection documents
 * (`collections`) or already grouped by purpose (`groups`) — only allow-listed collections and
 * labelled fields are shown, and any value that looks like an internal id is dropped.
 */
import { PURPOSES, type Purpose } from '@domain/privacy/purposes'
import { formatDateTime } from '@/shared/lib/dates'

export interface ReadableField {
  label: string
  value: string
}
export interface ReadableRecord {
  fields: ReadableField[]
}
export interface ReadableGroup {
  key: string
  title: string
  records: ReadableRecord[]
}
export interface ReadableExport {
  generatedAt: string | null
  groups: ReadableGroup[]
}

/** Collections outside the purpose registry that are still the person's records; all others are internal. */
const RECORD_GROUPS: Record<string, { key: string; title: string }> = {
  consents: { key: 'consent_records', title: '授权与撤回记录' },
  consent_events: { key: 'consent_records', title: '授权与撤回记录' },
  rights_requests: { key: 'rights_requests', title: '个人信息权利申请' },
  role_grants: { key: 'work_roles', title: '工作角色' },
}

/** Field names people read. A field without a label is not shown on the page (it may be internal). */
const FIELD_LABELS: Record<string, string> = {
  nickname: '昵称',
  realName: '姓名',
  phone: '手机号',
  elderMode: '长辈版',
  relation: '与房屋关系',
  status: '状态',
  state: '状态',
  purposeId: '授权项目',
  event: '变更',
  previousState: '变更前',
  grantedAt: '同意时间',
  refusedAt: '拒绝时间',
  withdrawnAt: '撤回时间',
  at: '时间',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  reviewNote: '审核意见',
  reason: '理由',
  field: '查看的信息',
  actorRole: '查看人角色',
  type: '申请类型',
  requestedAt: '提交时间',
  deadline: '办理时限',
  completedAt: '完成时间',
  refusalReason: '未予办理的原因',
  role: '角色',
  result: '结果',
  matched: '核验结果',
  verifiedAt: '核验时间',
  careFlags: '关爱类别',
  careNote: '关爱备注',
  displayName: '称呼',
  birthYear: '出生年份',
  templateId: '提醒类型',
  revokedAt: '撤销时间',
  communityName: '社区',
  unitLabel: '房屋',
}

const VALUE_LABELS: Record<string, Record<string, string>> = {
  relation: { OWNER: '业主', CO_OWNER: '共有人', TENANT: '租户', FAMILY: '家庭成员' },
  status: {
    APPLIED: '待审核',
    APPROVED: '已认证',
    REJECTED: '未通过',
    LEFT: '已退出',
    RECEIVED: '已受理',
    IN_PROGRESS: '处理中',
    COMPLETED: '已完成',
    REFUSED: '未予办理',
  },
  state: { GRANTED: '已同意', REFUSED: '已拒绝', WITHDRAWN: '已撤回', NOT_ASKED: '未选择' },
  event: { GRANTED: '同意', REFUSED: '拒绝', WITHDRAWN: '撤回' },
  previousState: { GRANTED: '已同意', REFUSED: '已拒绝', WITHDRAWN: '已撤回' },
  type: { ACCESS_COPY: '查阅复制', CORRECT: '更正资料', DELETE_ACCOUNT: '注销账号' },
  field: { phone: '手机号' },
  role: {
    GRID_WORKER: '网格员',
    PROPERTY_STAFF: '物业人员',
    RC_STAFF: '居委会工作人员',
    COMMITTEE_MEMBER: '业委会成员',
    COMMUNITY_ADMIN: '社区管理员',
  },
}
VALUE_LABELS.actorRole = VALUE_LABELS.role

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * An internal identifier, not something a person said or was told: ASCII only, no spaces, and
 * built like our keys (o_demo_owner, rr:o_demo_owner:…, hm_…, c_xuetangpo_b02_u301).
 */
export function looksLikeInternalId(value: string): boolean {
  if (ISO_DATE.test(value)) return false
  return /^[A-Za-z0-9_:|#./-]{4,}$/.test(value) && /[_:|#]/.test(value)
}

const purposeTitles = new Map((PURPOSES as readonly Purpose[]).map((p) => [p.id, p.title]))

function readableValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    const parts = value.map((v) => readableValue(key, v)).filter((v): v is string => v !== null)
    return parts.length ? parts.join('、') : null
  }
  if (typeof value !== 'string') return null
  if (key === 'purposeId') return purposeTitles.get(value) ?? null
  const mapped = VALUE_LABELS[key]?.[value]
  if (mapped) return mapped
  if (ISO_DATE.test(value)) return formatDateTime(value)
  if (looksLikeInternalId(value)) return null
  return value
}

/** One stored document → its labelled, readable fields (only `keys` when given). */
export function readableRecord(doc: Record<string, unknown>, keys?: readonly string[]): ReadableRecord {
  const fields: ReadableField[] = []
  for (const [key, raw] of Object.entries(doc)) {
    if (keys && !keys.includes(key)) continue
    const label = FIELD_LABELS[key]
    if (!label) continue
    const value = readableValue(key, raw)
    if (value !== null) fields.push({ label, value })
  }
  return { fields }
}

type Docs = Record<string, Array<Record<string, unknown>>>

/**
 * What the page knows that the raw documents only hold as ids: membership id → "学堂坡社区 2栋301"
 * (from the session), so a home reads as a home, not as c_xuetangpo_b02_u301.
 */
export interface ExportContext {
  homes?: Map<string, string>
}

function fromCollections(collections: Docs, context: ExportContext): ReadableGroup[] {
  const groups = new Map<string, ReadableGroup>()
  const add = (key: string, title: string, record: ReadableRecord) => {
    if (record.fields.length === 0) return
    const group = groups.get(key) ?? { key, title, records: [] }
    group.records.push(record)
    groups.set(key, group)
  }
  const purposes = PURPOSES as readonly Purpose[]
  for (const purpose of purposes) {
    for (const collection of purpose.collections) {
      for (const stored of collections[collection] ?? []) {
        const home = collection === 'household_members' ? context.homes?.get(String(stored._id)) : undefined
        const doc = home ? { unitLabel: home, ...stored } : stored
        // users holds several purposes' fields: each purpose shows its own (account the rest of the labelled ones).
        const keys = collection === 'users' && purpose.id !== 'account' ? purpose.fields.map((f) => f.key) : undefined
        const exclude = collection === 'users' && purpose.id === 'account' ? usersFieldsOfOtherPurposes(purposes) : []
        const shown = keys ? doc : Object.fromEntries(Object.entries(doc).filter(([k]) => !exclude.includes(k)))
        add(purpose.id, purpose.title, readableRecord(shown, keys))
      }
    }
  }
  for (const [collection, group] of Object.entries(RECORD_GROUPS)) {
    for (const doc of collections[collection] ?? []) add(group.key, group.title, readableRecord(doc))
  }
  return [...groups.values()]
}

function usersFieldsOfOtherPurposes(purposes: readonly Purpose[]): string[] {
  return purposes.filter((p) => p.id !== 'account' && p.collections.includes('users')).flatMap((p) => p.fields.map((f) => f.key))
}

/** An answer that is already grouped by purpose (the server's readable shape): re-checked all the same. */
function fromGroups(groups: unknown[]): ReadableGroup[] {
  const out: ReadableGroup[] = []
  for (const g of groups) {
    if (!g || typeof g !== 'object') continue
    const group = g as Record<string, unknown>
    const key = String(group.purposeId ?? group.key ?? group.title ?? '')
    const title = typeof group.title === 'string' ? group.title : purposeTitles.get(key) ?? null
    const rawRecords = Array.isArray(group.records) ? group.records : Array.isArray(group.items) ? group.items : []
    if (!title) continue
    const records = rawRecords
      .map((r) => readableFromServerRecord(r))
      .filter((r): r is ReadableRecord => r !== null && r.fields.length > 0)
    if (records.length) out.push({ key, title, records })
  }
  return out
}

/** A server record is either `{ fields: [{ label, value }] }` or a plain labelled object. */
function readableFromServerRecord(r: unknown): ReadableRecord | null {
  if (!r || typeof r !== 'object') return null
  const rec = r as Record<string, unknown>
  if (Array.isArray(rec.fields)) {
    const fields = rec.fields
      .map((f) => f as { label?: unknown; value?: unknown })
      .filter((f) => typeof f.label === 'string' && (typeof f.value === 'string' || typeof f.value === 'number' || typeof f.value === 'boolean'))
      .map((f) => ({ label: f.label as string, value: readableValue('', f.value) }))
      .filter((f): f is ReadableField => f.value !== null)
    return { fields }
  }
  return readableRecord(rec)
}

/** Keys for the server's sections that no purpose declares (purpose: null), by their heading. */
const SECTION_KEYS: Record<string, string> = {
  同意记录: 'consent_records',
  个人信息权利请求: 'rights_requests',
  工作角色: 'work_roles',
}

/**
 * The server's readable view (`sections`, shape in domain/user/contract.ts): one section per
 * purpose, each record a title and label/value rows. Converted to groups and re-checked like any
 * other answer, so a server mistake still cannot put an id on the page.
 */
function fromSections(sections: unknown[]): ReadableGroup[] {
  return fromGroups(
    sections.map((raw) => {
      const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
      const title = typeof s.title === 'string' ? s.title : ''
      const key = typeof s.purpose === 'string' ? s.purpose : SECTION_KEYS[title] ?? 'other_records'
      const records = (Array.isArray(s.records) ? s.records : []).map((r) => {
        const rec = (r && typeof r === 'object' ? r : {}) as { title?: unknown; rows?: unknown }
        const rows = Array.isArray(rec.rows) ? rec.rows : []
        return { fields: [...(typeof rec.title === 'string' ? [{ label: '记录', value: rec.title }] : []), ...rows] }
      })
      return { purposeId: key, title, records }
    }),
  )
}

/** user.exportMyData's answer (any shape) → the page's groups. Unknown input → nothing shown. */
export function readableExport(answer: unknown, context: ExportContext = {}): ReadableExport {
  const a = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>
  const generatedAt = typeof a.generatedAt === 'string' ? a.generatedAt : null
  if (Array.isArray(a.sections) && a.sections.length > 0) return { generatedAt, groups: fromSections(a.sections) }
  if (Array.isArray(a.groups)) return { generatedAt, groups: fromGroups(a.groups) }
  if (a.collections && typeof a.collections === 'object') return { generatedAt, groups: fromCollections(a.collections as Docs, context) }
  return { generatedAt, groups: [] }
}

/** The machine-readable copy (PIPL Art. 45): the same grouped, labelled records, as JSON. */
export function portableJson(data: ReadableExport): string {
  return JSON.stringify(
    {
      format: 'linli-my-data/1',
      generatedAt: data.generatedAt,
      groups: data.groups.map((g) => ({
        purpose: g.title,
        records: g.records.map((r) => Object.fromEntries(r.fields.map((f) => [f.label, f.value]))),
      })),
    },
    null,
    2,
  )
}
