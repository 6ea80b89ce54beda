/**
 * The published no-show policy (issue #11 item 3): 3 no-shows within 30 days pause booking for the
 * household for 7 days. Elderly residents are exempt from automatic pauses (a missed slot is more
 * often a health or memory matter than abuse), and anyone may appeal to staff. Pure: the clock is
 * an argument.
 */
export const NO_SHOW_LIMIT = 3
export const NO_SHOW_WINDOW_DAYS = 30
export const PAUSE_DAYS = 7
const DAY_MS = 24 * 3600 * 1000

export const NO_SHOW_POLICY = `${NO_SHOW_WINDOW_DAYS}天内${NO_SHOW_LIMIT}次预约后未签到，暂停预约${PAUSE_DAYS}天；长辈（使用长辈版）不自动暂停；如有特殊情况可向工作人员申诉。`

export interface Standing {
  noShows: string[] // ISO instants
  pausedUntil: string | null
}

/** No-shows still inside the window. */
export function recentNoShows(noShows: readonly string[], now: Date): string[] {
  return noShows.filter((t) => now.getTime() - new Date(t).getTime() < NO_SHOW_WINDOW_DAYS * DAY_MS)
}

/** After recording a no-show at `now`: the standing, paused when the limit is reached and the household is not exempt. */
export function afterNoShow(prev: Standing | null, now: Date, exempt: boolean): Standing {
  const noShows = [...recentNoShows(prev?.noShows ?? [], now), now.toISOString()]
  const alreadyPaused = prev?.pausedUntil && new Date(prev.pausedUntil) > now ? prev.pausedUntil : null
  const pause = !exempt && noShows.length >= NO_SHOW_LIMIT ? new Date(now.getTime() + PAUSE_DAYS * DAY_MS).toISOString() : null
  return { noShows, pausedUntil: alreadyPaused ?? pause }
}

export function isPaused(standing: Standing | null, now: Date): boolean {
  return !!standing?.pausedUntil && new Date(standing.pausedUntil) > now
}
