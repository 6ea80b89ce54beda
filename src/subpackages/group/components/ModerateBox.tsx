import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { Button, Choice } from '@/shared/ui'
import { ReasonPicker } from './ReasonPicker'

type Action = 'PUBLISH' | 'HIDE' | 'REMOVE' | 'MUTE' | 'EXPEL'
const LABEL: Record<Action, string> = { PUBLISH: '公开', HIDE: '隐藏', REMOVE: '删除', MUTE: '禁言', EXPEL: '移出本群' }
const DONE: Record<Action, string> = { PUBLISH: '已公开', HIDE: '已隐藏', REMOVE: '已删除', MUTE: '已禁言', EXPEL: '已移出本群' }
const PRESETS = ['内容正常', '广告推销', '人身攻击', '不实信息', '与本群无关', '泄露他人隐私'] as const
const MUTE_DAYS = [1, 3, 7, 30] as const

/**
 * A moderator's decision on one post or comment (内容审核 and, for group admins, the post page):
 * every step needs a reason the author reads (R5.8); a mute is for a period the moderator picks.
 */
export function ModerateBox({ targetType, targetId, onDone }: { targetType: 'post' | 'comment'; targetId: string; onDone: (message: string, action: Action) => void }) {
  const [reason, setReason] = useState('')
  const [days, setDays] = useState(3)
  const [busy, setBusy] = useState<Action | null>(null)
  const [error, setError] = useState<string | null>(null)
  const decide = async (action: Action) => {
    const why = reason.trim()
    if (!why) return setError('请先选择或写明理由，作者会看到')
    setBusy(action)
    setError(null)
    try {
      await callCloud('group', 'post.moderate', { targetType, targetId, action, reason: why, ...(action === 'MUTE' ? { muteDays: days } : {}) })
      onDone(action === 'MUTE' ? `已禁言 ${days} 天` : DONE[action], action)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(null)
    }
  }
  const button = (a: Action, label = LABEL[a]) => (
    <Button key={a} id={`moderate-${a.toLowerCase()}-${targetId}`} variant={a === 'PUBLISH' ? 'primary' : 'secondary'} loading={busy === a} onClick={() => void decide(a)}>
      {label}
    </Button>
  )
  return (
    <View className='moderate-box' id={`moderate-box-${targetId}`}>
      <ReasonPicker id={`reason-${targetId}`} presets={PRESETS} value={reason} onChange={setReason} />
      <View className='compose-actions'>{(['PUBLISH', 'HIDE', 'REMOVE'] as Action[]).map((a) => button(a))}</View>
      <Text className='caption'>对作者：</Text>
      <View className='choice-grid'>
        {MUTE_DAYS.map((d) => (
          <Choice key={d} id={`mute-days-${d}-${targetId}`} label={`${d} 天`} on={days === d} onClick={() => setDays(d)} />
        ))}
      </View>
      <View className='compose-actions'>
        {button('MUTE', `禁言 ${days} 天`)}
        {button('EXPEL')}
      </View>
      {error ? <Text className='form-error body-text'>{error}</Text> : null}
    </View>
  )
}
