// What every `/campaign` subcommand is given, and the one way a subcommand finds the campaign a
// person named. Its own module, so the surfaces whose subcommands live elsewhere (Gantt, calendar,
// tasks, settings) need not import the command's table.
import type { RespondFn, SlashCommand } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import type { Campaign } from '../domain/campaign.ts'
import type { Messages } from '../i18n/catalogue.ts'
import { severalMatchesMessage } from './campaigns/message.ts'
import { escapeMrkdwn } from '../i18n/mrkdwn.ts'
import type { Person } from './people.ts'
import type { Services } from './services.ts'

export type CommandContext = {
  services: Services
  client: WebClient
  command: SlashCommand
  respond: RespondFn
  person: Person
  m: Messages
  /** The text after the subcommand, e.g. the campaign's name. */
  rest: string
}

/** One campaign named by a person (`#12`, `12` or its name), or the words that say why not. */
export async function oneCampaign(services: Services, teamId: string, query: string, m: Messages, usage: string): Promise<{ campaign: Campaign } | { answer: { text: string; blocks?: unknown[] } }> {
  if (!query) return { answer: { text: usage } }
  const found = await services.store.campaigns.find(teamId, query)
  if (found.length === 0) return { answer: { text: m.refusal.campaignNotFound(escapeMrkdwn(query)) } }
  if (found.length > 1) return { answer: severalMatchesMessage(query, found, m) }
  return { campaign: found[0]! }
}
