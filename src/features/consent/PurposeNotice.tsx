import { Text, View } from '@tarojs/components'
import type { NoticePurpose } from './policy'

/**
 * What one purpose does with which data, told before anything is collected (PIPL Art. 17, R4.3):
 * what for, which fields (sensitive ones marked), on what basis, how long, who receives it, and
 * what stops working without it. Used by the consent sheet, onboarding and the notice page.
 */
export function PurposeNotice({ purpose }: { purpose: NoticePurpose }) {
  return (
    <View className='purpose-notice'>
      <Text className='body-text notice-block'>{purpose.description}</Text>
      {purpose.separateConsent ? (
        <Text className='body-text notice-block notice-sensitive'>
          此项属于敏感个人信息，需要您单独同意。它只用于上面说明的目的，您可以随时撤回。
        </Text>
      ) : null}
      <NoticeLine label='收集的信息' value={purpose.fields.map((f) => (f.sensitive ? `${f.label}（敏感）` : f.label)).join('、')} />
      <NoticeLine label='处理依据' value={purpose.legalBasisLabel} />
      <NoticeLine label='保存期限' value={purpose.retention} />
      <NoticeLine label='提供给' value={purpose.recipients.join('、')} />
      <NoticeLine label='不同意的影响' value={purpose.withoutIt} />
    </View>
  )
}

/** One labelled line of a notice (also the operator card on the notice page). */
export function NoticeLine({ label, value }: { label: string; value: string }) {
  return (
    <View className='notice-line'>
      <Text className='caption notice-line__label'>{label}</Text>
      <Text className='body-text notice-line__value'>{value}</Text>
    </View>
  )
}
