import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, ConfirmSheet, ListRow } from '@/shared/ui'

type OpenInvite = CallOutput<'role', 'invites'>['invites'][number]

/**
 * Codes handed out but not yet used. An admin who gave a code to the wrong person voids it here
 * (role.cancelInvite); a used code is managed as a grant instead. `version` reloads the list after
 * a new code is created.
 */
export function OpenInvites({ communityId, version }: { communityId: string; version: number }) {
  const [invites, setInvites] = useState<OpenInvite[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState<OpenInvite | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => {
    callCloud('role', 'invites', { communityId })
      .then((r) => setInvites(r.invites))
      .catch((e) => setProblem(errorText(e)))
  }, [communityId])
  useEffect(load, [load, version])

  const confirmCancel = async () => {
    if (!cancelling) return
    setBusy(true)
    try {
      await callCloud('role', 'cancelInvite', { communityId, code: cancelling.code })
      setCancelling(null)
      load()
    } catch (e) {
      setProblem(errorText(e))
      setCancelling(null)
    } finally {
      setBusy(false)
    }
  }

  if (!invites?.length && !problem) return null
  return (
    <View id='open-invites'>
      <Text className='section-title'>未使用的邀请码</Text>
      {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
      {(invites ?? []).map((i) => (
        <ListRow
          key={i.code}
          id={`open-invite-${i.code}`}
          title={`${i.code} · ${i.roleLabel}`}
          description={`有效期至 ${formatDateTime(i.expiresAt)}`}
          extra={
            <Button id={`open-invite-${i.code}-cancel`} variant='secondary' onClick={() => setCancelling(i)}>
              作废
            </Button>
          }
        />
      ))}
      <ConfirmSheet
        id='invite-cancel-confirm'
        open={cancelling !== null}
        title='作废邀请码'
        confirmText='作废'
        danger
        busy={busy}
        onConfirm={() => void confirmCancel()}
        onCancel={() => setCancelling(null)}
      >
        <Text className='body-text'>{cancelling ? `作废后，邀请码 ${cancelling.code}（${cancelling.roleLabel}）将不能再使用。` : ''}</Text>
      </ConfirmSheet>
    </View>
  )
}
