import { looksLikeInternalId, portableJson, readableExport } from '../readable-export'

/** What user.exportMyData answers today: raw documents per collection (ids, openids, bookkeeping). */
const today = {
  generatedAt: '2026-12-01T08:00:00.000Z',
  rightsRequestId: 'rr:o_demo_owner:req-1',
  counts: { users: 1, household_members: 1, consents: 1, idempotency: 1, rights_requests: 1 },
  collections: {
    users: [{ _id: 'o_demo_owner', nickname: '张建国', realName: '张建国', phone: '13800000001', elderMode: true, currentCommunityId: 'c_xuetangpo', createdAt: '2026-01-05T02:00:00.000Z' }],
    household_members: [
      { _id: 'hm_o_demo_owner_c_xuetangpo_b02_u301', openid: 'o_demo_owner', unitId: 'c_xuetangpo_b02_u301', relation: 'OWNER', status: 'APPROVED', realName: '张建国', reviewedBy: 'o_demo_grid_worker' },
    ],
    consents: [{ _id: 'o_demo_owner:household', openid: 'o_demo_owner', purposeId: 'household', state: 'GRANTED', policyVersion: '2026.1-abcdef12', channel: 'seed', grantedAt: '2026-01-05T02:00:00.000Z' }],
    idempotency: [{ _id: 'user:updateProfile:o_demo_owner:req-9', at: '2026-12-01T07:00:00.000Z', result: { ok: true } }],
    rights_requests: [{ _id: 'rr:o_demo_owner:req-1', openid: 'o_demo_owner', type: 'ACCESS_COPY', status: 'COMPLETED', requestedAt: '2026-12-01T08:00:00.000Z' }],
  },
}

const everything = (data: ReturnType<typeof readableExport>) => JSON.stringify(data)

// Issue #7 item 5: no internal collections, no raw ids, grouped by purpose.
test('the readable export is grouped by purpose and never shows internal collections or raw ids', () => {
  const data = readableExport(today, { homes: new Map([['hm_o_demo_owner_c_xuetangpo_b02_u301', '学堂坡社区 2栋301']]) })
  const titles = data.groups.map((g) => g.title)
  expect(titles).toEqual(expect.arrayContaining(['账号与基本服务', '房屋与家庭绑定', '联系电话', '授权与撤回记录', '个人信息权利申请']))
  const text = everything(data)
  for (const internal of ['idempotency', 'o_demo_owner', 'rr:', 'c_xuetangpo', 'hm_', '2026.1-abcdef12', 'seed']) expect(text).not.toContain(internal)
  const household = data.groups.find((g) => g.key === 'household')!
  expect(household.records[0].fields).toEqual(
    expect.arrayContaining([
      { label: '房屋', value: '学堂坡社区 2栋301' },
      { label: '与房屋关系', value: '业主' },
      { label: '状态', value: '已认证' },
    ]),
  )
  // The phone is the person's own data: shown to them, under 联系电话, not under 账号.
  expect(data.groups.find((g) => g.key === 'contact_phone')!.records[0].fields).toEqual([{ label: '手机号', value: '13800000001' }])
  expect(everything({ generatedAt: null, groups: data.groups.filter((g) => g.key === 'account') })).not.toContain('13800000001')
})

test('an answer already grouped by the server is re-checked the same way', () => {
  const data = readableExport({
    generatedAt: '2026-12-01T08:00:00.000Z',
    groups: [
      { purposeId: 'household', title: '房屋与家庭绑定', records: [{ fields: [{ label: '房屋', value: '2栋301' }, { label: '编号', value: 'hm_o_demo_owner_x' }] }] },
      { purposeId: 'account', records: [{ nickname: '张建国', _id: 'o_demo_owner' }] },
    ],
  })
  expect(data.groups.map((g) => g.title)).toEqual(['房屋与家庭绑定', '账号与基本服务'])
  expect(everything(data)).not.toContain('o_demo_owner')
  expect(data.groups[0].records[0].fields).toEqual([{ label: '房屋', value: '2栋301' }])
})

test('internal ids are told apart from what people wrote', () => {
  for (const id of ['o_demo_owner', 'rr:o_demo_owner:abc', 'c_xuetangpo_b02_u301', 'ax:req-1']) expect(looksLikeInternalId(id)).toBe(true)
  for (const text of ['张建国', '13800000001', '138****0001', '上门走访前电话预约', '2026-12-01T08:00:00.000Z']) expect(looksLikeInternalId(text)).toBe(false)
})

test('the machine-readable copy holds the same grouped records, labelled, without ids', () => {
  const json = JSON.parse(portableJson(readableExport(today))) as { format: string; groups: Array<{ purpose: string; records: Array<Record<string, string>> }> }
  expect(json.format).toBe('linli-my-data/1')
  expect(json.groups.find((g) => g.purpose === '账号与基本服务')!.records[0]).toMatchObject({ 昵称: '张建国', 长辈版: '是' })
  expect(JSON.stringify(json)).not.toContain('o_demo_owner')
})

// The server's readable view (issue #9 §7.5, shape in domain/user/contract.ts) is preferred and re-checked.
test('server sections become the page groups, keyed by purpose, with ids still dropped', () => {
  const data = readableExport({
    ...today,
    sections: [
      {
        purpose: 'household',
        title: '房屋与家庭绑定',
        description: '…',
        records: [{ collection: 'household_members', title: '房屋：2栋301', rows: [{ label: '与房屋关系', value: '业主' }, { label: '编号', value: 'hm_o_demo_owner_x' }] }],
      },
      { purpose: null, title: '同意记录', description: '…', records: [{ collection: 'consents', title: '房屋与家庭绑定', rows: [{ label: '状态', value: '已同意' }] }] },
    ],
  })
  expect(data.groups.map((g) => g.key)).toEqual(['household', 'consent_records'])
  expect(data.groups[0].records[0].fields).toEqual([
    { label: '记录', value: '房屋：2栋301' },
    { label: '与房屋关系', value: '业主' },
  ])
  expect(everything(data)).not.toContain('o_demo_owner')
})
