import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { loadSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { RELATION_LABELS } from '@/shared/lib/labels'
import { Button, Card, ConfirmSheet, Empty, ErrorState, Loading, TextField, PageHeader } from '@/shared/ui'
import { useStaffCommunity } from '../../components/use-staff-community'
import { RevealPhoneSheet } from '../../components/RevealPhoneSheet'

type Item = CallOutput<'household', 'listForReview'>['items'][number]

const VERIFICATION_LABELS: Record<Item['verification'], string> = {
  MATCHED: '身份证号与登记一致',
  NOT_MATCHED: '身份证号与登记不一致',
  NONE: '未在线核验',
}

/**
 * 审核入户申请: the applications in the caller's scope (a grid worker's grids only, R7.2), names
 * masked (R4.9); owners see the tenant/family applications to their own units (as OWNER, without
 * a staff role). Approve in one tap; rejecting needs a reason the applicant will see. Staff with
 * personal.reveal can look up the phone with a reason — logged and shown to the resident.
 */
export default function ReviewPage() {
  const { communityId, communityName, can } = useStaffCommunity()
  const [items, setItems] = useState<Item[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [busyId, setBusyId] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState<Item | null>(null)
  const [reason, setReason] = useState('')
  const [revealing, setRevealing] = useState<Item | null>(null)

  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('household', 'listForReview', { communityId })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])

  const decide = async (item: Item, decision: 'APPROVE' | 'REJECT', why?: string) => {
    setBusyId(item.id)
    try {
      await callCloud('household', 'review', { memberId: item.id, decision, ...(why ? { reason: why } : {}) })
      setNote(`${item.unitLabel} ${item.nameMasked}：${decision === 'APPROVE' ? '已通过' : '已驳回'}`)
      setItems((prev) => (prev ? prev.filter((i) => i.id !== item.id) : prev))
      setRejecting(null)
      setReason('')
      // An owner's pending count (bootstrap.ownerReviews) on 我的 follows the decision.
      if (item.as === 'OWNER') void loadSession()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusyId(null)
    }
  }

  return (
    <PageShell title='审核入户申请' id='review-page'>
      <PageHeader title='审核入户申请' caption={communityName} />
      {note ? (
        <Text id='review-note' className='status-note body-text'>
          {note}
        </Text>
      ) : null}
      {!communityId ? <Empty title='没有可审核的社区' /> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {communityId && !items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty id='review-empty' title='暂无待审核的申请' /> : null}
      {items?.map((item) => (
        <Card key={item.id} title={`${item.unitLabel} · ${item.nameMasked}`} className='review-item' id={`review-${item.id}`}>
          <View>
            <Text className='tag'>{RELATION_LABELS[item.relation]}</Text>
            <Text className='tag'>{VERIFICATION_LABELS[item.verification]}</Text>
            {item.as === 'OWNER' ? <Text className='tag'>作为业主审核</Text> : null}
            {item.as === 'STAFF' && !item.hasPhone ? <Text className='tag'>未留电话</Text> : null}
          </View>
          <Text className='caption notice-block'>{`申请时间：${formatDateTime(item.createdAt)}`}</Text>
          <View className='btn-row'>
            <Button id={`approve-${item.id}`} loading={busyId === item.id && !rejecting} disabled={busyId !== null} onClick={() => void decide(item, 'APPROVE')}>
              通过
            </Button>
            <Button id={`reject-${item.id}`} variant='secondary' disabled={busyId !== null} onClick={() => setRejecting(item)}>
              驳回
            </Button>
          </View>
          {/* Only when there is a number to show (hasPhone): a reveal that finds nothing is a logged access for nothing. */}
          {can('personal.reveal') && item.as === 'STAFF' && item.hasPhone ? (
            <>
              <View className='spacer' />
              <Button id={`reveal-${item.id}`} variant='text' block onClick={() => setRevealing(item)}>
                查看电话
              </Button>
            </>
          ) : null}
        </Card>
      ))}

      <ConfirmSheet
        open={rejecting !== null}
        id='reject-sheet'
        title={`驳回 ${rejecting?.unitLabel ?? ''} 的申请`}
        confirmText='确认驳回'
        busy={busyId !== null}
        onConfirm={() => {
          if (rejecting && reason.trim().length >= 2) void decide(rejecting, 'REJECT', reason.trim())
        }}
        onCancel={() => setRejecting(null)}
      >
        <TextField
          id='reject-reason'
          label='驳回理由（申请人会看到）'
          value={reason}
          onChange={setReason}
          multiline
          maxlength={200}
          error={reason && reason.trim().length < 2 ? '请填写至少2个字的理由' : null}
        />
      </ConfirmSheet>
      {revealing && communityId ? <RevealPhoneSheet communityId={communityId} item={revealing} onClose={() => setRevealing(null)} /> : null}
    </PageShell>
  )
}
