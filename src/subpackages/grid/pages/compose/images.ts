/**
 * Notice images (issue #10): type and size are checked before anything is uploaded, all files are
 * uploaded before the notice is published, and one failed upload stops the publication — so there
 * is never a half-published notice with missing pictures. weapp only: H5 has no cloud storage
 * upload path to the local cloud, so the picker is not offered there.
 */
import Taro from '@tarojs/taro'
import { requirePrivacyAuthorize } from '@/features/privacy/privacy-authorization'

export const MAX_IMAGES = 9
/** mediaCheckAsync accepts up to 10 MB; 5 MB keeps uploads quick on a phone network. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024
const TYPES = ['jpg', 'jpeg', 'png', 'webp']

export interface PickedImage {
  path: string
  size: number
}

/** Why a picked file cannot be used, or null. */
export function imageProblem(f: PickedImage): string | null {
  const ext = f.path.split('?')[0].split('.').pop()?.toLowerCase() ?? ''
  if (!TYPES.includes(ext)) return '只能上传 JPG、PNG 或 WebP 图片'
  if (f.size > MAX_IMAGE_BYTES) return '单张图片不能超过 5 MB'
  return null
}

/** chooseMedia after the privacy check (R5.3); files that fail the checks are reported, not uploaded. */
export async function pickImages(already: number): Promise<{ ok: PickedImage[]; problems: string[] }> {
  await requirePrivacyAuthorize()
  const res = await Taro.chooseMedia({ count: Math.max(1, MAX_IMAGES - already), mediaType: ['image'], sizeType: ['compressed'] })
  const files = res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }))
  return { ok: files.filter((f) => !imageProblem(f)), problems: [...new Set(files.map(imageProblem).filter((p): p is string => !!p))] }
}

/** Upload all, or fail as a whole (the caller publishes only with every file id). */
export async function uploadAll(images: PickedImage[], folder: string): Promise<string[]> {
  const ids: string[] = []
  for (const [i, img] of images.entries()) {
    const ext = img.path.split('.').pop()?.toLowerCase() ?? 'jpg'
    const r = await Taro.cloud.uploadFile({ cloudPath: `notices/${folder}/${i}.${ext}`, filePath: img.path })
    ids.push(r.fileID)
  }
  return ids
}
