import { callCloud, CloudError } from '@/services/cloud'
import { setDevOpenid } from '@/features/dev-persona/persona-store'
import { ERROR_MESSAGES } from '@/shared/lib/error-messages'
import { bootstrapFixture, mockFetch } from '../../../../test/fetch-mock'

let fetchMock: ReturnType<typeof mockFetch> | undefined

afterEach(() => {
  fetchMock?.restore()
  fetchMock = undefined
  localStorage.clear()
})

async function rejectionOf(promise: Promise<unknown>): Promise<CloudError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(CloudError)
    return error as CloudError
  }
  throw new Error('expected the call to fail')
}

test('sends { action, input, meta.requestId } to /functions/<name> and unwraps an ok envelope', async () => {
  fetchMock = mockFetch({ ok: true, data: bootstrapFixture })
  const data = await callCloud('user', 'bootstrap', {})

  expect(data.currentCommunity?.name).toBe('学堂坡社区')
  expect(fetchMock.calls).toHaveLength(1)
  const [call] = fetchMock.calls
  expect(call.url).toBe('/functions/user')
  expect(call.init.method).toBe('POST')
  expect(call.headers['content-type']).toBe('application/json')
  expect(call.body).toEqual({ action: 'bootstrap', input: {}, meta: { requestId: expect.stringMatching(/^r_/) } })
})

test('an error envelope becomes a CloudError with its code, the zh-CN message and the wire requestId; no retry', async () => {
  fetchMock = mockFetch({
    ok: false,
    error: { code: 'FORBIDDEN', message: 'missing capability', details: { capability: 'role.manage' }, requestId: 'srv-1' },
  })
  const error = await rejectionOf(callCloud('user', 'setElderMode', { elderMode: true }))

  expect(error.code).toBe('FORBIDDEN')
  expect(error.message).toBe(ERROR_MESSAGES.FORBIDDEN)
  expect(error.requestId).toBe('srv-1')
  expect(error.details).toEqual({ capability: 'role.manage' })
  expect(error.serverMessage).toBe('missing capability')
  expect(fetchMock.calls).toHaveLength(1)
})

test('an HTTP 500 that still carries an envelope is the function answer, not a network failure', async () => {
  fetchMock = mockFetch({ status: 500, text: JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'boom', requestId: 'x' } }) })
  const error = await rejectionOf(callCloud('user', 'bootstrap', {}, { retries: 0 }))
  expect(error.code).toBe('INTERNAL')
})

test('a code outside the closed union is reported as INTERNAL', async () => {
  fetchMock = mockFetch({ ok: false, error: { code: 'SOMETHING_NEW', message: '?', requestId: 'x' } })
  const error = await rejectionOf(callCloud('user', 'bootstrap', {}))
  expect(error.code).toBe('INTERNAL')
  expect(error.details).toMatchObject({ unknownCode: 'SOMETHING_NEW' })
})

test('fetch failure maps to NETWORK after retrying once with the same requestId', async () => {
  fetchMock = mockFetch(new TypeError('Failed to fetch'))
  const error = await rejectionOf(callCloud('user', 'bootstrap', {}, { retries: 1, retryDelayMs: 0 }))

  expect(error.code).toBe('NETWORK')
  expect(error.message).toBe(ERROR_MESSAGES.NETWORK)
  expect(fetchMock.calls).toHaveLength(2)
  const [first, second] = fetchMock.calls
  expect(second.body.meta.requestId).toBe(first.body.meta.requestId)
  expect(error.requestId).toBe(first.body.meta.requestId)
})

test('a retry that succeeds returns the data', async () => {
  fetchMock = mockFetch(new TypeError('Failed to fetch'), { ok: true, data: { elderMode: true } })
  await expect(callCloud('user', 'setElderMode', { elderMode: true }, { retryDelayMs: 0 })).resolves.toEqual({ elderMode: true })
})

test.each([
  ['a non-JSON body', { status: 200, text: '<html>gateway</html>' }],
  ['HTTP 502 without an envelope', { status: 502, text: JSON.stringify({ message: 'bad gateway' }) }],
])('%s maps to NETWORK', async (_name, answer) => {
  fetchMock = mockFetch(answer)
  const error = await rejectionOf(callCloud('user', 'bootstrap', {}, { retries: 0 }))
  expect(error.code).toBe('NETWORK')
})

test('sends the chosen dev persona as X-Dev-Openid, and no header when none is chosen', async () => {
  fetchMock = mockFetch({ ok: true, data: bootstrapFixture })
  await callCloud('user', 'bootstrap', {})
  expect(fetchMock.calls[0].headers).not.toHaveProperty('X-Dev-Openid')

  setDevOpenid('o_demo_grid_worker')
  await callCloud('user', 'bootstrap', {})
  expect(fetchMock.calls[1].headers['X-Dev-Openid']).toBe('o_demo_grid_worker')
})

test('each logical call gets its own requestId', async () => {
  fetchMock = mockFetch({ ok: true, data: bootstrapFixture })
  await callCloud('user', 'bootstrap', {})
  await callCloud('user', 'bootstrap', {})
  expect(fetchMock.calls[0].body.meta.requestId).not.toBe(fetchMock.calls[1].body.meta.requestId)
})

test('a retry that finds its first attempt still in progress waits for the claim and gets the committed answer', async () => {
  fetchMock = mockFetch(
    new TypeError('Failed to fetch'),
    { ok: false, error: { code: 'CONFLICT', message: 'in progress', details: { requestId: 'x', retryAfterMs: 5 }, requestId: 'x' } },
    { ok: true, data: { elderMode: true } },
  )
  await expect(callCloud('user', 'setElderMode', { elderMode: true }, { retryDelayMs: 0 })).resolves.toEqual({ elderMode: true })
  expect(fetchMock.calls).toHaveLength(3)
  expect(new Set(fetchMock.calls.map((c) => c.body.meta.requestId)).size).toBe(1)
})

test('an in-progress CONFLICT beyond the wait budget, or one without retryAfterMs, reaches the caller', async () => {
  fetchMock = mockFetch({ ok: false, error: { code: 'CONFLICT', message: 'in progress', details: { retryAfterMs: 60_000 }, requestId: 'x' } })
  expect((await rejectionOf(callCloud('user', 'setElderMode', { elderMode: true }, { maxInProgressWaitMs: 1000 }))).code).toBe('CONFLICT')
  expect(fetchMock.calls).toHaveLength(1)
  fetchMock.restore()
  fetchMock = mockFetch({ ok: false, error: { code: 'CONFLICT', message: 'taken', requestId: 'x' } })
  expect((await rejectionOf(callCloud('user', 'setElderMode', { elderMode: true }))).code).toBe('CONFLICT')
  expect(fetchMock.calls).toHaveLength(1)
})
