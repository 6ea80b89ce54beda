import Taro from '@tarojs/taro'
import { initTransport } from '@/services/cloud'
import type { PickedImage } from './images'

export async function uploadFile(cloudPath: string, image: PickedImage): Promise<string> {
  initTransport() // wx.cloud.init, once
  const r = await Taro.cloud.uploadFile({ cloudPath, filePath: image.path })
  return r.fileID
}

export async function getTempUrls(fileIds: string[]): Promise<Record<string, string>> {
  if (fileIds.length === 0) return {}
  initTransport()
  const out: Record<string, string> = {}
  // getTempFileURL takes at most 50 ids per call.
  for (let i = 0; i < fileIds.length; i += 50) {
    const r = await Taro.cloud.getTempFileURL({ fileList: fileIds.slice(i, i + 50) })
    for (const f of r.fileList) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL
  }
  return out
}
