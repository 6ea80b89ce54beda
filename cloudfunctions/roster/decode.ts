/**
 * Bytes → text for the roster CSV. Excel in mainland China saves "CSV" as GBK; "CSV UTF-8" adds a
 * BOM. auto = strict UTF-8 (BOM or not) first, then GBK; anything that decodes to replacement
 * characters or control bytes is refused rather than imported as mojibake.
 */
import iconv from 'iconv-lite'
import { AppError } from '../../domain/shared/errors'

export type DeclaredEncoding = 'auto' | 'utf-8' | 'gbk'

function invalid(message: string): never {
  throw new AppError('ROSTER_INVALID', message, { errors: [{ line: 0, field: '编码', message }], errorCount: 1, warnings: [] })
}

function clean(text: string): boolean {
  // U+FFFD: bytes the decoder could not map; C0 controls other than tab/CR/LF: a binary file.
  return !/[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)
}

function tryUtf8(buf: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf) // strips a leading BOM
    return clean(text) ? text : null
  } catch {
    return null
  }
}

function tryGbk(buf: Buffer): string | null {
  const text = iconv.decode(buf, 'gbk')
  return clean(text) ? text : null
}

export function decodeCsv(base64: string, declared: DeclaredEncoding): { text: string; encoding: 'utf-8' | 'gbk'; bytes: Buffer } {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) invalid('文件内容不是有效的 base64')
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length === 0) invalid('文件为空')
  if (declared === 'utf-8') {
    const t = tryUtf8(bytes)
    return t !== null ? { text: t, encoding: 'utf-8', bytes } : invalid('文件不是有效的 UTF-8 编码，请确认编码或选择“自动识别”')
  }
  if (declared === 'gbk') {
    const t = tryGbk(bytes)
    return t !== null ? { text: t, encoding: 'gbk', bytes } : invalid('文件不是有效的 GBK 编码，请确认编码或选择“自动识别”')
  }
  const u = tryUtf8(bytes)
  if (u !== null) return { text: u, encoding: 'utf-8', bytes }
  const g = tryGbk(bytes)
  if (g !== null) return { text: g, encoding: 'gbk', bytes }
  return invalid('无法识别文件编码（既不是 UTF-8 也不是 GBK），请在 Excel 中另存为“CSV UTF-8”后重试')
}
