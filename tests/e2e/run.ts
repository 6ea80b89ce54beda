/**
 * `npm run test:e2e`: build the cloud bundles, start a fresh in-memory local cloud (seeded demo
 * community) serving dist/h5, and run the browser scenarios against it. Build the H5 app first
 * (`npm run build:h5`). Prints "N passed, N failed"; exits 1 on any failure.
 */
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { startLocalCloud } from '../../local-cloud/src'
import { ARTIFACTS, runScenarios } from './harness'
import { scenarios as baseScenarios } from './scenarios'
import { firstUseScenarios } from './scenarios-first-use'
import { portalScenarios } from './scenarios-portal'
import { bookingScenarios } from './scenarios-booking'
import { noticeScenarios } from './scenarios-notices'
import { groupScenarios } from './scenarios-group'
import { electionScenarios } from './scenarios-election'
import { securityScenarios } from './scenarios-security'
import { surveyScenarios } from './scenarios-survey'
import { propertyScenarios } from './scenarios-property'

const ROOT = path.resolve(__dirname, '../..')
// Every scenario file, in order: the base flows, issue 7's first-use traps, the home portal, then
// one file per feature.
const scenarios = [...baseScenarios, ...firstUseScenarios, ...portalScenarios, ...bookingScenarios, ...noticeScenarios, ...groupScenarios, ...electionScenarios, ...securityScenarios, ...surveyScenarios, ...propertyScenarios]

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(ROOT, 'dist/h5/index.html'))) {
    console.error('dist/h5/index.html not found — run `npm run build:h5` first')
    return 1
  }
  // The local cloud runs the bundled functions (dist/cloudfunctions); make sure they match the sources.
  execFileSync('npm', ['run', 'build:cloud', '--silent'], { cwd: ROOT, stdio: 'inherit' })

  const cloud = await startLocalCloud({ port: 0, memory: true, seed: true, staticDir: path.join(ROOT, 'dist/h5'), timers: false, quiet: true })
  const only = process.env.E2E_ONLY
  const selected = only ? scenarios.filter((s) => s.name.includes(only)) : scenarios
  try {
    console.log(`local cloud at ${cloud.url}; screenshots in ${path.relative(ROOT, ARTIFACTS)}/`)
    const { passed, failed } = await runScenarios(cloud.url, selected)
    console.log(`${passed} passed, ${failed} failed`)
    return failed === 0 && passed > 0 ? 0 : 1
  } finally {
    await cloud.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    console.log('0 passed, 1 failed')
    process.exit(1)
  },
)
