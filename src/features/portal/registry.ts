import type { PortalRegistration } from './types'
import { registration as settings } from './entries/settings'
import { registration as staff } from './entries/staff'
import { registration as survey } from './entries/survey'

/**
 * Every feature's portal registration (entries/<feature>.ts). A new feature adds one import line
 * here; the home tab shows whatever the registrations make visible for the caller.
 */
export const registrations: readonly PortalRegistration[] = [settings, staff, survey]
