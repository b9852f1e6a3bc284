// The manifest a workspace installs from must offer what the app can do: Slack shows the
// slash command's usage hint as a person types `/campaign`, so each subcommand of the help is in it.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { messagesFor } from '../src/i18n/catalogue.ts'

const manifest = fs.readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8')

describe('manifest.yml', () => {
  it("names every subcommand of /campaign help in the command's usage hint, and nothing else", () => {
    const hint = /^\s*usage_hint:\s*"([^"]*)"/m.exec(manifest)?.[1]
    expect(hint, 'usage_hint').toBeDefined()
    const hinted = hint!.split('|').map((word) => word.trim())
    // A subcommand with several help lines (`metrics`, `metrics import`) is hinted once.
    const helped = [...new Set(messagesFor('en').help.lines.map(([command]) => command.split(/\s+/)[1]!))]
    expect(hinted).toEqual(helped)
  })
})
