/**
 * Issue #13 through the local cloud with the real SDK: feed paging while posts arrive, moderation
 * that holds (R5.8: pass/review/risky/unavailable), mute, and a 接龙 raced by 100 members (R5.12).
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, expectError, expectOk, grant } from './support/linli'
import type { PostView } from '../../domain/group/contract'
import { pngBytes } from '../fixtures/png'
import { uploadToLocalCloud } from '../../src/features/media/local-cloud-storage'

jest.setTimeout(180_000)

let t: TestCloud
const B6 = `grp_${C}_b06` // 6栋: o_demo_resident lives there
const RESIDENT = 'o_demo_resident'
const RC = 'o_demo_rc_staff'
let neighbour = ''

async function post(openid: string, text: string, groupId = B6) {
  return t.call<{ post: PostView }>('group', 'post.create', { groupId, text }, openid)
}

/** A resident of 6栋 from the seeds (approved, with an account). */
function residentsOf(building: string, n: number): string[] {
  return t.store
    .find('household_members', { buildingId: building, status: 'APPROVED' })
    .map((m) => m.openid as string)
    .filter((o, i, a) => a.indexOf(o) === i)
    .slice(0, n)
}

beforeAll(async () => {
  t = await startTestCloud()
  await grant(t, RESIDENT, ['community_groups'])
  neighbour = residentsOf(`${C}_b06`, 5).find((o) => o !== RESIDENT)!
  await grant(t, neighbour, ['community_groups'])
  expectOk(await t.call('group', 'list', { communityId: C }, RESIDENT))
})
afterAll(async () => {
  await t?.close()
})

test('building group: joined automatically, leave and rejoin; other buildings do not see it', async () => {
  const { groups } = expectOk(await t.call<{ groups: { id: string; kind: string; joined: boolean }[] }>('group', 'list', { communityId: C }, RESIDENT))
  expect(groups.find((g) => g.id === B6)).toMatchObject({ kind: 'BUILDING', joined: true })
  expect(groups.some((g) => g.id === `grp_${C}_b01`)).toBe(false)
  expectOk(await t.call('group', 'leave', { groupId: B6 }, RESIDENT))
  expectError(await post(RESIDENT, '离开后发帖'), 'FORBIDDEN')
  expectOk(await t.call('group', 'join', { groupId: B6 }, RESIDENT))
  expectOk(await post(RESIDENT, '回来了'))
  const members = expectOk(await t.call<{ members: { nameMasked: string }[] }>('group', 'members', { groupId: B6 }, RESIDENT))
  expect(members.members.length).toBeGreaterThan(1)
  // R4.9: masked names only.
  expect(JSON.stringify(members)).not.toContain('刘晓燕')
  expect(members.members.some((m) => m.nameMasked === '刘*燕')).toBe(true)
})

test('bad input: empty, over-long, ten images, a one-option poll, a past deadline → clear errors, nothing written', async () => {
  const before = t.store.count('posts', {})
  expect((expectError(await post(RESIDENT, '   '), 'VALIDATION_FAILED').details as { fields: Record<string, string[]> }).fields.text).toEqual(['请填写内容'])
  expectError(await post(RESIDENT, '长'.repeat(2001)), 'VALIDATION_FAILED')
  expectError(await t.call('group', 'post.create', { groupId: B6, text: '图', images: Array.from({ length: 10 }, (_, i) => `cloud://x/${i}.jpg`) }, RESIDENT), 'VALIDATION_FAILED')
  const future = new Date(Date.now() + 86400_000).toISOString()
  expect((expectError(await t.call('group', 'poll.create', { groupId: B6, text: '去哪', options: ['只有一个'], deadline: future }, RESIDENT), 'VALIDATION_FAILED').details as { fields: Record<string, string[]> }).fields.options).toEqual(['至少 2 个选项'])
  expectError(await t.call('group', 'chain.create', { groupId: B6, text: '过去的接龙', cap: 5, deadline: new Date(Date.now() - 1000).toISOString() }, RESIDENT), 'VALIDATION_FAILED')
  expect(t.store.count('posts', {})).toBe(before)
})

test('moderation: pass → published; review → held, seen only by the author and moderators; risky → refused, stored nowhere', async () => {
  const ok = expectOk(await post(neighbour, '周六楼下义剪，欢迎大家'))
  expect(ok.post.status).toBe('PUBLISHED')
  const held = expectOk(await post(neighbour, '有事加微信聊'))
  expect(held.post).toMatchObject({ status: 'HELD', note: expect.stringContaining('复核') })
  const refused = expectError(await post(neighbour, '周末一起赌博吗'), 'CONTENT_REFUSED')
  expect(refused.message).toContain('违法犯罪')
  expect(t.store.find('posts', {}).some((p) => String(p.text).includes('赌博'))).toBe(false)

  const feedOf = async (who: string) => expectOk(await t.call<{ posts: PostView[] }>('group', 'post.list', { groupId: B6 }, who)).posts.map((p) => p.id)
  expect(await feedOf(neighbour)).toContain(held.post.id)
  expect(await feedOf(RESIDENT)).not.toContain(held.post.id)
  expect(await feedOf(RESIDENT)).toContain(ok.post.id)
  expectError(await t.call('group', 'post.get', { postId: held.post.id }, RESIDENT), 'NOT_FOUND')
  const queue = expectOk(await t.call<{ items: { id: string }[] }>('group', 'post.queue', { communityId: C }, RC))
  expect(queue.items.map((i) => i.id)).toContain(held.post.id)
  // The moderator publishes it; the author sees the step with the reason.
  expectOk(await t.call('group', 'post.moderate', { targetType: 'post', targetId: held.post.id, action: 'PUBLISH', reason: '内容正常' }, RC))
  expect(await feedOf(RESIDENT)).toContain(held.post.id)
  const mine = expectOk(await t.call<{ post: PostView }>('group', 'post.get', { postId: held.post.id }, neighbour))
  expect(mine.post.moderation.map((m) => m.action)).toEqual(['HELD', 'PUBLISH'])
  expect(t.store.find('audit_log', { event: 'moderation.publish', target: held.post.id })).toHaveLength(1)
})

test('the check unavailable → held (fail closed), and the recheck timer publishes it once the check answers', async () => {
  const openapi = t.cloud.openapi
  const original = openapi.handle.bind(openapi)
  openapi.handle = () => ({ errcode: -1, errmsg: 'system error' })
  let id = ''
  try {
    const r = expectOk(await post(neighbour, '电梯明天上午保养'))
    expect(r.post).toMatchObject({ status: 'HELD', note: expect.stringContaining('暂时不可用') })
    id = r.post.id
    expect(expectOk(await t.call<{ posts: PostView[] }>('group', 'post.list', { groupId: B6 }, RESIDENT)).posts.map((p) => p.id)).not.toContain(id)
  } finally {
    openapi.handle = original
  }
  await t.cloud.fireTimer('group', 'recheck-held')
  expect(t.store.find('posts', { _id: id })[0]).toMatchObject({ status: 'PUBLISHED', pendingCheck: false })
})

test('a muted member cannot post and is told when the mute ends; removal is shown with the reason', async () => {
  const victim = residentsOf(`${C}_b06`, 8).filter((o) => o !== RESIDENT && o !== neighbour)[0]
  await grant(t, victim, ['community_groups'])
  const p = expectOk(await post(victim, '楼道堆了东西'))
  const m = expectOk(await t.call<{ mutedUntil: string }>('group', 'post.moderate', { targetType: 'post', targetId: p.post.id, action: 'MUTE', reason: '刷屏', muteDays: 3 }, RC))
  const err = expectError(await post(victim, '我又来了'), 'FORBIDDEN')
  expect(err.message).toContain('禁言')
  expect(err.details).toMatchObject({ mutedUntil: m.mutedUntil })
  const g = expectOk(await t.call<{ me: { mutedUntil: string; muteReason: string } }>('group', 'get', { groupId: B6 }, victim))
  expect(g.me).toMatchObject({ mutedUntil: m.mutedUntil, muteReason: '刷屏' })
})

test('feed paging by cursor while new posts arrive: no duplicates, no gaps', async () => {
  const writer = residentsOf(`${C}_b05`, 1)[0]
  await grant(t, writer, ['community_groups'])
  const G = `grp_${C}_b05`
  const initial: string[] = []
  for (let i = 0; i < 25; i++) {
    initial.push(expectOk(await t.call<{ post: PostView }>('group', 'post.create', { groupId: G, text: `第${i}条` }, writer, { requestId: `page_${i}_xx` })).post.id)
    if (i === 9) t.store.updateWhere('rate_limits', {}, { $set: { n: 0 } }, { multi: true, merge: true, upsert: false })
    if (i === 19) t.store.updateWhere('rate_limits', {}, { $set: { n: 0 } }, { multi: true, merge: true, upsert: false })
  }
  t.store.updateWhere('rate_limits', {}, { $set: { n: 0 } }, { multi: true, merge: true, upsert: false })
  const seen: string[] = []
  let cursor: string | undefined
  let arrivals = 0
  do {
    const page = expectOk(await t.call<{ posts: PostView[]; nextCursor: string | null }>('group', 'post.list', { groupId: G, limit: 7, ...(cursor ? { cursor } : {}) }, writer))
    seen.push(...page.posts.map((p) => p.id))
    cursor = page.nextCursor ?? undefined
    // A neighbour posts between pages.
    if (arrivals < 3) expectOk(await t.call('group', 'post.create', { groupId: G, text: `新来的${arrivals++}` }, writer))
  } while (cursor)
  expect(new Set(seen).size).toBe(seen.length)
  expect(seen.filter((id) => initial.includes(id))).toEqual([...initial].reverse())
})

test('a 接龙 joined by 100 racing members keeps each entry once and never exceeds its cap', async () => {
  const creator = RESIDENT
  const deadline = new Date(Date.now() + 3600_000).toISOString()
  const racers = residentsOf(`${C}_b07`, 100).concat(residentsOf(`${C}_b08`, 100)).concat(residentsOf(`${C}_b09`, 100))
  // Not enough seeded residents in one building: every racer is made a 6栋 resident here.
  const people = Array.from({ length: 100 }, (_, i) => racers[i] ?? `o_race_${i}`)
  for (const [i, openid] of people.entries()) {
    t.store.put('users', { _id: openid, nickname: `邻居${i}`, realName: null, phone: null, elderMode: null, currentCommunityId: C, createdAt: new Date(), updatedAt: new Date() }, 'replace')
    t.store.put('household_members', { _id: `hm_${openid}_race`, openid, communityId: C, buildingId: `${C}_b06`, unitId: `${C}_b06_u601`, relation: 'TENANT', status: 'APPROVED', realName: `邻居${i}`, createdAt: new Date(), updatedAt: new Date() }, 'replace')
  }
  for (const openid of people) await grant(t, openid, ['community_groups'])
  const chain = expectOk(await t.call<{ post: PostView }>('group', 'chain.create', { groupId: B6, text: '周日包饺子', cap: 60, deadline, fields: [{ key: 'n', label: '人数', kind: 'number' }] }, creator))
  expect(chain.post.status).toBe('PUBLISHED')
  const results = await Promise.all(
    [...people, ...people.slice(0, 20)].map((openid, i) => t.call<{ post: PostView }>('group', 'chain.join', { postId: chain.post.id, values: { n: '1' } }, openid, { requestId: `race_${i}_join` })),
  )
  const stored = t.store.find('posts', { _id: chain.post.id })[0] as unknown as { chainCount: number; chainJoined: string[]; chainEntries: { openid: string }[] }
  expect(stored.chainCount).toBe(60)
  expect(stored.chainEntries).toHaveLength(60)
  expect(new Set(stored.chainJoined).size).toBe(60)
  expect(new Set(stored.chainEntries.map((e) => e.openid)).size).toBe(60)
  const failures = results.filter((r) => !r.ok).map((r) => (!r.ok ? (r.error.details as { reason?: string })?.reason : ''))
  expect(failures.every((f) => f === 'CHAIN_FULL')).toBe(true)
  // Names in the list are masked.
  const view = expectOk(await t.call<{ post: PostView }>('group', 'post.get', { postId: chain.post.id }, RESIDENT))
  expect(view.post.chain!.entries.every((e) => e.nameMasked.includes('*'))).toBe(true)
})

test('poll: one vote each, results after voting; agenda raised once and moved through its states', async () => {
  const deadline = new Date(Date.now() + 3600_000).toISOString()
  const poll = expectOk(await t.call<{ post: PostView }>('group', 'poll.create', { groupId: B6, text: '楼道灯换什么颜色', options: ['暖光', '白光'], deadline }, RESIDENT))
  const before = expectOk(await t.call<{ post: PostView }>('group', 'post.get', { postId: poll.post.id }, neighbour))
  expect(before.post.poll!.resultsVisible).toBe(false)
  expect(before.post.poll!.options[0].votes).toBeNull()
  const voted = expectOk(await t.call<{ post: PostView }>('group', 'poll.vote', { postId: poll.post.id, choices: ['o1'] }, neighbour))
  expect(voted.post.poll!.options.map((o) => o.votes)).toEqual([1, 0])
  expectError(await t.call('group', 'poll.vote', { postId: poll.post.id, choices: ['o2'] }, neighbour), 'CONFLICT')

  const item = expectOk(await t.call<{ item: { id: string; status: string } }>('group', 'agenda.raise', { postId: poll.post.id, summary: '请居委会统一更换楼道灯' }, RESIDENT)).item
  expectError(await t.call('group', 'agenda.raise', { postId: poll.post.id, summary: '再来一次' }, RESIDENT), 'CONFLICT')
  expectError(await t.call('group', 'agenda.transition', { communityId: C, itemId: item.id, to: 'DONE', followUp: 'x' }, RC), 'CONFLICT')
  expectOk(await t.call('group', 'agenda.transition', { communityId: C, itemId: item.id, to: 'SCHEDULED', meetingAt: deadline }, RC))
  expectOk(await t.call('group', 'agenda.transition', { communityId: C, itemId: item.id, to: 'DISCUSSED' }, RC))
  expectOk(await t.call('group', 'agenda.transition', { communityId: C, itemId: item.id, to: 'DECIDED', outcome: '统一换暖光' }, RC))
  expectOk(await t.call('group', 'agenda.transition', { communityId: C, itemId: item.id, to: 'DONE', followUp: '物业已更换' }, RC))
  const list = expectOk(await t.call<{ items: { id: string; status: string; history: unknown[] }[] }>('group', 'agenda.list', { communityId: C }, neighbour))
  expect(list.items.find((i) => i.id === item.id)).toMatchObject({ status: 'DONE' })
  expectError(await t.call('group', 'agenda.transition', { communityId: C, itemId: item.id, to: 'SCHEDULED', meetingAt: deadline }, RESIDENT), 'FORBIDDEN')
})

test('interest groups: a resident proposes, staff refuse with a reason the proposer sees, or approve and neighbours join', async () => {
  type G = { id: string; status: string; reviewNote: string | null; joined: boolean }
  const refused = expectOk(await t.call<{ group: G }>('group', 'propose', { communityId: C, name: '夜跑群', description: '每晚八点沿河跑步' }, RESIDENT)).group
  const kept = expectOk(await t.call<{ group: G }>('group', 'propose', { communityId: C, name: '书法角', description: '周末一起练字' }, RESIDENT)).group
  expectError(await t.call('group', 'proposals', { communityId: C }, RESIDENT), 'FORBIDDEN')
  const queue = expectOk(await t.call<{ groups: { id: string; proposedByMasked: string }[] }>('group', 'proposals', { communityId: C }, RC))
  expect(queue.groups.map((g) => g.id)).toEqual(expect.arrayContaining([refused.id, kept.id]))
  // A refusal needs a reason; nothing changes without one.
  expectError(await t.call('group', 'review', { communityId: C, groupId: refused.id, decision: 'REJECT' }, RC), 'VALIDATION_FAILED')
  expectOk(await t.call('group', 'review', { communityId: C, groupId: refused.id, decision: 'REJECT', reason: '已有同类的健步走群' }, RC))
  expectOk(await t.call('group', 'review', { communityId: C, groupId: kept.id, decision: 'APPROVE' }, RC))
  expectError(await t.call('group', 'review', { communityId: C, groupId: refused.id, decision: 'APPROVE' }, RC), 'CONFLICT')

  const mine = expectOk(await t.call<{ groups: G[] }>('group', 'list', { communityId: C }, RESIDENT)).groups
  expect(mine.find((g) => g.id === refused.id)).toMatchObject({ status: 'REJECTED', reviewNote: '已有同类的健步走群' })
  const theirs = expectOk(await t.call<{ groups: G[] }>('group', 'list', { communityId: C }, neighbour)).groups
  expect(theirs.some((g) => g.id === refused.id)).toBe(false)
  expect(theirs.find((g) => g.id === kept.id)).toMatchObject({ status: 'ACTIVE', joined: false })
  expectOk(await t.call('group', 'join', { groupId: kept.id }, neighbour))
  expect(expectOk(await t.call<{ memberCount: number }>('group', 'get', { groupId: kept.id }, neighbour)).memberCount).toBe(2)
  // Closed: read-only, with the reason for everyone.
  expectOk(await t.call('group', 'review', { communityId: C, groupId: kept.id, decision: 'CLOSE', reason: '暂停活动一个月' }, RC))
  expect(expectOk(await t.call<{ group: G }>('group', 'get', { groupId: kept.id }, neighbour)).group).toMatchObject({ status: 'CLOSED', reviewNote: '暂停活动一个月' })
  expectError(await post(neighbour, '还能发吗', kept.id), 'FORBIDDEN')
})

test('reports: three neighbours hold a post; the moderator hides it with a reason the author sees, others see nothing', async () => {
  const reporters = residentsOf(`${C}_b06`, 8).filter((o) => o !== RESIDENT && o !== neighbour).slice(0, 3)
  expect(reporters).toHaveLength(3)
  const p = expectOk(await post(neighbour, '楼下那辆车谁的？天天挡路'))
  for (const [i, r] of reporters.entries()) {
    const res = expectOk(await t.call<{ reported: boolean; held: boolean }>('group', 'post.report', { targetType: 'post', targetId: p.post.id, reason: '人身攻击' }, r))
    expect(res).toEqual({ reported: true, held: i === 2 })
  }
  expectError(await t.call('group', 'post.get', { postId: p.post.id }, RESIDENT), 'NOT_FOUND')
  const queue = expectOk(await t.call<{ items: { id: string; reports: number }[] }>('group', 'post.queue', { communityId: C }, RC))
  expect(queue.items.find((i) => i.id === p.post.id)).toMatchObject({ reports: 3 })
  expectOk(await t.call('group', 'post.moderate', { targetType: 'post', targetId: p.post.id, action: 'HIDE', reason: '请文明发言' }, RC))
  const seen = expectOk(await t.call<{ post: PostView }>('group', 'post.get', { postId: p.post.id }, neighbour)).post
  expect(seen).toMatchObject({ status: 'HIDDEN', note: expect.stringContaining('请文明发言') })
  expect(seen.moderation.map((m) => m.action)).toEqual(['PASSED', 'HELD', 'HIDE'])
  expect(expectOk(await t.call<{ items: { id: string }[] }>('group', 'post.queue', { communityId: C }, RC)).items.some((i) => i.id === p.post.id)).toBe(false)
})

test('from talk to decision: an agenda item becomes a 你说我办 item, a post a survey; both link back', async () => {
  const p = expectOk(await post(RESIDENT, '小区东门的快递柜不够用，大家觉得呢？'))
  const item = expectOk(await t.call<{ item: { id: string } }>('group', 'agenda.raise', { postId: p.post.id, summary: '增加快递柜' }, RESIDENT)).item
  const action = expectOk(
    await t.call<{ id: string }>('action', 'create', { communityId: C, title: '东门增设快递柜', description: '议事厅议定', source: { kind: 'agenda', ref: item.id, label: '议事厅：增加快递柜' }, ownerName: '王主任', dueDate: '2027-01-15' }, RC),
  )
  const agenda = expectOk(await t.call<{ items: { id: string; actions: { id: string; title: string }[] }[] }>('group', 'agenda.list', { communityId: C }, RESIDENT))
  expect(agenda.items.find((i) => i.id === item.id)!.actions).toEqual([expect.objectContaining({ id: action.id, title: '东门增设快递柜' })])

  // The survey feature stores `origin` on its document (survey.create { origin }); a draft is shown to staff only.
  const survey = { communityId: C, title: '快递柜选址问卷', status: 'DRAFT', origin: { kind: 'post', id: p.post.id }, createdAt: new Date() }
  t.store.put('surveys', { _id: 'sv_from_post', ...survey }, 'insert')
  const forStaff = expectOk(await t.call<{ derived: unknown[] }>('group', 'post.get', { postId: p.post.id }, RC)).derived
  expect(forStaff).toEqual([{ kind: 'survey', id: 'sv_from_post', title: '快递柜选址问卷' }])
  expect(expectOk(await t.call<{ derived: unknown[] }>('group', 'post.get', { postId: p.post.id }, neighbour)).derived).toEqual([])
  t.store.put('surveys', { _id: 'sv_from_post', ...survey, status: 'PUBLISHED' }, 'replace')
  expect(expectOk(await t.call<{ derived: unknown[] }>('group', 'post.get', { postId: p.post.id }, neighbour)).derived).toHaveLength(1)
})

test('a group admin sees held posts of their group in its feed and moderates them; a member cannot', async () => {
  const g = expectOk(await t.call<{ group: { id: string } }>('group', 'propose', { communityId: C, name: '旧物交换', description: '闲置物品互相送' }, RESIDENT)).group
  expectOk(await t.call('group', 'review', { communityId: C, groupId: g.id, decision: 'APPROVE' }, RC))
  const other = residentsOf(`${C}_b06`, 8).filter((o) => o !== RESIDENT && o !== neighbour)[0]
  await grant(t, other, ['community_groups'])
  expectOk(await t.call('group', 'join', { groupId: g.id }, neighbour))
  expectOk(await t.call('group', 'join', { groupId: g.id }, other))
  const held = expectOk(await post(neighbour, '有旧沙发要的加微信', g.id)).post
  expect(held.status).toBe('HELD')
  const feed = (openid: string) => t.call<{ posts: PostView[] }>('group', 'post.list', { groupId: g.id }, openid)
  expect(expectOk(await feed(RESIDENT)).posts.map((p) => p.id)).toContain(held.id) // the admin (proposer)
  expect(expectOk(await feed(other)).posts.map((p) => p.id)).not.toContain(held.id)
  expectError(await t.call('group', 'post.moderate', { targetType: 'post', targetId: held.id, action: 'PUBLISH', reason: '内容正常' }, other), 'FORBIDDEN')
  expectOk(await t.call('group', 'post.moderate', { targetType: 'post', targetId: held.id, action: 'REMOVE', reason: '请勿留联系方式' }, RESIDENT))
  expect(expectOk(await feed(RESIDENT)).posts.map((p) => p.id)).not.toContain(held.id) // removed: the author's alone
  const mine = expectOk(await feed(neighbour)).posts.find((p) => p.id === held.id)!
  expect(mine).toMatchObject({ status: 'REMOVED', note: '已被删除：请勿留联系方式' })
  expect(mine.moderation.at(-1)).toMatchObject({ action: 'REMOVE', by: '群管理员', reason: '请勿留联系方式' })
})

/** Photos as the H5 client uploads them: slots from media.prepareUpload, bytes to the local cloud. */
async function uploadPhotos(openid: string, names: string[]): Promise<string[]> {
  const paths = expectOk(await t.call<{ cloudPaths: string[] }>('media', 'prepareUpload', { feature: 'group', exts: names.map(() => 'png') }, openid)).cloudPaths
  return Promise.all(paths.map((p, i) => uploadToLocalCloud({ origin: t.cloud.url, openid }, p, new Blob([pngBytes()]), names[i])))
}

test('photos on a post: held until the platform passes them (the author sees them meanwhile), risky never shown, someone else’s photo refused', async () => {
  const [garden, risky] = await uploadPhotos(RESIDENT, ['garden.png', 'risky.png'])
  const [theirs] = await uploadPhotos(neighbour, ['mine.png'])
  // Another person's file id: refused with the field, nothing written.
  const before = t.store.find('posts', { authorOpenid: RESIDENT }).length
  const bad = expectError(await t.call('group', 'post.create', { groupId: B6, text: '看看这张', images: [garden, theirs] }, RESIDENT), 'VALIDATION_FAILED')
  expect(JSON.stringify(bad.details)).toContain('images.1')
  expect(t.store.find('posts', { authorOpenid: RESIDENT })).toHaveLength(before)

  t.cloud.openapi.mediaCheckUnavailable = true // the check cannot be asked: held, fail closed
  let created: PostView
  try {
    created = expectOk(await t.call<{ post: PostView }>('group', 'post.create', { groupId: B6, text: '楼下花开了', images: [garden, risky] }, RESIDENT)).post
  } finally {
    t.cloud.openapi.mediaCheckUnavailable = false
  }
  expect(created).toMatchObject({ status: 'PUBLISHED', images: [garden, risky], imagesHeld: 0 }) // the author sees their own
  const seen = async (openid: string) => expectOk(await t.call<{ post: PostView }>('group', 'post.get', { postId: created.id }, openid)).post
  expect(await seen(neighbour)).toMatchObject({ images: [], imagesHeld: 2 })
  const feedView = expectOk(await t.call<{ posts: PostView[] }>('group', 'post.list', { groupId: B6 }, neighbour)).posts.find((p) => p.id === created.id)
  expect(feedView).toMatchObject({ images: [], imagesHeld: 2 })

  // The media function's timer asks again; the verdicts arrive by push: garden passes, risky never shows.
  for (const f of [garden, risky]) {
    const doc = t.store.find('media_checks', { fileId: f })[0]
    expect(doc).toMatchObject({ status: 'UNAVAILABLE' })
    t.store.put('media_checks', { ...doc, retryAt: new Date(Date.now() - 1000) }, 'replace') // due now
  }
  expect(((await t.cloud.fireTimer('media', 'retry-checks')) as { data: { retried: number } }).data.retried).toBe(2)
  await t.cloud.openapi.pushesSettled()
  expect(await seen(neighbour)).toMatchObject({ images: [garden], imagesHeld: 0 })
  expect((await seen(RC)).images).toEqual([garden])
  expect((await seen(RESIDENT)).images).toEqual([garden])
})
