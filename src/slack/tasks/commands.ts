// `/campaign tasks <campaign>` and `/campaign mine`: ephemeral answers in the person's language,
// dated by their calendar (what is overdue depends on where "today" is).
import { localDate } from '../../domain/dates.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { escapeMrkdwn } from '../../i18n/mrkdwn.ts'
import { campaignTasksMessage, myTasksMessage } from './message.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { oneCampaign, type CommandContext } from '../commandContext.ts'

type Answer = { text: string; blocks?: unknown[] }

/** A campaign's tasks by stage of work, overdue marked. `query` is `#12`, `12` or its name. */
export async function tasksCommandAnswer(services: Services, teamId: string, query: string, person: Person, m: Messages): Promise<Answer> {
  const one = await oneCampaign(services, teamId, query, m, m.tasks.command.usage)
  if ('answer' in one) return one.answer
  const campaign = one.campaign
  const record = await services.store.plans.load(teamId, campaign.id)
  if (!record || campaign.stage === 'proposed' || campaign.stage === 'sent_back') {
    return { text: m.tasks.command.notApproved(escapeMrkdwn(campaign.name), m.stage[campaign.stage]) }
  }
  return campaignTasksMessage(record, localDate(services.clock.now(), person.timeZone), m)
}

/** The person's open tasks across the workspace's campaigns, soonest due first. */
export async function mineCommandAnswer(services: Services, teamId: string, person: Person, m: Messages): Promise<Answer> {
  const found = await services.store.tasks.openTasksOf(teamId, person.userId, 200)
  return myTasksMessage(found, localDate(services.clock.now(), person.timeZone), m)
}
