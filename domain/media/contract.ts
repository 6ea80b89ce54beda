/**
 * media: upload slots for the shared image pipeline (docs/media.md). The client asks for cloud
 * paths under its own uploader key, uploads there (wx.cloud.uploadFile; H5: the local cloud), and
 * hands the file ids to a feature's write action. The platform's verdicts arrive at this function
 * as `wxa_media_check` message-push events (not an action: cloudfunctions/media/index.ts).
 */
import { z } from 'zod'
import { defineAction, defineFunction } from '../shared/contract'
import { IMAGE_EXTS, MAX_IMAGES_PER_ITEM, MEDIA_FEATURE } from './model'

/**
 * The contract field for a feature's images: cloud:// file ids, at most 9, no repeats. The server
 * still checks each id belongs to the caller (assertOwnUploads) — the shape alone proves nothing.
 */
export const imageFileIds = z
  .array(z.string().min(10).max(512).regex(/^cloud:\/\//, '不是云存储文件'))
  .max(MAX_IMAGES_PER_ITEM, `最多 ${MAX_IMAGES_PER_ITEM} 张图片`)
  .refine((ids) => new Set(ids).size === ids.length, '图片重复')

export const mediaContract = defineFunction('media', {
  prepareUpload: defineAction({
    summary:
      'Cloud paths to upload images to, one per file (media/<feature>/<caller\'s uploader key>/…): features accept only file ids under the caller\'s key. Writes nothing.',
    input: z
      .object({
        feature: z.string().regex(MEDIA_FEATURE, '功能名称不正确'),
        exts: z.array(z.enum(IMAGE_EXTS)).min(1).max(MAX_IMAGES_PER_ITEM),
      })
      .strict(),
    output: z.object({ cloudPaths: z.array(z.string()) }),
    access: 'member',
  }),
})
