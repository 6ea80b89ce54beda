import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText, isConsentDeclined } from '@/features/consent/messages'
import { loadSession, useSession } from '@/features/session/session-store'
import { callCloud, type CallInput, type CallOutput } from '@/services/cloud'
import { Button, Card, TextField } from '@/shared/ui'

type Saved = CallOutput<'user', 'updateProfile'>
type Patch = CallInput<'user', 'updateProfile'>
type FieldKey = 'nickname' | 'realName' | 'phone'
type Feedback = { field: FieldKey; text: string; tone: 'ok' | 'calm' | 'error' }

/**
 * 我的资料. Each field is saved on its own: the phone needs the contact_phone consent and the real
 * name the household consent (checked by the server per field), so refusing one never blocks the
 * others (PIPL Art. 16). A missing consent opens its sheet through the generic CONSENT_REQUIRED flow.
 * The stored values come from bootstrap: the person's own name in full, the phone masked even to
 * them (the full number is never sent back).
 */
export default function ProfilePage() {
  const session = useSession()
  const [nickname, setNickname] = useState(session.data?.profile.nickname ?? '')
  const [realName, setRealName] = useState('')
  const [phone, setPhone] = useState('')
  const [saved, setSaved] = useState<Saved | null>(null)
  const [busy, setBusy] = useState<FieldKey | null>(null)
  const [feedback, setFeedback] = useState<Feedback | null>(null)

  const save = async (field: FieldKey, patch: Patch, done: string) => {
    setBusy(field)
    setFeedback(null)
    try {
      setSaved(await callCloud('user', 'updateProfile', patch))
      setFeedback({ field, text: done, tone: 'ok' })
      // 我的 and the other pages read the profile from bootstrap: keep it in step.
      void loadSession()
    } catch (error) {
      setFeedback({ field, text: errorText(error), tone: isConsentDeclined(error) ? 'calm' : 'error' })
    } finally {
      setBusy(null)
    }
  }

  // What is stored, from bootstrap (own name in full, phone masked, R4.9) — which also follows a
  // withdrawal made in 隐私设置; the save's own answer bridges the reload that follows a save.
  const current = (session.status === 'loading' && saved) || session.data?.profile || saved

  const note = (field: FieldKey) =>
    feedback?.field === field ? (
      <Text id={`profile-${field}-note`} className={feedback.tone === 'error' ? 'form-error body-text' : 'status-note body-text'}>
        {feedback.text}
      </Text>
    ) : null

  return (
    <PageShell title='我的资料' id='profile-page'>
      <Card title='昵称'>
        <TextField id='profile-nickname' label='昵称（邻居看到的称呼）' value={nickname} onChange={setNickname} maxlength={20} />
        {note('nickname')}
        <Button id='profile-nickname-save' block loading={busy === 'nickname'} disabled={!nickname.trim()} onClick={() => void save('nickname', { nickname: nickname.trim() }, '昵称已保存')}>
          保存昵称
        </Button>
      </Card>

      <Card title='真实姓名'>
        <Text className='caption notice-block'>用于房屋绑定审核，属于“房屋与家庭绑定”的授权范围；他人看到的是打码后的姓名。</Text>
        <Text id='profile-real-name-current' className='body-text notice-block'>{`当前：${current?.realName || '未填写'}`}</Text>
        <TextField id='profile-real-name' label='真实姓名' value={realName} onChange={setRealName} maxlength={20} />
        {note('realName')}
        <Button
          id='profile-real-name-save'
          block
          loading={busy === 'realName'}
          disabled={realName.trim().length < 2}
          onClick={() => void save('realName', { realName: realName.trim() }, '姓名已保存')}
        >
          保存姓名
        </Button>
      </Card>

      <Card title='联系电话'>
        <Text className='caption notice-block'>方便网格员、物业回电联系；需要您同意“联系电话”。工作人员看到的是打码号码，查看完整号码会留痕并告知您。</Text>
        <Text id='profile-phone-current' className='body-text notice-block'>{`当前：${current?.phoneMasked || '未填写'}`}</Text>
        <TextField id='profile-phone' label='手机号' type='number' value={phone} onChange={setPhone} maxlength={11} />
        {note('phone')}
        <View className='btn-row'>
          <Button id='profile-phone-save' loading={busy === 'phone'} disabled={!/^1[3-9]\d{9}$/.test(phone)} onClick={() => void save('phone', { phone }, '手机号已保存')}>
            保存手机号
          </Button>
          <Button id='profile-phone-clear' variant='secondary' disabled={busy !== null} onClick={() => void save('phone', { phone: null }, '手机号已删除')}>
            删除手机号
          </Button>
        </View>
      </Card>
    </PageShell>
  )
}
