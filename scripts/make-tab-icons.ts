/**
 * Generates the tab bar icons (src/assets/tabbar/*.png): 81×81 RGBA, a normal (#595959, 7:1 on
 * white) and a selected (#0b5cad) variant of each. WeChat asks for ≤ 40 KB per icon and
 * recommends 81×81 px; these are plain filled shapes, a few hundred bytes each. Run with
 * `npx tsx scripts/make-tab-icons.ts`; the PNGs are committed because the build needs them.
 * Node only (zlib for the PNG encoding), no image library.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const SIZE = 81
const SAMPLES = 4 // per axis: 16 samples a pixel, for smooth edges
const OUT = path.resolve(__dirname, '../src/assets/tabbar')

type Shape = (x: number, y: number) => boolean // unit square, y down

const disc = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y))
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y)

/** 首页: a house — roof triangle over a body with a door. */
const roof: Shape = (x, y) => y >= 0.14 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.14) * (0.42 / 0.36)
const home = minus(union(roof, rect(0.2, 0.45, 0.8, 0.86)), rect(0.42, 0.6, 0.58, 0.86))

/** 通知: a bell — dome, flared body, rim, clapper. */
const dome = disc(0.5, 0.4, 0.25)
const body: Shape = (x, y) => y >= 0.4 && y <= 0.72 && Math.abs(x - 0.5) <= 0.25 + (y - 0.4) * 0.2
const bell = union(dome, body, rect(0.16, 0.7, 0.84, 0.76), disc(0.5, 0.84, 0.08), disc(0.5, 0.13, 0.05))

/** 我的: a person — head and shoulders. */
const shoulders: Shape = (x, y) => y <= 0.88 && ((x - 0.5) / 0.34) ** 2 + ((y - 0.9) / 0.36) ** 2 <= 1
const person = union(disc(0.5, 0.3, 0.17), shoulders)

function render(shape: Shape, [r, g, b]: [number, number, number]): Buffer {
  const rowBytes = 1 + SIZE * 4
  const raw = Buffer.alloc(rowBytes * SIZE)
  for (let py = 0; py < SIZE; py++) {
    raw[py * rowBytes] = 0 // filter: none
    for (let px = 0; px < SIZE; px++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) if (shape((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++
      const o = py * rowBytes + 1 + px * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES))
    }
  }
  return png(raw)
}

function png(raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

function crc32(buf: Buffer): number {
  let c = ~0
  for (const byte of buf) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c
}

const NORMAL: [number, number, number] = [0x59, 0x59, 0x59]
const SELECTED: [number, number, number] = [0x0b, 0x5c, 0xad]

fs.mkdirSync(OUT, { recursive: true })
for (const [name, shape] of [['home', home], ['notices', bell], ['me', person]] as const) {
  for (const [suffix, colour] of [['', NORMAL], ['-active', SELECTED]] as const) {
    const file = path.join(OUT, `${name}${suffix}.png`)
    fs.writeFileSync(file, render(shape, colour))
    console.log(`${path.relative(process.cwd(), file)} ${fs.statSync(file).size} B`)
  }
}
