/**
 * What a phone holds between launches and what a person answers in native dialogs: storage,
 * clipboard, the platform privacy agreement, WeChat font settings, and scripted answers for the
 * dialogs the harness cannot render (modal, action sheet, subscribe message, scan, file picker).
 * Pass the same Device to a second MiniProgram to model "the same phone, opened again".
 */
export interface PickedFile {
  name: string
  /** File content; read back through getFileSystemManager().readFile. */
  content: Buffer
  type?: string
}

export interface DeviceOptions {
  /** WeChat font setting in px (16 = standard; ≥ 22 counts as large, R6.1). */
  fontSizeSetting?: number
  fontSizeScaleFactor?: number
  SDKVersion?: string
  /** The platform privacy guide was agreed before (默认 false: a fresh install). */
  privacyAgreed?: boolean
}

export class Device {
  storage = new Map<string, string>()
  clipboard = ''
  privacyAgreed: boolean
  fontSizeSetting: number
  fontSizeScaleFactor: number
  SDKVersion: string
  /** showModal answers, first in first out; without one the modal is confirmed (and recorded). */
  modalAnswers: Array<'confirm' | 'cancel'> = []
  /** showActionSheet answers (tapIndex); without one it is cancelled. */
  actionSheetAnswers: number[] = []
  /** requestSubscribeMessage: per template id; without an answer every template is rejected. */
  subscribeAnswer: (tmplIds: string[]) => Record<string, 'accept' | 'reject' | 'ban'> = (ids) =>
    Object.fromEntries(ids.map((id) => [id, 'reject' as const]))
  /** scanCode results; without one the scan is cancelled. */
  scanResults: Array<{ result: string; scanType?: string }> = []
  /** chooseMessageFile / chooseMedia picks; without one the picker is cancelled. */
  filePicks: PickedFile[][] = []
  /** Answer of WeChat's own privacy popup when the app registered no listener. */
  systemPrivacyPopup: 'agree' | 'disagree' = 'disagree'
  /** Files created by pickers, by temp path. */
  files = new Map<string, Buffer>()

  constructor(opts: DeviceOptions = {}) {
    this.privacyAgreed = opts.privacyAgreed ?? false
    this.fontSizeSetting = opts.fontSizeSetting ?? 16
    this.fontSizeScaleFactor = opts.fontSizeScaleFactor ?? 1
    this.SDKVersion = opts.SDKVersion ?? '3.4.2'
  }
}
