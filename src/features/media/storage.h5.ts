import { getDevOpenid } from '@/features/dev-persona/persona-store'
import type { PickedImage } from './images'
import { tempUrlsFromLocalCloud, uploadToLocalCloud } from './local-cloud-storage'

/** H5: the picked file is a blob: URL (Taro's chooseMedia on H5); its bytes go to the local cloud. */
export async function uploadFile(cloudPath: string, image: PickedImage): Promise<string> {
  const blob = await (await fetch(image.path)).blob()
  return uploadToLocalCloud({ origin: '', openid: getDevOpenid() }, cloudPath, blob, image.name)
}

export function getTempUrls(fileIds: string[]): Promise<Record<string, string>> {
  return tempUrlsFromLocalCloud({ origin: '', openid: getDevOpenid() }, fileIds)
}
