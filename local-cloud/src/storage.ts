/**
 * Cloud storage against a local folder: storage.getUploadMetadata hands the SDK an upload URL on
 * this server (the SDK then PUTs the bytes, as it would to COS), storage.batchGetDownloadUrl
 * answers http URLs served by this server, storage.batchDeleteFile removes files.
 * File ids look like the cloud's: cloud://<env>.<bucket>/<cloudPath>.
 */
import fs from 'node:fs'
import path from 'node:path'
import { HttpError } from './http-util'

/**
 * Stored files are other people's bytes served on the app's own origin, so they are never
 * rendered as active content (issue #9, 7.9): raster images inline (the app shows photos), a few
 * plain-data types as downloads, everything else — HTML, SVG, scripts, unknown — as an opaque
 * download. nosniff stops the browser from guessing its way back to HTML; the CSP sandbox covers
 * a file opened directly.
 */
const INLINE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' }
const DOWNLOAD_TYPES: Record<string, string> = { '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json; charset=utf-8', '.pdf': 'application/pdf' }

export function storedFileHeaders(cloudPath: string): Record<string, string> {
  const ext = path.posix.extname(cloudPath).toLowerCase()
  const name = encodeURIComponent(path.posix.basename(cloudPath))
  const inline = INLINE_TYPES[ext]
  return {
    'content-type': inline ?? DOWNLOAD_TYPES[ext] ?? 'application/octet-stream',
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
  }
}

/**
 * The cloud path of a /__storage/<path> URL: each segment percent-decoded once; a malformed escape,
 * a NUL, a backslash or a ".." segment (also when smuggled as %2e%2e or ..%2f) is a 400, not a 500.
 */
export function cloudPathOfUrl(encoded: string): string {
  let decoded: string
  try {
    decoded = encoded.split('/').map(decodeURIComponent).join('/')
  } catch {
    throw new HttpError(400, 'INVALID_PATH', 'malformed percent-encoding in storage path')
  }
  checkCloudPath(decoded)
  return decoded
}

function checkCloudPath(cloudPath: string): void {
  const bad =
    cloudPath.length === 0 ||
    cloudPath.length > 1024 ||
    /[\u0000-\u001f\\]/.test(cloudPath) ||
    cloudPath.split('/').some((seg) => seg === '..' || seg === '.')
  if (bad) throw new HttpError(400, 'INVALID_PATH', `invalid cloud path ${JSON.stringify(cloudPath.slice(0, 200))}`)
}

export class StorageService {
  /**
   * The name a client gave the file it uploaded (the picked file's own name), by cloud path. Only
   * the local media check reads it — `risky`/`review` in a picked file's name picks the verdict —
   * so apps keep server-chosen cloud paths and tests can still choose an outcome.
   */
  private readonly uploadedNames = new Map<string, string>()

  constructor(
    private readonly root: string,
    private readonly envId: string,
    private readonly baseUrl: () => string,
  ) {
    fs.mkdirSync(root, { recursive: true })
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.envId}.local-bucket/${cloudPath}`
  }

  /** Resolve a cloud path safely inside the root (no "..", no absolute paths). */
  resolve(cloudPath: string): string {
    checkCloudPath(cloudPath)
    const clean = path.posix.normalize(cloudPath.replace(/^\/+/, ''))
    if (clean.startsWith('..') || clean === '.' || clean === '') throw new HttpError(400, 'INVALID_PATH', `invalid cloud path ${cloudPath}`)
    const file = path.join(this.root, clean)
    if (!file.startsWith(this.root + path.sep)) throw new HttpError(400, 'INVALID_PATH', `invalid cloud path ${cloudPath}`)
    return file
  }

  private pathOfFileId(fileId: string): string | null {
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
    return m ? m[1] : null
  }

  handle(action: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = String(params.path ?? '')
        this.resolve(cloudPath)
        return {
          data: {
            url: `${this.baseUrl()}/__storage/${encodeURI(cloudPath)}`,
            token: 'local',
            authorization: 'local',
            fileId: this.fileId(cloudPath),
            cosFileId: 'local',
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = (params.file_list ?? []) as { fileid: string; max_age?: number }[]
        return {
          data: {
            download_list: list.map(({ fileid }) => {
              const p = this.pathOfFileId(fileid)
              const exists = p !== null && fs.existsSync(this.resolve(p))
              return exists
                ? { fileid, fileID: fileid, code: 'SUCCESS', download_url: `${this.baseUrl()}/__storage/${encodeURI(p!)}`, tempFileURL: `${this.baseUrl()}/__storage/${encodeURI(p!)}` }
                : { fileid, fileID: fileid, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' }
            }),
          },
        }
      }
      case 'storage.batchDeleteFile': {
        const list = (params.fileid_list ?? []) as string[]
        return {
          data: {
            delete_list: list.map((fileid) => {
              const p = this.pathOfFileId(fileid)
              const file = p === null ? null : this.resolve(p)
              if (!file || !fs.existsSync(file)) return { fileID: fileid, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' }
              fs.rmSync(file)
              return { fileID: fileid, code: 'SUCCESS' }
            }),
          },
        }
      }
      default:
        return { code: 'INVALID_PARAM', message: `unsupported storage action ${action}` }
    }
  }

  write(cloudPath: string, bytes: Buffer, uploadedName?: string): void {
    const file = this.resolve(cloudPath)
    if (uploadedName) this.uploadedNames.set(cloudPath, uploadedName.slice(0, 200))
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, bytes)
  }

  /** The cloud path and the uploaded name of a temp URL this server handed out ('' if not one). */
  describeUrl(url: string): string {
    const m = /\/__storage\/([^?#]+)/.exec(url)
    if (!m) return ''
    try {
      const cloudPath = cloudPathOfUrl(m[1])
      return `${cloudPath} ${this.uploadedNames.get(cloudPath) ?? ''}`
    } catch {
      return ''
    }
  }

  read(cloudPath: string): Buffer | null {
    const file = this.resolve(cloudPath)
    return fs.existsSync(file) ? fs.readFileSync(file) : null
  }
}
