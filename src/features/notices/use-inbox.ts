import { useCallback, useRef, useState } from 'react'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import type { NoticeCategory } from '@domain/notice/model'

export type InboxItem = CallOutput<'notice', 'list'>['notices'][number]

export interface Inbox {
  status: 'idle' | 'loading' | 'ready' | 'error'
  items: InboxItem[]
  message: string
  hasMore: boolean
  reload: () => void
  more: () => void
}

/** notice.list paged by cursor; a reload starts from the top (紧急 pinned first). */
export function useInbox(category: NoticeCategory | null): Inbox {
  const [state, setState] = useState<Omit<Inbox, 'reload' | 'more'>>({ status: 'idle', items: [], message: '', hasMore: false })
  const cursor = useRef<string | null>(null)
  const generation = useRef(0)

  const load = useCallback(
    (from: string | null) => {
      const gen = ++generation.current
      setState((s) => ({ ...s, status: 'loading' }))
      callCloud('notice', 'list', { ...(from ? { cursor: from } : {}), ...(category ? { category } : {}) })
        .then((r) => {
          if (gen !== generation.current) return
          cursor.current = r.nextCursor
          setState((s) => ({ status: 'ready', message: '', items: from ? [...s.items, ...r.notices] : r.notices, hasMore: r.nextCursor !== null }))
        })
        .catch((e: unknown) => {
          if (gen === generation.current) setState((s) => ({ ...s, status: 'error', message: errorText(e) }))
        })
    },
    [category],
  )
  const reload = useCallback(() => load(null), [load])
  const more = useCallback(() => {
    if (cursor.current) load(cursor.current)
  }, [load])
  return { ...state, reload, more }
}
