/**
 * Resident identity card numbers (GB 11643-1999): 17 digits and a check character (0–9 or X).
 * The format is enforced; the checksum is reported as a warning only, because register extracts
 * and the demo data contain numbers typed by hand whose check digit cannot be corrected by us.
 */
export const ID_NUMBER_FORMAT = /^\d{17}[\dX]$/

export function normalizeId(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

export function isIdNumberFormat(raw: string): boolean {
  return ID_NUMBER_FORMAT.test(normalizeId(raw))
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idChecksumValid(raw: string): boolean {
  const id = normalizeId(raw)
  if (!ID_NUMBER_FORMAT.test(id)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i]
  return CHECK[sum % 11] === id[17]
}
