// The text of an imported CSV whatever Excel saved it as. Excel on a Chinese Windows saves "CSV"
// in the system code page (GBK, read here as its superset GB18030) and "Unicode text" as UTF-16
// with a byte-order mark; read as UTF-8 either comes out garbled. Pure: bytes in, text out.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

export type DecodedText = { text: string; encoding: TextEncodingName }

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, index) => bytes[index] === byte)

/**
 * The file's text, its byte-order mark removed: UTF-16 when a UTF-16 mark says so, UTF-8 when the
 * bytes are valid UTF-8 (with or without its mark), otherwise GB18030. Valid UTF-8 comes first
 * because a GBK file that happens to be valid UTF-8 is rare, while ASCII is both.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' }
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: the code page Excel writes on a Chinese system. A byte it cannot place becomes U+FFFD.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' }
  }
}
