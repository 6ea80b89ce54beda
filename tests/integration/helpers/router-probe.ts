/**
 * tests/fixtures/router-probe bundled exactly as scripts/build-cloud.ts bundles the real functions,
 * into a folder inside the repo (so the bundle resolves wx-server-sdk from node_modules, like a
 * deployed function), with the config.json the test chooses.
 */
import fs from 'node:fs'
import path from 'node:path'
import { bundleFunction } from '../../../scripts/build-cloud'

export async function buildRouterProbe(config: { timeout: number }): Promise<{ dir: string; remove: () => void }> {
  const root = path.join(__dirname, '../../../dist')
  fs.mkdirSync(root, { recursive: true })
  const dir = fs.mkdtempSync(path.join(root, 'test-functions-'))
  await bundleFunction(path.join(__dirname, '../../fixtures/router-probe/index.ts'), path.join(dir, 'router-probe', 'index.js'))
  fs.writeFileSync(path.join(dir, 'router-probe', 'config.json'), JSON.stringify(config))
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
