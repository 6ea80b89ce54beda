import { ListRow, Toggle } from '@/shared/ui'
import { setCareMode, useCareMode } from './care-mode-store'

/** The 长辈版 switch as a full-width row (id care-toggle): the whole row is the tap target. */
export function CareModeRow({ description }: { description?: string }) {
  const { enabled } = useCareMode()
  return (
    <ListRow
      id='care-toggle'
      role='switch'
      checked={enabled}
      title='长辈版'
      description={description ?? (enabled ? '已开启：字更大，按钮更大' : '字更大，按钮更大，看得更清楚')}
      extra={<Toggle on={enabled} />}
      onClick={() => void setCareMode(!enabled)}
    />
  )
}
