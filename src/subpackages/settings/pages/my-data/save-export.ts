import Taro from '@tarojs/taro'
import { requirePrivacyAuthorize } from '@/features/privacy/privacy-authorization'

/**
 * weapp: a mini-program cannot hand a .json file to the person directly, so the copy goes to the
 * clipboard (they can paste it into a chat with themself, "文件传输助手"). The clipboard is a
 * privacy API: the platform agreement is checked first (R5.3). H5: save-export.h5.ts (a download).
 */
export const SAVE_LABEL = '复制 JSON 数据'

export async function saveExport(json: string): Promise<string> {
  await requirePrivacyAuthorize()
  await Taro.setClipboardData({ data: json })
  return '已复制到剪贴板，可粘贴到“文件传输助手”保存'
}
