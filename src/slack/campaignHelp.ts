// `/campaign help`: every subcommand and what it does.
import type { Messages } from '../i18n/catalogue.ts'
import { context, section, type Blocks } from './shared/elements.ts'
import { escapeMrkdwn, trusted, type Mrkdwn } from '../i18n/mrkdwn.ts'

export function helpMessage(m: Messages, unknownSubcommand?: string): { text: string; blocks: Blocks } {
  const lines = m.help.lines.map(([command, what]) => `\`${escapeMrkdwn(command)}\`  ${what}`).join('\n')
  const lead: Mrkdwn = unknownSubcommand !== undefined
    ? trusted(m.help.unknown(escapeMrkdwn(unknownSubcommand)))
    : trusted(`*${m.help.title}*`)
  return {
    text: `${unknownSubcommand !== undefined ? m.help.unknown(escapeMrkdwn(unknownSubcommand)) : m.help.title}\n${lines}`,
    blocks: [section(lead), section(trusted(lines)), context(trusted(m.help.footer))],
  }
}
