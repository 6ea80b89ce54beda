/**
 * Cloud storage against a local folder: storage.getUploadMetadata hands the SDK an upload URL on
 * this server (the SDK then PUTs the bytes, as it would to COS), storage.batchGetDownloadUrl
 * answers http URLs served by this server, storage.batchDeleteFile removes files.
 * File ids look like the cloud's: cloud://<env>.<bucket>/<cloudPath>.
 */
import fs from 'node:fs'
import path from 'node:path'

export class StorageService {
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
    const clean = path.posix.normalize(cloudPath.replace(/^\/+/, ''))
    if (clean.startsWith('..') || clean === '.' || clean.includes('\0')) throw new Error(`invalid cloud path ${cloudPath}`)
    return path.join(this.root, clean)
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

  write(cloudPath: string, bytes: Buffer): void {
    const file = this.resolve(cloudPath)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, bytes)
  }

  read(cloudPath: string): Buffer | null {
    const file = this.resolve(cloudPath)
    return fs.existsSync(file) ? fs.readFileSync(file) : null
  }
}
