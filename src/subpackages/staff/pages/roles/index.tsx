import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { GrantableRole } from '@domain/access/capabilities'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDate } from '@/shared/lib/dates'
import { RELATION_LABELS } from '@/shared/lib/labels'
import { staffName } from '@/shared/lib/staff-name'
import { Button, Card, Choice, ConfirmSheet, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { buildingsInScope, gridNames, type GridOption } from '../../components/building-scope'
import { RoleFields, roleChoiceComplete } from '../../components/RoleFields'
import { useCommunityMeta } from '../../components/use-community-meta'
import type { DirectoryItem } from '../../components/use-directory'
import { useStaffCommunity } from '../../components/use-staff-community'
import { InvitePanel } from './InvitePanel'
import { ResidentPicker } from './ResidentPicker'

type Grant = CallOutput<'role', 'list'>['grants'][number]
type Mode = 'resident' | 'invite' | null

/**
 * 角色管理 (role.manage, community admins). Two ways to grant, neither needs an account id:
 * - 从住户中选择: pick a resident from household.directory (masked) → role (+ grids) → role.assign
 *   with the membership id;
 * - 生成邀请码: for people who are not residents (物业人员 …) → role.invite → a one-time code.
 * Then the community's grants (names masked, R4.9) with 撤销 after a confirmation. RESIDENT/OWNER
 * are never granted here — they come from households.
 */
export default function RolesPage() {
  const { communityId, communityName } = useStaffCommunity()
  const roles = useSession().data?.roles ?? []
  const meta = useCommunityMeta(communityId)
  const grids: GridOption[] = meta.status === 'ready' ? meta.grids : []
  const [grants, setGrants] = useState<Grant[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [revoking, setRevoking] = useState<Grant | null>(null)
  const [busy, setBusy] = useState(false)
  const [mode, setMode] = useState<Mode>(null)
  const [picked, setPicked] = useState<DirectoryItem | null>(null)
  const [role, setRole] = useState<GrantableRole | null>(null)
  const [gridIds, setGridIds] = useState<string[]>([])

  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('role', 'list', { communityId })
      .then((r) => setGrants(r.grants))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])

  const choose = (next: Mode) => {
    setMode(next)
    setPicked(null)
    setRole(null)
    setGridIds([])
    setNote(null)
  }

  const assign = async () => {
    if (!communityId || !picked || !roleChoiceComplete(role, gridIds)) return
    setBusy(true)
    setNote(null)
    try {
      const g = await callCloud('role', 'assign', { communityId, memberId: picked.memberId, role, ...(role === 'GRID_WORKER' ? { gridIds } : {}) })
      choose(null)
      setNote(`已授予 ${picked.unitLabel} ${g.nameMasked || picked.nameMasked}“${g.roleLabel}”`)
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
      setNote(`已撤销 ${staffName(revoking, 'name', 'nameMasked')} 的“${revoking.roleLabel}”`)
      setRevoking(null)
      load()
    } catch (e) {
      setNote(errorText(e))
      setRevoking(null)
    } finally {
      setBusy(false)
    }
  }

  const buildings = meta.status === 'ready' && communityId ? buildingsInScope(meta.buildings, meta.grids, roles, communityId) : []

  return (
    <PageShell title='角色管理' id='roles-page'>
      <PageHeader title='角色管理' caption={communityName} />
      {note ? (
        <Text id='roles-note' className='status-note body-text'>
          {note}
        </Text>
      ) : null}
      {!communityId ? <Empty title='没有可管理的社区' /> : null}

      {communityId ? (
        <Card title='授予角色' id='grant-card'>
          <View className='choice-grid' ariaRole='radiogroup'>
            <Choice id='grant-mode-resident' label='从住户中选择' on={mode === 'resident'} onClick={() => choose('resident')} />
            <Choice id='grant-mode-invite' label='生成邀请码' on={mode === 'invite'} onClick={() => choose('invite')} />
          </View>
          {mode === null ? <Text className='caption notice-block'>本社区住户可直接选择；不是住户的人员（如物业人员）请生成邀请码。</Text> : null}
          {mode !== null && meta.status === 'loading' ? <Loading /> : null}
          {mode !== null && meta.status === 'error' ? <ErrorState message={meta.message} onRetry={meta.retry} /> : null}

          {mode === 'resident' && meta.status === 'ready' && !picked ? (
            <>
              <View className='spacer' />
              <ResidentPicker communityId={communityId} buildings={buildings} onPick={setPicked} />
            </>
          ) : null}
          {mode === 'resident' && picked ? (
            <View id='grant-form'>
              <View className='spacer' />
              <Text id='grant-person' className='title'>{`${picked.unitLabel} · ${picked.nameMasked}`}</Text>
              <Text className='caption notice-block'>{RELATION_LABELS[picked.relation]}</Text>
              <RoleFields idPrefix='grant' role={role} onRole={setRole} gridIds={gridIds} onGridIds={setGridIds} grids={grids} />
              <View className='spacer' />
              <Button id='role-assign' block disabled={!roleChoiceComplete(role, gridIds)} loading={busy && !revoking} onClick={() => void assign()}>
                授予
              </Button>
              <Button id='grant-repick' variant='secondary' block disabled={busy} onClick={() => setPicked(null)}>
                重新选择住户
              </Button>
            </View>
          ) : null}
          {mode === 'invite' && meta.status === 'ready' ? (
            <>
              <View className='spacer' />
              <InvitePanel communityId={communityId} grids={grids} />
            </>
          ) : null}
        </Card>
      ) : null}

      {communityId ? <Text className='section-title'>当前角色</Text> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {communityId && !grants && !error ? <Loading /> : null}
      {grants && grants.length === 0 ? <Empty title='还没有授予任何角色' /> : null}
      {grants?.map((g) => (
        <Card key={g.grantId} title={`${g.roleLabel} · ${staffName(g, 'name', 'nameMasked', '未填姓名')}`} className='grant-card' id={`grant-${g.grantId}`}>
          {g.gridIds.length > 0 ? <Text className='caption notice-block'>{`负责网格：${gridNames(g.gridIds, grids).join('、')}`}</Text> : null}
          {/* One quiet 撤销 beside the date, not a full-width button on every card (issue 7 item 17). */}
          <View className='card-actions'>
            <Text className='caption'>{`授予日期：${formatDate(g.grantedAt)}`}</Text>
            <Button id={`revoke-${g.grantId}`} variant='secondary' onClick={() => setRevoking(g)}>
              撤销
            </Button>
          </View>
        </Card>
      ))}

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
        <Text className='body-text'>{`撤销 ${revoking ? staffName(revoking, 'name', 'nameMasked') : ''} 的“${revoking?.roleLabel ?? ''}”后，对方立即失去相应权限。此操作会被记录。`}</Text>
      </ConfirmSheet>
    </PageShell>
  )
}
