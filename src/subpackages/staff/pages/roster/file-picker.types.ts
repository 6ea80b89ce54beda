export interface PickedFile {
  name: string
  /** The file's bytes, base64 — what roster.import takes (encoding detected on the server). */
  base64: string
}

export interface FilePickerProps {
  onFile: (file: PickedFile) => void
  onError: (message: string) => void
  disabled?: boolean
}
