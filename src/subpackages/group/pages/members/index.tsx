import { useCallback, useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import { useReachBottom, useRouter } from '@tarojs/taro'
import type { CallOutput } from '@/services/cloud'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'
import '../../components/group.scss'

type Member = CallOutput<'group', 'members'>['members'][number]
const PAGE = 50

/** 群成员: names masked for everyone (R4.9), children never listed (R4.7); 50 a page. */
export default function GroupMembersPage() {
  const groupId = useRouter().params.id ?? ''
  const [members, setMembers] = useState<Member[] | null>(null)
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(
    (p: number) => {
      setError(null)
      callCloud('group', 'members', { groupId, page: p })
        .then((r) => {
          setMembers((m) => (p === 0 ? r.members : [...(m ?? []), ...r.members]))
          setTotal(r.total)
          setPage(p)
        })
        .catch((e: unknown) => setError(errorText(e)))
    },
    [groupId],
  )
  useEffect(() => load(0), [load])
  const more = members !== null && members.length >= (page + 1) * PAGE && members.length < total
  useReachBottom(() => (more ? load(page + 1) : undefined))
  return (
    <PageShell title='群成员' id='group-members-page'>
      <PageHeader title='群成员' caption={`共 ${total} 人 · 姓名已隐去部分字`} />
      {error ? <ErrorState message={error} onRetry={() => load(0)} /> : null}
      {!members && !error ? <Loading /> : null}
      {members ? (
        <Card className='card--rows' id='member-list'>
          {members.map((m, i) => (
            <ListRow key={i} title={m.nameMasked} description={[m.admin ? '群管理员' : '', m.mutedUntil ? `禁言至 ${formatDateTime(m.mutedUntil)}` : ''].filter(Boolean).join(' · ') || undefined} />
          ))}
        </Card>
      ) : null}
      {more ? <Button id='members-more' variant='secondary' block onClick={() => load(page + 1)}>加载更多</Button> : null}
      {members && !members.length ? <Text className='caption'>还没有成员</Text> : null}
    </PageShell>
  )
}
