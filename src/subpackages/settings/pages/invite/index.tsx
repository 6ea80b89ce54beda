import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { loadSession, sessionStore } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, TextField, PageHeader } from '@/shared/ui'
import { checkInviteCode, INVITE_CODE_LENGTH } from './invite-code'

type Granted = CallOutput<'role', 'redeemInvite'>

/**
 * 输入邀请码 (any account): a community admin gave the person a one-time code (role.invite); redeeming
 * it grants the role to this account (role.redeemInvite). Afterwards bootstrap runs again, so the
 * work entries (工作台) appear on 我的.
 */
export default function RedeemInvitePage() {
  const [raw, setRaw] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [granted, setGranted] = useState<{ grant: Granted; communityName: string } | null>(null)
  const check = checkInviteCode(raw)

  const redeem = async () => {
    if (!check.complete) return
    setBusy(true)
    setProblem(null)
    try {
      const grant = await callCloud('role', 'redeemInvite', { code: check.code })
      await loadSession()
      const session = sessionStore.get().data
      const communityName =
        (session?.currentCommunity?.id === grant.communityId ? session.currentCommunity.name : null) ??
        session?.memberships.find((m) => m.communityId === grant.communityId)?.communityName ??
        ''
      setGranted({ grant, communityName })
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='输入邀请码' id='invite-page'>
      <PageHeader title='输入邀请码' intro='社区管理员为工作人员（如物业人员、网格员）生成邀请码。输入后，您的账号即获得相应的工作角色。' />

      {granted ? (
        <Card title='开通成功' id='redeem-result'>
          <Text id='redeem-role' className='heading notice-block'>
            {granted.grant.roleLabel}
          </Text>
          <Text className='body-text notice-block'>{`您已成为${granted.communityName || '社区'}的${granted.grant.roleLabel}。工作入口在 我的 → 工作台。`}</Text>
          <Text className='caption notice-block'>您使用工作功能时的操作会被记录；查看居民个人信息须填写理由，居民本人可以看到。</Text>
          <Button id='redeem-done' block onClick={() => void Taro.switchTab({ url: ROUTES.me })}>
            返回我的
          </Button>
        </Card>
      ) : (
        <Card>
          <TextField
            id='invite-code-input'
            label={`邀请码（${INVITE_CODE_LENGTH}位字母或数字）`}
            value={check.code}
            onChange={(v) => {
              setRaw(v)
              setProblem(null)
            }}
            maxlength={16}
            placeholder='例如 ABCD2345'
            error={check.problem ?? problem}
            hint='大小写均可；邀请码7天内有效，只能使用一次。'
          />
          <Button id='invite-redeem' block disabled={!check.complete} loading={busy} onClick={() => void redeem()}>
            确认开通
          </Button>
        </Card>
      )}
    </PageShell>
  )
}
