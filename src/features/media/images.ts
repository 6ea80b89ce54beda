/**
 * Picking and uploading images for any feature (docs/media.md). Type and size are checked before
 * anything is uploaded; uploads go under cloud paths the server hands out for the caller
 * (media.prepareUpload), so a feature's function can refuse file ids the caller did not upload;
 * uploadAll is all or nothing, so an item is never saved with some of its pictures missing.
 */
import Taro from '@tarojs/taro'
import { PrivacyRefusedError, requirePrivacyAuthorize } from '@/features/privacy/privacy-authorization'
import { callCloud } from '@/services/cloud'
import { IMAGE_EXTS, type ImageExt } from '@domain/media/model'
import { uploadFile } from './storage'

export interface PickedImage {
  path: string
  size: number
  /** MIME type when the platform reports one (H5: a blob: URL has no extension to read). */
  type?: string
  /** The file's own name when the platform tells it (H5); never part of the cloud path. */
  name?: string
}

/** mediaCheckAsync accepts up to 10 MB; 5 MB keeps uploads quick on a phone network. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024

const MIME_EXT: Record<string, ImageExt> = { 'image/jpeg': 'jpg', 'image/jpg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** The file's image type, from its MIME type or else its extension; null when not one we accept. */
export function imageExt(f: PickedImage): ImageExt | null {
  if (f.type) return MIME_EXT[f.type.toLowerCase()] ?? null
  const ext = f.path.split('?')[0].split('#')[0].split('.').pop()?.toLowerCase() ?? ''
  return (IMAGE_EXTS as readonly string[]).includes(ext) ? (ext as ImageExt) : null
}

/** Why a picked file cannot be used, or null. */
export function imageProblem(f: PickedImage): string | null {
  if (!imageExt(f)) return '只能上传 JPG、PNG 或 WebP 图片'
  if (f.size > MAX_IMAGE_BYTES) return '单张图片不能超过 5 MB'
  if (f.size <= 0) return '图片是空的，请重新选择'
  return null
}

function isCancel(e: unknown): boolean {
  const msg = (e as { errMsg?: string } | null)?.errMsg ?? ''
  return /cancel|abort/i.test(msg)
}

/**
 * Pick up to `max` images, after the platform privacy check (R5.3: chooseMedia is a privacy API).
 * Files failing the checks are reported, not returned; a refused privacy prompt is a problem
 * message that says what will not work; a cancelled picker is nothing.
 */
export async function pickImages(max: number): Promise<{ ok: PickedImage[]; problems: string[] }> {
  if (max <= 0) return { ok: [], problems: [] }
  try {
    await requirePrivacyAuthorize()
  } catch (e) {
    if (e instanceof PrivacyRefusedError) return { ok: [], problems: [`${e.message}，暂时不能添加图片`] }
    throw e
  }
  let files: PickedImage[]
  try {
    const res = await Taro.chooseMedia({
      count: Math.min(9, max),
      mediaType: ['image'],
      sizeType: ['compressed'],
      // H5 on a phone would first ask 拍摄/从相册选择 in an action sheet; the file input offers both.
      sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
    })
    files = res.tempFiles.map((f) => {
      const h5 = f as { fileType?: string; originalFileObj?: { name?: string } }
      const picked: PickedImage = { path: f.tempFilePath, size: f.size }
      // weapp reports fileType 'image'; only a MIME type (H5) says which format.
      if (h5.fileType && h5.fileType.includes('/')) picked.type = h5.fileType
      if (h5.originalFileObj?.name) picked.name = h5.originalFileObj.name
      return picked
    })
  } catch (e) {
    if (isCancel(e)) return { ok: [], problems: [] }
    throw e
  }
  const over = files.length > max ? [`最多还能添加 ${max} 张`] : []
  const ok = files.filter((f) => !imageProblem(f)).slice(0, max)
  const problems = [...new Set([...files.map(imageProblem).filter((p): p is string => !!p), ...over])]
  return { ok, problems }
}

export class ImageUploadError extends Error {
  constructor(readonly cause?: unknown) {
    super('图片上传失败，请检查网络后重试')
    this.name = 'ImageUploadError'
  }
}

/**
 * Upload every image or throw (ImageUploadError, or the CloudError of media.prepareUpload); the
 * caller saves its item only with every file id. Returns cloud:// file ids in the given order.
 */
export async function uploadAll(images: PickedImage[], feature: string): Promise<string[]> {
  if (images.length === 0) return []
  const exts = images.map((img) => {
    const ext = imageExt(img)
    const problem = imageProblem(img)
    if (!ext || problem) throw new Error(problem ?? '只能上传 JPG、PNG 或 WebP 图片')
    return ext
  })
  const { cloudPaths } = await callCloud('media', 'prepareUpload', { feature, exts })
  const ids: string[] = []
  try {
    // One at a time: a phone on a weak network does better than with nine uploads in parallel.
    for (const [i, img] of images.entries()) ids.push(await uploadFile(cloudPaths[i], img))
  } catch (e) {
    throw new ImageUploadError(e)
  }
  return ids
}
