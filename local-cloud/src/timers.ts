/**
 * Timer triggers from each function's config.json, as the cloud runs them:
 * `{"triggers":[{"name":"nightly","type":"timer","config":"0 0 2 * * * *"}]}` — seven cron fields
 * (second minute hour day month weekday year), evaluated in Asia/Shanghai (UTC+8, no DST), which is
 * the zone WeChat cloud timers use. The event a timer delivers is
 * `{ Type: 'Timer', TriggerName, Time, Message }`.
 */
export interface TimerTrigger {
  functionName: string
  name: string
  cron: string
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

function fieldMatches(spec: string, value: number, min: number): boolean {
  return spec.split(',').some((part) => {
    if (part === '*' || part === '?') return true
    const [range, stepText] = part.split('/')
    const step = stepText ? Number(stepText) : 1
    let lo: number
    let hi: number
    if (range === '*') {
      lo = min
      hi = Number.MAX_SAFE_INTEGER
    } else if (range.includes('-')) {
      ;[lo, hi] = range.split('-').map(Number)
    } else {
      lo = Number(range)
      hi = stepText ? Number.MAX_SAFE_INTEGER : lo
    }
    return value >= lo && value <= hi && (value - lo) % step === 0
  })
}

/** Does a 7-field cron expression match this instant (to the second, Asia/Shanghai)? */
export function cronMatches(cron: string, at: Date): boolean {
  const f = cron.trim().split(/\s+/)
  if (f.length !== 7) throw new Error(`timer config must have 7 fields (s m h d M w y): ${cron}`)
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  const weekday = local.getUTCDay()
  return (
    fieldMatches(f[0], local.getUTCSeconds(), 0) &&
    fieldMatches(f[1], local.getUTCMinutes(), 0) &&
    fieldMatches(f[2], local.getUTCHours(), 0) &&
    fieldMatches(f[3], local.getUTCDate(), 1) &&
    fieldMatches(f[4], local.getUTCMonth() + 1, 1) &&
    (fieldMatches(f[5], weekday, 0) || (weekday === 0 && fieldMatches(f[5], 7, 0))) &&
    fieldMatches(f[6], local.getUTCFullYear(), 1970)
  )
}

export function timerEvent(trigger: TimerTrigger, at: Date): Record<string, unknown> {
  return { Type: 'Timer', TriggerName: trigger.name, Time: at.toISOString(), Message: '' }
}

/** Checks every trigger once a second; returns a stop function. */
export function startTimers(triggers: TimerTrigger[], fire: (t: TimerTrigger, at: Date) => void): () => void {
  let last = Math.floor(Date.now() / 1000)
  const handle = setInterval(() => {
    const nowSec = Math.floor(Date.now() / 1000)
    for (let s = last + 1; s <= nowSec; s++) {
      const at = new Date(s * 1000)
      for (const t of triggers) if (cronMatches(t.cron, at)) fire(t, at)
    }
    last = nowSec
  }, 1000)
  handle.unref()
  return () => clearInterval(handle)
}
