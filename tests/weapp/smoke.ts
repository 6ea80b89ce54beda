/**
 * Smoke suite: every page of dist/weapp/app.json (main package and every subpackage, read from
 * the build — new subpackages are covered without touching this file), opened as every demo
 * persona and as a person the cloud has never seen, against the run's fresh local cloud.
 */
import { PERSONAS } from '../../seeds/personas'
import { AppFiles, allPages, localCloud, tabPages } from './harness'
import { smokePage } from './smoke-check'
import { assert, freshOpenid, type WeappTest } from './suite'

const files = new AppFiles()
const app = files.appJson()
const pages = allPages(app)
const people = [...PERSONAS.map((p) => ({ openid: p.openid, label: p.label })), { openid: '', label: '从未用过的人' }]

const structure: WeappTest = {
  name: 'smoke: app.json lists the tab pages and every page has its .js/.json/.wxml',
  async run({ note }) {
    for (const tab of tabPages(app)) assert(app.pages.includes(tab), `tab bar page ${tab} is not in app.json pages`)
    for (const page of pages) {
      for (const ext of ['.js', '.json', '.wxml']) assert(files.tryRead(page + ext) !== null, `${page}${ext} is missing from dist/weapp`)
    }
    note(`${pages.length} pages (${app.pages.length} in the main package), ${tabPages(app).length} tabs`)
  },
}

const perPage: WeappTest[] = pages.map((route) => ({
  name: `smoke: ${route} as every persona`,
  async run({ cloud, note }) {
    const problems: string[] = []
    const targets = new Set<string>()
    let taps = 0
    let ms = 0
    for (const person of people) {
      const openid = person.openid || freshOpenid()
      const r = await smokePage(route, { cloud: localCloud(cloud.url, openid) })
      problems.push(...r.problems.map((p) => `as ${openid} (${person.label}): ${p}`))
      r.targets.forEach((t) => targets.add(t))
      taps += r.taps
      ms += r.ms
    }
    note(`${people.length} people, ${taps} taps, ${(ms / people.length).toFixed(0)} ms per person; opens ${[...targets].map((t) => t.split(' ')[1]).join(', ') || 'nothing'}`)
    if (problems.length) throw new Error(problems.join('\n'))
  },
}))

export const tests: WeappTest[] = [structure, ...perPage]
