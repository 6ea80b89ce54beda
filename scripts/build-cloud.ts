/**
 * npm run build:cloud — bundle every cloud function (cloudfunctions/<name>/index.ts with its shared
 * code from _core and domain/) into dist/cloudfunctions/<name>/{index.js,package.json,config.json},
 * with wx-server-sdk as the only runtime dependency, exactly what WeChat DevTools uploads. Also
 * bundles the local cloud (server, function-instance worker, CLI) into dist/local-cloud.
 */
import { build, type Plugin } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const srcDir = path.join(root, 'cloudfunctions')
const outDir = path.join(root, 'dist', 'cloudfunctions')
const WX_SERVER_SDK = '~4.0.2'

interface FunctionConfig {
  timeout?: number
  permissions?: { openapi?: string[] }
  triggers?: { name: string; type: string; config: string }[]
}

/** User-facing calls get 10 s (R5.14); the cloud's default of 3 s is too tight for a cold start. */
const DEFAULT_CONFIG: FunctionConfig = { timeout: 10, permissions: { openapi: [] }, triggers: [] }

export function functionNames(): string[] {
  return fs
    .readdirSync(srcDir)
    .filter((n) => !n.startsWith('_') && fs.existsSync(path.join(srcDir, n, 'index.ts')))
    .sort()
}

/** See cloudfunctions/_core/zod-locales.ts: only the two locales functions use. */
const zodLocales: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      args.importer.split(path.sep).includes('zod') ? { path: path.join(srcDir, '_core', 'zod-locales.ts') } : undefined,
    )
  },
}

/** One function bundle, exactly as deployed (the benchmark bundles its empty baseline this way too). */
export async function bundleFunction(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    plugins: [zodLocales],
    legalComments: 'none',
    logLevel: 'warning',
  })
}

async function buildFunctions(): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true })
  for (const name of functionNames()) {
    const dir = path.join(outDir, name)
    await bundleFunction(path.join(srcDir, name, 'index.ts'), path.join(dir, 'index.js'))
    const configFile = path.join(srcDir, name, 'config.json')
    const raw: Record<string, unknown> = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {}
    // "$comment" keys explain the source; the uploaded config.json carries only what WeChat reads.
    const own = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('$'))) as FunctionConfig
    const config = { ...DEFAULT_CONFIG, ...own, permissions: { openapi: own.permissions?.openapi ?? [] } }
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n')
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': WX_SERVER_SDK } }, null, 2) + '\n',
    )
  }
}

async function buildLocalCloud(): Promise<void> {
  const lc = path.join(root, 'dist', 'local-cloud')
  fs.rmSync(lc, { recursive: true, force: true })
  await build({
    entryPoints: {
      index: path.join(root, 'local-cloud', 'src', 'index.ts'),
      worker: path.join(root, 'local-cloud', 'src', 'worker.ts'),
      cli: path.join(root, 'local-cloud', 'src', 'cli.ts'),
    },
    outdir: lc,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  })
}

export async function buildCloud(): Promise<void> {
  const t0 = Date.now()
  await buildFunctions()
  await buildLocalCloud()
  if (!process.argv.includes('--quiet')) {
    console.log(`built ${functionNames().length} cloud function(s) + local cloud in ${Date.now() - t0} ms → dist/`)
  }
}

if (require.main === module) {
  buildCloud().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
