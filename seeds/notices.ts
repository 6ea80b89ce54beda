/**
 * Demo notices of 学堂坡社区 (issue #10): one of each category — a 紧急 with an expiry, a 需确认 to
 * grid 1 already read by some households — and the care profiles of a few households (R4.10:
 * the 独居老人 of grid 1 under the resident's separate consent or the sub-district's task list).
 * Deterministic: fixed dates, no clock.
 */
import type { HouseholdMemberDoc, UnitDoc } from '../domain/community/model'
import { addresses, receiptId, resolveAudience, type AudienceSpec, type CareProfileDoc, type CareTag, type NoticeCategory, type NoticeDoc, type ReceiptDoc } from '../domain/notice/model'

type Doc = Record<string, unknown> & { _id: string }

export interface NoticeSeedInput {
  communityId: string
  units: UnitDoc[]
  members: HouseholdMemberDoc[]
  grids: { _id: string; buildingIds: string[] }[]
  buildingId: (n: number) => string
  unitId: (b: number, n: string) => string
}

const PUBLISHED = new Date('2026-11-20T01:00:00.000Z')
const day = (n: number) => new Date(PUBLISHED.getTime() + n * 86_400_000)
/** The 紧急 notice stays pinned in the demo: its expiry is far enough ahead for any demo date. */
const URGENT_EXPIRY = new Date('2027-12-31T15:59:00.000Z')

export function buildNoticeSeed(s: NoticeSeedInput): { collection: string; docs: Doc[] }[] {
  const C = s.communityId
  const care = (b: number, n: string, flags: CareTag[], openid: string | null): CareProfileDoc => ({
    _id: `care_${s.unitId(b, n)}`,
    openid,
    communityId: C,
    buildingId: s.buildingId(b),
    unitId: s.unitId(b, n),
    careFlags: flags,
    basis: openid ? 'SEPARATE_CONSENT' : 'LEGAL_DUTY',
    task: openid ? null : '街道网格服务事项清单：特殊群体定期探访',
    createdAt: PUBLISHED,
  })
  const careProfiles: CareProfileDoc[] = [
    care(4, '102', ['ELDERLY_ALONE'], 'o_demo_elder'),
    care(2, '101', ['ELDERLY_ALONE'], null),
    care(3, '203', ['DISABLED'], null),
    care(1, '404', ['LOW_INCOME', 'ELDERLY_ALONE'], null),
    care(6, '101', ['ELDERLY_ALONE'], null),
    care(9, '201', ['LOW_INCOME'], null),
  ]

  const households = s.units.filter((u) => !u.isParking && !u.retired)
  const facts = (u: UnitDoc) => {
    const rel = s.members.filter((m) => m.unitId === u._id && m.status === 'APPROVED').map((m) => m.relation)
    return { unitId: u._id, buildingId: u.buildingId, relations: rel, hasOwner: !u.developerHeld, tags: careProfiles.filter((c) => c.unitId === u._id).flatMap((c) => c.careFlags) }
  }
  const notice = (
    key: string,
    o: { title: string; body: string; category: NoticeCategory; spec: AudienceSpec; author: [string, string, string]; at: Date; ack?: boolean; expiresAt?: Date },
  ): NoticeDoc => {
    const { audience } = resolveAudience(o.spec, s.grids)
    const addressed = households.filter((u) => addresses(audience, facts(u))).length
    return {
      _id: `ntc_seed_${key}`,
      communityId: C,
      authorOpenid: o.author[0],
      authorName: o.author[1],
      authorRole: o.author[2],
      title: o.title,
      body: o.body,
      category: o.category,
      images: [],
      audienceSpec: o.spec,
      audience,
      ackRequired: !!o.ack,
      expiresAt: o.expiresAt ?? null,
      publishAt: o.at,
      publishedAt: o.at,
      status: 'PUBLISHED',
      holdReason: null,
      refusedReason: null,
      version: 1,
      rev: 1,
      addressed,
      visitAfterDays: 2,
      poke: false,
      createdAt: o.at,
      updatedAt: o.at,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
      moderatedBy: null,
    }
  }
  const RC: [string, string, string] = ['o_demo_rc_staff', '居委会工作人员 孙丽', 'RC_STAFF']
  const GW1: [string, string, string] = ['o_demo_grid_worker', '网格员 周敏', 'GRID_WORKER']
  const GW2: [string, string, string] = ['o_demo_grid_worker_2', '网格员 吴强', 'GRID_WORKER']
  const PS: [string, string, string] = ['o_demo_property_staff', '物业人员 赵磊', 'PROPERTY_STAFF']
  const notices = [
    notice('policy', { title: '2027年度城乡居民医保缴费提醒', body: '2027年度城乡居民基本医疗保险集中缴费期为即日起至12月31日。可在社区服务站或“湘医保”线上缴纳，行动不便的老人可联系网格员上门协助。', category: 'POLICY', spec: { scope: 'COMMUNITY' }, author: RC, at: day(0) }),
    notice('event', { title: '重阳节社区义诊', body: '本周六上午9点至11点在社区广场举办义诊，测血压、血糖，社区医院医生现场咨询。欢迎居民参加。', category: 'EVENT', spec: { scope: 'COMMUNITY' }, author: RC, at: day(1) }),
    notice('property', { title: '3栋、4栋电梯维保', body: '本周三9:00—12:00对3栋、4栋电梯进行年度维保，期间电梯暂停使用，请提前安排出行。', category: 'PROPERTY', spec: { scope: 'BUILDINGS', buildingIds: [s.buildingId(3), s.buildingId(4)] }, author: PS, at: day(2) }),
    notice('grid2', { title: '第二网格楼道杂物清理', body: '为消除消防隐患，请5—7栋居民在本周五前清理楼道堆放的杂物，网格员周六上门检查。', category: 'NOTICE', spec: { scope: 'GRIDS', gridIds: [s.grids[1]._id] }, author: GW2, at: day(3) }),
    notice('ack', { title: '冬季消防安全检查', body: '第一网格将于下周开展冬季消防安全入户检查，请各户确认已知晓，并检查家中燃气阀门和电动车充电情况。', category: 'NOTICE', spec: { scope: 'GRIDS', gridIds: [s.grids[0]._id] }, author: GW1, at: day(4), ack: true }),
    notice('urgent', { title: '紧急停水通知', body: '因主管道抢修，全社区今日14:00至20:00停水，请提前储水。恢复时间以现场通知为准。', category: 'URGENT', spec: { scope: 'COMMUNITY' }, author: RC, at: day(5), expiresAt: URGENT_EXPIRY }),
  ]
  // Some households of grid 1 already read the 需确认 notice; a few acknowledged it.
  const ack = notices.find((n) => n._id === 'ntc_seed_ack')!
  const readers = s.members.filter((m) => m.status === 'APPROVED' && m.openid.startsWith('o_seed_') && s.grids[0].buildingIds.includes(m.buildingId)).filter((_m, i) => i % 4 === 0)
  const receipts: ReceiptDoc[] = readers.map((m, i) => ({
    _id: receiptId(ack._id, m.unitId),
    noticeId: ack._id,
    communityId: C,
    unitId: m.unitId,
    buildingId: m.buildingId,
    readRev: 1,
    readAt: day(4 + (i % 3) * 0.1),
    ackRev: i % 2 === 0 ? 1 : null,
    ackAt: i % 2 === 0 ? day(4.2) : null,
    ackBy: i % 2 === 0 ? m.openid : null,
    deliveredRev: null,
    deliveredAt: null,
    deliveredBy: null,
    deliveryMethod: null,
  }))
  // Template ids are configuration (MP admin → 订阅消息), not code: the operator edits this document.
  const settings = {
    _id: 'subscribe_templates',
    templates: [{ key: 'notice', id: 'TPL_NOTICE_LOCAL', kind: 'ONE_TIME', title: '社区通知提醒', fields: { title: 'thing1', time: 'time2', author: 'thing3' } }],
  }
  return [
    { collection: 'app_settings', docs: [settings] },
    { collection: 'care_profiles', docs: careProfiles as never },
    { collection: 'notices', docs: notices as never },
    { collection: 'notice_receipts', docs: receipts as never },
  ]
}
