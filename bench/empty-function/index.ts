/**
 * The cold-start baseline of `npm run bench` (issue #9, item 3): a function that does what every
 * real function does before its first answer — load wx-server-sdk and init it — and nothing else,
 * bundled by scripts/build-cloud.ts's bundleFunction exactly as the real ones are.
 */
import cloud from 'wx-server-sdk'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export async function main(): Promise<unknown> {
  return { ok: false, error: { code: 'UNKNOWN_ACTION', message: 'empty function', requestId: 'bench' } }
}
