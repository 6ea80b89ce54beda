import type { ChangeEvent } from 'react'
import type { FilePickerProps } from './file-picker.types'

/**
 * H5: a real file input, styled as our primary button through its <label> (the input itself is
 * visually hidden but stays in the DOM, so keyboard users and tests — page.setInputFiles — reach it).
 */
export function FilePicker({ onFile, onError, disabled }: FilePickerProps) {
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    if (!file) return
    try {
      onFile({ name: file.name, base64: toBase64(await file.arrayBuffer()) })
    } catch {
      onError('没有读取到文件，请重新选择')
    } finally {
      // Choosing the same file again (after fixing it) must fire change again.
      input.value = ''
    }
  }
  return (
    <label className={`btn btn-primary btn--block file-label${disabled ? ' file-label--disabled' : ''}`} htmlFor='roster-file'>
      选择 CSV 文件
      <input id='roster-file' className='file-input' type='file' accept='.csv,text/csv' disabled={disabled} onChange={(e) => void onChange(e)} />
    </label>
  )
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer)
  let binary = ''
  // Chunked: String.fromCharCode(...bytes) on a 2 MB file would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
