import { CloudImages } from '@/features/media/CloudImages'

/**
 * A repair's photos as this viewer may see them (visibleImages on the server): tap to preview;
 * held ones are counted, "n 张图片审核中" (R5.8).
 */
export function RepairPhotos({ fileIds, held = 0 }: { fileIds: string[]; held?: number }) {
  return fileIds.length || held ? <CloudImages fileIds={fileIds} held={held} /> : null
}
