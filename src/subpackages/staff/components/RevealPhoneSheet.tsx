import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { Button, Sheet, TextField } from '@/shared/ui'
import { REVEAL_REASON_MAX, revealReasonProblem } from './reveal-reason'

export interface RevealTarget {
  /** The household membership id (listForReview item id, directory memberId). */
  id: string
  unitLabel: string
  nameMasked: string
}

/**
 * 查看电话: the full number only with a reason (≥ 4 characters), through access.reveal, which logs
 * who, when, which field and why — the resident sees it in 谁看过我的数据 (R4.9, R4.10).
 */
export function RevealPhoneSheet({ communityId, item, onClose }: { communityId: string; item: RevealTarget; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const [phone, setPhone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const invalid = revealReasonProblem(reason)

  const reveal = async () => {
    if (invalid) return
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
      onClose={busy ? undefined : onClose}
      title={`查看 ${item.unitLabel} ${item.nameMasked} 的电话`}
      footer={
        <>
          {phone ? (
            <Button id='reveal-call' block onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
              {`拨打 ${phone}`}
            </Button>
          ) : (
            <Button id='reveal-confirm' block disabled={invalid !== null} loading={busy} onClick={() => void reveal()}>
              记录理由并查看号码
            </Button>
          )}
          <Button id='reveal-close' variant='secondary' block onClick={onClose}>
            关闭
          </Button>
        </>
      }
    >
      {phone ? (
        <>
          <Text id='reveal-value' className='heading notice-block'>
            {phone}
          </Text>
          <Text id='reveal-logged' className='status-note body-text'>
            本次查看已记录（时间、您的身份、理由），该居民可在“谁看过我的数据”中看到。
          </Text>
        </>
      ) : (
        <>
          <Text id='reveal-notice' className='body-text notice-block notice-sensitive'>
            查看完整号码会被记录（谁、何时、理由），并在该居民的“谁看过我的数据”中向本人显示。请仅在工作需要时查看。
          </Text>
          <TextField
            id='reveal-reason'
            label='查看理由（居民会看到）'
            value={reason}
            onChange={setReason}
            multiline
            maxlength={REVEAL_REASON_MAX}
            error={reason.trim() ? invalid : null}
            hint='至少4个字，例如：上门走访前电话预约'
          />
        </>
      )}
      {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
    </Sheet>
  )
}
