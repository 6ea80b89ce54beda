/**
 * Virtual time for one mini-program: setTimeout/setInterval never wait for the wall clock, and
 * Date inside the program reads this clock. `settle()` (program.ts) runs what is due and moves
 * the clock forward, so retries, debounces and quiet periods take no real time.
 */
export interface Timer {
  id: number
  at: number
  seq: number
  fn: () => void
  /** Repeat period for setInterval. */
  every?: number
  label: string
}

export class VirtualClock {
  now: number
  private timers = new Map<number, Timer>()
  private nextId = 1
  private seq = 0

  constructor(start = Date.now()) {
    this.now = start
  }

  add(fn: () => void, delay: unknown, label: string, every?: number): number {
    const ms = Math.max(0, Number(delay) || 0)
    const id = this.nextId++
    this.timers.set(id, { id, at: this.now + ms, seq: this.seq++, fn, every: every === undefined ? undefined : Math.max(1, ms), label })
    return id
  }

  clear(id: unknown): void {
    this.timers.delete(Number(id))
  }

  /** The earliest pending timer's time, if any. */
  nextAt(): number | undefined {
    let min: number | undefined
    for (const t of this.timers.values()) if (min === undefined || t.at < min) min = t.at
    return min
  }

  pending(): Timer[] {
    return [...this.timers.values()].sort((a, b) => a.at - b.at || a.seq - b.seq)
  }

  /** Runs the earliest timer due now (one at a time, so microtasks run between timers as on a phone). */
  runOneDue(): boolean {
    const due = this.pending().find((t) => t.at <= this.now)
    if (!due) return false
    if (due.every) {
      due.at += due.every
      due.seq = this.seq++
    } else {
      this.timers.delete(due.id)
    }
    due.fn()
    return true
  }
}
