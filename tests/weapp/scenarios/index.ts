/** Every scenario file of tests/weapp/scenarios/ (one file per flow; see docs/weapp-tests.md). */
import fs from 'node:fs'
import path from 'node:path'
import type { WeappTest } from '../suite'

export const tests: WeappTest[] = fs
  .readdirSync(__dirname)
  .filter((f) => /\.scenario\.ts$/.test(f))
  .sort()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .flatMap((f) => (require(path.join(__dirname, f)) as { tests: WeappTest[] }).tests)
