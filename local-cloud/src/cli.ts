/**
 * npm run cloud -- [--port N] [--memory] [--data DIR] [--functions DIR]... [--static DIR] [--no-timers] [--no-seed]
 * Starts the local cloud alone (port 8787 by default, like npm start).
 */
import path from 'node:path'
import { closeOnSignals, startLocalCloud } from './index'

function parse(argv: string[]) {
  const opts: { port: number; memory: boolean; data?: string; functions: string[]; staticDir?: string; timers: boolean; seed: boolean } = {
    port: Number(process.env.PORT ?? 8787),
    memory: false,
    functions: [],
    timers: true,
    seed: true,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    if (a === '--port') opts.port = Number(next())
    else if (a === '--memory') opts.memory = true
    else if (a === '--data') opts.data = path.resolve(next())
    else if (a === '--functions') opts.functions.push(path.resolve(next()))
    else if (a === '--static') opts.staticDir = path.resolve(next())
    else if (a === '--no-timers') opts.timers = false
    else if (a === '--no-seed') opts.seed = false
    else throw new Error(`unknown option ${a}`)
  }
  return opts
}

async function main() {
  const o = parse(process.argv.slice(2))
  const cloud = await startLocalCloud({
    port: o.port,
    memory: o.memory,
    dataDir: o.data,
    extraFunctionsDirs: o.functions,
    staticDir: o.staticDir,
    timers: o.timers,
    seed: o.seed,
  })
  console.log(`local cloud listening on ${cloud.url} (${o.memory ? 'in memory' : `data in ${o.data ?? '.data/'}`})`)
  console.log(`functions: ${cloud.functions.list().map((f) => f.name).join(', ') || '(none — run npm run build:cloud)'}`)
  closeOnSignals(cloud)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
