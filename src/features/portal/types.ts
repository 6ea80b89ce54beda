import type { BootstrapOutput } from '@domain/user/contract'

/** A service entry on the home portal (首页). Each feature registers its own in entries/<feature>.ts. */
export interface PortalEntry {
  /** The feature's name, as in domain/<f>/ and src/subpackages/<f>/. */
  key: string
  /** At most 4 characters, e.g. 社区通知. */
  title: string
  /** One or two characters shown in the tile. */
  glyph: string
  /** A page in the feature's subpackage, absolute, e.g. /subpackages/booking/pages/list/index. */
  url: string
  /** Position in the grid, ascending. */
  order: number
  /** Shown only when this returns true: by role and by what exists (no entries that lead nowhere). */
  visible: (session: BootstrapOutput) => boolean
}

/** A count of staff work on the home tab, each a tap away; a count of 0 hides the row. */
export interface WorkItem {
  key: string
  title: string
  url: string
  visible: (session: BootstrapOutput) => boolean
  load: (session: BootstrapOutput) => Promise<number>
}

/** One of "my things" on the home tab (next booking, open repair, open vote); null hides it. */
export interface MyThing {
  key: string
  visible: (session: BootstrapOutput) => boolean
  load: (session: BootstrapOutput) => Promise<{ title: string; description: string; url: string } | null>
}

/** Items of the 紧急/unread notice strip at the top of the home tab. */
export interface HomeAlert {
  key: string
  visible: (session: BootstrapOutput) => boolean
  load: (session: BootstrapOutput) => Promise<Array<{ id: string; title: string; urgent: boolean; url: string }>>
}

/** What one feature registers: src/features/portal/entries/<feature>.ts exports `registration`. */
export interface PortalRegistration {
  entries: PortalEntry[]
  workItems: WorkItem[]
  myThings: MyThing[]
  alerts: HomeAlert[]
}
