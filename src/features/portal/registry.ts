import type { PortalRegistration } from './types'
import { registration as settings } from './entries/settings'
import { registration as staff } from './entries/staff'
import { registration as booking } from './entries/booking'
import { registration as notices } from './entries/notices'
import { registration as group } from './entries/group'
import { registration as election } from './entries/election'
import { registration as property } from './entries/property'
import { registration as survey } from './entries/survey'

/**
 * Every feature's portal registration (entries/<feature>.ts). A new feature adds one import line
 * here; the home tab shows whatever the registrations make visible for the caller.
 */
export const registrations: readonly PortalRegistration[] = [settings, staff, booking, notices, group, election, property, survey]
