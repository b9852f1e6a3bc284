// `/campaign <subcommand>`: help, new, list, show. Acks at once; answers only the person.
import type { RespondFn } from '@slack/bolt'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { campaignDetailMessage, campaignListMessage, severalMatchesMessage } from '../blocks/campaignList.ts'
import { helpMessage } from '../blocks/help.ts'
import { escapeMrkdwn } from '../blocks/mrkdwn.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../trouble.ts'
import { openModalOrExplain } from '../views/openModal.ts'
import { proposalModal } from '../views/proposalModal.ts'

export const campaignCommand = '/campaign'

/** `show  My Campaign ` → ['show', 'My Campaign']. */
export function splitSubcommand(text: string): [subcommand: string, rest: string] {
  const trimmed = text.trim()
  const space = trimmed.search(/\s/)
  return space === -1 ? [trimmed.toLowerCase(), ''] : [trimmed.slice(0, space).toLowerCase(), trimmed.slice(space).trim()]
}

const ephemeral = (message: { text: string; blocks?: unknown[] }) =>
  ({ response_type: 'ephemeral' as const, replace_original: false, ...message }) as Parameters<RespondFn>[0]

export function registerCampaignCommand(listeners: Listeners, services: Services): void {
  listeners.command(campaignCommand, async ({ command, ack, respond, client }) => {
    const [subcommand, rest] = splitSubcommand(command.text ?? '')
    const teamId = command.team_id
    if (subcommand === 'new') {
      await ack()
      const person = await services.people.person(teamId, command.user_id)
      const m = messagesFor(person.locale)
      await openModalOrExplain(client, command.trigger_id, proposalModal(m, { mode: 'new' }, { ownerId: command.user_id }), respond, m, services.logger)
      return
    }
    if (subcommand === 'list' || subcommand === 'show') {
      await ack()
      const person = await services.people.person(teamId, command.user_id)
      const m = messagesFor(person.locale)
      try {
        await respond(ephemeral(subcommand === 'list' ? await listAnswer(services, teamId, m) : await showAnswer(services, teamId, rest, m)))
      } catch (error) {
        services.logger.error({ err: error, team: teamId, user: command.user_id }, 'campaign_command_failed')
        await respond(ephemeral({ text: troubleMessage(error, m) })).catch(() => {})
      }
      return
    }
    // Help needs no Web API call: the answer rides on the ack, so it works even when Slack's API does not.
    const person = await services.people.person(teamId, command.user_id)
    const m = messagesFor(person.locale)
    const unknown = subcommand === '' || subcommand === 'help' ? undefined : subcommand
    await ack(ephemeral(helpMessage(m, unknown)) as never)
  })
}

async function listAnswer(services: Services, teamId: string, m: Messages) {
  return campaignListMessage(await services.store.campaigns.list(teamId), m)
}

async function showAnswer(services: Services, teamId: string, query: string, m: Messages) {
  if (!query) return { text: m.show.usage }
  const found = await services.store.campaigns.find(teamId, query)
  if (found.length === 0) return { text: m.refusal.campaignNotFound(escapeMrkdwn(query)) }
  if (found.length > 1) return severalMatchesMessage(query, found, m)
  return campaignDetailMessage(found[0]!, m)
}
