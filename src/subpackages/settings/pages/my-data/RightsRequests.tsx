import { useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDate } from '@/shared/lib/dates'
import { Card, ListRow } from '@/shared/ui'

type Request = CallOutput<'user', 'myRequests'>['requests'][number]

const TYPE_LABELS: Record<Request['type'], string> = { ACCESS_COPY: '查阅复制', CORRECT: '更正资料', DELETE_ACCOUNT: '注销账号' }
const STATUS_LABELS: Record<Request['status'], string> = { RECEIVED: '已受理', IN_PROGRESS: '处理中', COMPLETED: '已完成', REFUSED: '未予办理' }

/**
 * 我的申请记录 (R4.6): every rights request with its status and the deadline we owe the person
 * (15 working days); a refusal shows its reason. `version` reloads after a new export.
 */
export function RightsRequests({ version }: { version: number }) {
  const [requests, setRequests] = useState<Request[] | null>(null)
  useEffect(() => {
    callCloud('user', 'myRequests', {})
      .then((r) => setRequests(r.requests))
      .catch(() => setRequests(null))
  }, [version])
  if (!requests || requests.length === 0) return null
  return (
    <Card title='我的申请记录' id='rights-requests'>
      {requests.slice(0, 20).map((r) => (
        <ListRow
          key={r.id}
          title={`${TYPE_LABELS[r.type]} · ${STATUS_LABELS[r.status]}`}
          description={r.refusalReason ? `原因：${r.refusalReason}` : `提交 ${formatDate(r.requestedAt)} · 办理时限 ${formatDate(r.deadline)}`}
        />
      ))}
      <Text className='caption notice-block'>我们在15个工作日内办理您的申请；对结果有异议可向网信部门投诉。</Text>
    </Card>
  )
}
