import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { RightsRequests } from './RightsRequests'
import { errorText } from '@/features/consent/messages'
import { resetPolicyCache } from '@/features/consent/policy'
import { loadSession, resetSession, useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, ConfirmSheet, PageHeader } from '@/shared/ui'
import { ExportGroups } from './ExportGroups'
import { portableJson, readableExport, type ReadableExport } from './readable-export'
import { SAVE_LABEL, saveExport } from './save-export'

/**
 * 我的数据 (R4.6 rights desk, PIPL Art. 45): everything stored about the person (user.exportMyData)
 * as a readable page grouped by purpose — no internal collections, no raw ids (readable-export.ts) —
 * plus the same records as a machine-readable file to download (H5) or copy (weapp); and
 * cancelling the account, confirmed twice, after which the person starts over as a new user.
 */
export default function MyDataPage() {
  const [data, setData] = useState<ReadableExport | null>(null)
  const session = useSession().data
  const [busy, setBusy] = useState<'export' | 'save' | 'delete' | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [confirmStep, setConfirmStep] = useState<0 | 1 | 2>(0)

  const exportData = async () => {
    setBusy('export')
    setNote(null)
    try {
      const answer = await callCloud('user', 'exportMyData', {})
      const homes = new Map((session?.memberships ?? []).map((m) => [m.id, `${m.communityName} ${m.unitLabel}`]))
      setData(readableExport(answer, { homes }))
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
      setNote(await saveExport(portableJson(data)))
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

      <Card title='查看我的数据'>
        {data ? (
          <>
            <Text className='caption notice-block'>{data.generatedAt ? `生成时间：${formatDateTime(data.generatedAt)}` : ''}</Text>
            <Text className='body-text notice-block'>下面按用途列出我们保存的关于您的信息。需要交给其他机构时，可以下载同样内容的机器可读文件（JSON 格式）。</Text>
            <Button id='export-save' block loading={busy === 'save'} onClick={() => void save()}>
              {SAVE_LABEL}
            </Button>
          </>
        ) : (
          <Button id='export-btn' block loading={busy === 'export'} onClick={() => void exportData()}>
            查看我的数据
          </Button>
        )}
      </Card>
      {data ? <ExportGroups data={data} /> : null}

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
