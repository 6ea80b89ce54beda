/**
 * The governance dashboard's figures (issue #15), as pure functions: the nightly job turns stored
 * data into one aggregate per community and month (computeAggregate), and dashboard.get turns
 * aggregates into figures beside the field study's baseline (figuresFrom). Any figure that
 * describes fewer than MIN_CELL households is suppressed; features that do not exist yet say so.
 */
import { BASELINE_FIGURES, STUDY_SOURCE, figureShare } from '../survey/baseline'
import { MIN_CELL, chinaDay } from '../survey/model'
import { PURPOSES, needsConsent, type Purpose } from '../privacy/purposes'

export interface AggregateInput {
  communityId: string
  month: string
  units: { _id: string; isParking: boolean; developerHeld: boolean; retired?: boolean }[]
  members: { openid: string; unitId: string; status: string }[]
  consents: { openid: string; purposeId: string; state: string }[]
  events: { openid: string; purposeId: string; event: string; at: Date | string }[]
  template: { surveyId: string; responses: { answers: Record<string, unknown> }[] } | null
}

export interface DashboardAggregate {
  communityId: string
  month: string
  households: number
  activeHouseholds: number
  accounts: number
  /** Current consent states among the community's accounts, per consent-based purpose. */
  consent: Record<string, { granted: number; refused: number; withdrawn: number }>
  /** Accounts that refused or withdrew at least one optional purpose. */
  refusedAny: number
  /** Refusals and withdrawals during the month, per purpose. */
  monthEvents: Record<string, { refused: number; withdrawn: number }>
  template: null | { surveyId: string; respondents: number; figures: Record<string, { count: number; answered: number }> }
}

export const monthOf = (d: Date) => chinaDay(d).slice(0, 7)

const CONSENT_PURPOSES = (PURPOSES as readonly Purpose[]).filter(needsConsent)

export function computeAggregate(i: AggregateInput): DashboardAggregate {
  const homes = i.units.filter((u) => !u.isParking && !u.developerHeld && !u.retired)
  const homeIds = new Set(homes.map((u) => u._id))
  const approved = i.members.filter((m) => m.status === 'APPROVED' && homeIds.has(m.unitId))
  const accounts = new Set(approved.map((m) => m.openid))
  const consent: DashboardAggregate['consent'] = {}
  const monthEvents: DashboardAggregate['monthEvents'] = {}
  const refusers = new Set<string>()
  for (const p of CONSENT_PURPOSES) {
    consent[p.id] = { granted: 0, refused: 0, withdrawn: 0 }
    monthEvents[p.id] = { refused: 0, withdrawn: 0 }
  }
  for (const c of i.consents) {
    const row = consent[c.purposeId]
    if (!row || !accounts.has(c.openid)) continue
    if (c.state === 'GRANTED') row.granted++
    else if (c.state === 'REFUSED' || c.state === 'WITHDRAWN') {
      if (c.state === 'REFUSED') row.refused++
      else row.withdrawn++
      refusers.add(c.openid)
    }
  }
  for (const e of i.events) {
    const row = monthEvents[e.purposeId]
    if (!row || !accounts.has(e.openid) || monthOf(new Date(e.at)) !== i.month) continue
    if (e.event === 'REFUSED') row.refused++
    else if (e.event === 'WITHDRAWN') row.withdrawn++
  }
  let template: DashboardAggregate['template'] = null
  if (i.template) {
    const figures: Record<string, { count: number; answered: number }> = {}
    for (const f of BASELINE_FIGURES) {
      const { count, answered } = figureShare(f, i.template.responses)
      figures[f.key] = { count, answered }
    }
    template = { surveyId: i.template.surveyId, respondents: i.template.responses.length, figures }
  }
  return {
    communityId: i.communityId,
    month: i.month,
    households: homes.length,
    activeHouseholds: new Set(approved.map((m) => m.unitId)).size,
    accounts: accounts.size,
    consent,
    refusedAny: refusers.size,
    monthEvents,
    template,
  }
}

export interface Figure {
  key: string
  group: '平台使用' | '隐私与同意' | '问卷（实地调查题目）' | '尚未上线'
  label: string
  /** Percent (one decimal) or a plain number; null when suppressed or not available. */
  value: number | null
  unit: '%' | '人' | '户' | '个'
  /** The count and the base it is a share of, when that is meaningful (null when suppressed). */
  count: number | null
  of: number | null
  suppressed: boolean
  available: boolean
  /** Where the figure comes from, in words. */
  source: string
  baseline: null | { value: number; statement: string; source: string }
  note: string | null
}

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0)
/** A figure about n households: suppressed when 0 < n < MIN_CELL, or when its base is under MIN_CELL. */
const small = (n: number, of: number | null) => (n > 0 && n < MIN_CELL) || (of !== null && of < MIN_CELL)

function share(base: Omit<Figure, 'value' | 'count' | 'of' | 'suppressed' | 'available' | 'unit'>, n: number, of: number): Figure {
  const suppressed = small(n, of)
  return { ...base, unit: '%', value: suppressed ? null : pct(n, of), count: suppressed ? null : n, of: suppressed ? null : of, suppressed, available: true }
}

const NOT_YET: [string, string][] = [
  ['groups_per_resident', '每位居民加入的邻里群'],
  ['notice_reach', '通知触达率与阅读用时'],
  ['election_turnout', '业委会选举投票率'],
  ['property_scorecard', '物业服务评分'],
  ['booking_use', '设施预约使用与爽约'],
  ['repair_resolution', '报修与事件办结用时'],
]

export function figuresFrom(a: DashboardAggregate): Figure[] {
  const out: Figure[] = []
  const study = (key: string) => {
    const f = BASELINE_FIGURES.find((x) => x.key === key)
    return f ? { value: f.value, statement: f.statement, source: STUDY_SOURCE } : null
  }
  out.push(
    share({ key: 'platform_use_households', group: '平台使用', label: '已在邻里绑定的住户', source: '已审核的房屋绑定 ÷ 在住房屋（不含车位和开发商持有）', baseline: study('platform_use'), note: '调查问的是“用过社区平台的居民”，这里是“已绑定的住户”' }, a.activeHouseholds, a.households),
    { key: 'accounts', group: '平台使用', label: '绑定房屋的账号', value: small(a.accounts, null) ? null : a.accounts, unit: '人', count: null, of: null, suppressed: small(a.accounts, null), available: true, source: '已审核的房屋绑定中的不同账号', baseline: null, note: a.activeHouseholds >= MIN_CELL ? `平均每户${(a.accounts / a.activeHouseholds).toFixed(1)}个账号` : null },
    share({ key: 'refused_any', group: '隐私与同意', label: '拒绝或撤回至少一项可选授权的居民', source: '同意记录（consents）中本社区账号的当前状态', baseline: study('refuse_collection'), note: null }, a.refusedAny, a.accounts),
  )
  for (const p of CONSENT_PURPOSES) {
    const c = a.consent[p.id] ?? { granted: 0, refused: 0, withdrawn: 0 }
    const m = a.monthEvents[p.id] ?? { refused: 0, withdrawn: 0 }
    const f = share({ key: `consent_${p.id}`, group: '隐私与同意', label: `同意“${p.title}”`, source: '同意记录（consents）', baseline: null, note: null }, c.granted, a.accounts)
    const monthly = m.refused + m.withdrawn
    f.note = small(monthly, null) ? '本月拒绝/撤回：少于5人，不显示' : `本月拒绝${m.refused}人、撤回${m.withdrawn}人`
    out.push(f)
  }
  if (!a.template) {
    out.push({ key: 'template', group: '问卷（实地调查题目）', label: '实地调查问卷', value: null, unit: '%', count: null, of: null, suppressed: false, available: false, source: '居委会发布的“智慧社区治理居民问卷”', baseline: null, note: '本社区还没有发布实地调查问卷模板' })
  } else {
    for (const fig of BASELINE_FIGURES) {
      const r = a.template.figures[fig.key] ?? { count: 0, answered: 0 }
      out.push(share({ key: `survey_${fig.key}`, group: '问卷（实地调查题目）', label: fig.label, source: `问卷“智慧社区治理居民问卷”（${a.template.respondents}份答卷）`, baseline: study(fig.key), note: null }, r.count, r.answered))
    }
  }
  for (const [key, label] of NOT_YET) {
    out.push({ key, group: '尚未上线', label, value: null, unit: '%', count: null, of: null, suppressed: false, available: false, source: '—', baseline: null, note: '该功能尚未上线，暂无数据（不是0）' })
  }
  return out
}
