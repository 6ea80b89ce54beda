import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { RELATION_LABELS } from '@/shared/lib/labels'
import { Empty, ListRow } from '@/shared/ui'
import { BuildingFilter } from '../../components/BuildingFilter'
import type { BuildingOption } from '../../components/building-scope'
import { DirectoryStatus } from '../../components/DirectoryStatus'
import { useDirectory, type DirectoryItem } from '../../components/use-directory'

/**
 * 从住户中选择: browse household.directory by building (50 a page, names masked) and pick the
 * person to grant a role to. The grant then names the membership, never an account id.
 */
export function ResidentPicker({ communityId, buildings, onPick }: { communityId: string; buildings: readonly BuildingOption[]; onPick: (item: DirectoryItem) => void }) {
  const [buildingId, setBuildingId] = useState<string | null>(buildings[0]?.id ?? null)
  const directory = useDirectory(communityId, buildingId, buildingId !== null)
  return (
    <View id='resident-picker'>
      <BuildingFilter buildings={buildings} value={buildingId} onChange={(id) => id && setBuildingId(id)} />
      <View className='spacer' />
      <Text className='caption notice-block'>点选一位住户（姓名已打码）。</Text>
      {directory.status === 'ready' && directory.items.length === 0 ? <Empty title='该楼栋暂无已认证的住户' /> : null}
      {directory.items.length > 0 ? (
        <View className='list'>
          {directory.items.map((item) => (
            <ListRow
              key={item.memberId}
              id={`pick-${item.memberId}`}
              className='pick-row'
              title={`${item.unitLabel} · ${item.nameMasked}`}
              description={RELATION_LABELS[item.relation]}
              arrow
              onClick={() => onPick(item)}
            />
          ))}
        </View>
      ) : null}
      <DirectoryStatus directory={directory} moreId='picker-more' />
    </View>
  )
}
