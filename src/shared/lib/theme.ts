/**
 * Care mode (长辈版) is a theme, not a separate set of pages: every size in the stylesheets is in
 * rem, so the whole layout follows one number — the root font size. This module decides that
 * number and documents what it implies for the sizes the guidelines measure (domain-rules.md §6).
 *
 * Stylesheet contract (src/app.scss), all relative to the root:
 *   body text 1rem · caption 0.9rem · title 1.25rem · page heading 1.5rem
 *   primary buttons and list rows: min-height/min-width 3rem · line-height ≥ 1.35
 */

/** Normal mode: 16 px body text; 3rem tap targets = 48 px (≥ 44 required). */
export const NORMAL_ROOT_PX = 16
/** Care mode: 20 px body text (≥ 18 required); 3rem = 60 px targets; 1.5rem headings = 30 px. */
export const CARE_ROOT_PX = 20

export const SIZE_REM = {
  body: 1,
  caption: 0.9,
  title: 1.25,
  heading: 1.5,
  tapTarget: 3,
} as const

export const MIN_LINE_HEIGHT = 1.35

export interface Theme {
  careMode: boolean
  rootFontPx: number
  /** For <page-meta root-font-size> (weapp) and document.documentElement.style.fontSize (H5). */
  rootFontSize: string
  bodyPx: number
  captionPx: number
  headingPx: number
  tapTargetPx: number
  lineHeight: number
}

/**
 * The root size never goes below the mode's floor, and follows the WeChat font setting upwards
 * (like page-meta root-font-size="system"), so a person who enlarged fonts in WeChat keeps them.
 * We compute px instead of passing "system" so that a small system font can't shrink targets
 * below 44 px.
 */
export function computeTheme(careMode: boolean, systemFontPx?: number | null): Theme {
  const floor = careMode ? CARE_ROOT_PX : NORMAL_ROOT_PX
  const system = typeof systemFontPx === 'number' && Number.isFinite(systemFontPx) ? systemFontPx : 0
  const root = Math.round(Math.max(floor, system) * 10) / 10
  const px = (rem: number) => Math.round(rem * root * 10) / 10
  return {
    careMode,
    rootFontPx: root,
    rootFontSize: `${root}px`,
    bodyPx: px(SIZE_REM.body),
    captionPx: px(SIZE_REM.caption),
    headingPx: px(SIZE_REM.heading),
    tapTargetPx: px(SIZE_REM.tapTarget),
    lineHeight: MIN_LINE_HEIGHT,
  }
}

export interface FontSettings {
  fontSizeScaleFactor?: number
  fontSizeSetting?: number
}

/** R6.1: offer care mode when WeChat's font is scaled ≥ 1.3× or set to ≥ 22 px. */
export function shouldSuggestCareMode(settings: FontSettings): boolean {
  return (settings.fontSizeScaleFactor ?? 0) >= 1.3 || (settings.fontSizeSetting ?? 0) >= 22
}
