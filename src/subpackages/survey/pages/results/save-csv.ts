import Taro from '@tarojs/taro'
import { requirePrivacyAuthorize } from '@/features/privacy/privacy-authorization'

/** weapp: no file can be handed over directly, so the CSV goes to the clipboard (privacy API: R5.3). H5: save-csv.h5.ts. */
export const SAVE_CSV_LABEL = '复制 CSV'

export async function saveCsv(_filename: string, base64: string): Promise<string> {
  await requirePrivacyAuthorize()
  // The clipboard takes text: decode the UTF-8 bytes (the BOM only matters in a file).
  const bytes = Taro.base64ToArrayBuffer(base64)
  let text = ''
  const view = new Uint8Array(bytes)
  for (let i = 0; i < view.length; i++) text += `%${view[i].toString(16).padStart(2, '0')}`
  await Taro.setClipboardData({ data: decodeURIComponent(text).replace(/^\uFEFF/, '') })
  return '已复制到剪贴板，可粘贴到电脑上的表格中'
}
