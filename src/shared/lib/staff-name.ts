/**
 * Staff act in an official capacity: residents see the full name of the grid worker or staff member
 * who viewed their data, and admins see full names in 角色管理 (issue #7 item 16). The server decides
 * what it sends; the client shows the full name when there is one and the masked name otherwise.
 * Read by key, not by type, so the page keeps working whichever of the two a server version sends.
 */
export function staffName(row: object, fullKey: string, maskedKey: string, fallback = ''): string {
  const r = row as Record<string, unknown>
  const full = r[fullKey]
  if (typeof full === 'string' && full.trim()) return full
  const masked = r[maskedKey]
  return typeof masked === 'string' && masked.trim() ? masked : fallback
}
