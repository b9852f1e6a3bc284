// `/campaign <subcommand>`: help, new, list, show, plan, tasks, mine, gantt, calendar. Acks at once; answers
// only the person. Each subcommand is one entry of a table below.
import { localDate } from '../domain/dates.ts'
import { messagesFor, type Messages } from '../i18n/catalogue.ts'
import { campaignDetailMessage, campaignListMessage } from './campaigns/message.ts'
import { helpMessage } from './campaignHelp.ts'
import { escapeMrkdwn } from '../i18n/mrkdwn.ts'
import { planMessage } from './plan/message.ts'
import { calendarCommand } from './calendar/commands.ts'
import { ganttCommand } from './plan/gantt.ts'
import { brainstormCommand, ideaCommandAnswer, ideasCommand } from './ideas/commands.ts'
import { mineCommandAnswer, tasksCommandAnswer } from './tasks/commands.ts'
import { settingsCommand } from './settings/commands.ts'
import type { Person } from './people.ts'
import type { Listeners } from './listeners.ts'
import type { Services } from './services.ts'
import { troubleMessage } from './shared/trouble.ts'
import { openModalOrExplain } from './shared/openModal.ts'
import { proposalModal } from './proposal/modal.ts'
import { proposalLessons } from './learning/blocks.ts'
import { ephemeral } from './shared/ephemeral.ts'
import { awayCommand } from './away/commands.ts'
import { portfolioCommand } from './portfolio/commands.ts'
import { exportCommand, lessonsCommand } from './learning/commands.ts'
import { metricsCommand } from './metrics/commands.ts'
import { metricImportCommand } from './metricImport/actions.ts'
import { reportCommand, retroCommand } from './retro/commands.ts'
import { oneCampaign, type CommandContext } from './commandContext.ts'

export const campaignCommand = '/campaign'

/** `show  My Campaign ` → ['show', 'My Campaign']. */
export function splitSubcommand(text: string): [subcommand: string, rest: string] {
  const trimmed = text.trim()
  const space = trimmed.search(/\s/)
  return space === -1 ? [trimmed.toLowerCase(), ''] : [trimmed.slice(0, space).toLowerCase(), trimmed.slice(space).trim()]
}


/** A subcommand that answers the person with one ephemeral message. */
type Answering = (context: CommandContext) => Promise<{ text: string; blocks?: unknown[] }>
/** A subcommand that acts (opens a modal, uploads a file) and answers the person itself. */
type Acting = (context: CommandContext) => Promise<void>

const answering: Record<string, Answering> = {
  list: ({ services, command, m }) => listAnswer(services, command.team_id, m),
  show: ({ services, command, rest, m }) => showAnswer(services, command.team_id, rest, m),
  plan: ({ services, command, rest, person, m }) => planAnswer(services, command.team_id, rest, person, m),
  tasks: ({ services, command, rest, person, m }) => tasksCommandAnswer(services, command.team_id, rest, person, m),
  mine: ({ services, command, person, m }) => mineCommandAnswer(services, command.team_id, person, m),
  idea: (context) => ideaCommandAnswer(context),
}

const acting: Record<string, Acting> = {
  new: async ({ services, client, command, respond, m }) => {
    await openModalOrExplain(client, command.trigger_id, proposalModal(m, { mode: 'new' }, { ownerId: command.user_id }, await proposalLessons(services, command.team_id, {}, m)), respond, m, services.logger)
  },
  gantt: (context) => ganttCommand(context),
  // Post in the channel through the outbox; the person hears only when that cannot be done.
  ideas: (context) => ideasCommand(context),
  brainstorm: (context) => brainstormCommand(context),
  // Acts: with `chart` it uploads a picture; otherwise it answers with the list itself.
  calendar: (context) => calendarCommand(context),
  // Opens the workspace's settings (admins) or a campaign's own (its owner).
  settings: (context) => settingsCommand(context),
  // The live stage: a campaign's figures (and a button to enter them); away until a date.
  // `metrics import <campaign>`: figures from the person's latest CSV or .xlsx shared in the channel.
  metrics: (context) => (/^import(\s|$)/i.test(context.rest) ? metricImportCommand(context) : metricsCommand(context)),
  away: (context) => awayCommand(context),
  // The retrospective: the form, the compiled report.
  retro: (context) => retroCommand(context),
  report: (context) => reportCommand(context),
  // The learning loop: a campaign as a workbook and Markdown; past lessons.
  export: (context) => exportCommand(context),
  lessons: (context) => lessonsCommand(context),
  // Every scheduled and live campaign, most behind first; `chart` posts its picture.
  portfolio: (context) => portfolioCommand(context),
}

export function registerCampaignCommand(listeners: Listeners, services: Services): void {
  listeners.command(campaignCommand, async ({ command, ack, respond, client }) => {
    const [subcommand, rest] = splitSubcommand(command.text ?? '')
    const teamId = command.team_id
    const act = acting[subcommand]
    const answer = answering[subcommand]
    if (!act && !answer) {
      // Help needs no Web API call: the answer rides on the ack, so it works even when Slack's API does not.
      const person = await services.people.person(teamId, command.user_id)
      const m = messagesFor(person.locale)
      const unknown = subcommand === '' || subcommand === 'help' ? undefined : subcommand
      await ack(ephemeral(helpMessage(m, unknown)) as never)
      return
    }
    await ack()
    const person = await services.people.person(teamId, command.user_id)
    const m = messagesFor(person.locale)
    const context: CommandContext = { services, client, command, respond, person, m, rest }
    try {
      if (act) await act(context)
      else await respond(ephemeral(await answer!(context)))
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: command.user_id, subcommand }, 'campaign_command_failed')
      await respond(ephemeral({ text: troubleMessage(error, m) })).catch(() => {})
    }
  })
}

async function planAnswer(services: Services, teamId: string, query: string, person: Person, m: Messages) {
  const one = await oneCampaign(services, teamId, query, m, m.planCommand.usage)
  if ('answer' in one) return one.answer
  const record = await services.store.plans.load(teamId, one.campaign.id)
  if (!record || one.campaign.stage === 'proposed' || one.campaign.stage === 'sent_back') {
    return { text: m.planCommand.notApproved(escapeMrkdwn(one.campaign.name), m.stage[one.campaign.stage]) }
  }
  return planMessage(record, localDate(services.clock.now(), person.timeZone), m)
}

async function listAnswer(services: Services, teamId: string, m: Messages) {
  return campaignListMessage(await services.store.campaigns.list(teamId), m)
}

async function showAnswer(services: Services, teamId: string, query: string, m: Messages) {
  const one = await oneCampaign(services, teamId, query, m, m.show.usage)
  return 'answer' in one ? one.answer : campaignDetailMessage(one.campaign, m)
}
