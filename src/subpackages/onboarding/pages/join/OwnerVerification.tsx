import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { requestConsent } from '@/features/consent/ask-consent'
import { COOLDOWN_MESSAGE } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { Button, TextField } from '@/shared/ui'

type ConsentState = 'loading' | 'granted' | 'askable' | 'cooldown'

/**
 * Optional owner verification (R4.2): the ID number field exists only after the separate
 * owner_verification consent (PIPL Art. 29, R4.3) — the sheet explains it first and the person
 * ticks it themself. Without it the application goes to staff review as usual.
 * `idNumber` null = not verifying.
 */
export function OwnerVerification({ idNumber, onIdNumber }: { idNumber: string | null; onIdNumber: (value: string | null) => void }) {
  const [consent, setConsent] = useState<ConsentState>('loading')

  useEffect(() => {
    callCloud('consent', 'status', {})
      .then(({ items }) => {
        const item = items.find((i) => i.purposeId === 'owner_verification')
        setConsent(item?.effective ? 'granted' : item && !item.canAsk ? 'cooldown' : 'askable')
      })
      .catch(() => setConsent('askable'))
  }, [])

  const ask = async () => {
    const result = await requestConsent('owner_verification', { mode: 'prompt' })
    if (result === 'granted') {
      setConsent('granted')
      onIdNumber('')
    } else if (result === 'refused') {
      setConsent('cooldown')
    }
  }

  if (consent === 'loading') return null
  return (
    <View id='owner-verification'>
      <Text className='title'>业主身份核验（可选）</Text>
      {consent === 'granted' && idNumber !== null ? (
        <TextField
          id='join-id-number'
          label='身份证号'
          type='idcard'
          value={idNumber}
          onChange={onIdNumber}
          maxlength={18}
          hint='与不动产登记信息核对一致即自动通过；核验后只保存结果和摘要，不保存身份证号原文。'
        />
      ) : consent === 'granted' ? (
        <Button id='owner-verify-btn' variant='secondary' block onClick={() => onIdNumber('')}>
          填写身份证号在线核验
        </Button>
      ) : consent === 'cooldown' ? (
        <Text className='status-note body-text'>{`${COOLDOWN_MESSAGE}。不核验也可以提交，由工作人员审核。`}</Text>
      ) : (
        <>
          <Text className='body-text notice-block'>填写身份证号可在线核验业主身份、立即通过；不填写也可以提交，由工作人员审核。</Text>
          <Button id='owner-verify-btn' variant='secondary' block onClick={() => void ask()}>
            了解并同意核验
          </Button>
        </>
      )}
    </View>
  )
}
