import { Text, View } from '@tarojs/components'
import { PurposeNotice } from '@/features/consent/PurposeNotice'
import type { ConsentItem, NoticePurpose } from '@/features/consent/policy'
import { Card, Choice } from '@/shared/ui'

export type Decision = 'agree' | 'refuse'

/**
 * One card per optional purpose: the notice, then 同意 and 不同意 as two identical buttons side by
 * side — refusing is as easy and as visible as agreeing, and neither is chosen in advance (R4.3).
 * Purposes already granted say so instead of asking again.
 */
export function ConsentChoices({
  purposes,
  items,
  decisions,
  onDecide,
}: {
  purposes: NoticePurpose[]
  items: ConsentItem[]
  decisions: Record<string, Decision>
  onDecide: (purposeId: string, decision: Decision) => void
}) {
  return (
    <View id='consent-choices'>
      {purposes.map((p) => {
        const granted = items.some((i) => i.purposeId === p.id && i.effective)
        const decision = decisions[p.id]
        return (
          <Card key={p.id} title={p.title} id={`consent-card-${p.id}`} className='consent-card'>
            <PurposeNotice purpose={p} />
            {granted ? (
              <Text className='status-note body-text'>您已同意此项，可在“我的 → 隐私设置”中撤回。</Text>
            ) : (
              <View className='btn-row' ariaRole='radiogroup' ariaLabel={p.title}>
                <Choice id={`consent-choice-${p.id}-agree`} label='同意' on={decision === 'agree'} onClick={() => onDecide(p.id, 'agree')} className='choice--half' />
                <Choice id={`consent-choice-${p.id}-refuse`} label='不同意' on={decision === 'refuse'} onClick={() => onDecide(p.id, 'refuse')} className='choice--half' />
              </View>
            )}
          </Card>
        )
      })}
    </View>
  )
}
