/**
 * Which stored documents are about a person (R4.6 export, account deletion). Generic on purpose:
 * instead of a hand-kept list of "person fields" that a new collection would forget, every string
 * anywhere in a document (the _id, nested objects, arrays) is checked for the person's openid.
 *
 * A string refers to the openid when it equals it, or contains it delimited by a key separator
 * (`:` `/` `|` `#` `,` `;` or whitespace) or the ends of the string — the shapes our deterministic
 * keys use (`${openid}:${purpose}`, `user:export:${openid}:${requestId}`). `_` is deliberately not
 * a separator: it is part of openids, so `o_demo_grid_worker` must not match
 * `o_demo_grid_worker_2`. Documents whose ids embed an openid with `_` (records written before
 * issue #9, `hm_${openid}_…`; membership ids are opaque now)
 * always also carry the openid in a field.
 */
const SEPARATORS = new Set([':', '/', '|', '#', ',', ';', ' ', '\t', '\n'])

/** Start positions of delimited occurrences of openid in value. */
function occurrences(value: string, openid: string): number[] {
  const out: number[] = []
  if (!openid) return out
  let from = 0
  for (;;) {
    const i = value.indexOf(openid, from)
    if (i < 0) return out
    const before = i === 0 ? '' : value[i - 1]
    const after = i + openid.length >= value.length ? '' : value[i + openid.length]
    if ((before === '' || SEPARATORS.has(before)) && (after === '' || SEPARATORS.has(after))) out.push(i)
    from = i + 1
  }
}

export function stringRefersTo(value: string, openid: string): boolean {
  return value === openid || occurrences(value, openid).length > 0
}

/** True when any string in the value (deeply) refers to the openid. */
export function refersTo(value: unknown, openid: string): boolean {
  if (typeof value === 'string') return stringRefersTo(value, openid)
  if (Array.isArray(value)) return value.some((v) => refersTo(v, openid))
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.values(value as Record<string, unknown>).some((v) => refersTo(v, openid))
  }
  return false
}

/** A deep copy with every reference to `openid` replaced by `replacement` (pseudonymisation). */
export function replaceReferences<T>(value: T, openid: string, replacement: string): T {
  if (typeof value === 'string') {
    const at = occurrences(value, openid)
    if (at.length === 0) return value
    let out = ''
    let last = 0
    for (const i of at) {
      out += value.slice(last, i) + replacement
      last = i + openid.length
    }
    return (out + value.slice(last)) as unknown as T
  }
  if (Array.isArray(value)) return value.map((v) => replaceReferences(v, openid, replacement)) as unknown as T
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = replaceReferences(v, openid, replacement)
    return out as T
  }
  return value
}
