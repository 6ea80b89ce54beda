/**
 * Just enough protobuf to read the SDK's CommApiData request and write a CommOpenApiResp — the
 * message shapes bundled in wx-server-sdk (src/protobuf/openapi.js; field numbers read from its
 * generated encoders). Hand-written so the local cloud needs no copy of that schema.
 */
type Fields = Map<number, (Buffer | number)[]>

function readVarint(buf: Buffer, pos: { i: number }): number {
  let result = 0
  let shift = 0
  for (;;) {
    const b = buf[pos.i++]
    result += (b & 0x7f) * 2 ** shift
    if ((b & 0x80) === 0) return result
    shift += 7
  }
}

export function decodeFields(buf: Buffer): Fields {
  const out: Fields = new Map()
  const pos = { i: 0 }
  while (pos.i < buf.length) {
    const tag = readVarint(buf, pos)
    const field = Math.floor(tag / 8)
    const wire = tag & 7
    let value: Buffer | number
    if (wire === 0) value = readVarint(buf, pos)
    else if (wire === 2) {
      const len = readVarint(buf, pos)
      value = buf.subarray(pos.i, pos.i + len)
      pos.i += len
    } else if (wire === 5) {
      value = buf.readUInt32LE(pos.i)
      pos.i += 4
    } else if (wire === 1) {
      value = Number(buf.readBigUInt64LE(pos.i))
      pos.i += 8
    } else throw new Error(`unsupported wire type ${wire}`)
    const list = out.get(field) ?? []
    list.push(value)
    out.set(field, list)
  }
  return out
}

function varint(n: number): Buffer {
  const bytes: number[] = []
  let v = n >>> 0 === n ? n : n < 0 ? 2 ** 32 + n : n
  do {
    let b = v % 128
    v = Math.floor(v / 128)
    if (v > 0) b |= 0x80
    bytes.push(b)
  } while (v > 0)
  return Buffer.from(bytes)
}

export function encodeField(field: number, value: Buffer | string | number): Buffer {
  if (typeof value === 'number') return Buffer.concat([varint(field * 8), varint(value)])
  const bytes = typeof value === 'string' ? Buffer.from(value) : value
  return Buffer.concat([varint(field * 8 + 2), varint(bytes.length), bytes])
}

/** CommApiData{apiType=1, openapiData=2{pairs=1[KeyValuePair{key=1,value=2}]}, appid=6} → key/value JSON. */
export function decodeOpenApiRequest(buf: Buffer): { appid?: string; data: Record<string, unknown> } {
  const top = decodeFields(buf)
  const data: Record<string, unknown> = {}
  const openapi = top.get(2)?.[0]
  if (Buffer.isBuffer(openapi)) {
    for (const pair of decodeFields(openapi).get(1) ?? []) {
      if (!Buffer.isBuffer(pair)) continue
      const kv = decodeFields(pair)
      const k = (kv.get(1)?.[0] as Buffer | undefined)?.toString()
      const v = (kv.get(2)?.[0] as Buffer | undefined)?.toString()
      if (!k) continue
      try {
        data[k] = v === undefined ? undefined : JSON.parse(v)
      } catch {
        data[k] = v
      }
    }
  }
  const appid = (top.get(6)?.[0] as Buffer | undefined)?.toString()
  return { appid, data }
}

/** CommOpenApiResp{respData=1, contentType=2, errorCode=3, httpCode=4}. */
export function encodeOpenApiResponse(json: unknown): Buffer {
  return Buffer.concat([
    encodeField(1, Buffer.from(JSON.stringify(json))),
    encodeField(2, 'application/json'),
    encodeField(4, 200),
  ])
}
