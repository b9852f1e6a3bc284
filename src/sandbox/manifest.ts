// What the app declares in manifest.yml that a Slack client offers a person: its name, its slash
// commands (typed in the composer) and its message shortcuts (a message's More actions menu).
// manifest.yml is a plain file of maps and lists; these few fields are read line by line rather
// than with a YAML library the app does not otherwise need (test/sandbox/manifest.test.ts).
import fs from 'node:fs'

export type AppManifest = {
  name: string
  commands: Array<{ command: string; description: string; usageHint: string }>
  messageShortcuts: Array<{ name: string; callbackId: string; description: string }>
}

export const manifestFile = new URL('../../manifest.yml', import.meta.url)

export function readManifest(text: string = fs.readFileSync(manifestFile, 'utf8')): AppManifest {
  const lines = text.split('\n').map((line) => line.replace(/\s+#.*$|^\s*#.*$/, '')).filter((line) => line.trim() !== '')
  const items = (key: string): Array<Record<string, string>> => {
    const start = lines.findIndex((line) => new RegExp(`^\\s*${key}:\\s*$`).test(line))
    if (start === -1) return []
    const indent = /^\s*/.exec(lines[start]!)![0].length
    const found: Array<Record<string, string>> = []
    for (const line of lines.slice(start + 1)) {
      const lineIndent = /^\s*/.exec(line)![0].length
      if (lineIndent <= indent && !line.trim().startsWith('-')) break
      const field = /^\s*(-\s+)?([a-z_]+):\s*(.*)$/.exec(line)
      if (!field) continue
      if (field[1]) found.push({})
      found.at(-1)![field[2]!] = unquote(field[3]!)
    }
    return found
  }
  const name = /^\s*display_information:\s*\n\s+name:\s*(.+)$/m.exec(text)?.[1]
  return {
    name: unquote(name ?? 'Campaign Desk'),
    commands: items('slash_commands').map((c) => ({ command: c.command ?? '', description: c.description ?? '', usageHint: c.usage_hint ?? '' })),
    messageShortcuts: items('shortcuts').filter((s) => s.type === 'message')
      .map((s) => ({ name: s.name ?? '', callbackId: s.callback_id ?? '', description: s.description ?? '' })),
  }
}

function unquote(value: string): string {
  const trimmed = value.trim()
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed
}
