/**
 * The privacy notice names the operator and a contact (PIPL Art. 17), configured per deployment in
 * deployment_settings/operator, and reads as people read it (issue #7 items 9, 10, 14).
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { expectOk } from './support/linli'
import { DEMO_OPERATOR, DEPLOYMENT_SETTINGS, OPERATOR_DOC_ID, OPERATOR_NOT_CONFIGURED } from '../../domain/privacy/operator'
import { POLICY_VERSION, PURPOSES } from '../../domain/privacy/purposes'

type Policy = {
  policyVersion: string
  policyLabel: string
  controller: string
  operator: { name: string; contact: string; address: string | null; officer: string | null } | null
  purposes: { id: string; summary: string }[]
  rights: string[]
}

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

const policy = async () => expectOk(await t.call<Policy>('consent', 'policy', {}, 'o_test_notice_reader'))

test('the seeded demo deployment names its operator, contact, address and officer', async () => {
  const p = await policy()
  expect(p.operator).toEqual(DEMO_OPERATOR)
  expect(p.controller).toBe(DEMO_OPERATOR.name)
})

test('the version reads 2026.1 for people; the hash stays in policyVersion for consent records', async () => {
  const p = await policy()
  expect(p.policyVersion).toBe(POLICY_VERSION)
  expect(p.policyLabel).toBe(POLICY_VERSION.split('-')[0])
  expect(p.policyLabel).not.toMatch(/[0-9a-f]{8}/)
})

test('every purpose leads with a one-line summary, and the rights point to 我的数据', async () => {
  const p = await policy()
  expect(p.purposes.map((x) => x.id)).toEqual(PURPOSES.map((x) => x.id))
  for (const x of p.purposes) expect(x.summary.length).toBeGreaterThan(5)
  expect(p.rights.join('')).toContain('我的 → 我的数据')
  expect(p.rights.join('')).not.toContain('隐私设置 → 下载')
})

test('another deployment: a changed document is what the notice says, at once', async () => {
  t.store.put(DEPLOYMENT_SETTINGS, { _id: OPERATOR_DOC_ID, name: '某街道办事处', contact: '0731-1234 5678' }, 'replace')
  const p = await policy()
  expect(p.operator).toEqual({ name: '某街道办事处', contact: '0731-1234 5678', address: null, officer: null })
})

test('not configured (no document, or no contact): the notice says so instead of inventing one', async () => {
  t.store.put(DEPLOYMENT_SETTINGS, { _id: OPERATOR_DOC_ID, name: '只有名称' }, 'replace')
  expect(await policy()).toMatchObject({ operator: null, controller: OPERATOR_NOT_CONFIGURED })
  t.store.delete(DEPLOYMENT_SETTINGS, OPERATOR_DOC_ID)
  expect(await policy()).toMatchObject({ operator: null, controller: OPERATOR_NOT_CONFIGURED })
})
