import { errorText } from '@/features/consent/messages'
import { isCloudError, type CallOutput } from '@/services/cloud'
import type { PickedFile } from './file-picker.types'

export type Imported = CallOutput<'roster', 'import'>
export type ImportMode = 'merge' | 'replace'
export interface Issue {
  line: number
  field: string
  message: string
}

/**
 * What one roster.import call came to, as the page reports it (issue #9 §7.10):
 * - imported: done (or the file was already imported);
 * - invalid: the file was refused whole with line numbers (nothing written);
 * - tooLarge: more rows than one call takes (`maxRows`), refused whole — split by building;
 * - resumable: the write budget ran out; staged rows are not yet in effect and the same file, in
 *   the same mode, continues where it stopped (继续导入);
 * - failed: anything else, in the server's words.
 */
export type ImportOutcome =
  | { kind: 'imported'; file: string; data: Imported }
  | { kind: 'invalid'; file: string; errors: Issue[]; errorCount: number; warnings: Issue[] }
  | { kind: 'tooLarge'; file: string; maxRows: number; message: string }
  | { kind: 'resumable'; file: PickedFile; mode: ImportMode; message: string }
  | { kind: 'failed'; message: string }

export function importFailure(error: unknown, file: PickedFile, mode: ImportMode): ImportOutcome {
  if (isCloudError(error) && error.code === 'ROSTER_INVALID') {
    const d = (error.details ?? {}) as { errors?: Issue[]; errorCount?: number; warnings?: Issue[]; maxRows?: unknown }
    if (typeof d.maxRows === 'number') {
      return { kind: 'tooLarge', file: file.name, maxRows: d.maxRows, message: error.serverMessage ?? error.message }
    }
    return { kind: 'invalid', file: file.name, errors: d.errors ?? [], errorCount: d.errorCount ?? d.errors?.length ?? 0, warnings: d.warnings ?? [] }
  }
  if (isCloudError(error) && error.code === 'CONFLICT' && (error.details as { resumable?: unknown } | undefined)?.resumable === true) {
    return { kind: 'resumable', file, mode, message: errorText(error) }
  }
  return { kind: 'failed', message: errorText(error) }
}
