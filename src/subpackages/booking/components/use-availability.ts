import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { shanghaiDate } from '@domain/booking/time'
import { errorText } from '@/features/consent/messages'
import { callCloud, CloudError, type CallOutput } from '@/services/cloud'
import { dayChoices } from './day-choices'

export type Availability = CallOutput<'booking', 'availability'>
export type Slot = Availability['slots'][number]

/**
 * Two weeks of one resource's slots (booking.availability, counts only), the chosen day and the
 * large day buttons. The first load asks for the phone's today; when the phone's clock is a day
 * off the server refuses with its own `today`, and we start from that instead.
 */
export function useAvailability(resourceId: string | null) {
  const [data, setData] = useState<Availability | null>(null)
  const [date, setDate] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const current = useRef(resourceId)
  current.current = resourceId

  const load = useCallback(
    (first?: string) => {
      if (!resourceId) return
      setError(null)
      const ask = first ?? date
      callCloud('booking', 'availability', { resourceId, date: ask ?? shanghaiDate(new Date()), days: 14 })
        .then((a) => {
          if (a.resourceId !== current.current) return // an answer for the resource picked before
          setData(a)
          setDate((d) => d ?? a.date)
        })
        .catch((e: unknown) => {
          const today = e instanceof CloudError ? (e.details as { today?: string } | undefined)?.today : undefined
          if (!ask && today) load(today)
          else setError(errorText(e))
        })
    },
    [resourceId, date],
  )
  // A new resource starts from its first bookable day again.
  useEffect(() => {
    setData(null)
    setDate(null)
  }, [resourceId])
  useEffect(() => {
    if (resourceId && !data) load()
  }, [resourceId, data]) // eslint-disable-line react-hooks/exhaustive-deps

  const choices = useMemo(() => (data ? dayChoices(data.today, data.lastDate) : []), [data])
  const day = data?.days.find((d) => d.date === date) ?? null
  return { data, date, setDate, day, choices, error, reload: () => load() }
}
