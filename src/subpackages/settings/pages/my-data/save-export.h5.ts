/** H5: the copy is downloaded as a .json file (Blob + <a download>). weapp: save-export.ts. */
export const SAVE_LABEL = '下载 JSON 文件'

export async function saveExport(json: string): Promise<string> {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `linli-my-data-${new Date().toISOString().slice(0, 10)}.json`
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return '已开始下载'
}
