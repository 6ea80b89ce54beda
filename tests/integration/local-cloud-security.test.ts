/**
 * The local cloud as an attacker on the same machine sees it (issue #9, 7.7–7.9, 7.11): foreign
 * Host and Origin values, stored files rendered as HTML, preflights, oversized and deeply nested
 * bodies, path tricks in storage URLs, timer handlers fired through callFunction.
 */
import http from 'node:http'
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from './helpers/cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({
    extraFunctionsDirs: [FIXTURE_FUNCTIONS],
    extraCollections: [{ name: 'probe_items', indexes: [] }],
  })
})
afterAll(() => t.close())

/** A raw request, so that Host and Origin can be anything (fetch forbids setting Host). */
function request(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: t.cloud.port, method, path, headers, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('Host and Origin (7.9)', () => {
  test('a foreign Host name (DNS rebinding) is refused on every route', async () => {
    for (const path of ['/__dev/personas', '/functions/user', '/__storage/x.txt', '/']) {
      const r = await request(path === '/functions/user' ? 'POST' : 'GET', path, { host: 'attacker.example:8787' }, path === '/functions/user' ? '{}' : undefined)
      expect([path, r.status]).toEqual([path, 403])
    }
  })

  test('loopback Host names are served', async () => {
    for (const host of [`127.0.0.1:${t.cloud.port}`, `localhost:${t.cloud.port}`]) {
      expect((await request('GET', '/__dev/personas', { host })).status).toBe(200)
    }
  })

  test('/admin answers no browser: a foreign or even a loopback Origin is refused, the data stays', async () => {
    const body = JSON.stringify({ action: 'database.getDocument', collectionName: 'users', queryType: 'WHERE', query: '{}', limit: 10 })
    const foreign = await request('POST', '/admin', { origin: 'http://evil.example', 'content-type': 'text/plain' }, body)
    expect(foreign.status).toBe(403)
    expect(foreign.body).not.toContain('"list"')
    const local = await request('POST', '/admin', { origin: `http://127.0.0.1:${t.cloud.port}`, 'content-type': 'text/plain' }, body)
    expect(local.status).toBe(403)
    // What the function instances do (no Origin) still works.
    const sdk = await request('POST', '/admin', { 'content-type': 'application/json' }, body)
    expect(sdk.status).toBe(200)
    expect(sdk.body).toContain('o_seed_')
  })

  test('a cross-site text/plain POST cannot store a file, reset the data or call a function', async () => {
    const evil = { origin: 'http://evil.example', 'content-type': 'text/plain' }
    expect((await request('POST', '/__storage/evil/page.html', evil, '<script>alert(1)</script>')).status).toBe(403)
    expect((await request('GET', '/__storage/evil/page.html')).status).toBe(404)
    const users = t.store.count('users', {})
    expect((await request('POST', '/__dev/reset', evil)).status).toBe(403)
    expect((await request('POST', '/functions/user', { ...evil, 'x-dev-openid': 'o_demo_admin' }, JSON.stringify({ action: 'bootstrap', input: {} }))).status).toBe(403)
    await t.call('user', 'bootstrap', {}, 'o_sec_probe')
    expect(t.store.count('users', {})).toBe(users + 1) // the reset did not run
  })

  test('"null" and look-alike origins are foreign; the app on 127.0.0.1/localhost is not', async () => {
    for (const origin of ['null', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example:8787', 'file://']) {
      expect([origin, (await request('GET', '/__dev/personas', { origin })).status]).toEqual([origin, 403])
    }
    for (const origin of [`http://127.0.0.1:${t.cloud.port}`, `http://localhost:${t.cloud.port}`]) {
      const r = await request('POST', '/functions/user', { origin, 'content-type': 'application/json', 'x-dev-openid': 'o_demo_owner' }, JSON.stringify({ action: 'bootstrap', input: {} }))
      expect(JSON.parse(r.body)).toMatchObject({ ok: true })
    }
  })

  test('OPTIONS: a loopback preflight gets the methods and headers the app uses; a foreign one 403', async () => {
    const origin = `http://localhost:${t.cloud.port}`
    const ok = await request('OPTIONS', '/functions/user', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-dev-openid' })
    expect(ok.status).toBe(204)
    expect(ok.headers['access-control-allow-origin']).toBe(origin)
    expect(ok.headers['access-control-allow-methods']).toContain('POST')
    expect(ok.headers['access-control-allow-headers']).toContain('x-dev-openid')
    const foreign = await request('OPTIONS', '/functions/user', { origin: 'http://evil.example', 'access-control-request-method': 'POST' })
    expect(foreign.status).toBe(403)
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('stored files (7.9, 7.11)', () => {
  test('an uploaded HTML or SVG file is served as an opaque download with nosniff, never as a page', async () => {
    for (const [file, bytes] of [['x/page.html', '<script>alert(document.cookie)</script>'], ['x/pic.svg', '<svg onload="alert(1)"/>'], ['x/noext', '<html>']]) {
      expect((await request('PUT', `/__storage/${file}`, {}, bytes)).status).toBe(200)
      const r = await request('GET', `/__storage/${file}`)
      expect(r.status).toBe(200)
      expect(r.headers['content-type']).toBe('application/octet-stream')
      expect(r.headers['content-disposition']).toMatch(/^attachment;/)
      expect(r.headers['x-content-type-options']).toBe('nosniff')
      expect(r.headers['content-security-policy']).toContain('sandbox')
    }
  })

  test('a photo is shown inline as an image, still with nosniff', async () => {
    await request('PUT', '/__storage/x/photo.png', {}, Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    const r = await request('GET', '/__storage/x/photo.png')
    expect(r.headers['content-type']).toBe('image/png')
    expect(r.headers['content-disposition']).toMatch(/^inline;/)
    expect(r.headers['x-content-type-options']).toBe('nosniff')
  })

  test('paths with ..%2f, %2e%2e, %00 or a broken escape are a 400, not a 500', async () => {
    for (const p of ['/__storage/..%2f..%2fetc%2fpasswd', '/__storage/a/..%2F..%2Fx', '/__storage/%2e%2e/x', '/__storage/a%00.txt', '/__storage/%E0%A4%A', '/__storage/a%5c..%5cx']) {
      for (const method of ['GET', 'PUT']) {
        const r = await request(method, p, {}, method === 'PUT' ? 'x' : undefined)
        expect([method, p, r.status]).toEqual([method, p, 400])
      }
    }
  })
})

describe('bodies (7.8, 7.11)', () => {
  test('a body over 20 MB is answered 413, not a dropped connection', async () => {
    const res = await fetch(`${t.cloud.url}/functions/sdk-probe`, { method: 'POST', headers: { 'x-dev-openid': 'o_sec' }, body: Buffer.alloc(21 * 1024 * 1024, 0x20) })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
  })

  test('16 deeply nested 200 KB bodies are refused before dispatch, and a normal call right after is answered', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    const answers = await Promise.all(Array.from({ length: 16 }, () => fetch(`${t.cloud.url}/functions/sdk-probe`, { method: 'POST', headers: { 'x-dev-openid': 'o_sec' }, body: deep })))
    for (const r of answers) expect(r.status).toBe(400)
    const nested = { input: JSON.parse('{"a":'.repeat(80) + '1' + '}'.repeat(80)), op: 'context' }
    expect((await t.raw('sdk-probe', nested, 'o_sec')).status).toBe(400)
    expect((await t.raw('sdk-probe', { op: 'context' }, 'o_sec')).body).toMatchObject({ ok: true })
  })

  test('an event that cannot be delivered frees its instance at once (one instance, no wait for the 60-s timeout)', async () => {
    const one = await startTestCloud({ seed: false, maxInstancesPerFunction: 1, extraFunctionsDirs: [FIXTURE_FUNCTIONS] })
    try {
      const notCloneable = await one.cloud.functions.invoke('sdk-probe', { op: 'context', f: () => 1 }, { openid: 'o_sec' })
      expect(notCloneable).toMatchObject({ ok: false, error: { errorCode: -501007 } })
      // With the instance still marked busy this would queue until the 60-s function timeout.
      const [a, b] = await Promise.all([one.raw('sdk-probe', { op: 'context' }, 'o_sec'), one.raw('sdk-probe', { op: 'context' }, 'o_sec')])
      expect([a.body, b.body]).toMatchObject([{ ok: true }, { ok: true }])
      expect(one.cloud.functions.instanceCount('sdk-probe')).toBe(1)
    } finally {
      await one.close()
    }
  }, 30_000)
})

describe('timer handlers (7.7)', () => {
  const purgeEvent = { Type: 'Timer', TriggerName: 'purge-idempotency', Time: new Date().toISOString() }

  test('{"Type":"Timer"} through callFunction is refused, with or without an identity, and purges nothing', async () => {
    t.store.insert('idempotency', { _id: 'old-record', state: 'DONE', at: new Date('2020-01-01T00:00:00Z') })
    for (const openid of [undefined, 'o_demo_admin']) {
      const r = await t.raw('user', purgeEvent, openid)
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(t.store.getById('idempotency', 'old-record')).not.toBeNull()
    // The platform's trigger runs it.
    expect(await t.cloud.fireTimer('user', 'purge-idempotency')).toMatchObject({ ok: true })
    expect(t.store.getById('idempotency', 'old-record')).toBeNull()
  })

  test('trigger names are looked up as own properties: constructor, valueOf, hasOwnProperty are unknown, not 500', async () => {
    for (const name of ['constructor', 'valueOf', 'hasOwnProperty', '__proto__', 'toString']) {
      const r = await t.cloud.functions.invoke('user', { Type: 'Timer', TriggerName: name }, { openid: '', source: 'wx_trigger' })
      expect([name, r]).toMatchObject([name, { ok: true, result: { ok: false, error: { code: 'UNKNOWN_ACTION' } } }])
      const viaHttp = await t.raw('user', { Type: 'Timer', TriggerName: name })
      expect([name, viaHttp.status, (viaHttp.body as { error?: { code?: string } }).error?.code]).toEqual([name, 200, 'FORBIDDEN'])
    }
  })
})

test('the server keeps idle connections longer than its clients do (no reset of a pooled connection after 5 s)', async () => {
  const res = await fetch(`${t.cloud.url}/__dev/personas`)
  await res.arrayBuffer()
  // Node announces its keepAliveTimeout; the default (5 s) is what reset the benchmark's connection.
  expect(res.headers.get('keep-alive')).toBe('timeout=65')
})
