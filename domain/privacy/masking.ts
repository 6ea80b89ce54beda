/**
 * Display masking (R4.9, GB/T 35273 §7.2): personal data shown on a screen to anyone other than
 * the data subject is masked. Every list a cloud function returns runs its names, phones, ID
 * numbers and unit labels through these functions; the full value is only ever returned by an
 * audited reveal (access.reveal, R4.10) or to the subject themself.
 */
import type { Role } from '../access/capabilities'

/**
 * 张三 → 张*, 张三明 → 张*明, 欧阳娜娜 → 欧阳** (R4.9). Compound surnames are kept whole when the
 * name has four or more characters; Latin names keep their first letter. Counts code points so a
 * rare character outside the BMP is one character, not two.
 */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim())
  if (chars.length === 0) return ''
  if (chars.length === 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  if (chars.length === 3) return `${chars[0]}*${chars[2]}`
  // Four or more: treat the first two as a compound surname (欧阳, 司马 …) and hide the rest.
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 2)}`
}

/** 13812341234 → 138****1234; other lengths keep at most the first 3 and the last 4 (R4.9). */
export function maskPhone(phone: string | null | undefined): string {
  const p = (phone ?? '').replace(/\s+/g, '')
  if (!p) return ''
  if (p.length <= 7) return `${p.slice(0, Math.min(3, p.length - 1))}****`
  return `${p.slice(0, 3)}****${p.slice(-4)}`
}

/** 110101199003071234 → 110***********1234: first 3 and last 4 only (R4.9). */
export function maskIdNumber(id: string | null | undefined): string {
  const s = (id ?? '').trim()
  if (!s) return ''
  if (s.length <= 7) return '*'.repeat(s.length)
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`
}

/**
 * Roles that may see a resident's full unit number (R4.9 "unit numbers are shown in full only to
 * authorized roles"): staff who review households or serve the grid. Residents and owners see
 * their neighbours' building only.
 */
export const UNIT_AUTHORIZED_ROLES: readonly Role[] = ['GRID_WORKER', 'RC_STAFF', 'PROPERTY_STAFF', 'COMMUNITY_ADMIN']

/**
 * The unit label a viewer may see: `6栋302` for an authorized role (or the subject themself),
 * `6栋` otherwise. Pass the viewer's roles in the community of the unit.
 */
export function unitLabelFor(viewerRoles: readonly Role[] | 'self', buildingName: string, unitNumber: string): string {
  const full = viewerRoles === 'self' || viewerRoles.some((r) => UNIT_AUTHORIZED_ROLES.includes(r))
  return full ? `${buildingName}${unitNumber}` : buildingName
}
