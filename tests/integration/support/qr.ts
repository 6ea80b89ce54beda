/**
 * Rasterise a QR drawn as CheckInQr draws it (runs per row inside a quiet zone) and read it back
 * with an independent decoder (jsQR): what a scanner would get from the 我的预约 screen.
 */
import jsQR from 'jsqr'
import { QUIET_ZONE } from '../../../src/subpackages/booking/components/check-in-qr'

export function rasterise(rows: number[][], scale = 4): { data: Uint8ClampedArray; width: number; height: number } {
  const side = rows.length
  const width = (side + 2 * QUIET_ZONE) * scale
  const data = new Uint8ClampedArray(width * width * 4).fill(255)
  rows.forEach((runs, y) => {
    let x = 0
    runs.forEach((n, i) => {
      if (i % 2 === 1) {
        for (let dx = 0; dx < n * scale; dx++) {
          for (let dy = 0; dy < scale; dy++) data.set([0, 0, 0, 255], (((QUIET_ZONE + y) * scale + dy) * width + (QUIET_ZONE + x) * scale + dx) * 4)
        }
      }
      x += n
    })
  })
  return { data, width, height: width }
}

/** The text a scanner reads from the drawn rows, or null. */
export function scan(rows: number[][]): string | null {
  const { data, width, height } = rasterise(rows)
  return jsQR(data, width, height)?.data ?? null
}
