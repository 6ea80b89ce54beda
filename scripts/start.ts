/**
 * npm start — the whole product on one machine: builds what is missing (the H5 app once, the cloud
 * bundles every time: they take well under a second), starts the local cloud on
 * http://127.0.0.1:8787 (PORT overrides) serving the H5 app from the same origin, seeded with the
 * demo community on first start. Data persists in .data/ across restarts.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildCloud } from './build-cloud'
import { closeOnSignals, startLocalCloud } from '../local-cloud/src'
import { PERSONAS } from '../seeds'

const root = path.resolve(__dirname, '..')
const h5 = path.join(root, 'dist', 'h5')

async function main() {
  if (!fs.existsSync(path.join(h5, 'index.html')) || process.argv.includes('--rebuild')) {
    console.log('building the H5 app (first start; npm run build:h5)…')
    const r = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' })
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  await buildCloud()
  const port = Number(process.env.PORT ?? 8787)
  const cloud = await startLocalCloud({ port, staticDir: h5 })
  console.log(`\n邻里 Linli is running: ${cloud.url}/`)
  console.log(`data: ${process.env.LINLI_DATA_DIR ?? path.join(root, '.data')} (POST ${cloud.url}/__dev/reset to start over)\n`)
  console.log('Personas (switch in 我的 → 切换身份, or open a link):')
  for (const p of PERSONAS) console.log(`  ${cloud.url}/?persona=${p.openid}  ${p.name}（${p.label}）`)
  closeOnSignals(cloud)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
