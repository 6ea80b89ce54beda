/**
 * The field study's figures (docs/baseline.md, 1,129 questionnaires in eight Changsha communities)
 * and its questionnaire as a ready template (issue #15 ★). Each template question names the
 * figure it reproduces; a figure names which answers count towards it, so the dashboard can put
 * "this community, this month" beside "the study".
 *
 * The study's paper form is not in the repository: the wording below follows the study's own
 * phrasing as baseline.md reports it (its category names, its answer scales).
 */
import type { Question, SurveyDefinition } from './model'

export interface BaselineFigure {
  key: string
  /** What the figure is, as the dashboard labels it. */
  label: string
  /** The study's value in percent. */
  value: number
  /** How the study states it ("56.6 %", "under 18 %"). */
  statement: string
  /** Question of the template and the answers counting towards the share. */
  questionId: string
  optionIds: string[]
}

export const STUDY_SOURCE = '长沙八社区实地调查（1,129份问卷）'

export const BASELINE_FIGURES: BaselineFigure[] = [
  { key: 'platform_use', label: '用过社区信息平台', value: 41.7, statement: '41.7%', questionId: 'q_platform', optionIds: ['yes'] },
  { key: 'security_worry', label: '担心平台数据安全', value: 56.6, statement: '56.6%', questionId: 'q_security', optionIds: ['worried'] },
  { key: 'refuse_collection', label: '不愿社区收集个人信息', value: 21.2, statement: '21.2%', questionId: 'q_share', optionIds: ['no'] },
  { key: 'complicated', label: '觉得线上平台复杂', value: 46.4, statement: '46.4%', questionId: 'q_complicated', optionIds: ['hard'] },
  { key: 'want_smart', label: '希望建成智慧社区', value: 97.3, statement: '97.3%', questionId: 'q_want', optionIds: ['yes'] },
  { key: 'groups_two_plus', label: '加入两个及以上社区群', value: 18, statement: '不到18%', questionId: 'q_groups', optionIds: ['two_plus'] },
  { key: 'committee_unknown', label: '不知道小区有没有业委会', value: 50, statement: '一半以上', questionId: 'q_committee', optionIds: ['unknown'] },
  { key: 'committee_voted', label: '知道业委会的人中参加过选举', value: 66, statement: '66%', questionId: 'q_committee_vote', optionIds: ['voted'] },
  { key: 'property_satisfied', label: '对物业总体满意', value: 39.2, statement: '39.2%', questionId: 'q_property_overall', optionIds: ['satisfied'] },
  { key: 'property_neutral', label: '对物业总体感觉一般', value: 32.2, statement: '32.2%', questionId: 'q_property_overall', optionIds: ['neutral'] },
  { key: 'property_dissatisfied', label: '对物业比较不满意', value: 8.8, statement: '8.8%', questionId: 'q_property_overall', optionIds: ['fairly_dissatisfied'] },
  { key: 'type_old_block', label: '老旧社区（街坊式）', value: 37.7, statement: '37.7%', questionId: 'q_type', optionIds: ['old_block'] },
  { key: 'years_under5', label: '居住5年以下', value: 58.2, statement: '58.2%', questionId: 'q_years', optionIds: ['under5'] },
  { key: 'years_10plus', label: '居住10年及以上', value: 25.6, statement: '25.6%', questionId: 'q_years', optionIds: ['10plus'] },
  { key: 'has_elderly_apartment', label: '社区有老年公寓', value: 18.2, statement: '18.2%', questionId: 'q_facilities', optionIds: ['elderly_apartment'] },
  { key: 'has_rehab_centre', label: '社区有残疾人康复照料中心', value: 16.5, statement: '16.5%', questionId: 'q_facilities', optionIds: ['rehab'] },
]

export function baselineByKey(key: string): BaselineFigure | undefined {
  return BASELINE_FIGURES.find((f) => f.key === key)
}

const opts = (pairs: [string, string][]) => pairs.map(([id, label]) => ({ id, label }))
const SATISFACTION = opts([['satisfied', '满意'], ['neutral', '一般'], ['fairly_dissatisfied', '比较不满意'], ['dissatisfied', '很不满意']])

export const TEMPLATE_KEY = 'baseline-2019'

const QUESTIONS: Question[] = [
  { id: 'q_type', kind: 'single', title: '您所居住的社区属于哪种类型？', required: true, baseline: 'type_old_block', options: opts([['old_block', '老旧社区（街坊式）'], ['new_estate', '新建居民小区'], ['work_unit', '单位制社区'], ['village', '村改居社区'], ['other', '其他']]) },
  { id: 'q_years', kind: 'single', title: '您在本社区居住了多少年？', required: true, baseline: 'years_under5', options: opts([['under5', '5年以下'], ['6to9', '6–9年'], ['10plus', '10年及以上']]) },
  {
    id: 'q_facilities',
    kind: 'multiple',
    title: '您所在的社区有以下哪些设施？（可多选）',
    required: true,
    baseline: 'has_elderly_apartment',
    options: opts([['service_counter', '一站式行政服务'], ['clinic', '社区医疗门诊'], ['library', '图书馆'], ['activity', '室内活动中心'], ['plaza', '广场'], ['fitness', '体育锻炼器材'], ['council', '居民议事厅/调解室'], ['elderly_apartment', '老年公寓'], ['rehab', '残疾人康复照料中心'], ['none', '以上都没有']]),
  },
  {
    id: 'q_property',
    kind: 'matrix',
    title: '您对小区物业以下方面的服务满意吗？',
    required: true,
    rows: opts([['gate', '门岗设置'], ['greening', '绿化'], ['garbage', '垃圾清运'], ['cleaning', '公共区域保洁'], ['traffic', '车辆出入与交通'], ['patrol', '巡逻与监控'], ['outsiders', '外来人员管理'], ['transparency', '物业费与开支透明度'], ['repairs', '维修及时性与效果'], ['activities', '组织文体活动']]),
    options: SATISFACTION,
  },
  { id: 'q_property_overall', kind: 'single', title: '总体而言，您对小区的物业管理满意吗？', required: true, baseline: 'property_satisfied', options: SATISFACTION },
  { id: 'q_committee', kind: 'single', title: '您所在的小区有业主委员会吗？', required: true, baseline: 'committee_unknown', options: opts([['yes', '有'], ['no', '没有'], ['unknown', '不知道']]) },
  { id: 'q_committee_vote', kind: 'single', title: '如果有业主委员会，您参加过它的选举投票吗？', required: false, baseline: 'committee_voted', options: opts([['voted', '参加过'], ['not_voted', '没有参加过']]) },
  { id: 'q_platform', kind: 'single', title: '您用过社区信息平台吗（社区公众号、小程序、App等）？', required: true, baseline: 'platform_use', options: opts([['yes', '用过'], ['no', '没用过']]) },
  { id: 'q_groups', kind: 'single', title: '您加入了几个社区微信群？', required: true, baseline: 'groups_two_plus', options: opts([['none', '没有加入'], ['one', '1个'], ['two_plus', '2个及以上']]) },
  { id: 'q_security', kind: 'single', title: '您担心智慧社区平台的数据安全吗？', required: true, baseline: 'security_worry', options: opts([['worried', '担心'], ['not_worried', '不担心'], ['unsure', '说不清']]) },
  { id: 'q_share', kind: 'single', title: '您愿意社区收集您的个人信息用于提供服务吗？', required: true, baseline: 'refuse_collection', options: opts([['yes', '愿意'], ['depends', '看用途而定'], ['no', '不愿意']]) },
  { id: 'q_complicated', kind: 'single', title: '您觉得社区的线上平台使用起来复杂吗？', required: true, baseline: 'complicated', options: opts([['hard', '复杂'], ['ok', '还可以'], ['easy', '简单']]) },
  { id: 'q_want', kind: 'single', title: '您希望所在社区建成智慧社区吗？', required: true, baseline: 'want_smart', options: opts([['yes', '希望'], ['indifferent', '无所谓'], ['no', '不希望']]) },
  { id: 'q_offer', kind: 'multiple', title: '您希望智慧社区提供哪些服务？（可多选）', required: true, options: opts([['convenience', '便民服务'], ['care', '养老照护服务'], ['safety', '安全服务'], ['health', '医疗健康服务'], ['other', '其他']]) },
  { id: 'q_suggest', kind: 'text', title: '您对社区治理和智慧社区建设还有什么建议？', required: false },
]

/** The template as a definition; the caller sets the community's dates. */
export function baselineTemplate(opensAt: string, closesAt: string): SurveyDefinition {
  return {
    title: '智慧社区治理居民问卷',
    intro: '这份问卷沿用长沙八个社区实地调查的题目，帮助居委会了解社区的需要，并与当年的调查结果对比。匿名填写，约5分钟。',
    questions: QUESTIONS,
    audience: { kind: 'community', ids: [] },
    anonymous: true,
    oncePer: 'person',
    opensAt,
    closesAt,
  }
}

/** Share (percent, one decimal) of a figure's answers among those who answered its question. */
export function figureShare(fig: BaselineFigure, answers: { answers: Record<string, unknown> }[]): { count: number; answered: number; share: number | null } {
  let count = 0
  let answered = 0
  for (const r of answers) {
    const v = r.answers[fig.questionId]
    if (v === undefined) continue
    answered++
    const picked = Array.isArray(v) ? v : [v]
    if (picked.some((x) => fig.optionIds.includes(String(x)))) count++
  }
  return { count, answered, share: answered ? Math.round((count / answered) * 1000) / 10 : null }
}
