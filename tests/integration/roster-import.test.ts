/**
 * roster.import / roster.publish (R2.1–R2.3) through the local cloud: whole-file validation with
 * nothing written on failure, GBK files from Excel, clear refusal of undecodable bytes, idempotent
 * re-import, hashed IDs only, and the published headcount/area.
 */
import iconv from 'iconv-lite'
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { docsMentioning, expectError, expectOk, rg } from './support/linli'

let t: TestCloud
// An empty community of the field study: importing here does not disturb the demo data.
const YL = 'c_yuelong'
const HEADER = '楼栋,房号,面积(m²),面积来源,是否车位,开发商持有,已交付,权利人,证件号'
const ZHANG = '11010519491231002X'
const LI = '110105196001010013'
const WANG = '110105197502020027'

/** R2.1's example: one buyer (张三) with 89, 120 and 143 m²; a co-owned flat; developer stock; parking. */
const GOOD = [
  HEADER,
  `1栋,101,89,不动产登记,否,否,是,张三,${ZHANG}`,
  `1栋,102,120,不动产登记,否,否,是,张三,${ZHANG}`,
  `2栋,301,143.00,实测,否,否,是,张三,${ZHANG}`,
  `2栋,302,95.5,合同,否,否,是,李四、王五,${LI}、${WANG}`,
  `2栋,303,88.25,不动产登记,否,否,否,王五,${WANG}`,
  '3栋,101,100,不动产登记,否,是,否,,',
  `地下车库,P001,12.5,不动产登记,是,否,是,李四、王五,${LI}、${WANG}`,
].join('\r\n')

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64')
const importCsv = (csvBase64: string, encoding = 'auto', openid = 'o_demo_admin') => t.call<Record<string, any>>('roster', 'import', { communityId: YL, csvBase64, encoding }, openid)
// Sorted by _id: upserts run in parallel batches, so storage order is not part of "the same store".
const byId = <T extends { _id: string }>(docs: T[]) => [...docs].sort((a, b) => (a._id < b._id ? -1 : 1))
const snapshot = () => ({
  units: byId(t.store.find('units', { communityId: YL })),
  parties: byId(t.store.find('owner_parties', { communityId: YL })),
  buildings: byId(t.store.find('buildings', { communityId: YL })),
  imports: byId(t.store.find('roster_imports', { communityId: YL })),
})
const empty = () => expect(snapshot()).toEqual({ units: [], parties: [], buildings: [], imports: [] })

beforeAll(async () => {
  t = await startTestCloud()
  // Roles are per community: make the demo admin an admin of 岳龙 too (as role.assign would).
  t.store.put('role_grants', { _id: rg('o_demo_admin', 'COMMUNITY_ADMIN', YL), openid: 'o_demo_admin', role: 'COMMUNITY_ADMIN', communityId: YL, grantedBy: 'seed', grantedAt: new Date(), revokedAt: null }, 'replace')
})
afterAll(async () => {
  await t?.close()
})

describe('bad files: nothing is written, the report names line and field', () => {
  test('bad rows, duplicate units, negative and absurd areas', async () => {
    const bad = [
      HEADER,
      `1栋,101,89,不动产登记,否,否,是,张三,${ZHANG}`,
      `1栋,102,-12,不动产登记,否,否,是,张三,${ZHANG}`,
      `1栋,103,99999,不动产登记,否,否,是,张三,${ZHANG}`,
      `1栋,101,90,不动产登记,否,否,是,张三,${ZHANG}`,
      `1栋,104,九十,不动产登记,否,否,是,张三,${ZHANG}`,
      `1栋,105,90,估算,否,否,是,张三,${ZHANG}`,
      `1栋,106,90,实测,否,否,是,张三、李四,${ZHANG}`,
      `1栋,107,90,实测,否,否,是,张三,1234567`,
      `1栋,,90,实测,否,否,是,张三,${ZHANG}`,
    ].join('\n')
    const err = expectError(await importCsv(b64(bad)), 'ROSTER_INVALID')
    const errors = (err.details as { errors: { line: number; field: string; message: string }[] }).errors
    const at = (line: number) => errors.filter((e) => e.line === line).map((e) => e.field)
    expect(at(2)).toEqual([])
    expect(at(3)).toEqual(['面积(m²)'])
    expect(at(4)).toEqual(['面积(m²)'])
    expect(at(5)).toEqual(['房号'])
    expect(errors.find((e) => e.line === 5)?.message).toMatch(/重复/)
    expect(at(6)).toEqual(['面积(m²)'])
    expect(at(7)).toEqual(['面积来源'])
    expect(at(8)).toEqual(['证件号'])
    expect(at(9)).toEqual(['证件号'])
    expect(at(10)).toEqual(['房号'])
    empty()
    // The report never echoes an ID number.
    expect(JSON.stringify(err)).not.toContain(ZHANG)
  })

  test('invalid bytes are refused clearly, for every declared encoding', async () => {
    const garbage = Buffer.concat([Buffer.from('楼栋,房号\n', 'utf8'), Buffer.from([0xff, 0xfe, 0xfd, 0x81, 0x00])])
    for (const enc of ['auto', 'utf-8', 'gbk']) {
      const err = expectError(await importCsv(b64(garbage), enc), 'ROSTER_INVALID')
      expect(err.message).toMatch(/编码/)
    }
    // GBK bytes declared as UTF-8 are refused rather than imported as mojibake.
    expect(expectError(await importCsv(b64(iconv.encode(GOOD, 'gbk')), 'utf-8'), 'ROSTER_INVALID').message).toMatch(/UTF-8/)
    empty()
  })

  test('not allowed → FORBIDDEN before the file is even read', async () => {
    expectError(await importCsv(b64(GOOD), 'auto', 'o_demo_grid_worker'), 'FORBIDDEN')
    expectError(await importCsv(b64(GOOD), 'auto', 'o_demo_owner'), 'FORBIDDEN')
    empty()
  })
})

describe('a good file', () => {
  test('GBK from Excel is accepted (auto-detected), IDs are stored only as hashes', async () => {
    const res = expectOk(await importCsv(b64(iconv.encode(GOOD, 'gbk'))))
    expect(res).toMatchObject({ encoding: 'gbk', alreadyImported: false, counts: { rows: 7, units: 7, buildings: 4, parties: 3, parking: 1, developerHeld: 2 } })
    const s = snapshot()
    expect(s.units.find((x) => x._id === `${YL}_b01_u101`)).toMatchObject({ area: 8900, areaSource: 'REGISTER', delivered: true, developerHeld: false })
    expect(s.units.find((x) => x.number === '302')).toMatchObject({ area: 9550, areaSource: 'CONTRACT' })
    expect(s.units.find((x) => x.number === '303')).toMatchObject({ area: 8825, developerHeld: true, delivered: false })
    // One buyer's three units form one party, keyed by the holder hashes.
    const zhang = s.units.filter((x) => ['1栋101', '1栋102', '2栋301'].includes(`${s.buildings.find((bb) => bb._id === x.buildingId)!.name}${x.number}`))
    expect(new Set(zhang.map((x) => x.ownerPartyId)).size).toBe(1)
    expect(s.units.find((x) => x.number === '101' && x.buildingId === `${YL}_b03`)!.ownerPartyId).toBe(`${YL}_p_developer`)
    for (const id of [ZHANG, LI, WANG]) expect(docsMentioning(t, id).size).toBe(0)
    expect(s.imports).toHaveLength(1)
  })

  test('re-importing the same file (UTF-8 this time, with BOM) changes nothing', async () => {
    const before = snapshot()
    const again = expectOk(await importCsv(b64(iconv.encode(GOOD, 'gbk')), 'gbk'))
    expect(again.alreadyImported).toBe(true)
    expect(snapshot()).toEqual(before)
    // Same content in another encoding: same units and parties (ids from community+building+number).
    const utf8 = expectOk(await importCsv(b64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD, 'utf8')])), 'auto'))
    expect(utf8.encoding).toBe('utf-8')
    const after = snapshot()
    expect(after.parties).toEqual(before.parties)
    expect(after.buildings).toEqual(before.buildings)
    expect(after.units.map(({ areaDocRef, ...rest }) => rest)).toEqual(before.units.map(({ areaDocRef, ...rest }) => rest))
  })

  test('publish: unit and area only; headcount per R2.1; parking excluded per R2.3', async () => {
    const r = expectOk(await t.call<Record<string, any>>('roster', 'publish', { communityId: YL }, 'o_demo_admin'))
    expect(r.excludeParkingFromArea).toBe(true)
    // Parties with a delivered sold unit: 张三 (3 units), 李四+王五 (302) = 2; 王五 alone has only an
    // undelivered unit → with the developer, who is +1. Parking excluded.
    expect(r.totals).toMatchObject({ headcount: 3, ownerParties: 2, developerCounted: true, area: 8900 + 12000 + 14300 + 9550 + 8825 + 10000 })
    expect(Object.keys(r.units[0]).sort()).toEqual(['area', 'counted', 'isParking', 'label', 'unitId'])
    expect(JSON.stringify(r)).not.toMatch(/张三|李四|王五/)
  })

  test('a replace import retires the units the file no longer lists; they stop counting; merge brings them back', async () => {
    const ONLY_1 = [HEADER, `1栋,101,89,不动产登记,否,否,是,张三,${ZHANG}`, `1栋,102,120,不动产登记,否,否,是,张三,${ZHANG}`].join('\n')
    const replaced = expectOk(await t.call<Record<string, any>>('roster', 'import', { communityId: YL, csvBase64: b64(ONLY_1), mode: 'replace' }, 'o_demo_admin'))
    expect(replaced.counts).toMatchObject({ units: 2, retired: 5 })
    const units = t.store.find('units', { communityId: YL })
    expect(units).toHaveLength(7) // kept for references, not deleted
    expect(units.filter((x) => x.retired === true).map((x) => x.number).sort()).toEqual(['101', '301', '302', '303', 'P001'])
    const pub = expectOk(await t.call<Record<string, any>>('roster', 'publish', { communityId: YL }, 'o_demo_admin'))
    expect(pub.totals).toMatchObject({ headcount: 1, area: 8900 + 12000, developerCounted: false })
    expect(pub.units).toHaveLength(2)
    // Not offered for joining any more.
    const browse = expectOk(await t.call<{ units: unknown[] }>('community', 'units', { communityId: YL, buildingId: `${YL}_b02` }, 'o_demo_owner'))
    expect(browse.units).toHaveLength(0)
    // A merge import of the full file makes them register units again.
    const merged = expectOk(await importCsv(b64(GOOD)))
    expect(merged.counts.retired).toBe(0)
    expect(t.store.find('units', { communityId: YL }).filter((x) => x.retired === true)).toHaveLength(0)
    expect(expectOk(await t.call<Record<string, any>>('roster', 'publish', { communityId: YL }, 'o_demo_admin')).totals.headcount).toBe(3)
  })

  test('R2.1 example on the demo community: 张建国 owns three units = one party', async () => {
    const r = expectOk(await t.call<Record<string, any>>('roster', 'publish', { communityId: 'c_xuetangpo' }, 'o_demo_committee'))
    const owner = t.store.find('units', { ownerPartyId: t.store.getById('units', 'c_xuetangpo_b01_u101')!.doc.ownerPartyId })
    expect(owner.filter((x) => !x.isParking).reduce((s, x) => s + (x.area as number), 0)).toBe(35200)
    expect(r.totals.headcount).toBeGreaterThan(0)
  })
})
