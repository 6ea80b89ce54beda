import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { RightsRequests } from './RightsRequests'
import { errorText } from '@/features/consent/messages'
import { resetPolicyCache } from '@/features/consent/policy'
import { loadSession, resetSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, ConfirmSheet, ListRow, PageHeader } from '@/shared/ui'
import { SAVE_LABEL, saveExport } from './save-export'

type Export = CallOutput<'user', 'exportMyData'>

/** Readable names of the collections an export can contain; unknown ones show their key. */
const COLLECTION_LABELS: Record<string, string> = {
  users: '账号与资料',
  household_members: '房屋绑定与申请',
  consents: '授权状态',
  consent_events: '授权记录',
  owner_verifications: '业主核验结果',
  access_log: '查看记录',
  audit_log: '操作记录',
  rights_requests: '个人信息权利申请',
  subscriptions: '消息订阅',
  care_profiles: '关爱服务信息',
  role_grants: '工作角色',
  grids: '负责的网格',
}

/**
 * 我的数据 (R4.6 rights desk): a copy of everything stored about the person (user.exportMyData),
 * summarised by collection, to download (H5) or copy (weapp); and cancelling the account, confirmed
 * twice, after which the person starts over as a new user.
 */
export default function MyDataPage() {
  const [data, setData] = useState<Export | null>(null)
  const [busy, setBusy] = useState<'export' | 'save' | 'delete' | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [confirmStep, setConfirmStep] = useState<0 | 1 | 2>(0)

  const exportData = async () => {
    setBusy('export')
    setNote(null)
    try {
      setData(await callCloud('user', 'exportMyData', {}))
    } catch (error) {
      setNote(errorText(error))
    } finally {
      setBusy(null)
    }
  }

  const save = async () => {
    if (!data) return
    setBusy('save')
    try {
      setNote(await saveExport(JSON.stringify(data, null, 2)))
    } catch (error) {
      setNote(error instanceof Error && error.message ? error.message : '没有保存成功，请重试')
    } finally {
      setBusy(null)
    }
  }

  const deleteAccount = async () => {
    setBusy('delete')
    try {
      await callCloud('user', 'deleteAccount', { confirm: true })
      setConfirmStep(0)
      resetPolicyCache()
      resetSession()
      void Taro.showToast({ title: '账号已注销', icon: 'none' })
      // The openid now starts over as a new person: back to the first-run steps.
      void loadSession()
      await Taro.reLaunch({ url: ROUTES.onboarding })
    } catch (error) {
      setConfirmStep(0)
      setNote(errorText(error))
    } finally {
      setBusy(null)
    }
  }

  return (
    <PageShell title='我的数据' id='my-data-page'>
      <PageHeader title='我的数据' intro='您可以随时查阅、复制我们保存的关于您的全部个人信息，也可以注销账号。' />
      {note ? (
        <Text id='my-data-note' className='status-note body-text'>
          {note}
        </Text>
      ) : null}

      <Card title='下载我的数据'>
        {data ? (
          <>
            <Text className='caption notice-block'>{`生成时间：${formatDateTime(data.generatedAt)} · 申请编号 ${data.rightsRequestId}`}</Text>
            <View className='list' id='export-summary'>
              {Object.entries(data.counts).map(([name, count]) => (
                <ListRow key={name} title={COLLECTION_LABELS[name] ?? name} extra={<Text className='caption'>{`${count} 条`}</Text>} />
              ))}
            </View>
            <View className='spacer' />
            <Button id='export-save' block loading={busy === 'save'} onClick={() => void save()}>
              {SAVE_LABEL}
            </Button>
          </>
        ) : (
          <Button id='export-btn' block loading={busy === 'export'} onClick={() => void exportData()}>
            生成我的数据副本
          </Button>
        )}
      </Card>

      <RightsRequests version={data ? 1 : 0} />

      <Card title='注销账号'>
        <Text className='body-text notice-block'>注销后，您的资料、房屋绑定和授权将被删除；依法需要保留的记录只以去标识化形式保存。此操作无法撤销。</Text>
        <Button id='delete-account-btn' variant='secondary' block onClick={() => setConfirmStep(1)}>
          注销账号
        </Button>
      </Card>

      <ConfirmSheet
        open={confirmStep === 1}
        id='delete-step1'
        title='确定要注销账号吗？'
        confirmText='继续注销'
        cancelText='不注销了'
        onConfirm={() => setConfirmStep(2)}
        onCancel={() => setConfirmStep(0)}
      >
        <Text className='body-text notice-block'>将删除：昵称和长辈版设置、真实姓名和手机号、房屋绑定和申请、各项授权。</Text>
        <Text className='body-text'>建议先下载一份我的数据。</Text>
      </ConfirmSheet>
      <ConfirmSheet
        open={confirmStep === 2}
        id='delete-step2'
        title='最后确认：注销后无法恢复'
        confirmText='确认注销'
        cancelText='不注销了'
        danger
        busy={busy === 'delete'}
        onConfirm={() => void deleteAccount()}
        onCancel={() => setConfirmStep(0)}
      >
        <Text className='body-text'>注销后再次打开小程序，您将作为新用户重新开始。</Text>
      </ConfirmSheet>
    </PageShell>
  )
}
