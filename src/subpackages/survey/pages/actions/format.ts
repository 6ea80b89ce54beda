/** YYYY-MM-DD in China time, for progress notes. */
export function formatDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}
