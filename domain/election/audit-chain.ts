/**
 * The election audit log as a hash chain (issue #12 item 7): each entry carries the previous
 * entry's hash and its own hash over (seq, previous hash, canonical JSON of its content). Editing,
 * removing or reordering any entry breaks every hash after it; verifyChain finds the first break.
 * The hash function is passed in so this stays pure (the server uses node:crypto SHA-256).
 */
export interface ChainContent {
  electionId: string
  seq: number
  at: string
  actor: string
  event: string
  details: Record<string, unknown>
}
export interface ChainEntry extends ChainContent {
  prevHash: string
  hash: string
}

export const GENESIS = '0'.repeat(64)

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null)
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  const o = v as Record<string, unknown>
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`
}

export function entryHash(content: ChainContent, prevHash: string, sha256: (s: string) => string): string {
  return sha256(`${content.seq}|${prevHash}|${canonicalJson(content)}`)
}

export function verifyChain(entries: readonly ChainEntry[], sha256: (s: string) => string): { ok: boolean; entries: number; brokenAt: number | null; reason: string | null } {
  let prev = GENESIS
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]
    const { prevHash, hash, ...rest } = e
    const content: ChainContent = { electionId: rest.electionId, seq: rest.seq, at: rest.at, actor: rest.actor, event: rest.event, details: rest.details }
    if (e.seq !== i + 1) return { ok: false, entries: entries.length, brokenAt: i + 1, reason: 'SEQUENCE' }
    if (prevHash !== prev) return { ok: false, entries: entries.length, brokenAt: e.seq, reason: 'PREVIOUS_HASH' }
    if (entryHash(content, prevHash, sha256) !== hash) return { ok: false, entries: entries.length, brokenAt: e.seq, reason: 'CONTENT_HASH' }
    prev = hash
  }
  return { ok: true, entries: entries.length, brokenAt: null, reason: null }
}
