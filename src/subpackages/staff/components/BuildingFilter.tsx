import { Text, View } from '@tarojs/components'
import { Choice } from '@/shared/ui'
import type { BuildingOption } from './building-scope'

/** One building at a time (or 全部 when allowed); each choice is a ≥ 3rem target. */
export function BuildingFilter({
  buildings,
  value,
  onChange,
  allowAll,
}: {
  buildings: readonly BuildingOption[]
  value: string | null
  onChange: (id: string | null) => void
  allowAll?: boolean
}) {
  return (
    <View>
      <Text className='body-text field__label'>楼栋</Text>
      <View className='choice-grid' ariaRole='radiogroup' id='building-filter'>
        {allowAll ? <Choice id='building-all' label='全部' on={value === null} onClick={() => onChange(null)} /> : null}
        {buildings.map((b) => (
          <Choice key={b.id} id={`building-${b.id}`} label={b.name} on={value === b.id} onClick={() => onChange(b.id)} />
        ))}
      </View>
    </View>
  )
}
