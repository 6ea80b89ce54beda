import { personaFromUrl, simulatedLargeFontFromUrl } from '../persona-store'

test.each([
  ['http://127.0.0.1:8787/?persona=o_demo_resident#/pages/home/index', 'o_demo_resident'],
  ['http://127.0.0.1:8787/#/pages/home/index?persona=o_demo_owner', 'o_demo_owner'],
  ['http://127.0.0.1:8787/#/pages/home/index', null],
  ['not a url', null],
])('personaFromUrl(%s) → %s', (href, expected) => {
  expect(personaFromUrl(href)).toBe(expected)
})

test('?care=1 simulates a large WeChat font, before or inside the hash', () => {
  expect(simulatedLargeFontFromUrl('http://x/?care=1#/pages/me/index')).toBe(true)
  expect(simulatedLargeFontFromUrl('http://x/#/pages/me/index?care=1')).toBe(true)
  expect(simulatedLargeFontFromUrl('http://x/#/pages/me/index')).toBe(false)
})
