// A figures file from Slack, read into cells: files.info says what it is and where its bytes are
// (url_private, fetched with the bot token); CSV is decoded (UTF-8, GBK or UTF-16: domain/textEncoding.ts)
// and read with csv-parse, .xlsx with read-excel-file. Both readers are loaded on first use: an idle process does not hold them.
// The file is looked up by id every time (preview and confirmation alike), so the confirmation
// may land on any instance, and a URL from a form is never fetched.
import type { WebClient } from '@slack/web-api'
import type { ImportCell } from '../../domain/metricImport.ts'
import { decodeText } from '../../domain/textEncoding.ts'

/** Slack's own limit for a file input. */
export const maxFileMegabytes = 10
const downloadTimeoutMs = 2_000

export type FileKind = 'csv' | 'xlsx'

export type FigureFile =
  | { ok: true; id: string; name: string; kind: FileKind; cells: ImportCell[][] }
  | { ok: false; id: string; name: string; problem: 'not_spreadsheet' | 'too_big' | 'unreadable' | 'download' }

/** csv or xlsx from Slack's filetype, else from the name's extension. */
export function fileKind(file: { filetype?: string; name?: string }): FileKind | null {
  const type = (file.filetype ?? '').toLowerCase()
  if (type === 'csv' || type === 'xlsx') return type
  const extension = /\.([a-z0-9]+)$/i.exec(file.name ?? '')?.[1]?.toLowerCase()
  return extension === 'csv' || extension === 'xlsx' ? extension : null
}

/** The delimiter of the first line: a semicolon where a locale writes decimal commas, a tab from a sheet's copy. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, firstLine.split(delimiter).length - 1] as const)
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0]
}

export async function readCsv(bytes: Buffer): Promise<ImportCell[][]> {
  const { parse } = await import('csv-parse/sync')
  // UTF-8, or what Excel saves on a Chinese system (GBK, UTF-16): the mark is gone from the text.
  const { text } = decodeText(bytes)
  return parse(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, trim: true }) as string[][]
}

export async function readXlsx(bytes: Buffer): Promise<ImportCell[][]> {
  const { readSheet } = await import('read-excel-file/node')
  return (await readSheet(bytes)) as ImportCell[][]
}

export async function readCells(bytes: Buffer, kind: FileKind): Promise<ImportCell[][]> {
  return kind === 'csv' ? readCsv(bytes) : readXlsx(bytes)
}

type SlackFileInfo = { id?: string; name?: string; filetype?: string; size?: number; url_private?: string; url_private_download?: string }

/** The file with this id, downloaded and read; a problem in words' codes when it cannot be. */
export async function readFigureFile(client: WebClient, fileId: string): Promise<FigureFile> {
  const info = (await client.files.info({ file: fileId })).file as SlackFileInfo | undefined
  const name = info?.name ?? fileId
  const kind = info ? fileKind(info) : null
  if (!info || !kind) return { ok: false, id: fileId, name, problem: 'not_spreadsheet' }
  if ((info.size ?? 0) > maxFileMegabytes * 1024 * 1024) return { ok: false, id: fileId, name, problem: 'too_big' }
  const url = info.url_private_download ?? info.url_private
  if (!url) return { ok: false, id: fileId, name, problem: 'download' }
  let bytes: Buffer
  try {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${client.token ?? ''}` }, signal: AbortSignal.timeout(downloadTimeoutMs) })
    if (!response.ok) return { ok: false, id: fileId, name, problem: 'download' }
    bytes = Buffer.from(await response.arrayBuffer())
  } catch {
    return { ok: false, id: fileId, name, problem: 'download' }
  }
  if (bytes.length > maxFileMegabytes * 1024 * 1024) return { ok: false, id: fileId, name, problem: 'too_big' }
  try {
    return { ok: true, id: fileId, name, kind, cells: await readCells(bytes, kind) }
  } catch {
    return { ok: false, id: fileId, name, problem: 'unreadable' }
  }
}
