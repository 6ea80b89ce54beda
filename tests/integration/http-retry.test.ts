/**
 * Our clients survive one reset of an idle pooled connection (issue #9, item 1), and only one:
 * a server that resets every connection is still a failure.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { fetchRetryingReset } from './helpers/http'

async function serve(resetFirst: number): Promise<{ url: string; seen: () => number; close: () => Promise<void> }> {
  let n = 0
  const server = http.createServer((req, res) => {
    n++
    if (n <= resetFirst) return void req.socket.destroy() // what a closed idle keep-alive socket looks like to the client
    res.end('ok')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    seen: () => n,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

test('one reset: the request is sent again once and answered', async () => {
  const s = await serve(1)
  try {
    const res = await fetchRetryingReset(s.url, { method: 'POST', body: '{}' })
    expect(await res.text()).toBe('ok')
    expect(s.seen()).toBe(2)
  } finally {
    await s.close()
  }
})

test('two resets in a row: the failure surfaces, no third attempt', async () => {
  const s = await serve(2)
  try {
    await expect(fetchRetryingReset(s.url, { method: 'POST', body: '{}' })).rejects.toThrow('fetch failed')
    expect(s.seen()).toBe(2)
  } finally {
    await s.close()
  }
})

test('a refused connection is not retried', async () => {
  const s = await serve(0)
  const url = s.url
  await s.close()
  await expect(fetchRetryingReset(url)).rejects.toThrow('fetch failed')
})
