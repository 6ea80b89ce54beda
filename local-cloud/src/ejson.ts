/**
 * The wire format between @cloudbase/node-sdk and the service is MongoDB Extended JSON (canonical:
 * `{"$numberInt":"1"}`, `{"$date":{"$numberLong":"…"}}`), plus one tcb extension:
 * `{"$tcb_server_date":{"offset":N}}` for db.serverDate(). We decode with the same `bson` library
 * the SDK encodes with, so every type the SDK can send is understood the same way.
 *
 * Stored documents are plain JSON text in SQLite, with Dates written as `{"$date": <ms>}` so they
 * survive a round trip and can still be indexed by json_extract on their scalar siblings.
 */
import { EJSON, BSONRegExp } from 'bson'

type Json = unknown

/** Decode an EJSON string from the SDK into plain JS values (numbers, Date, RegExp, serverDate resolved). */
export function decodeWire(text: string | undefined, now: Date): Json {
  if (text === undefined || text === null || text === '') return undefined
  const parsed = EJSON.parse(text, { relaxed: true })
  return normalize(parsed, now)
}

function normalize(value: Json, now: Date): Json {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return value
  if (value instanceof RegExp) return value
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''))
  if (Array.isArray(value)) return value.map((v) => normalize(v, now))
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = obj.$tcb_server_date as { offset?: number } | undefined
    return new Date(now.getTime() + Number(spec?.offset ?? 0))
  }
  // Other bson wrapper types (Long, Decimal128, ObjectId…) → their JSON-compatible form.
  const bsontype = (obj as { _bsontype?: string })._bsontype
  if (bsontype === 'Long') return Number(obj as unknown as bigint)
  if (bsontype === 'ObjectId' || bsontype === 'ObjectID') return String(obj)
  if (bsontype === 'Decimal128') return Number(String(obj))
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = normalize(obj[k], now)
  return out
}

/** Encode a stored document for the SDK (canonical EJSON, which the SDK's EJSON.parse reads back). */
export function encodeWire(doc: Json): string {
  return EJSON.stringify(doc as Record<string, unknown>, { relaxed: false })
}

/** Serialise a document for storage: JSON with Dates as {"$date": ms}. */
export function toStored(doc: Json): string {
  return JSON.stringify(doc, function replacer(this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key]
    if (original instanceof Date) return { $date: original.getTime() }
    if (original instanceof RegExp) return { $regex: original.source, $options: original.flags }
    return v
  })
}

/** Parse a stored document. The reviver only runs when the text holds a date or regex marker. */
export function fromStored(text: string): Record<string, unknown> {
  if (!text.includes('"$date"') && !text.includes('"$regex"')) return JSON.parse(text)
  return JSON.parse(text, (_k, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v)
      if (keys.length === 1 && keys[0] === '$date' && typeof v.$date === 'number') return new Date(v.$date)
      if (keys.length === 2 && typeof v.$regex === 'string' && typeof v.$options === 'string') return new RegExp(v.$regex, v.$options)
    }
    return v
  })
}
