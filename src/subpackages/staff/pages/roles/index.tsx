import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { GRANTABLE_ROLES, ROLE_LABELS, type GrantableRole } from '@domain/access/capabilities'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDate } from '@/shared/lib/dates'
import { Button, Card, Choice, ConfirmSheet, Empty, ErrorState, Loading, TextField } from '@/shared/ui'
import { useStaffCommunity } from '../../components/use-staff-community'

type Grant = CallOutput<'role', 'list'>['grants'][number]

/**
 * 角色管理 (role.manage, community admins): the community's grants with masked names (R4.9), revoke
 * with a confirmation, and assign. RESIDENT/OWNER are never granted here — they come from households.
 * A GRID_WORKER grant needs the grids it covers (their data access is limited to them, R7.2).
 */
export default function RolesPage() {
  const { communityId, communityName } = useStaffCommunity()
  const [grants, setGrants] = useState<Grant[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [revoking, setRevoking] = useState<Grant | null>(null)
  const [busy, setBusy] = useState(false)
  const [target, setTarget] = useState('')
  const [role, setRole] = useState<GrantableRole | null>(null)
  const [grids, setGrids] = useState('')

  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('role', 'list', { communityId })
      .then((r) => setGrants(r.grants))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])

  const gridIds = grids
    .split(/[,，\s]+/)
    .map((g) => g.trim())
    .filter(Boolean)
  const canAssign = target.trim().length > 0 && role !== null && (role !== 'GRID_WORKER' || gridIds.length > 0)

  const assign = async () => {
    if (!communityId || !role || !canAssign) return
    setBusy(true)
    setNote(null)
    try {
      const g = await callCloud('role', 'assign', { communityId, targetOpenid: target.trim(), role, ...(role === 'GRID_WORKER' ? { gridIds } : {}) })
      setNote(`已授予 ${g.nameMasked || '该用户'}“${g.roleLabel}”`)
      setTarget('')
      setGrids('')
      setRole(null)
      load()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const revoke = async () => {
    if (!communityId || !revoking) return
    setBusy(true)
    try {
      await callCloud('role', 'revoke', { communityId, grantId: revoking.grantId })
      setNote(`已撤销 ${revoking.nameMasked} 的“${revoking.roleLabel}”`)
      setRevoking(null)
      load()
    } catch (e) {
      setNote(errorText(e))
      setRevoking(null)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='角色管理' id='roles-page'>
      <View className='page-header'>
        <Text className='heading'>角色管理</Text>
        <Text className='caption'>{communityName}</Text>
      </View>
      {note ? <Text className='status-note body-text'>{note}</Text> : null}
      {!communityId ? <Empty title='没有可管理的社区' /> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {communityId && !grants && !error ? <Loading /> : null}
      {grants?.map((g) => (
        <Card key={g.grantId} title={`${g.roleLabel} · ${g.nameMasked}`} className='grant-card'>
          {g.gridIds.length > 0 ? <Text className='caption notice-block'>{`负责网格：${g.gridIds.join('、')}`}</Text> : null}
          <Text className='caption notice-block'>{`授予日期：${formatDate(g.grantedAt)}`}</Text>
          <Button variant='secondary' block onClick={() => setRevoking(g)}>
            撤销
          </Button>
        </Card>
      ))}

      <Card title='授予角色'>
        <TextField id='role-target' label='用户编号' value={target} onChange={setTarget} maxlength={128} hint='对方的用户编号（OpenID）' />
        <Text className='body-text'>角色</Text>
        <View className='choice-grid' ariaRole='radiogroup'>
          {GRANTABLE_ROLES.map((r) => (
            <Choice key={r} id={`role-${r}`} label={ROLE_LABELS[r]} on={role === r} onClick={() => setRole(r)} />
          ))}
        </View>
        {role === 'GRID_WORKER' ? <TextField id='role-grids' label='负责网格编号（多个用逗号分隔）' value={grids} onChange={setGrids} maxlength={400} /> : null}
        <Button id='role-assign' block disabled={!canAssign} loading={busy && !revoking} onClick={() => void assign()}>
          授予
        </Button>
      </Card>

      <ConfirmSheet
        open={revoking !== null}
        id='revoke-sheet'
        title='撤销角色'
        confirmText='确认撤销'
        danger
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      >
        <Text className='body-text'>{`撤销 ${revoking?.nameMasked ?? ''} 的“${revoking?.roleLabel ?? ''}”后，对方立即失去相应权限。此操作会被记录。`}</Text>
      </ConfirmSheet>
    </PageShell>
  )
}
