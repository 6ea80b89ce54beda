import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'

export type DirectoryItem = CallOutput<'household', 'directory'>['items'][number]

export interface Directory {
  items: DirectoryItem[]
  hasMore: boolean
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: string
  loadMore: () => void
  reload: () => void
}

/**
 * household.directory for one building (or all in scope when buildingId is null), 50 a page.
 * Changing the building starts again at page 0; an answer for a building no longer selected is dropped.
 */
export function useDirectory(communityId: string | null, buildingId: string | null, enabled = true): Directory {
  const [items, setItems] = useState<DirectoryItem[]>([])
  const [hasMore, setHasMore] = useState(false)
  const [page, setPage] = useState(0)
  const [status, setStatus] = useState<Directory['status']>('idle')
  const [error, setError] = useState('')
  const generation = useRef(0)

  const load = useCallback(
    (next: number) => {
      if (!communityId || !enabled) return
      const mine = ++generation.current
      setStatus('loading')
      callCloud('household', 'directory', { communityId, page: next, ...(buildingId ? { buildingId } : {}) })
        .then((r) => {
          if (mine !== generation.current) return
          setItems((prev) => (next === 0 ? r.items : [...prev, ...r.items]))
          setHasMore(r.hasMore)
          setPage(next)
          setStatus('ready')
        })
        .catch((e: unknown) => {
          if (mine !== generation.current) return
          setError(errorText(e))
          setStatus('error')
        })
    },
    [communityId, buildingId, enabled],
  )

  useEffect(() => {
    setItems([])
    setHasMore(false)
    load(0)
  }, [load])

  return {
    items,
    hasMore,
    status,
    error,
    loadMore: () => load(page + 1),
    reload: () => load(status === 'error' && items.length > 0 ? page + 1 : 0),
  }
}
