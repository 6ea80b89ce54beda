/**
 * Demo data for neighbourhood groups (issue #13): a building group per building, the two official
 * groups, interest groups (one awaiting approval), posts and comments in 6栋, an open 接龙 and poll,
 * a held post, and a council agenda item in each state. Deterministic: fixed dates, no randomness.
 */
import { timeOrderedId } from '../domain/group/rules'
import { AGENDA_STATUSES, type AgendaStatus } from '../domain/group/rules'
import { standardGroup, type AgendaDoc, type CommentDoc, type GroupDoc, type MemberDoc, type PostDoc } from '../cloudfunctions/group/model'

type Docs = { collection: string; docs: (Record<string, unknown> & { _id: string })[] }[]

const at = (iso: string) => new Date(iso)
/** Open 接龙 and poll close far in the future so the demo stays open. */
const OPEN_UNTIL = at('2030-06-30T12:00:00.000Z')

export function buildGroupDemo(C: string, buildings: { _id: string; name: string }[], authorsB6: string[]): Docs {
  const t0 = at('2026-01-05T02:00:00.000Z')
  const groups: GroupDoc[] = [
    ...buildings.map((b) => standardGroup(`grp_${b._id}`, C, 'BUILDING', `${b.name}邻里群`, `${b.name}住户的群，审核通过的住户自动加入`, b._id, null, t0)),
    standardGroup(`grp_${C}_rc`, C, 'OFFICIAL', '居委会', '居委会发布的事项，居民可以评论', null, 'RC_STAFF', t0),
    standardGroup(`grp_${C}_committee`, C, 'OFFICIAL', '业委会', '业主委员会发布的事项，居民可以评论', null, 'COMMITTEE_MEMBER', t0),
    { ...standardGroup(`grp_${C}_i_dance`, C, 'INTEREST', '广场舞', '每晚七点中心广场，欢迎邻居一起跳', null, null, t0), adminOpenids: ['o_demo_elder'], proposedBy: 'o_demo_elder' },
    { ...standardGroup(`grp_${C}_i_volunteer`, C, 'INTEREST', '志愿者', '社区志愿服务报名与交流', null, null, t0), adminOpenids: ['o_demo_owner'], proposedBy: 'o_demo_owner' },
    { ...standardGroup(`grp_${C}_i_calligraphy`, C, 'INTEREST', '书法', '周末书法交流，等待居委会审核', null, null, t0), status: 'PROPOSED', adminOpenids: ['o_demo_owner'], proposedBy: 'o_demo_owner' },
  ]
  const member = (groupId: string, openid: string): MemberDoc => ({ _id: `gm_${groupId}_${openid}`, groupId, communityId: C, openid, state: 'JOINED', mutedUntil: null, muteReason: null, removedReason: null, updatedAt: t0 })
  const members = [member(`grp_${C}_i_dance`, 'o_demo_elder'), member(`grp_${C}_i_volunteer`, 'o_demo_owner'), member(`grp_${C}_i_calligraphy`, 'o_demo_owner'), member(`grp_${C}_i_dance`, 'o_demo_resident')]

  const B6 = `grp_${C}_b06`
  const [a1, a2, a3] = authorsB6
  let n = 0
  const post = (author: string, iso: string, text: string, extra: Partial<PostDoc> = {}): PostDoc => ({
    _id: timeOrderedId('p_', at(iso), `seed${String(++n).padStart(2, '0')}`),
    groupId: B6,
    communityId: C,
    authorOpenid: author,
    kind: 'TEXT',
    text,
    images: [],
    status: 'PUBLISHED',
    note: null,
    pendingCheck: false,
    moderation: [{ at: at(iso), action: 'PASSED', reason: '通过内容安全检查', by: '内容安全检查' }],
    pinned: false,
    commentCount: 0,
    reactions: {},
    reports: 0,
    createdAt: at(iso),
    agendaItemId: null,
    ...extra,
  })
  const welcome = post(a1, '2026-11-20T01:00:00.000Z', '欢迎新搬来的邻居！有事可以在群里说，大家互相帮忙。', { pinned: true, reactions: { like: 3 } })
  const parking = post(a2, '2026-11-25T10:30:00.000Z', '6栋门口晚上总有车堵住消防通道，能不能一起想想办法？', { commentCount: 2, agendaItemId: `ag_seed_SUBMITTED` })
  const lift = post('o_demo_resident', '2026-11-28T08:00:00.000Z', '电梯周三上午保养，老人家出门记得提前安排。', { reactions: { thanks: 2 } })
  const chain = post(a3, '2026-11-29T02:00:00.000Z', '周日包饺子，在6栋架空层，报名接龙（带上人数）', {
    kind: 'CHAIN',
    chain: { cap: 20, deadline: OPEN_UNTIL, fields: [{ key: 'people', label: '人数', kind: 'number' }] },
    deadlineMs: OPEN_UNTIL.getTime(),
    chainCount: 2,
    chainJoined: [a1, a2],
    chainEntries: [
      { openid: a1, nameMasked: '邻*', values: { people: '2' }, at: at('2026-11-29T03:00:00.000Z') },
      { openid: a2, nameMasked: '邻*', values: { people: '1' }, at: at('2026-11-29T04:00:00.000Z') },
    ],
  })
  const poll = post(a1, '2026-11-30T02:00:00.000Z', '楼道灯换成哪种颜色？', {
    kind: 'POLL',
    poll: { options: [{ id: 'o1', text: '暖光' }, { id: 'o2', text: '白光' }], multiple: false, anonymous: true, deadline: OPEN_UNTIL },
    deadlineMs: OPEN_UNTIL.getTime(),
    pollVoters: [a2, a3],
    pollBallots: [],
    pollTally: { o1: 1, o2: 1 },
  })
  const held = post(a3, '2026-11-30T09:00:00.000Z', '有闲置家具的可以加微信联系我', {
    status: 'HELD',
    note: '内容需要人工复核，复核通过后邻居才能看到',
    moderation: [{ at: at('2026-11-30T09:00:00.000Z'), action: 'HELD', reason: '内容需要人工复核，复核通过后邻居才能看到', by: '内容安全检查' }],
  })
  const posts = [welcome, parking, lift, chain, poll, held]
  const comment = (postId: string, author: string, iso: string, text: string, replyTo: string | null = null): CommentDoc => ({
    _id: timeOrderedId('c_', at(iso), `seed${String(++n).padStart(2, '0')}`),
    postId,
    groupId: B6,
    communityId: C,
    authorOpenid: author,
    replyTo,
    text,
    status: 'PUBLISHED',
    note: null,
    pendingCheck: false,
    moderation: [],
    counted: true,
    reports: 0,
    createdAt: at(iso),
  })
  const c1 = comment(parking._id, a1, '2026-11-25T11:00:00.000Z', '同意，可以请物业装个提示牌')
  const c2 = comment(parking._id, 'o_demo_resident', '2026-11-25T12:00:00.000Z', '我也遇到过，晚上救护车都进不来', c1._id)

  const agenda: AgendaDoc[] = AGENDA_STATUSES.map((status: AgendaStatus, i) => {
    const path = AGENDA_STATUSES.slice(0, AGENDA_STATUSES.indexOf(status) + 1).filter((s) => s !== 'DECLINED' || status === 'DECLINED')
    const history = (status === 'DECLINED' ? ['SUBMITTED', 'DECLINED'] : path).map((s, k) => ({ at: at(`2026-11-${String(10 + k).padStart(2, '0')}T02:00:00.000Z`), status: s as AgendaStatus, note: s === 'DECLINED' ? '属于物业合同事项，已转物业处理' : '' }))
    const titles: Record<AgendaStatus, string> = {
      SUBMITTED: '6栋门口消防通道被占',
      SCHEDULED: '增设电动车充电桩',
      DISCUSSED: '小区东门夜间开放时间',
      DECIDED: '楼道灯统一更换',
      DONE: '中心广场健身器材维修',
      DECLINED: '物业费调整',
    }
    return {
      _id: `ag_seed_${status}`,
      communityId: C,
      title: titles[status],
      summary: `居民提议：${titles[status]}`,
      postId: status === 'SUBMITTED' ? parking._id : null,
      groupId: status === 'SUBMITTED' ? B6 : null,
      status,
      raisedBy: i % 2 ? 'o_demo_owner' : 'o_demo_resident',
      meetingAt: ['SCHEDULED', 'DISCUSSED', 'DECIDED', 'DONE'].includes(status) ? at('2026-12-15T07:00:00.000Z') : null,
      outcome: ['DECIDED', 'DONE'].includes(status) ? '居民议事会表决通过，由物业实施' : null,
      followUp: status === 'DONE' ? '器材已于12月维修完毕' : null,
      history,
      createdAt: at('2026-11-10T02:00:00.000Z'),
      updatedAt: at(`2026-11-${String(10 + history.length).padStart(2, '0')}T02:00:00.000Z`),
    }
  })

  return [
    { collection: 'groups', docs: groups as never },
    { collection: 'group_members', docs: members as never },
    { collection: 'posts', docs: posts as never },
    { collection: 'post_comments', docs: [c1, c2] as never },
    { collection: 'agenda_items', docs: agenda as never },
  ]
}
