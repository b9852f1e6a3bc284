// A short fingerprint of a value as a person saw it in a form. A submission carries the stamp of
// what was opened; if the stored value's stamp differs at save time, someone changed it meanwhile
// and the save is refused instead of silently overwriting their edit (optimistic concurrency
// for items that carry no version column of their own).

/** FNV-1a over the value's JSON with keys sorted: equal values, equal stamps. */
export function versionStamp(value: unknown): string {
  let hash = 0x811c9dc5
  for (const char of stableJson(value)) {
    hash ^= char.codePointAt(0)!
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}
