import { Text, View } from '@tarojs/components'
import { GRANTABLE_ROLES, ROLE_LABELS, type GrantableRole } from '@domain/access/capabilities'
import { Checkbox, Choice } from '@/shared/ui'
import type { GridOption } from './building-scope'

export interface RoleFieldsProps {
  /** Prefix of the element ids (two forms can be on one page). */
  idPrefix: string
  role: GrantableRole | null
  onRole: (role: GrantableRole) => void
  gridIds: string[]
  onGridIds: (ids: string[]) => void
  grids: readonly GridOption[]
}

/**
 * The role to grant, and for 网格员 the grids it covers (its data access is limited to them,
 * R7.2) — chosen from community.grids, never typed as ids.
 */
export function RoleFields({ idPrefix, role, onRole, gridIds, onGridIds, grids }: RoleFieldsProps) {
  const toggle = (id: string, on: boolean) => onGridIds(on ? [...gridIds, id] : gridIds.filter((g) => g !== id))
  return (
    <View>
      <Text className='body-text field__label'>角色</Text>
      <View className='choice-grid' ariaRole='radiogroup'>
        {GRANTABLE_ROLES.map((r) => (
          <Choice key={r} id={`${idPrefix}-role-${r}`} label={ROLE_LABELS[r]} on={role === r} onClick={() => onRole(r)} />
        ))}
      </View>
      {role === 'GRID_WORKER' ? (
        <View id={`${idPrefix}-grids`}>
          <View className='spacer' />
          <Text className='body-text field__label'>负责网格（可多选）</Text>
          {grids.length === 0 ? <Text className='caption'>本社区还没有划分网格。</Text> : null}
          {grids.map((g) => (
            <Checkbox key={g.id} id={`${idPrefix}-grid-${g.id}`} checked={gridIds.includes(g.id)} onChange={(on) => toggle(g.id, on)}>
              {`${g.name}（${g.buildingNames.join('、') || '暂无楼栋'}）`}
            </Checkbox>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** Whether a role choice is complete: a role, and at least one grid for 网格员. */
export function roleChoiceComplete(role: GrantableRole | null, gridIds: readonly string[]): role is GrantableRole {
  return role !== null && (role !== 'GRID_WORKER' || gridIds.length > 0)
}
