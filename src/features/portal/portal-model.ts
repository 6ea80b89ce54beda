import type { BootstrapOutput } from '@domain/user/contract'
import type { HomeAlert, MyThing, PortalEntry, PortalRegistration, WorkItem } from './types'

/**
 * Pure assembly of the home portal from the registrations: which entries, work counts, "my
 * things" and alerts the caller sees. A registration whose visible() or load() throws is left
 * out rather than breaking the home tab — each is a convenience, the pages behind them still work.
 */

export type WorkCount = { key: string; title: string; url: string; count: number }
export type Thing = { key: string; title: string; description: string; url: string }
export type AlertItem = { key: string; id: string; title: string; urgent: boolean; url: string }

function safeVisible(item: { visible: (s: BootstrapOutput) => boolean }, session: BootstrapOutput): boolean {
  try {
    return item.visible(session)
  } catch {
    return false
  }
}

function visibleOf<T extends { visible: (s: BootstrapOutput) => boolean }>(
  regs: readonly PortalRegistration[],
  pick: (r: PortalRegistration) => T[],
  session: BootstrapOutput,
): T[] {
  return regs.flatMap(pick).filter((item) => safeVisible(item, session))
}

/** Service entries for the grid, by order (then title, so equal orders are stable). */
export function visibleEntries(regs: readonly PortalRegistration[], session: BootstrapOutput): PortalEntry[] {
  return visibleOf(regs, (r) => r.entries, session).sort((a, b) => a.order - b.order || a.title.localeCompare(b.title))
}

export function visibleWorkItems(regs: readonly PortalRegistration[], session: BootstrapOutput): WorkItem[] {
  return visibleOf(regs, (r) => r.workItems, session)
}

/** Loads of one kind run side by side; a failed one drops out (Promise.allSettled). */
async function settle<T, R>(items: T[], load: (item: T) => Promise<R>): Promise<Array<{ item: T; value: R }>> {
  const results = await Promise.allSettled(items.map((item) => Promise.resolve().then(() => load(item))))
  return results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ item: items[i], value: r.value }] : []))
}

/** Work counts above zero, in registration order (a count of 0 hides its row). */
export async function loadWork(regs: readonly PortalRegistration[], session: BootstrapOutput): Promise<WorkCount[]> {
  const loaded = await settle(visibleWorkItems(regs, session), (w) => w.load(session))
  return loaded
    .filter(({ value }) => Number.isFinite(value) && value > 0)
    .map(({ item, value }) => ({ key: item.key, title: item.title, url: item.url, count: Math.floor(value) }))
}

export async function loadMyThings(regs: readonly PortalRegistration[], session: BootstrapOutput): Promise<Thing[]> {
  const loaded = await settle<MyThing, Awaited<ReturnType<MyThing['load']>>>(visibleOf(regs, (r) => r.myThings, session), (t) => t.load(session))
  return loaded.flatMap(({ item, value }) => (value ? [{ key: item.key, ...value }] : []))
}

/** Urgent first, then in the order the features gave them. */
export async function loadAlerts(regs: readonly PortalRegistration[], session: BootstrapOutput): Promise<AlertItem[]> {
  const loaded = await settle<HomeAlert, Awaited<ReturnType<HomeAlert['load']>>>(visibleOf(regs, (r) => r.alerts, session), (a) => a.load(session))
  const all = loaded.flatMap(({ item, value }) => (Array.isArray(value) ? value.map((v) => ({ key: item.key, ...v })) : []))
  return [...all.filter((a) => a.urgent), ...all.filter((a) => !a.urgent)]
}

/** A DOM id for an entry, from its feature and page: /subpackages/staff/pages/roles/index → staff-roles. */
export function entryId(entry: Pick<PortalEntry, 'key' | 'url'>): string {
  const page = entry.url.match(/\/pages\/([^/]+)\/index$/)?.[1] ?? entry.url.replace(/\W+/g, '-')
  return `portal-entry-${entry.key}-${page}`.replace(/[^\w-]/g, '-')
}
