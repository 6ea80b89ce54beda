/**
 * Issue #14 demo data for 学堂坡社区: the property company's repairs in every state with their
 * history, three published income-and-expenditure months (one corrected, with a maintenance-fund
 * use), questions answered and not, satisfaction ratings — and the scorecard cells computed from
 * them with the same functions the cloud functions apply (domain/scorecard/apply.ts). Fixed dates,
 * no clock.
 */
import { createHash } from 'node:crypto'
import { dueDates, periodOf, TRANSITIONS, type RepairAction, type RepairCategory, type RepairStatus } from '../domain/repair/model'
import { diffReports, type FinanceReport } from '../domain/finance/model'
import { cellId, emptyCell, type SatisfactionItem, type ScorecardCell } from '../domain/scorecard/model'
import { applyAnswer, applyItemScores, applyQuestionAsked, applyRepairCreated, applyRepairRating, applyRepairStep } from '../domain/scorecard/apply'

type Doc = Record<string, unknown> & { _id: string }

export const PROPERTY_COMPANY = { name: '湘邻物业服务有限公司', serviceCentre: '学堂坡社区物业服务中心', phone: '0731-8888 0000' }

const C = 'c_xuetangpo'
const STAFF = { openid: 'o_demo_property_staff', by: '物业 赵磊' }
const H = 3_600_000
const at = (iso: string, plusHours = 0) => new Date(new Date(iso).getTime() + plusHours * H)
const b = (n: number) => `${C}_b${String(n).padStart(2, '0')}`
const u = (bn: number, no: string) => `${b(bn)}_u${no}`

interface Plan {
  id: string
  openid: string
  building: number
  unit: string
  location: 'UNIT' | 'COMMON'
  place: string
  category: RepairCategory
  description: string
  callback: boolean
  createdAt: string
  /** Steps with hours after the report, and notes. */
  steps: [RepairAction, number, string?][]
  rating?: [number, string[]]
}

const PLANS: Plan[] = [
  { id: 'rp_demo_submitted', openid: 'o_demo_resident', building: 6, unit: '302', location: 'UNIT', place: '6栋302', category: 'WATER_ELECTRIC', description: '厨房水龙头一直滴水，关不紧', callback: true, createdAt: '2026-11-28T01:00:00.000Z', steps: [] },
  { id: 'rp_demo_accepted', openid: 'o_demo_owner', building: 1, unit: '101', location: 'COMMON', place: '1栋单元门（1栋附近）', category: 'DOOR_WINDOW', description: '单元门闭门器坏了，门关不上', callback: false, createdAt: '2026-11-27T02:00:00.000Z', steps: [['accept', 1]] },
  { id: 'rp_demo_assigned', openid: 'o_demo_elder', building: 4, unit: '102', location: 'UNIT', place: '4栋102', category: 'WATER_ELECTRIC', description: '卫生间插座没电，跳闸后合不上', callback: true, createdAt: '2026-11-26T03:00:00.000Z', steps: [['accept', 1], ['assign', 2, '电工 李师傅']] },
  { id: 'rp_demo_in_progress', openid: 'o_demo_owner', building: 3, unit: '502', location: 'COMMON', place: '3栋楼道灯（3栋附近）', category: 'PUBLIC_LIGHTING', description: '3栋4楼到5楼楼道灯不亮', callback: false, createdAt: '2026-11-20T10:00:00.000Z', steps: [['accept', 2], ['assign', 3, '电工 李师傅'], ['start', 20]] },
  { id: 'rp_demo_done', openid: 'o_demo_resident', building: 6, unit: '302', location: 'UNIT', place: '6栋302', category: 'DOOR_WINDOW', description: '卧室窗户把手松了，关窗漏风', callback: false, createdAt: '2026-11-15T01:00:00.000Z', steps: [['accept', 1], ['assign', 2, '维修工 王师傅'], ['start', 24], ['complete', 26]] },
  { id: 'rp_demo_confirmed', openid: 'o_demo_resident', building: 6, unit: '302', location: 'COMMON', place: '6栋电梯（6栋附近）', category: 'ELEVATOR', description: '电梯按钮3楼的不亮，按了没反应', callback: false, createdAt: '2026-11-03T00:00:00.000Z', steps: [['accept', 0.25], ['assign', 0.5, '电梯维保 刘工'], ['start', 2], ['complete', 6], ['confirm', 8]], rating: [5, ['响应及时', '修得彻底']] },
  { id: 'rp_demo_reopened', openid: 'o_demo_elder', building: 4, unit: '102', location: 'UNIT', place: '4栋102', category: 'WATER_ELECTRIC', description: '阳台下水道堵了，水下不去', callback: true, createdAt: '2026-11-10T02:00:00.000Z', steps: [['accept', 3], ['assign', 4, '维修工 王师傅'], ['start', 20], ['complete', 22], ['reopen', 48, '第二天又堵了']] },
  { id: 'rp_demo_cancelled', openid: 'o_demo_owner', building: 7, unit: '201', location: 'UNIT', place: '7栋201', category: 'OTHER', description: '门铃不响，已自己换了电池', callback: false, createdAt: '2026-11-05T05:00:00.000Z', steps: [['cancel', 1]] },
  { id: 'rp_demo_greening', openid: 'o_demo_committee', building: 8, unit: '601', location: 'COMMON', place: '8栋北侧花坛（8栋附近）', category: 'GREENING', description: '花坛边的树枝伸到窗前，请修剪', callback: false, createdAt: '2026-10-12T01:00:00.000Z', steps: [['accept', 30], ['assign', 31, '绿化组'], ['start', 60], ['complete', 200], ['confirm', 210]], rating: [3, ['响应慢']] },
]

function repairs(cells: Map<string, ScorecardCell>) {
  const docs: Doc[] = []
  const ratings: Doc[] = []
  for (const p of PLANS) {
    const created = at(p.createdAt)
    const period = periodOf(created)
    const cell = cellFor(cells, period)
    applyRepairCreated(cell)
    const due = dueDates(p.category, created)
    const r = {
      _id: p.id,
      communityId: C,
      openid: p.openid,
      buildingId: b(p.building),
      unitId: u(p.building, p.unit),
      location: p.location,
      place: p.place,
      category: p.category,
      description: p.description,
      moderation: 'PASS',
      photos: [] as string[],
      preferredTime: '工作日晚上',
      callbackRequested: p.callback,
      status: 'SUBMITTED' as RepairStatus,
      period,
      history: [{ at: created, action: 'create', from: null, to: 'SUBMITTED', actorOpenid: p.openid, by: '报修人', note: '' }] as Doc['history'] & unknown[],
      assignee: null as string | null,
      createdAt: created,
      updatedAt: created,
      ...due,
      responseDueMs: due.responseDueAt.getTime(),
      completionDueMs: due.completionDueAt.getTime(),
      nextDueMs: due.responseDueAt.getTime(),
      firstDoneAt: null as Date | null,
      closedAt: null as Date | null,
      escalatedAt: null,
      escalation: null,
      reopenCount: 0,
      rating: null as null | { score: number; tags: string[] },
    }
    for (const [action, hours, note = ''] of p.steps) {
      const when = at(p.createdAt, hours)
      const rule = TRANSITIONS[action]
      applyRepairStep(cell, r, action, when)
      const reporter = rule.by === 'REPORTER'
      ;(r.history as unknown[]).push({ at: when, action, from: r.status, to: rule.to, actorOpenid: reporter ? p.openid : STAFF.openid, by: reporter ? '报修人' : STAFF.by, note })
      r.status = rule.to
      r.nextDueMs = r.status === 'SUBMITTED' || r.status === 'REOPENED' ? r.responseDueMs : r.completionDueMs
      r.updatedAt = when
      if (action === 'assign') r.assignee = note
      if (action === 'complete' && !r.firstDoneAt) r.firstDoneAt = when
      if (action === 'confirm' || action === 'cancel') r.closedAt = when
      if (action === 'reopen') {
        const d = dueDates(p.category, when)
        Object.assign(r, d, { responseDueMs: d.responseDueAt.getTime(), completionDueMs: d.completionDueAt.getTime(), nextDueMs: d.responseDueAt.getTime(), reopenCount: r.reopenCount + 1 })
      }
    }
    if (p.rating) {
      const [score, tags] = p.rating
      r.rating = { score, tags }
      applyRepairRating(cell, score)
      ratings.push({ _id: `rr_${p.id}`, repairId: p.id, communityId: C, period, openid: p.openid, score, tags, at: r.updatedAt })
    }
    docs.push(r as unknown as Doc)
  }
  return { docs, ratings }
}

function cellFor(cells: Map<string, ScorecardCell>, period: string): ScorecardCell {
  const id = cellId(C, period)
  if (!cells.has(id)) cells.set(id, emptyCell(C, period, at('2026-11-30T00:00:00.000Z')))
  return cells.get(id)!
}

const report = (income: [string, number][], expenditure: [string, number][], common: [string, number][], fund: FinanceReport['fund']): FinanceReport => ({
  income: income.map(([category, amountFen]) => ({ category, amountFen })),
  incomeTotalFen: income.reduce((s, [, a]) => s + a, 0),
  expenditure: expenditure.map(([category, amountFen]) => ({ category, amountFen })),
  expenditureTotalFen: expenditure.reduce((s, [, a]) => s + a, 0),
  commonIncome: common.map(([category, amountFen]) => ({ category, amountFen })),
  commonIncomeTotalFen: common.reduce((s, [, a]) => s + a, 0),
  fund,
})

function finance(cells: Map<string, ScorecardCell>) {
  const sep = report([['物业费', 18_650_000], ['停车管理费', 2_430_000]], [['人员工资', 11_200_000], ['保洁绿化', 3_150_000], ['公共水电', 1_870_000], ['设备维保', 1_420_000]], [['电梯广告', 360_000], ['公共区域停车', 540_000]], { openingFen: 128_400_000, depositsFen: 900_000, uses: [], closingFen: 129_300_000 })
  const octV1 = report([['物业费', 18_420_000], ['停车管理费', 2_380_000]], [['人员工资', 11_200_000], ['保洁绿化', 3_020_000], ['公共水电', 1_960_000], ['设备维保', 2_860_000]], [['电梯广告', 360_000], ['公共区域停车', 510_000]], { openingFen: 129_300_000, depositsFen: 870_000, uses: [{ amountFen: 4_600_000, purpose: '6栋电梯更换曳引钢丝绳', decisionRef: '2026年第2次业主大会决议第3项' }], closingFen: 125_570_000 })
  // The correction: the parking fee was under-reported; the fund deposit follows the common income.
  const octV2 = report([['物业费', 18_420_000], ['停车管理费', 2_380_000]], [['人员工资', 11_200_000], ['保洁绿化', 3_020_000], ['公共水电', 1_960_000], ['设备维保', 2_860_000]], [['电梯广告', 360_000], ['公共区域停车', 590_000]], { openingFen: 129_300_000, depositsFen: 950_000, uses: [{ amountFen: 4_600_000, purpose: '6栋电梯更换曳引钢丝绳', decisionRef: '2026年第2次业主大会决议第3项' }], closingFen: 125_650_000 })
  const nov = report([['物业费', 18_700_000], ['停车管理费', 2_450_000]], [['人员工资', 11_200_000], ['保洁绿化', 2_980_000], ['公共水电', 2_050_000], ['设备维保', 1_300_000]], [['电梯广告', 360_000], ['公共区域停车', 600_000]], { openingFen: 125_650_000, depositsFen: 960_000, uses: [], closingFen: 126_610_000 })
  const v = (periodKey: string, version: number, r: FinanceReport, publishedAt: string, reason: string | null, prev?: FinanceReport): Doc => ({
    _id: `fp_${C}_${periodKey}_v${version}`,
    communityId: C,
    periodKey,
    version,
    report: r,
    publishedAt: at(publishedAt),
    publishedBy: STAFF.by,
    actorOpenid: STAFF.openid,
    correctionReason: reason,
    changes: prev ? diffReports(prev, r) : [],
  })
  const periods = [
    v('2026-09', 1, sep, '2026-10-08T02:00:00.000Z', null),
    v('2026-10', 1, octV1, '2026-11-06T02:00:00.000Z', null),
    v('2026-10', 2, octV2, '2026-11-12T02:00:00.000Z', '公共区域停车收益漏记一笔，补记8万元并相应存入维修资金', octV1),
    v('2026-11', 1, nov, '2026-11-30T02:00:00.000Z', null),
  ]
  const head = {
    _id: C,
    communityId: C,
    periods: {
      '2026-09': { latestVersion: 1, latestId: periods[0]._id, publishedAt: periods[0].publishedAt },
      '2026-10': { latestVersion: 2, latestId: periods[2]._id, publishedAt: periods[2].publishedAt },
      '2026-11': { latestVersion: 1, latestId: periods[3]._id, publishedAt: periods[3].publishedAt },
    },
  }
  const q = (id: string, periodKey: string, openid: string, author: string, text: string, askedAt: string, answer?: [string, number]): Doc => {
    const asked = at(askedAt)
    const cell = cellFor(cells, periodOf(asked))
    applyQuestionAsked(cell)
    const answered = answer ? at(askedAt, answer[1]) : null
    if (answered) applyAnswer(cell, asked, answered)
    return { _id: id, communityId: C, periodKey, openid, authorMasked: `${author}（居民）`, text, status: 'PUBLISHED', askedAt: asked, period: periodOf(asked), answer: answer ? { text: answer[0], at: answered, by: STAFF.by, actorOpenid: STAFF.openid } : null }
  }
  const questions = [
    q('fq_demo_1', '2026-10', 'o_demo_owner', '张*国', '设备维保比上月多了一倍，具体是哪些设备？', '2026-11-07T03:00:00.000Z', ['主要是6栋电梯的年检和消防泵维保，明细已贴在物业中心公告栏。', 20]),
    q('fq_demo_2', '2026-10', 'o_demo_committee', '钱*', '维修资金使用的业主大会决议在哪里可以看到？', '2026-11-08T03:00:00.000Z', ['决议原件在业委会办公室，扫描件已在业委会公示栏张贴。', 50]),
    q('fq_demo_3', '2026-11', 'o_demo_resident', '刘*燕', '停车管理费里包括临时停车的收入吗？', '2026-11-30T06:00:00.000Z'),
  ]
  // Held by msgSecCheck (a review word): only its author sees it until the residents' committee decides (finance.moderate).
  questions.push({ _id: 'fq_demo_held', communityId: C, periodKey: '2026-11', openid: 'o_demo_family', authorMasked: '张*明（居民）', text: '保洁外包合同多少钱？我要投诉物业经理不回电话', status: 'PENDING_REVIEW', askedAt: at('2026-11-29T12:00:00.000Z'), period: '2026-11', answer: null })
  const comments: Doc[] = [
    { _id: 'fc_demo_1', communityId: C, periodKey: '2026-10', text: '业委会已核对电梯钢丝绳更换的合同和发票，金额与公示一致。', by: '业委会委员 钱伟', actorOpenid: 'o_demo_committee', status: 'PUBLISHED', at: at('2026-11-13T02:00:00.000Z') },
  ]
  return { periods, head, questions, comments }
}

/** Monthly satisfaction ratings by demo accounts (ids hashed as scorecard.rate makes them). */
function satisfaction(cells: Map<string, ScorecardCell>) {
  const docs: Doc[] = []
  const raters = Array.from({ length: 9 }, (_, i) => `o_demo_rater_${i + 1}`)
  const months: [string, number, Partial<Record<SatisfactionItem, number>>[]][] = [
    ['2026-09', 6, [{ ACCESS: 4, CLEANING: 3, GREENING: 4, REPAIR: 3, PATROL: 3, PARKING: 2, FEES: 2 }]],
    ['2026-10', 8, [{ ACCESS: 4, CLEANING: 4, GREENING: 4, REPAIR: 3, PATROL: 3, PARKING: 3, FEES: 3 }]],
    // November: patrol and parking are rated by fewer than 5, so those cells stay suppressed.
    ['2026-11', 6, [{ ACCESS: 5, CLEANING: 4, GREENING: 4, REPAIR: 4, FEES: 4 }]],
  ]
  for (const [period, n, [base]] of months) {
    const cell = cellFor(cells, period)
    for (let i = 0; i < n; i++) {
      const scores: Partial<Record<SatisfactionItem, number>> = {}
      for (const [k, s] of Object.entries(base) as [SatisfactionItem, number][]) scores[k] = Math.max(1, Math.min(5, s + ((i % 3) - 1)))
      if (period === '2026-11' && i < 3) Object.assign(scores, { PATROL: 3, PARKING: 3 })
      applyItemScores(cell, scores)
      const openid = raters[i]
      docs.push({ _id: `sr_${createHash('sha256').update(`${openid}:${C}:${period}`).digest('hex').slice(0, 24)}`, communityId: C, period, openid, scores, at: at(`${period}-20T04:00:00.000Z`) })
    }
  }
  return docs
}

export function buildProperty(): { collection: string; docs: Doc[] }[] {
  const cells = new Map<string, ScorecardCell>()
  const { docs, ratings } = repairs(cells)
  const f = finance(cells)
  const sat = satisfaction(cells)
  return [
    { collection: 'repair_requests', docs },
    { collection: 'repair_ratings', docs: ratings },
    { collection: 'finance_periods', docs: f.periods },
    { collection: 'finance_heads', docs: [f.head] },
    { collection: 'finance_questions', docs: f.questions },
    { collection: 'finance_comments', docs: f.comments },
    { collection: 'scorecard_ratings', docs: sat },
    { collection: 'scorecard_cells', docs: [...cells.values()] as unknown as Doc[] },
  ]
}
