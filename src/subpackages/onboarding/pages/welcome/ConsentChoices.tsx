import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PurposeNotice } from '@/features/consent/PurposeNotice'
import type { ConsentItem, NoticePurpose } from '@/features/consent/policy'
import { Card, Choice, ListRow } from '@/shared/ui'

export type Decision = 'agree' | 'refuse'

/**
 * One card per optional purpose: the notice, then 同意 and 不同意 as two identical buttons side by
 * side — refusing is as easy and as visible as agreeing, and neither is chosen in advance (R4.3).
 * Purposes already granted say so instead of asking again. Each card leads with one line; the
 * full notice is folded behind 查看详细说明 (issue #7 item 14: three screens of legal text before).
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
            <Text className='body-text notice-block consent-card__summary'>{p.summary}</Text>
            <FoldedNotice purpose={p} />
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

function FoldedNotice({ purpose }: { purpose: NoticePurpose }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <ListRow
        id={`consent-details-${purpose.id}`}
        className='consent-card__details'
        title={open ? '收起详细说明' : '查看详细说明'}
        description={open ? undefined : `不同意的影响：${purpose.withoutIt}`}
        role='button'
        extra={<Text className='caption' aria-hidden>{open ? '▲' : '▼'}</Text>}
        onClick={() => setOpen(!open)}
      />
      {open ? <PurposeNotice purpose={purpose} /> : null}
    </>
  )
}
