import { CARE_ROOT_PX, computeTheme, NORMAL_ROOT_PX, shouldSuggestCareMode } from '../theme'

describe('computeTheme', () => {
  test('normal mode: 16 px body text and tap targets of at least 44 px', () => {
    const theme = computeTheme(false)
    expect(theme.rootFontPx).toBe(NORMAL_ROOT_PX)
    expect(theme.rootFontSize).toBe('16px')
    expect(theme.bodyPx).toBe(16)
    expect(theme.tapTargetPx).toBeGreaterThanOrEqual(44)
    expect(theme.lineHeight).toBeGreaterThanOrEqual(1.3)
  })

  test('care mode (长辈版): body ≥ 18 px, captions ≥ 18 px, headings 30 px, targets ≥ 60 px', () => {
    const theme = computeTheme(true)
    expect(theme.rootFontPx).toBe(CARE_ROOT_PX)
    expect(theme.bodyPx).toBeGreaterThanOrEqual(18)
    expect(theme.captionPx).toBeGreaterThanOrEqual(18)
    expect(theme.headingPx).toBeGreaterThanOrEqual(30)
    expect(theme.tapTargetPx).toBeGreaterThanOrEqual(60)
    expect(theme.lineHeight).toBeGreaterThanOrEqual(1.3)
  })

  test('follows a larger WeChat font upwards but never shrinks below the mode floor', () => {
    expect(computeTheme(false, 23.8).rootFontPx).toBe(23.8)
    expect(computeTheme(false, 14).rootFontPx).toBe(16)
    expect(computeTheme(true, 17).rootFontPx).toBe(20)
    expect(computeTheme(true, Number.NaN).rootFontPx).toBe(20)
  })
})

describe('shouldSuggestCareMode (R6.1)', () => {
  test.each([
    [{ fontSizeScaleFactor: 1.3 }, true],
    [{ fontSizeScaleFactor: 1.29 }, false],
    [{ fontSizeSetting: 22 }, true],
    [{ fontSizeSetting: 17 }, false],
    [{}, false],
  ])('%j → %s', (settings, expected) => {
    expect(shouldSuggestCareMode(settings)).toBe(expected)
  })
})
