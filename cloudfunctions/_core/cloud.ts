/**
 * The one place functions touch wx-server-sdk's setup. Written the ordinary way
 * (`cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })`), so the bundle runs unchanged in the WeChat
 * cloud and in the local cloud, which answers the same protocol.
 */
import cloud from 'wx-server-sdk'

// The SDK's own typings declare env as string; DYNAMIC_CURRENT_ENV is a symbol (recipes.md §6).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export { cloud }
// throwOnNotFound is a real SDK option (doc().get() of a missing id answers data: null instead of
// throwing) that the SDK's typings do not declare.
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0])
export const _ = db.command

export type Db = typeof db
