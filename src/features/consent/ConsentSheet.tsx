import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { PurposeId } from '@domain/privacy/purposes'
import { callCloud, isCloudError } from '@/services/cloud'
import { belongsToPage } from '@/shared/lib/active-page'
import { Button, Checkbox, Sheet } from '@/shared/ui'
import { AGREE_BUTTON_ID, REFUSE_BUTTON_ID } from './ask-consent'
import { closeConsentRequest, consentRequestStore, useConsentRequest, type ConsentRequest } from './consent-store'
import { errorText } from './messages'
import { findPurpose, loadPolicy } from './policy'
import { PurposeNotice } from './PurposeNotice'

/**
 * The consent sheet for the one open request (R4.3): the notice first, then an unticked box the
 * person ticks themself; 同意 stays disabled until then. 不同意 is the same size, right below, and
 * one tap. Rendered by PageShell in the page that opened it, like the platform privacy popup; the
 * notice scrolls, the tick and both buttons stay in the fixed footer (issue #7 item 1).
 */
export function ConsentSheet({ pageKey }: { pageKey?: string }) {
  const request = useConsentRequest()
  // A sheet belongs to the page that opened it (issue #7 item 2): never drawn over another page.
  if (!request || !belongsToPage(request.owner, pageKey)) return null
  // Keyed by request: a new request starts unticked, never inheriting a previous tick.
  return <ConsentSheetBody key={request.id} request={request} />
}

function ConsentSheetBody({ request }: { request: ConsentRequest }) {
  const [ticked, setTicked] = useState(false)
  const [busy, setBusy] = useState<'agree' | 'refuse' | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const { purpose, policyVersion, mode } = request

  const tick = (next: boolean) => {
    setTicked(next)
    setProblem(null)
  }

  const agree = async () => {
    // Not only a disabled button: no grant is ever sent without the person's own tick.
    if (!ticked || busy) return
    setBusy('agree')
    try {
      await callCloud('consent', 'grant', { purposes: [purpose.id as PurposeId], policyVersion, channel: AGREE_BUTTON_ID })
      closeConsentRequest('granted')
    } catch (error) {
      if (isCloudError(error) && error.code === 'CONFLICT') {
        // The policy changed while the sheet was open: show the new text, ask for a fresh tick.
        await reloadNotice(request)
        setTicked(false)
        setProblem('隐私说明已更新，请阅读后重新勾选')
      } else {
        setProblem(errorText(error))
      }
    } finally {
      setBusy(null)
    }
  }

  const refuse = async () => {
    if (mode === 'settings') return closeConsentRequest('dismissed')
    setBusy('refuse')
    try {
      await callCloud('consent', 'refuse', { purpose: purpose.id as PurposeId, policyVersion, channel: REFUSE_BUTTON_ID })
    } catch {
      // The person said no either way; a lost refusal record only means we may ask again sooner.
    } finally {
      setBusy(null)
      closeConsentRequest('refused')
    }
  }

  return (
    <Sheet
      open
      id='consent-sheet'
      className='consent-sheet'
      // ✕, a tap outside or leaving the page: no decision, nothing recorded, asked again next time.
      onClose={busy ? undefined : () => closeConsentRequest('dismissed')}
      title={purpose.separateConsent ? `单独同意：${purpose.title}` : `需要您的同意：${purpose.title}`}
      footer={
        <>
          <Checkbox id='consent-tick' checked={ticked} onChange={tick} disabled={busy !== null}>
            我已阅读以上说明，同意按此处理我的“{purpose.title}”
          </Checkbox>
          {problem ? (
            <View ariaRole='alert'>
              <Text className='form-error body-text'>{problem}</Text>
            </View>
          ) : null}
          <Button id={AGREE_BUTTON_ID} block disabled={!ticked || busy === 'refuse'} loading={busy === 'agree'} onClick={() => void agree()}>
            同意
          </Button>
          <Button id={REFUSE_BUTTON_ID} variant='secondary' block disabled={busy === 'agree'} loading={busy === 'refuse'} onClick={() => void refuse()}>
            {mode === 'settings' ? '暂不开启' : '不同意'}
          </Button>
        </>
      }
    >
      <PurposeNotice purpose={purpose} />
      <Text className='caption'>不同意只影响此项功能，其他功能照常使用。您可以在“我的 → 隐私设置”中随时开启或撤回。</Text>
    </Sheet>
  )
}

async function reloadNotice(request: ConsentRequest): Promise<void> {
  const policy = await loadPolicy({ fresh: true }).catch(() => null)
  const purpose = policy ? findPurpose(policy, request.purpose.id) : null
  if (!policy || !purpose) return
  const open = consentRequestStore.get()
  if (open && open.id === request.id) consentRequestStore.set({ ...open, purpose, policyVersion: policy.policyVersion })
}
