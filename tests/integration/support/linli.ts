/**
 * Shared bits for the issue #4 integration tests (households, roles, consent): persona ids, the
 * demo community, consent shortcuts, and store scans that look at the data directly rather than
 * through the API under test.
 */
import type { TestCloud } from '../helpers/cloud'
import { grantIdFor, memberIdFor } from '../../../cloudfunctions/_core/id-hash'
import { POLICY_VERSION, type PurposeId } from '../../../domain/privacy/purposes'
import type { Envelope } from '../../../domain/shared/envelope'

export const C = 'c_xuetangpo'
export const b = (n: number) => `${C}_b${String(n).padStart(2, '0')}`
export const u = (bn: number, number: string) => `${b(bn)}_u${number}`
/** Membership and grant ids are opaque (issue #9 §7.5); tests derive them the way the server does. */
export const hm = (openid: string, unitId: string) => memberIdFor(openid, unitId)
export const rg = (openid: string, role: string, communityId = C) => grantIdFor(openid, role, communityId)

export const MATRIX_PERSONAS = [
  'o_demo_resident',
  'o_demo_owner',
  'o_demo_grid_worker',
  'o_demo_grid_worker_2',
  'o_demo_property_staff',
  'o_demo_rc_staff',
  'o_demo_committee',
  'o_demo_admin',
  'o_demo_newcomer',
] as const
export type Persona = (typeof MATRIX_PERSONAS)[number]

export function expectOk<T>(env: Envelope<T>): T {
  if (!env.ok) throw new Error(`expected ok, got ${env.error.code}: ${env.error.message} ${JSON.stringify(env.error.details ?? null)}`)
  return env.data
}

export function expectError(env: Envelope<unknown>, code: string): { code: string; message: string; details?: unknown } {
  if (env.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(env.data).slice(0, 300)}`)
  if (env.error.code !== code) throw new Error(`expected ${code}, got ${env.error.code}: ${env.error.message} ${JSON.stringify(env.error.details ?? null)}`)
  return env.error
}

/** An answer's outcome: OK, the error code, or PLATFORM_TIMEOUT when the local cloud answered without an envelope. */
export function outcome(env: Envelope<unknown>): string {
  if (env.ok) return 'OK'
  return (env as { error?: { code?: string } }).error?.code ?? 'PLATFORM_TIMEOUT'
}

export async function bootstrap(t: TestCloud, openid: string): Promise<void> {
  expectOk(await t.call('user', 'bootstrap', {}, openid))
}

export async function grant(t: TestCloud, openid: string, purposes: PurposeId[], channel = 'test_sheet'): Promise<void> {
  expectOk(await t.call('consent', 'grant', { purposes, policyVersion: POLICY_VERSION, channel }, openid))
}

/** Every document in every collection whose stored JSON mentions the text anywhere (an independent, crude scan). */
export function docsMentioning(t: TestCloud, text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const coll of t.store.listCollections()) {
    for (const d of t.store.dump(coll)) {
      if (JSON.stringify(d).includes(text)) {
        if (!out.has(coll)) out.set(coll, new Set())
        out.get(coll)!.add(d._id)
      }
    }
  }
  return out
}

export function countDocs(t: TestCloud): Record<string, number> {
  const out: Record<string, number> = {}
  for (const coll of t.store.listCollections()) out[coll] = t.store.count(coll, {})
  return out
}
