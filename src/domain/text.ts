// What a person typed, normalised once at the edge and the same way for every database:
// PostgreSQL refuses NUL in text while SQLite stores it, and no other control character has a
// place in a campaign's words. Newline and tab stay; every line break becomes \n.

// C0 controls except \t (09) and \n (0A), DEL, and the C1 controls; \r is handled first.
const controlCharacters = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g
const lineBreaks = /\r\n?/g

/** `text` without NUL and other control characters, `\r\n` and a lone `\r` as `\n`. */
export function withoutControlCharacters(text: string): string {
  return text.replace(lineBreaks, '\n').replace(controlCharacters, '')
}
