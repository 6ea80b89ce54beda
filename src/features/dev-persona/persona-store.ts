/**
 * H5 dev builds only. In a browser there is no WeChat session, so the caller's identity is a demo
 * persona chosen in the switcher and sent to the local cloud as X-Dev-Openid. Only transport.h5.ts
 * and code under `process.env.TARO_ENV === 'h5'` import this module, so none of it reaches weapp.
 */
import { readStorage, writeStorage } from '@/shared/lib/safe-storage'
import { STORAGE_KEYS } from '@/shared/lib/storage-keys'

export interface DevPersona {
  openid: string
  name: string
  label: string
  roles: string[]
  description: string
}

export function getDevOpenid(): string | null {
  return readStorage(STORAGE_KEYS.devOpenid)
}

export function setDevOpenid(openid: string | null): void {
  writeStorage(STORAGE_KEYS.devOpenid, openid)
}

/**
 * `?persona=<openid>` preselects a persona, either before the hash
 * (`/?persona=o_demo_resident#/pages/home/index`) or inside the hash query
 * (`/#/pages/home/index?persona=o_demo_resident`). Returns the adopted openid, if any.
 */
export function personaFromUrl(href: string): string | null {
  const url = safeUrl(href)
  if (!url) return null
  const fromSearch = url.searchParams.get('persona')
  if (fromSearch) return fromSearch
  const hashQuery = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?') + 1) : ''
  return new URLSearchParams(hashQuery).get('persona') || null
}

export function adoptPersonaFromUrl(href: string): string | null {
  const openid = personaFromUrl(href)
  if (openid) setDevOpenid(openid)
  return openid
}

/** `?care=1` (same places as persona) simulates a large WeChat font, to exercise the care-mode suggestion. */
export function simulatedLargeFontFromUrl(href: string): boolean {
  const url = safeUrl(href)
  if (!url) return false
  const hashQuery = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?') + 1) : ''
  return url.searchParams.get('care') === '1' || new URLSearchParams(hashQuery).get('care') === '1'
}

export async function fetchPersonas(): Promise<DevPersona[]> {
  const response = await fetch('/__dev/personas')
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  const body = (await response.json()) as { personas?: DevPersona[] }
  return Array.isArray(body.personas) ? body.personas : []
}

function safeUrl(href: string): URL | null {
  try {
    return new URL(href)
  } catch {
    return null
  }
}
