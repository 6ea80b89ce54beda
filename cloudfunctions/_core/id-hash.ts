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

/**
 * Keys that other people see (a membership in a review queue or directory, a grant in 角色管理)
 * must not carry the account id (issue #9 §7.5): they are derived from it, salted and one-way, so
 * they stay deterministic — a double submit still collides on the same _id — without disclosing
 * the openid. Seeds use the same functions, so seeded and live ids agree.
 */
function opaqueKey(kind: string, ...parts: string[]): string {
  return createHash('sha256').update(`${salt()}${kind}:${parts.join('\u0000')}`).digest('hex').slice(0, 24)
}

export const memberIdFor = (openid: string, unitId: string) => `hm_${opaqueKey('member', openid, unitId)}`

/** A child's record (R4.7): one per guardian and request, without the guardian's account id inside. */
export const minorIdFor = (openid: string, requestId: string) => `minor_${opaqueKey('minor', openid, requestId)}`

export const grantIdFor = (openid: string, role: string, communityId: string) => `rg_${opaqueKey('grant', openid, role, communityId)}`

/** A short reference a person can read out on the phone (rights requests, R4.6): no ids inside. */
const REF_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export function shortReference(prefix: string, ...parts: string[]): string {
  const h = createHash('sha256').update(`${salt()}ref:${parts.join('\u0000')}`).digest()
  return `${prefix}-${[...h.subarray(0, 8)].map((b) => REF_ALPHABET[b % REF_ALPHABET.length]).join('')}`
}

/** Names the uploader in media cloud paths (domain/media/model.ts): recomputable, discloses no openid. */
export const uploaderKeyFor = (openid: string) => opaqueKey('uploader', openid)
