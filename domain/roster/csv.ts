/**
 * A small RFC 4180 CSV reader: quoted fields with "" escapes, commas and line breaks inside
 * quotes, CRLF or LF. Each record carries the physical line it starts on, so validation errors
 * can name the line a person sees in Excel or a text editor.
 */
export interface CsvRecord {
  line: number
  fields: string[]
}

export function parseCsv(text: string): { records: CsvRecord[]; error: { line: number; message: string } | null } {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let inQuotes = false
  let line = 1
  let recordLine = 1
  let i = 0
  const endField = () => {
    fields.push(field)
    field = ''
  }
  const endRecord = () => {
    endField()
    records.push({ line: recordLine, fields })
    fields = []
  }
  while (i < text.length) {
    const ch = text[i]
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        inQuotes = false
      } else {
        if (ch === '\n') line++
        field += ch
      }
      i++
      continue
    }
    if (ch === '"' && field === '') inQuotes = true
    else if (ch === ',') endField()
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else field += ch
    i++
  }
  if (inQuotes) return { records, error: { line: recordLine, message: '引号没有闭合' } }
  if (field !== '' || fields.length > 0) endRecord()
  return { records, error: null }
}
