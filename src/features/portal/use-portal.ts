import { useEffect, useState } from 'react'
import type { BootstrapOutput } from '@domain/user/contract'
import type { PortalRegistration } from './types'
import { loadAlerts, loadMyThings, loadWork, type AlertItem, type Thing, type WorkCount } from './portal-model'

export interface PortalData {
  /** null while the counts load (the work card says so instead of showing "nothing to do"). */
  work: WorkCount[] | null
  things: Thing[]
  alerts: AlertItem[]
}

/**
 * The asynchronous half of the portal, reloaded whenever the session changes or the page is
 * shown again (`reloadKey`), so a count follows the review the person just finished.
 */
export function usePortal(regs: readonly PortalRegistration[], session: BootstrapOutput, reloadKey: unknown): PortalData {
  const [data, setData] = useState<PortalData>({ work: null, things: [], alerts: [] })
  useEffect(() => {
    let alive = true
    // Each part shows as soon as it arrives; a slow count does not hold back the alerts.
    void loadWork(regs, session).then((work) => alive && setData((d) => ({ ...d, work })))
    void loadMyThings(regs, session).then((things) => alive && setData((d) => ({ ...d, things })))
    void loadAlerts(regs, session).then((alerts) => alive && setData((d) => ({ ...d, alerts })))
    return () => {
      alive = false
    }
  }, [regs, session, reloadKey])
  return data
}
