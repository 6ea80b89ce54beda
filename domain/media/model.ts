/**
 * The shared image pipeline's pure rules (docs/media.md). Files live under a cloud path that
 * names their uploader by an opaque key the server recomputes from OPENID:
 *
 *   media/<feature>/<uploaderKey>/<nonce>-<i>.<ext>
 *
 * so a function can refuse a file id the caller did not upload (another person's photo copied from
 * a post) without any record of uploads, and the id discloses no openid (issue #9 §7.5).
 * Verdicts come from the platform's asynchronous media check (R5.8): only `pass` is shown to
 * everyone; held files (not yet checked, under review, check unavailable) only to their uploader
 * and moderators; risky files to nobody.
 *
 * No zod here: the client imports these rules (zod stays out of the mini-program's packages).
 */
export const IMAGE_EXTS = ['jpg', 'jpeg', 'png', 'webp'] as const
export type ImageExt = (typeof IMAGE_EXTS)[number]

/** At most 9 images per item, as WeChat's own picker (chooseMedia count ≤ 9 for images). */
export const MAX_IMAGES_PER_ITEM = 9

/** A feature's name as in domain/<f>/ (notice, incident, group, repair, election …). */
export const MEDIA_FEATURE = /^[a-z][a-z0-9-]{1,31}$/

const FILE_ID = /^cloud:\/\/([^/.]+)\.([^/]+)\/media\/([a-z][a-z0-9-]{1,31})\/([0-9a-f]{24})\/([A-Za-z0-9_-]{1,64})\.(jpg|jpeg|png|webp)$/

export interface MediaFileRef {
  env: string
  bucket: string
  feature: string
  uploaderKey: string
  name: string
  ext: ImageExt
  cloudPath: string
}

/** The parts of one of our file ids, or null when it is not one (foreign path, other shape). */
export function parseMediaFileId(fileId: string): MediaFileRef | null {
  const m = FILE_ID.exec(fileId)
  if (!m) return null
  const [, env, bucket, feature, uploaderKey, name, ext] = m
  return { env, bucket, feature, uploaderKey, name, ext: ext as ImageExt, cloudPath: `media/${feature}/${uploaderKey}/${name}.${ext}` }
}

export function cloudPathFor(feature: string, uploaderKey: string, nonce: string, index: number, ext: ImageExt): string {
  return `media/${feature}/${uploaderKey}/${nonce}-${index}.${ext}`
}

/** PENDING: asked, no verdict yet; UNAVAILABLE: the check could not be asked (retried by a timer). */
export const MEDIA_STATUSES = ['PENDING', 'UNAVAILABLE', 'PASS', 'REVIEW', 'RISKY'] as const
export type MediaStatus = (typeof MEDIA_STATUSES)[number]

export interface MediaCheckDoc {
  _id: string
  fileId: string
  feature: string
  uploaderKey: string
  /** The uploader: mediaCheckAsync is asked with the author's openid (R5.8), also on retries. */
  openid: string
  scene: 1 | 2 | 3 | 4
  status: MediaStatus
  traceId: string | null
  label: number | null
  attempts: number
  requestedAt: Date
  /** When the timer may ask again (UNAVAILABLE, or PENDING without a verdict for 30 min). */
  retryAt: Date | null
  decidedAt: Date | null
}

/** A verdict as pushed, kept by trace id so a verdict that outruns its request is not lost. */
export interface MediaVerdictDoc {
  _id: string
  suggest: 'pass' | 'review' | 'risky'
  label: number
  receivedAt: Date
}

export function statusOfSuggest(suggest: unknown): MediaStatus | null {
  return suggest === 'pass' ? 'PASS' : suggest === 'review' ? 'REVIEW' : suggest === 'risky' ? 'RISKY' : null
}

/** Held: may still be shown once checked; never shown to the public meanwhile (fail closed). */
export function isHeld(status: MediaStatus | undefined): boolean {
  return status === undefined || status === 'PENDING' || status === 'UNAVAILABLE' || status === 'REVIEW'
}

/** The platform pushes verdicts within 30 minutes (R5.8); after that the check is asked again. */
export const VERDICT_WAIT_MS = 30 * 60_000
/** Backoff after an unavailable check: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000
}

/**
 * Which files a viewer sees (pure): `pass` always; held ones only when the viewer uploaded them or
 * may moderate; risky never. `held` counts the files still waiting that were not shown.
 */
export function filterVisible(
  fileIds: string[],
  statusOf: (fileId: string) => MediaStatus | undefined,
  viewer: { uploaderKey: string; maySeeHeld: boolean },
): { shown: string[]; held: number } {
  const shown: string[] = []
  let held = 0
  for (const id of fileIds) {
    const status = statusOf(id)
    if (status === 'PASS') shown.push(id)
    else if (status === 'RISKY') continue
    else if (viewer.maySeeHeld || parseMediaFileId(id)?.uploaderKey === viewer.uploaderKey) shown.push(id)
    else held++
  }
  return { shown, held }
}
