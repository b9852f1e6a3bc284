// `/campaign idea <text> [#timing_node]`, `/campaign ideas` and `/campaign brainstorm <topic> [until
// <date>]`: an idea answered to the person alone; a board and a call for ideas posted in the
// channel through the outbox (a person who asked is told only when it cannot be posted there).
import type { RespondFn } from '@slack/bolt'
import { checkIdea, readBrainstormCommand, readIdeaCommand } from '../../domain/brainstorm.ts'
import { localDate } from '../../domain/dates.ts'
import { localeFromSlack, type Messages } from '../../i18n/catalogue.ts'
import { slackDate } from './message.ts'
import { escapeMrkdwn } from '../../i18n/mrkdwn.ts'
import { ideaBoardDraft } from './notifications.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import type { CommandContext } from '../commandContext.ts'

type Answer = { text: string }


/** `/campaign idea …`: onto the workspace's board, and into the round open in this channel, if any. */
export async function ideaCommandAnswer({ services, command, person, m, rest }: CommandContext): Promise<Answer> {
  const typed = readIdeaCommand(rest)
  if (!typed.text) return { text: m.ideas.command.usage }
  const checked = checkIdea(typed.text, typed.tag)
  if (!checked.ok) return { text: m.ideas.textError(checked.error) }
  const added = await services.store.ideas.add({
    teamId: command.team_id, authorId: person.userId, text: checked.text, tag: checked.tag,
    channelId: command.channel_id, at: services.clock.now(), boards: ideaBoardDraft,
  })
  if (added.outcome !== 'added') return { text: m.ideas.command.added }
  void services.dispatcher.deliverNow(added.outboxIds)
  return { text: added.round ? m.ideas.command.addedToRound(escapeMrkdwn(added.round.topic)) : m.ideas.command.added }
}

/** The language of a post in a channel: the workspace's, else the person's who caused it. */
async function channelLocale(services: Services, teamId: string, person: Person) {
  return localeFromSlack((await services.store.ideas.workspaceLocale(teamId)) ?? person.locale)
}

/**
 * Delivers a board the person is waiting to see. When it cannot go in this channel they are told,
 * and the board is retired, so that votes queue no edits of a message that does not exist.
 */
async function deliverOrExplain(services: Services, board: { teamId: string; boardId: number; outboxIds: number[] }, respond: RespondFn, m: Messages): Promise<void> {
  const [postId] = board.outboxIds
  const outcomes = await services.dispatcher.deliverNow(board.outboxIds)
  if (postId === undefined || outcomes.get(postId) !== 'failed') return
  await services.store.ideas.retireUnposted(board.teamId, board.boardId, services.clock.now())
  await respond(ephemeral(m.ideas.command.notPostedHere))
}

/** `/campaign ideas`: the workspace's board, posted in this channel. */
export async function ideasCommand({ services, command, respond, person, m }: CommandContext): Promise<void> {
  const posted = await services.store.ideas.postBoard({
    teamId: command.team_id, channelId: command.channel_id, postedById: person.userId,
    locale: await channelLocale(services, command.team_id, person), at: services.clock.now(), boards: ideaBoardDraft,
  })
  await deliverOrExplain(services, { teamId: command.team_id, ...posted }, respond, m)
}

/** `/campaign brainstorm <topic> [until <date>]`: a call for ideas in this channel, open until the deadline. */
export async function brainstormCommand({ services, command, respond, person, m, rest }: CommandContext): Promise<void> {
  if (!rest.trim()) return void (await respond(ephemeral(m.ideas.brainstorm.usage)))
  const now = services.clock.now()
  const read = readBrainstormCommand(rest, now, localDate(now, person.timeZone), person.timeZone)
  if (!read.ok) return void (await respond(ephemeral(m.ideas.brainstorm.error(read.error))))
  const started = await services.store.ideas.startRound({
    teamId: command.team_id, channelId: command.channel_id, topic: read.topic, startedById: person.userId, deadline: read.deadline,
    locale: await channelLocale(services, command.team_id, person), at: now, boards: ideaBoardDraft,
  })
  if (started.outcome === 'already_open') {
    return void (await respond(ephemeral(m.ideas.brainstorm.alreadyOpen(escapeMrkdwn(started.round.topic), slackDate(started.round.deadline)))))
  }
  services.logger.info({ team: command.team_id, user: person.userId, round: started.round.id }, 'brainstorm_started')
  await deliverOrExplain(services, { teamId: command.team_id, ...started }, respond, m)
}
