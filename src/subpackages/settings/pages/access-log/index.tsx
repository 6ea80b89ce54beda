import { useCallback, useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { staffName } from '@/shared/lib/staff-name'
import { Button, Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'

type Entry = CallOutput<'access', 'myLog'>['entries'][number]

/**
 * 谁看过我的数据: every time staff viewed a masked field of the person's data — who (role and name:
 * full, since they acted in an official capacity, issue #7 item 16; masked from an older server),
 * when, which field, and the reason they gave (R4.9/R4.10, GB/T 35273 §7.1).
 */
export default function AccessLogPage() {
  const [entries, setEntries] = useState<Entry[]>([])
  const [page, setPage] = useState(0)
  const [hasMore, setHasMore] = useState(false)
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading')
  const [error, setError] = useState('')

  const load = useCallback((next: number) => {
    setStatus('loading')
    callCloud('access', 'myLog', { page: next })
      .then((r) => {
        setEntries((prev) => (next === 0 ? r.entries : [...prev, ...r.entries]))
        setHasMore(r.hasMore)
        setPage(next)
        setStatus('ready')
      })
      .catch((e: unknown) => {
        setError(errorText(e))
        setStatus('error')
      })
  }, [])
  useEffect(() => load(0), [load])

  return (
    <PageShell title='谁看过我的数据' id='access-log-page'>
      <PageHeader title='谁看过我的数据' intro='工作人员查看您的完整手机号等信息时，必须填写理由，并记录在这里。' />
      {status === 'error' ? <ErrorState message={error} onRetry={() => load(page)} /> : null}
      {status === 'ready' && entries.length === 0 ? <Empty id='access-log-empty' title='暂无记录' description='还没有工作人员查看过您的个人信息。' /> : null}
      {entries.map((e, i) => (
        <Card key={`${String(e.at)}-${i}`} className='access-entry'>
          <Text className='title access-entry__who'>{`${e.actorRoleLabel} ${staffName(e, 'actorName', 'actorNameMasked')}`}</Text>
          <Text className='body-text notice-block'>{`查看了：${e.fieldLabel}`}</Text>
          <Text className='body-text notice-block'>{`理由：${e.reason}`}</Text>
          <Text className='caption'>{formatDateTime(e.at)}</Text>
        </Card>
      ))}
      {status === 'loading' ? <Loading /> : null}
      {status === 'ready' && hasMore ? (
        <Button variant='secondary' block onClick={() => load(page + 1)}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  )
}
