import { Text } from '@tarojs/components'

/**
 * A repair's photos. Until the shared media module is merged this says how many there are; with
 * it, CloudImages shows them (temp URLs, tap to preview).
 */
export function RepairPhotos({ fileIds }: { fileIds: string[] }) {
  return fileIds.length ? <Text className='caption notice-block'>{`${fileIds.length} 张照片`}</Text> : null
}
