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
  /** Refusals and withdrawals of the month by the community's accounts, counted incrementally by the nightly job. */
  monthEvents: Record<string, { refused: number; withdrawn: number }>
  template: { surveyId: string; responses: { answers: Record<string, unknown> }[] } | null
}

/** What the nightly job reads from the other features (cloudfunctions/dashboard/features.ts). */
export interface FeatureFigures {
  groups: { available: boolean; groups: number; joined: number; residents: number; joiners: number }
  notices: { available: boolean; notices: number; receipts: number; read: number; medianReadMinutes: number | null }
  election: { available: boolean; title: string | null; rights: number; ballots: number }
  scorecard: { available: boolean; period: string; ratings: number; mean: number | null; repairsDone: number; repairMedianHours: number | null }
  booking: { available: boolean; bookings: number; households: number; checkedIn: number; noShows: number }
  incidents: { available: boolean; reported: number; resolved: number; medianHours: number | null }
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
  /** The other features' figures (absent in aggregates written before they were read). */
  features?: FeatureFigures
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
  for (const [purposeId, n] of Object.entries(i.monthEvents)) {
    const row = monthEvents[purposeId]
    if (!row) continue
    row.refused += n.refused
    row.withdrawn += n.withdrawn
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
  group: '平台使用' | '隐私与同意' | '问卷（实地调查题目）' | '邻里与通知' | '自治与物业' | '服务办结' | '尚未上线'
  label: string
  /** Percent (one decimal) or a plain number; null when suppressed or not available. */
  value: number | null
  unit: '%' | '人' | '户' | '个' | '分' | '小时' | '分钟'
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

/** A plain number (a mean, a median time) resting on n cases: hidden when n is 1–4. */
function plain(base: Omit<Figure, 'value' | 'count' | 'of' | 'suppressed' | 'available'>, value: number | null, n: number): Figure {
  // Nothing to take a mean or a median of: say so, never "0" or an empty value.
  if (n === 0) return { ...base, value: null, count: 0, of: null, suppressed: false, available: true, note: base.note ?? '本月还没有记录（不是0）' }
  const suppressed = n > 0 && n < MIN_CELL
  return { ...base, value: suppressed ? null : value, count: suppressed ? null : n, of: null, suppressed, available: true }
}

function notInUse(key: string, group: Figure['group'], label: string, note: string): Figure {
  return { key, group, label, value: null, unit: '%', count: null, of: null, suppressed: false, available: false, source: '—', baseline: null, note }
}

/** Figures of the other features; an aggregate written before they were read says "not yet". */
function featureFiguresOf(f: FeatureFigures | undefined): Figure[] {
  if (!f) {
    return [
      ['groups_per_resident', '每位居民加入的邻里群'],
      ['notice_reach', '通知触达率与阅读用时'],
      ['election_turnout', '业委会选举投票率'],
      ['property_scorecard', '物业服务评分'],
      ['booking_use', '设施预约使用与爽约'],
      ['incident_resolution', '事件办结用时'],
    ].map(([k, l]) => notInUse(k, '尚未上线', l, '尚未统计，暂无数据（不是0）'))
  }
  const out: Figure[] = []
  const g = f.groups
  if (!g.available) out.push(notInUse('groups_per_resident', '邻里与通知', '每位居民加入的邻里群', '本社区还没有邻里群（不是0）'))
  else {
    const per = plain({ key: 'groups_per_resident', group: '邻里与通知', label: '每位居民加入的邻里群', unit: '个', source: `邻里群成员（${g.groups}个群）÷ 绑定房屋的账号`, baseline: null, note: null }, g.residents ? Math.round((g.joined / g.residents) * 10) / 10 : null, g.residents)
    out.push(per, share({ key: 'groups_joined_share', group: '邻里与通知', label: '加入至少一个邻里群的居民', source: '邻里群成员 ÷ 绑定房屋的账号', baseline: null, note: null }, g.joiners, g.residents))
  }
  const n = f.notices
  if (!n.available) out.push(notInUse('notice_reach', '邻里与通知', '本月通知阅读率', '本社区还没有发布过通知（不是0）'))
  else if (n.notices === 0) out.push(notInUse('notice_reach', '邻里与通知', '本月通知阅读率', '本月还没有发布通知'))
  else {
    out.push(share({ key: 'notice_reach', group: '邻里与通知', label: '本月通知阅读率（按户）', source: `本月${n.notices}条通知的送达回执`, baseline: null, note: null }, n.read, n.receipts))
    out.push(plain({ key: 'notice_read_minutes', group: '邻里与通知', label: '通知发布到阅读的中位用时', unit: '分钟', source: '回执的首次阅读时间', baseline: null, note: null }, n.medianReadMinutes === null ? null : Math.round(n.medianReadMinutes), n.read))
  }
  const e = f.election
  if (!e.available) out.push(notInUse('election_turnout', '自治与物业', '业委会选举投票率', '本社区还没有进入投票阶段的选举（不是0）'))
  else out.push(share({ key: 'election_turnout', group: '自治与物业', label: `最近一次业主投票的参与率${e.title ? `（${e.title}）` : ''}`, source: '已投票的专有部分 ÷ 有表决权的专有部分', baseline: null, note: null }, e.ballots, e.rights))
  const s = f.scorecard
  if (!s.available) out.push(notInUse('property_scorecard', '自治与物业', '物业服务评分（本月）', '本月还没有物业评分（不是0）'))
  else {
    out.push(plain({ key: 'property_scorecard', group: '自治与物业', label: '物业服务平均评分（本月，1–5分）', unit: '分', source: `物业评分（${s.period}）`, baseline: null, note: '调查中的物业满意度见“问卷”一组' }, s.mean, s.ratings))
    out.push(plain({ key: 'repair_resolution', group: '服务办结', label: '报修从提交到完成的中位用时', unit: '小时', source: `物业评分的报修记录（${s.period}）`, baseline: null, note: null }, s.repairMedianHours, s.repairsDone))
  }
  const b = f.booking
  if (!b.available) out.push(notInUse('booking_use', '服务办结', '设施预约使用与爽约', '本社区还没有开放预约的设施（不是0）'))
  else {
    // A count of households: 0 is a real 0 here (the feature is in use), 1–4 is suppressed.
    const few = small(b.households, null)
    out.push({ key: 'booking_use', group: '服务办结', label: '本月预约设施的住户', unit: '户', value: few ? null : b.households, count: few ? null : b.households, of: null, suppressed: few, available: true, source: `本月${b.bookings}次预约`, baseline: null, note: null })
    out.push(share({ key: 'booking_no_show', group: '服务办结', label: '本月预约爽约率', source: '爽约 ÷（签到 + 爽约）', baseline: null, note: null }, b.noShows, b.checkedIn + b.noShows))
  }
  const i = f.incidents
  if (!i.available) out.push(notInUse('incident_resolution', '服务办结', '事件从上报到办结的中位用时', '本社区还没有上报过事件（不是0）'))
  else out.push(plain({ key: 'incident_resolution', group: '服务办结', label: '本月事件从上报到办结的中位用时', unit: '小时', source: `本月办结${i.resolved}件`, baseline: null, note: null }, i.medianHours, i.resolved))
  return out
}

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
  out.push(...featureFiguresOf(a.features))
  return out
}
