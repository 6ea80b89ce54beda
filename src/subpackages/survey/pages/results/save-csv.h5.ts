/** H5: the CSV (UTF-8 with BOM, so Excel reads Chinese) is downloaded as a file. weapp: save-csv.ts. */
export const SAVE_CSV_LABEL = '下载 CSV 文件'

export async function saveCsv(filename: string, base64: string): Promise<string> {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return '已开始下载'
}
