/**
 * Booking resources of 学堂坡社区 (issue #11), from the field study's facility types (baseline.md):
 * the 一站式 service hall, clinic (健康咨询), library, indoor activity room, plaza, fitness
 * equipment and the 居民议事厅 / mediation room. Deterministic like the rest of the seeds (fixed
 * dates, no clock). The 活动室 has 10 seats per slot and a quota of one booking per household per
 * day; the 调解室 needs approval; 健康咨询 is sensitive (separate consent, purged after 30 days).
 */
import type { OpeningInterval, ResourceDoc, ResourceRules } from '../domain/booking/model'
import { DEMO_COMMUNITY_ID } from './communities'

const C = DEMO_COMMUNITY_ID
const T0 = new Date('2026-01-05T02:00:00.000Z')

export const resourceId = (slug: string) => `br_${C}_${slug}`
export const BOOKING_IDS = {
  activityRoom: resourceId('activity'),
  mediation: resourceId('mediation'),
  health: resourceId('health'),
  library: resourceId('library'),
  serviceHall: resourceId('hall'),
  fitness: resourceId('fitness'),
  plaza: resourceId('plaza'),
}

const every = (days: string[], intervals: OpeningInterval[]): ResourceRules['weeklyHours'] => Object.fromEntries(days.map((d) => [d, intervals]))
const WEEKDAYS = ['1', '2', '3', '4', '5']
const ALL_DAYS = ['1', '2', '3', '4', '5', '6', '7']

/** 2027 public holidays (国务院办公厅 notice pattern): New Year's Day and the Spring Festival week. */
const HOLIDAYS = [
  { date: '2027-01-01', reason: '元旦' },
  ...['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({ date, reason: '春节' })),
]

const base: ResourceRules = {
  weeklyHours: {},
  closures: HOLIDAYS,
  exceptions: [],
  slotMinutes: 60,
  capacity: 1,
  exclusive: true,
  minNoticeMinutes: 60,
  horizonDays: 7,
  quotaPerDay: 1,
  quotaPerWeek: null,
  cancelBeforeMinutes: 120,
  requiresApproval: false,
  checkIn: { required: true, opensBeforeMinutes: 15, closesAfterMinutes: 15 },
  waitlistMax: 5,
}

function resource(slug: string, fields: Omit<ResourceDoc, '_id' | 'communityId' | 'createdAt' | 'updatedAt' | 'updatedBy' | keyof ResourceRules | 'active'> & Partial<ResourceRules>): ResourceDoc {
  return { ...base, ...fields, _id: resourceId(slug), communityId: C, active: true, createdAt: T0, updatedAt: T0, updatedBy: 'o_demo_rc_staff' }
}

export function buildBookingResources(): ResourceDoc[] {
  return [
    resource('activity', {
      name: '室内活动室',
      kind: 'FACILITY',
      category: 'ACTIVITY_ROOM',
      location: '社区服务中心二楼',
      description: '书法、棋牌、合唱排练。每个时段10个名额，每户每天限约1次。',
      operator: 'COMMUNITY',
      eligibility: 'RESIDENTS',
      sensitive: false,
      // Every day, so there is always something to book within the week (the e2e books it too).
      weeklyHours: every(ALL_DAYS, [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '21:00' }]),
      capacity: 10,
      exclusive: false,
      quotaPerDay: 1,
      quotaPerWeek: 3,
    }),
    resource('mediation', {
      name: '居民议事厅·调解室',
      kind: 'FACILITY',
      category: 'MEDIATION',
      location: '社区服务中心一楼东侧',
      description: '邻里纠纷调解、居民议事。需居委会审核；事由只给调解员看。',
      operator: 'COMMUNITY',
      eligibility: 'RESIDENTS',
      sensitive: true,
      weeklyHours: every(WEEKDAYS, [{ open: '09:00', close: '11:00' }, { open: '14:30', close: '17:30' }]),
      requiresApproval: true,
      horizonDays: 14,
      minNoticeMinutes: 24 * 60,
      cancelBeforeMinutes: 240,
      waitlistMax: 2,
    }),
    resource('health', {
      name: '健康咨询',
      kind: 'SERVICE',
      category: 'HEALTH',
      location: '社区卫生室',
      description: '家庭医生一对一咨询（血压、慢病用药、康复）。属于敏感服务，需单独同意。',
      operator: 'COMMUNITY',
      eligibility: 'RESIDENTS',
      sensitive: true,
      weeklyHours: every(['2', '4', '6'], [{ open: '08:30', close: '11:30' }]),
      slotMinutes: 20,
      quotaPerWeek: 2,
      cancelBeforeMinutes: 60,
      checkIn: { required: true, opensBeforeMinutes: 10, closesAfterMinutes: 10 },
      waitlistMax: 3,
    }),
    resource('library', {
      name: '图书室',
      kind: 'FACILITY',
      category: 'LIBRARY',
      location: '社区服务中心三楼',
      description: '阅览座位，每次2小时。',
      operator: 'COMMUNITY',
      eligibility: 'COMMUNITY',
      sensitive: false,
      weeklyHours: every(ALL_DAYS, [{ open: '09:00', close: '17:00' }]),
      slotMinutes: 120,
      capacity: 20,
      exclusive: false,
      quotaPerDay: 2,
      minNoticeMinutes: 0,
      cancelBeforeMinutes: 0,
      checkIn: { required: false, opensBeforeMinutes: 0, closesAfterMinutes: 0 },
      waitlistMax: 0,
    }),
    resource('hall', {
      name: '一站式服务大厅',
      kind: 'SERVICE',
      category: 'SERVICE_HALL',
      location: '社区服务中心一楼',
      description: '社保、养老认证、老年卡等代办事项，预约窗口时段免排队。',
      operator: 'COMMUNITY',
      eligibility: 'COMMUNITY',
      sensitive: false,
      weeklyHours: every(WEEKDAYS, [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }]),
      exceptions: [{ date: '2027-02-04', intervals: [{ open: '09:00', close: '12:00' }], reason: '春节前半天' }],
      slotMinutes: 30,
      capacity: 3,
      exclusive: false,
      quotaPerDay: 1,
      minNoticeMinutes: 30,
      cancelBeforeMinutes: 30,
      waitlistMax: 3,
    }),
    resource('fitness', {
      name: '乒乓球台',
      kind: 'FACILITY',
      category: 'FITNESS',
      location: '3栋与4栋之间健身区',
      description: '物业管理的室外乒乓球台，整台独享1小时。',
      operator: 'PROPERTY',
      eligibility: 'COMMUNITY',
      sensitive: false,
      closures: [],
      weeklyHours: every(ALL_DAYS, [{ open: '07:00', close: '21:00' }]),
      minNoticeMinutes: 30,
      cancelBeforeMinutes: 60,
      checkIn: { required: true, opensBeforeMinutes: 10, closesAfterMinutes: 15 },
      waitlistMax: 2,
    }),
    resource('plaza', {
      name: '文化广场',
      kind: 'FACILITY',
      category: 'PLAZA',
      location: '小区南门广场',
      description: '广场舞、文艺演出、集体活动整场使用，需物业审核。',
      operator: 'PROPERTY',
      eligibility: 'RESIDENTS',
      sensitive: false,
      closures: [],
      weeklyHours: every(ALL_DAYS, [{ open: '08:00', close: '12:00' }, { open: '18:00', close: '21:00' }]),
      slotMinutes: 120,
      horizonDays: 30,
      minNoticeMinutes: 24 * 60,
      requiresApproval: true,
      quotaPerDay: 1,
      quotaPerWeek: 2,
      cancelBeforeMinutes: 24 * 60,
      checkIn: { required: false, opensBeforeMinutes: 0, closesAfterMinutes: 0 },
      waitlistMax: 2,
    }),
  ]
}
