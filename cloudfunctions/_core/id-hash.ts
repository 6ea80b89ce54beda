/**
 * Salted hashes for identity numbers and pseudonyms (R4.2: keep a verification result plus a hash,
 * never the raw ID number). The salt is a deployment secret (LINLI_ID_SALT, set in the cloud
 * console's function environment); the default is the demo salt the seeds use (seeds/index.ts
 * demoIdHash), so demo owners can verify against the demo roster locally.
 */
import { createHash } from 'node:crypto'

const DEMO_SALT = 'linli-demo-salt:'

function salt(): string {
  return process.env.LINLI_ID_SALT || DEMO_SALT
}

/** Upper-case the check letter and drop spaces so the same ID always hashes the same. */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.replace(/\s+/g, '').toUpperCase()
}

export function hashIdNumber(idNumber: string): string {
  return createHash('sha256').update(`${salt()}${normalizeIdNumber(idNumber)}`).digest('hex')
}

/**
 * The stable pseudonym that replaces an openid in records kept after deletion (audit and access
 * logs, consent records: R4.4, R4.11). Salted and one-way: the records stay linkable to each other
 * for an audit, not to the person (PIPL Art. 73 de-identification).
 */
export function pseudonymFor(openid: string): string {
  return `anon_${createHash('sha256').update(`${salt()}pseudonym:${openid}`).digest('hex').slice(0, 24)}`
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
