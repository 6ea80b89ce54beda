/**
 * Issue #9 §7.10 and §7.11: roster imports that cannot finish are refused up front, an import in
 * progress (or one that died) is invisible, and the same file resumes it; spreadsheet formulas are
 * stored as text; names with control, zero-width or bidi-override characters or lone surrogates
 * are refused with the field named and nothing written.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, bootstrap, countDocs, expectError, expectOk, grant, rg, u } from './support/linli'

let t: TestCloud
const YL = 'c_yuelong'
const HEADER = '楼栋,房号,面积(m²),面积来源,是否车位,开发商持有,已交付,权利人,证件号'
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const importCsv = (text: string, mode = 'merge') => t.call<Record<string, any>>('roster', 'import', { communityId: YL, csvBase64: b64(text), mode }, 'o_demo_admin')
const idFor = (n: number) => `110105${1950 + (n % 50)}0101${String(n % 1000).padStart(3, '0')}X`
const rows = (n: number, building = (i: number) => `${1 + Math.floor(i / 100)}栋`) =>
  [HEADER, ...Array.from({ length: n }, (_, i) => `${building(i)},${101 + (i % 100)},${80 + (i % 40)},不动产登记,否,否,是,业主${i},${idFor(i)}`)].join('\n')

beforeAll(async () => {
  t = await startTestCloud()
  t.store.put('role_grants', { _id: rg('o_demo_admin', 'COMMUNITY_ADMIN', YL), openid: 'o_demo_admin', role: 'COMMUNITY_ADMIN', communityId: YL, grantedBy: 'seed', grantedAt: new Date(), revokedAt: null }, 'replace')
})
afterAll(async () => {
  await t?.close()
})

describe('§7.10 roster import', () => {
  test('a file beyond what one call can finish is refused whole, with the limit in the message', async () => {
    const before = countDocs(t)
    const err = expectError(await importCsv(rows(10_001)), 'ROSTER_INVALID')
    expect(err.message).toMatch(/10000行/)
    expect(err.details).toMatchObject({ maxRows: 10_000 })
    expect(countDocs(t)).toEqual(before)
  })

  test('what a dead import left is invisible; importing the same file resumes and commits it', async () => {
    const file = rows(150)
    // A first call that died after writing part of its staged documents (what a timeout leaves).
    const ok = expectOk(await importCsv(file))
    const importId = ok.importId as string
    const building = t.store.find('buildings', { communityId: YL })[0]
    const units = t.store.find('units', { buildingId: building._id })
    t.store.put('buildings', { ...building, stagedBy: importId }, 'replace')
    for (const unit of units.slice(0, 30)) t.store.put('units', { ...unit, stagedBy: importId, retired: true }, 'replace')
    t.store.delete('roster_imports', importId)

    const browse = expectOk(await t.call<{ buildings: { id: string }[] }>('community', 'units', { communityId: YL }, 'o_demo_owner'))
    expect(browse.buildings.map((b) => b.id)).not.toContain(building._id)
    expectError(await t.call('community', 'units', { communityId: YL, buildingId: building._id }, 'o_demo_owner'), 'NOT_FOUND')
    const pub = expectOk(await t.call<{ units: unknown[] }>('roster', 'publish', { communityId: YL }, 'o_demo_admin'))
    expect(pub.units).toHaveLength(150 - 30)

    const again = expectOk(await importCsv(file))
    expect(again.importId).toBe(importId)
    expect(t.store.find('units', { communityId: YL }).filter((x) => x.stagedBy || x.retired)).toEqual([])
    expect(t.store.find('buildings', { communityId: YL }).filter((x) => x.stagedBy)).toEqual([])
    expect(expectOk(await t.call<{ units: unknown[] }>('roster', 'publish', { communityId: YL }, 'o_demo_admin')).units).toHaveLength(150)
    expect(t.store.find('roster_imports', { _id: importId })).toHaveLength(1)
  })

  test('while a large import runs, no building is offered without all its units', async () => {
    const file = rows(1000, (i) => `${10 + Math.floor(i / 100)}号楼`)
    let done = false
    const running = importCsv(file).finally(() => {
      done = true
    })
    let polls = 0
    while (!done) {
      const b = expectOk(await t.call<{ buildings: { id: string; name: string }[] }>('community', 'units', { communityId: YL }, 'o_demo_owner'))
      for (const building of b.buildings.filter((x) => x.name.endsWith('号楼'))) {
        const r = expectOk(await t.call<{ units: unknown[] }>('community', 'units', { communityId: YL, buildingId: building.id }, 'o_demo_owner'))
        expect([building.name, r.units.length]).toEqual([building.name, 100])
      }
      polls++
    }
    expectOk(await running)
    expect(polls).toBeGreaterThan(0)
  })
})

describe('§7.11 spreadsheet formulas and names', () => {
  test('formulas in the register are stored as text and reported as warnings', async () => {
    const file = [HEADER, `"=HYPERLINK(""http://e.x"",""1栋"")",101,90,不动产登记,否,否,是,"=cmd|' /C calc'!A0",${idFor(1)}`, `1栋,-1,20,不动产登记,是,否,是,张三,${idFor(2)}`].join('\n')
    const r = expectOk(await importCsv(file))
    expect(r.warnings.filter((w: { message: string }) => /表格公式/.test(w.message))).toHaveLength(2)
    const labels = t.store.find('buildings', { communityId: YL }).map((b) => b.name as string)
    expect(labels).toContain(`'=HYPERLINK("http://e.x","1栋")`)
    expect(labels.filter((l) => /^[=+\-@]/.test(l))).toEqual([])
    const party = t.store.find('owner_parties', { communityId: YL }).find((p) => (p.holders as { name: string }[]).some((h) => h.name.includes('cmd')))!
    expect((party.holders as { name: string }[])[0].name).toBe("'=cmd|' /C calc'!A0")
    // A plain negative number is data, not a formula.
    expect(t.store.find('units', { communityId: YL, number: '-1' })).toHaveLength(1)
  })

  test('control, zero-width, bidi and lone surrogates in a register name refuse the file', async () => {
    const before = countDocs(t)
    const err = expectError(await importCsv([HEADER, `1栋,901,90,不动产登记,否,否,是,张\u202e三,${idFor(3)}`].join('\n')), 'ROSTER_INVALID')
    expect(JSON.stringify(err.details)).toMatch(/方向控制/)
    expect(countDocs(t)).toEqual(before)
  })

  test.each([
    ['bidi override', '张\u202e伟'],
    ['zero-width', '张\u200b伟'],
    ['control', '张\u0007伟'],
    ['lone surrogate', '张\ud800伟'],
  ])('a name with %s is refused, field named, nothing written', async (_kind, name) => {
    const who = `o_sec_name_${_kind.replace(/\W/g, '')}`
    await bootstrap(t, who)
    await grant(t, who, ['household'])
    const before = countDocs(t)
    const a = expectError(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b02`, unitId: u(2, '502'), relation: 'TENANT', realName: name, adultConfirmed: true }, who), 'VALIDATION_FAILED')
    expect(Object.keys((a.details as { fields: Record<string, string[]> }).fields)).toEqual(['realName'])
    const p = expectError(await t.call('user', 'updateProfile', { nickname: name }, who), 'VALIDATION_FAILED')
    expect(Object.keys((p.details as { fields: Record<string, string[]> }).fields)).toEqual(['nickname'])
    expect(countDocs(t)).toEqual(before)
  })
})
