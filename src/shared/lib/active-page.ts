import { createStore } from './store'

/**
 * Which page instance is in front. PageShell gives every page instance a key and sets it here when
 * the page shows. App-wide popups (consent sheet, platform privacy popup) remember the key of the
 * page that opened them and are shown only there; when that page unloads (back), they are closed
 * with it — a sheet never reappears over the page below (issue #7 item 2).
 */
export const activePageStore = createStore<string | null>(null)

let nextKey = 1

export function newPageKey(): string {
  return `page-${nextKey++}`
}

/** The page a popup opened now belongs to (null outside any page, e.g. in unit tests). */
export function currentPageKey(): string | null {
  return activePageStore.get()
}

/** Whether a popup owned by `owner` may be drawn by the page `pageKey` (undefined = not inside a page). */
export function belongsToPage(owner: string | null, pageKey: string | undefined): boolean {
  return pageKey === undefined || owner === null || owner === pageKey
}
