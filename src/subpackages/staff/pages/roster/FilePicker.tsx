import Taro from '@tarojs/taro'
import { Button } from '@/shared/ui'
import type { FilePickerProps } from './file-picker.types'

/**
 * weapp: a CSV comes from a chat (chooseMessageFile — a mini-program cannot browse the phone's
 * files) and is read as base64 from the temp path. H5: FilePicker.h5.tsx (an <input type="file">).
 */
export function FilePicker({ onFile, onError, disabled }: FilePickerProps) {
  const pick = async () => {
    try {
      const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] })
      const file = chosen.tempFiles[0]
      if (!file) return
      const base64 = await new Promise<string>((resolve, reject) => {
        Taro.getFileSystemManager().readFile({
          filePath: file.path,
          encoding: 'base64',
          success: (res) => resolve(res.data as string),
          fail: (err) => reject(new Error(err.errMsg)),
        })
      })
      onFile({ name: file.name, base64 })
    } catch (error) {
      const message = error instanceof Error ? error.message : String((error as { errMsg?: string })?.errMsg ?? '')
      // Closing the chooser is not an error.
      if (!/cancel/i.test(message)) onError('没有读取到文件，请重新选择')
    }
  }
  return (
    <Button id='roster-pick' block disabled={disabled} onClick={() => void pick()}>
      从聊天中选择 CSV 文件
    </Button>
  )
}
