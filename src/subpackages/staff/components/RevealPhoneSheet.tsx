import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { Button, Sheet, TextField } from '@/shared/ui'

/**
 * 查看电话: the full number only with a reason (≥ 4 characters), through access.reveal, which logs
 * who, when, which field and why — the resident sees it in 谁看过我的数据 (R4.9, R4.10).
 */
export function RevealPhoneSheet({ communityId, item, onClose }: { communityId: string; item: { id: string; unitLabel: string; nameMasked: string }; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const [phone, setPhone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const valid = reason.trim().length >= 4

  const reveal = async () => {
    if (!valid) return
    setBusy(true)
    setProblem(null)
    try {
      const r = await callCloud('access', 'reveal', { communityId, memberId: item.id, field: 'phone', reason: reason.trim() })
      setPhone(r.value)
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Sheet
      open
      id='reveal-sheet'
      title={`查看 ${item.unitLabel} ${item.nameMasked} 的电话`}
      footer={
        <>
          {phone ? (
            <Button id='reveal-call' block onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
              拨打 {phone}
            </Button>
          ) : (
            <Button id='reveal-confirm' block disabled={!valid} loading={busy} onClick={() => void reveal()}>
              查看完整号码
            </Button>
          )}
          <Button id='reveal-close' variant='secondary' block onClick={onClose}>
            关闭
          </Button>
        </>
      }
    >
      {phone ? (
        <Text id='reveal-value' className='heading'>
          {phone}
        </Text>
      ) : (
        <>
          <Text className='body-text notice-block'>查看会被记录（谁、何时、理由），并在该居民的“谁看过我的数据”中显示。请仅在工作需要时查看。</Text>
          <TextField id='reveal-reason' label='查看理由' value={reason} onChange={setReason} multiline maxlength={200} hint='至少4个字，例如：上门走访前电话预约' />
        </>
      )}
      {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
    </Sheet>
  )
}
