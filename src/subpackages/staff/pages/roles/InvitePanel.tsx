import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { GrantableRole } from '@domain/access/capabilities'
import { errorText } from '@/features/consent/messages'
import { PrivacyRefusedError, requirePrivacyAuthorize } from '@/features/privacy/privacy-authorization'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button } from '@/shared/ui'
import { gridNames, type GridOption } from '../../components/building-scope'
import { RoleFields, roleChoiceComplete } from '../../components/RoleFields'
import { OpenInvites } from './OpenInvites'

type Invite = CallOutput<'role', 'invite'>

/**
 * 生成邀请码 for people who are not residents (物业人员 …): role.invite gives a one-time code valid
 * 7 days; the person enters it under 我的 → 输入邀请码 and the role lands on their own account, so
 * nobody handles account ids. The code is shown large (read aloud, typed by hand) with a copy button.
 */
export function InvitePanel({ communityId, grids }: { communityId: string; grids: readonly GridOption[] }) {
  const [role, setRole] = useState<GrantableRole | null>(null)
  const [gridIds, setGridIds] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [invite, setInvite] = useState<Invite | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  /** Bumped when a code is created, so the list of open codes reloads. */
  const [version, setVersion] = useState(0)

  const create = async () => {
    if (!roleChoiceComplete(role, gridIds)) return
    setBusy(true)
    setProblem(null)
    try {
      setInvite(await callCloud('role', 'invite', { communityId, role, ...(role === 'GRID_WORKER' ? { gridIds } : {}) }))
      setVersion((v) => v + 1)
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  // The clipboard is a privacy API: the platform agreement is checked first (R5.3), as in 我的数据.
  const copy = async (code: string) => {
    try {
      await requirePrivacyAuthorize()
      await Taro.setClipboardData({ data: code })
    } catch (e) {
      const title = e instanceof PrivacyRefusedError ? e.message : '复制没有成功，请手动抄写邀请码'
      void Taro.showToast({ title, icon: 'none' })
    }
  }

  if (invite) {
    const grids2 = gridNames(invite.gridIds, grids)
    return (
      <View id='invite-result'>
        <Text className='body-text field__label'>邀请码</Text>
        <Text id='invite-code' className='invite-code' userSelect>
          {invite.code}
        </Text>
        <Text id='invite-role' className='body-text notice-block'>{`角色：${invite.roleLabel}${grids2.length ? `（${grids2.join('、')}）` : ''}`}</Text>
        <Text id='invite-expiry' className='body-text notice-block'>{`有效期至：${formatDateTime(invite.expiresAt)}，只能使用一次`}</Text>
        <Text className='caption notice-block'>请把邀请码告诉对方：在小程序 我的 → 输入邀请码 中填写，即可获得该角色。不要发到群里。</Text>
        <Button id='invite-copy' block onClick={() => void copy(invite.code)}>
          复制邀请码
        </Button>
        <Button
          id='invite-another'
          variant='secondary'
          block
          onClick={() => {
            setInvite(null)
            setRole(null)
            setGridIds([])
          }}
        >
          再生成一个
        </Button>
        <OpenInvites communityId={communityId} version={version} />
      </View>
    )
  }

  return (
    <View id='invite-form'>
      <Text className='caption notice-block'>适用于不是本社区住户的人员（如物业人员）。对方用邀请码在自己的微信里开通，7天内有效，只能使用一次。</Text>
      <RoleFields idPrefix='invite' role={role} onRole={setRole} gridIds={gridIds} onGridIds={setGridIds} grids={grids} />
      {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
      <View className='spacer' />
      <Button id='invite-create' block disabled={!roleChoiceComplete(role, gridIds)} loading={busy} onClick={() => void create()}>
        生成邀请码
      </Button>
      <OpenInvites communityId={communityId} version={version} />
    </View>
  )
}
