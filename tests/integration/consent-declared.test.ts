/**
 * Every action that declares a consent-based purpose answers CONSENT_REQUIRED to a caller without
 * that consent and writes nothing (R4.3). Derived from the contracts, so a new action with a
 * purpose cannot skip this: it must add a sample input below.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, u } from './support/linli'
import { CONTRACTS } from '../../domain/contracts'
import { needsConsent, purposeById } from '../../domain/privacy/purposes'
import type { ActionSpec } from '../../domain/shared/contract'

const SAMPLE_INPUTS: Record<string, Record<string, unknown>> = {
  'household.apply': { communityId: C, buildingId: `${C}_b09`, unitId: u(9, '102'), relation: 'TENANT', realName: '无同意者', adultConfirmed: true },
  'household.listMine': {},
  'household.addMinor': { memberId: 'hm_not_checked_before_consent', displayName: '小宝', birthYear: 2020 },
  'survey.respond': { surveyId: 'sv_not_checked_before_consent', answers: {} },
}

const consentActions = Object.entries(CONTRACTS).flatMap(([fn, contract]) =>
  Object.entries(contract.actions as Record<string, ActionSpec>)
    .filter(([, spec]) => spec.purpose && needsConsent(purposeById(spec.purpose)))
    .map(([action, spec]) => ({ name: `${fn}.${action}`, fn, action, purpose: spec.purpose! })),
)

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

function snapshot(): string {
  return JSON.stringify(t.store.listCollections().sort().map((c) => [c, t.store.dump(c)]))
}

test('there are consent-based actions, and each has a sample input here', () => {
  expect(consentActions.length).toBeGreaterThan(0)
  expect(consentActions.map((a) => a.name).filter((n) => !SAMPLE_INPUTS[n])).toEqual([])
})

test.each(consentActions.map((a) => [a.name, a] as const))('%s without consent → CONSENT_REQUIRED, nothing written', async (_name, a) => {
  const openid = `o_no_consent_${a.fn}_${a.action}`
  await t.call('user', 'bootstrap', {}, openid)
  const before = snapshot()
  const r = await t.call(a.fn, a.action, SAMPLE_INPUTS[a.name], openid)
  expect(r).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', details: { purpose: a.purpose, reason: 'NOT_ASKED', canAsk: true } } })
  expect(snapshot()).toBe(before)
})
