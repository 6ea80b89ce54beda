/** Names and spreadsheet cells (issue #9 §7.11, domain/shared/text.ts). */
import { csvCell, looksLikeFormula, neutralizeFormula, toCsv, unsafeTextProblem } from '../../domain/shared/text'
import { safeText } from '../../domain/shared/contract'

describe('names refuse what disguises or breaks them', () => {
  test.each([
    ['control (newline)', '张\n三'],
    ['control (NUL)', '张\u0000三'],
    ['zero-width space', '张\u200b三'],
    ['zero-width joiner', '张\u200d三'],
    ['BOM inside', '张\ufeff三'],
    ['right-to-left override', '张\u202e三'],
    ['left-to-right isolate', '\u2066张三\u2069'],
    ['lone high surrogate', '张\ud83d三'],
    ['lone low surrogate', '张\ude00三'],
  ])('%s', (_name, value) => {
    expect(unsafeTextProblem(value)).not.toBeNull()
    const r = safeText(1, 20).safeParse(value)
    expect(r.success).toBe(false)
  })

  test.each([['张三'], ['欧阳娜娜'], ['𠮷野家'], ['Anna-Maria'], ['阿卜杜·热合曼']])('%s is fine', (value) => {
    expect(unsafeTextProblem(value)).toBeNull()
    expect(safeText(1, 20).parse(value)).toBe(value)
  })
})

describe('spreadsheet formulas are neutralised', () => {
  test.each(['=HYPERLINK("http://evil.example","点我")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\t=1'])('%s', (value) => {
    expect(looksLikeFormula(value)).toBe(true)
    expect(neutralizeFormula(value)).toBe(`'${value}`)
  })

  test('plain numbers and ordinary labels stay as they are', () => {
    for (const v of ['-101', '+3.5', '1栋', '302', 'P001', '张三']) expect(neutralizeFormula(v)).toBe(v)
  })

  test('CSV cells: neutralised, then quoted', () => {
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"')
    expect(csvCell(null)).toBe('')
    expect(toCsv([['楼栋', '房号'], ['=1栋', '101']])).toBe("\ufeff楼栋,房号\r\n'=1栋,101\r\n")
  })
})
