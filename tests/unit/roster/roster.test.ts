import { parseAreaCenti } from '@domain/roster/area'
import { parseCsv } from '@domain/roster/csv'
import { idChecksumValid, isIdNumberFormat } from '@domain/roster/id-number'
import { tallyRoster, type TallyUnit } from '@domain/roster/tally'
import { validateRoster } from '@domain/roster/validate'

const fakeHash = (id: string) => `h(${id})`
const HEADER = '楼栋,房号,面积(m²),面积来源,是否车位,开发商持有,已交付,权利人,证件号'

describe('area parsing: exact 0.01 m² integers, never floats', () => {
  test.each([
    ['89.5', 8950],
    ['89', 8900],
    ['0.29', 29],
    ['120.00', 12000],
    ['143.10', 14310],
    ['1.005', null],
    ['10000', 1000000],
    ['10000.01', null],
    ['0', null],
    ['-5', null],
    ['abc', null],
    ['1e3', null],
    ['', null],
    ['89.500', 8950],
  ])('%p → %p', (raw, expected) => {
    const r = parseAreaCenti(raw)
    if (expected === null) expect(r.ok).toBe(false)
    else expect(r).toEqual({ ok: true, centi: expected })
  })
})

describe('CSV reader', () => {
  test('quotes, escaped quotes, embedded newlines, CRLF and line numbers', () => {
    const { records, error } = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n')
    expect(error).toBeNull()
    expect(records.map((r) => r.line)).toEqual([1, 2, 3])
    expect(records[1].fields).toEqual(['x, y', 'say "hi"'])
    expect(records[2].fields).toEqual(['multi\nline', 'z'])
  })
  test('an unclosed quote is an error', () => {
    expect(parseCsv('a\n"open').error).not.toBeNull()
  })
})

describe('ID numbers', () => {
  test('format is 17 digits and a check character', () => {
    expect(isIdNumberFormat('11010519491231002X')).toBe(true)
    expect(isIdNumberFormat('11010519491231002x')).toBe(true)
    expect(isIdNumberFormat('1101051949123100')).toBe(false)
    expect(isIdNumberFormat('11010519491231002Y')).toBe(false)
  })
  test('checksum (GB 11643)', () => {
    expect(idChecksumValid('11010519491231002X')).toBe(true)
    expect(idChecksumValid('110105194912310021')).toBe(false)
  })
})

describe('roster validation (R2.1/R2.2): the whole file, line and field named', () => {
  test('a valid file yields rows with hashed IDs only', () => {
    const csv = [HEADER, '1栋,101,89.5,不动产登记,否,否,是,张三、李四,11010519491231002X、110105194912310021', '10栋,601,100,实测,否,是,否,,'].join('\n')
    const r = validateRoster(csv, fakeHash)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.rows[0]).toMatchObject({ line: 2, building: '1栋', number: '101', area: 8950, areaSource: 'REGISTER', unsold: false, delivered: true })
    expect(r.rows[0].holders).toEqual([
      { name: '张三', idHash: 'h(11010519491231002X)' },
      { name: '李四', idHash: 'h(110105194912310021)' },
    ])
    expect(JSON.stringify(r.rows)).not.toMatch(/"110105/)
    // The second ID's check digit is wrong: a warning, not an error.
    expect(r.warnings.some((w) => w.line === 2 && w.field === '证件号')).toBe(true)
  })

  test('every bad row is reported with line and field', () => {
    const csv = [
      HEADER,
      '1栋,101,abc,不动产登记,否,否,是,张三,11010519491231002X',
      '1栋,102,-3,不动产登记,否,否,是,张三,11010519491231002X',
      '1栋,103,20000,不动产登记,否,否,是,张三,11010519491231002X',
      '1栋,104,90,估算,否,否,是,张三,11010519491231002X',
      '1栋,105,90,实测,否,否,是,张三、李四,11010519491231002X',
      '1栋,106,90,实测,否,否,是,张三,12345',
      '1栋,101,90,实测,否,否,是,张三,11010519491231002X',
      ',107,90,实测,否,否,是,张三,11010519491231002X',
      '1栋,108,90,实测,也许,否,是,张三,11010519491231002X',
    ].join('\n')
    const r = validateRoster(csv, fakeHash)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const at = (line: number) => r.errors.filter((e) => e.line === line).map((e) => e.field)
    expect(at(2)).toEqual(['面积(m²)'])
    expect(at(3)).toEqual(['面积(m²)'])
    expect(at(4)).toEqual(['面积(m²)'])
    expect(at(5)).toEqual(['面积来源'])
    expect(at(6)).toEqual(['证件号'])
    expect(at(7)).toEqual(['证件号'])
    expect(at(8)).toEqual(['房号'])
    expect(r.errors.find((e) => e.line === 8)?.message).toMatch(/第2行/)
    expect(at(9)).toEqual(['楼栋'])
    expect(at(10)).toEqual(['是否车位'])
  })

  test('missing columns are reported on the header line', () => {
    const r = validateRoster('楼栋,房号\n1栋,101', fakeHash)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.every((e) => e.line === 1)).toBe(true)
  })

  test('header variants: full-width brackets, ㎡, BOM', () => {
    const csv = '\ufeff楼栋,房号,面积（㎡）,面积来源,是否车位,开发商持有,已交付,权利人,证件号\n1栋,101,90,合同,否,否,是,张三,11010519491231002X'
    expect(validateRoster(csv, fakeHash).ok).toBe(true)
  })
})

describe('headcount and area (R2.1, R2.3)', () => {
  const u = (area: number, party: string | null, extra: Partial<TallyUnit> = {}): TallyUnit => ({
    area,
    isParking: false,
    developerHeld: false,
    delivered: true,
    ownerPartyId: party,
    ...extra,
  })

  test('R2.1 example: one buyer with 89, 120 and 143 m² is 1 person with 352 m²', () => {
    const t = tallyRoster([u(8900, 'p1'), u(12000, 'p1'), u(14300, 'p1')], { excludeParkingFromArea: true })
    expect(t).toMatchObject({ headcount: 1, area: 35200 })
  })

  test('all developer-held units (unsold, or sold but undelivered) together are 1 person', () => {
    const t = tallyRoster(
      [u(9000, 'p1'), u(9000, 'dev', { developerHeld: true, delivered: false }), u(9000, 'p2', { developerHeld: true, delivered: false }), u(9000, 'dev', { developerHeld: true, delivered: true })],
      { excludeParkingFromArea: true },
    )
    expect(t).toMatchObject({ headcount: 2, area: 36000, ownerParties: 1, developerCounted: true })
  })

  test('parking spaces are out of area (and count) when the community excludes them', () => {
    const units = [u(9000, 'p1'), u(1250, 'p2', { isParking: true })]
    expect(tallyRoster(units, { excludeParkingFromArea: true })).toMatchObject({ headcount: 1, area: 9000 })
    expect(tallyRoster(units, { excludeParkingFromArea: false })).toMatchObject({ headcount: 2, area: 10250 })
  })

  test('no developer units → no developer vote', () => {
    expect(tallyRoster([u(100, 'p1'), u(100, 'p2')], { excludeParkingFromArea: true })).toMatchObject({ headcount: 2, developerCounted: false })
  })
})
