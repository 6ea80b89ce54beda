/** The local cloud's development routes: personas, the action catalogue, reset. */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { CONTRACTS } from '../../domain/contracts'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

const get = async (p: string) => (await fetch(`${t.cloud.url}${p}`)).json() as Promise<any>

test('GET /__dev/personas lists the seeded people with stable openids and roles', async () => {
  const { personas } = await get('/__dev/personas')
  const ids = personas.map((p: { openid: string }) => p.openid)
  for (const id of ['o_demo_resident', 'o_demo_owner', 'o_demo_grid_worker', 'o_demo_property_staff', 'o_demo_rc_staff', 'o_demo_committee', 'o_demo_admin', 'o_demo_newcomer']) {
    expect(ids).toContain(id)
  }
  expect(personas.find((p: { openid: string }) => p.openid === 'o_demo_grid_worker').roles).toEqual(['GRID_WORKER'])
})

test('GET /__dev/actions lists every function and action of the contracts with an input JSON schema', async () => {
  const { functions } = await get('/__dev/actions')
  for (const [name, contract] of Object.entries(CONTRACTS)) {
    const fn = functions.find((f: { name: string }) => f.name === name)
    expect(fn).toBeDefined()
    expect(fn.actions.map((a: { action: string }) => a.action).sort()).toEqual(Object.keys(contract.actions).sort())
    for (const a of fn.actions) expect(a.input).toMatchObject({ type: 'object' })
  }
  // Every contract has a deployed function (the bundle exists and answers).
  for (const name of Object.keys(CONTRACTS)) expect(t.cloud.functions.get(name)).toBeDefined()
})

test('POST /__dev/reset wipes what was written and loads the demo community again', async () => {
  await t.call('user', 'bootstrap', {}, 'o_someone_new')
  expect(t.store.getById('users', 'o_someone_new')).not.toBeNull()
  const before = t.store.count('units', {})
  await fetch(`${t.cloud.url}/__dev/reset`, { method: 'POST' })
  expect(t.store.getById('users', 'o_someone_new')).toBeNull()
  expect(t.store.count('units', {})).toBe(before)
  expect(t.store.getById('communities', 'c_xuetangpo')?.doc.name).toBe('学堂坡社区')
})
