/**
 * Stands in for zod's locale index in the function bundles (scripts/build-cloud.ts swaps it in):
 * zod re-exports 40-odd locales as `z.locales`, which no bundler can drop, adding ~360 KB to every
 * function. Functions need English (zod's default) and Simplified Chinese (our messages).
 */
export { default as en } from 'zod/v4/locales/en.js'
export { default as zhCN } from 'zod/v4/locales/zh-CN.js'
