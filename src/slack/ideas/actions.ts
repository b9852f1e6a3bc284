// The brainstorm's clicks and forms: the message shortcut "Add to campaign ideas" and the round
// call's Add button (the idea modal), Upvote, Make it a proposal (the proposal modal, prefilled),
// and each idea's menu (Edit and Withdraw for its author, Remove for a workspace admin). A refused
// click is answered in words, ephemeral, in the person's language.
import type { BlockAction, ButtonAction, MessageShortcut, OverflowAction, RespondFn, ViewResponseAction } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import {
  checkIdea, cutTo, readableMessageText, refusalToChangeIdea, refusalToPropose, type Idea, type IdeaRefusal,
} from '../../domain/brainstorm.ts'
import { proposalLimits } from '../../domain/proposal.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { ideaBoardActions, readIdeaId, readIdeaMenuValue, readUpvoteValue } from './message.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { ideaBoardDraft } from './notifications.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import {
  addIdeaMetadata, addIdeaModal, editIdeaMetadata, editIdeaModal, ideaAddedView, ideaErrorsForSlack, ideaModalIds, readIdeaModal,
} from './modals.ts'
import { openModalOrExplain } from '../shared/openModal.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { proposalModal } from '../proposal/modal.ts'
import { proposalLessons } from '../learning/blocks.ts'
import { ephemeral } from '../shared/ephemeral.ts'

/** The message shortcut, as declared in manifest.yml. */
export const addToIdeasShortcut = 'add_to_campaign_ideas'

/** How long the idea's submission waits for the message's permalink; past it, the link is left out. */
const permalinkWaitMs = 1_000


export function ideaRefusalText(refusal: IdeaRefusal | 'already_proposed', idea: Idea, m: Messages): string {
  if (refusal === 'already_proposed') {
    return m.ideas.refusal.alreadyProposed(idea.campaign ? trusted(`#${idea.campaign.id} *${escapeMrkdwn(idea.campaign.name)}*`) : trusted(''))
  }
  return m.ideas.refusal[refusal]
}

/** The message's permalink, if Slack gives it quickly; null otherwise (the idea keeps channel and ts). */
async function permalinkOf(client: WebClient, channel: string, messageTs: string): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), permalinkWaitMs) })
  const asked = client.chat.getPermalink({ channel, message_ts: messageTs }).then((answer) => answer.permalink ?? null, () => null)
  try {
    return await Promise.race([asked, late])
  } finally {
    clearTimeout(timer)
  }
}

type Click = { teamId: string; person: Person; m: Messages }

export function registerIdeaSurfaces(listeners: Listeners, services: Services): void {
  async function whoActs(body: { team?: { id?: string } | null; user: { id: string; team_id?: string } }): Promise<Click> {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    return { teamId, person, m: messagesFor(person.locale) }
  }

  type Handler<A extends ButtonAction | OverflowAction> = (args: { body: BlockAction<A>; action: A; client: WebClient; respond: RespondFn; click: Click }) => Promise<void>

  /** Acks, reads who clicked, and turns a failure into words. */
  function guarded<A extends ButtonAction | OverflowAction>(name: string, handler: Handler<A>) {
    return async ({ ack, body, action, client, respond }: { ack: () => Promise<void>; body: BlockAction<A>; action: A; client: WebClient; respond: RespondFn }) => {
      await ack()
      const click = await whoActs(body)
      try {
        await handler({ body, action, client, respond, click })
      } catch (error) {
        services.logger.error({ err: error, team: click.teamId, user: click.person.userId, action: name }, 'idea_action_failed')
        await respond(ephemeral(troubleMessage(error, click.m))).catch(() => {})
      }
    }
  }

  // ── Adding an idea: the message shortcut, and the Add button of a round's call ────────────────

  listeners.shortcut<MessageShortcut>(addToIdeasShortcut, async ({ ack, shortcut, client, respond }) => {
    await ack()
    const { teamId, m } = await whoActs(shortcut)
    const channelId = shortcut.channel.id
    const round = await services.store.ideas.openRoundIn(teamId, channelId).catch(() => null)
    const metadata = { source: { channelId, messageTs: shortcut.message.ts, authorId: shortcut.message.user ?? null } }
    const text = readableMessageText(shortcut.message.text ?? '')
    await openModalOrExplain(client, shortcut.trigger_id, addIdeaModal(m, metadata, { text, round }), respond, m, services.logger)
  })

  listeners.action<BlockAction<ButtonAction>>(ideaBoardActions.addToRound, guarded('brainstorm_add', async ({ body, action, client, respond, click }) => {
    const roundId = readIdeaId(action.value)
    const round = roundId === null ? null : await services.store.ideas.roundById(click.teamId, roundId)
    if (!round) return void (await respond(ephemeral(click.m.ideas.refusal.gone)))
    if (round.closedAt) return void (await respond(ephemeral(click.m.ideas.command.roundClosed)))
    await openModalOrExplain(client, body.trigger_id, addIdeaModal(click.m, { roundId: round.id }, { round }), respond, click.m, services.logger)
  }))

  listeners.view(ideaModalIds.addCallback, async ({ ack, body, view, client }) => {
    const { teamId, person, m } = await whoActs(body)
    const answer = (response?: ViewResponseAction) => ack(response as never)
    try {
      const metadata = readViewMetadata(addIdeaMetadata, view.private_metadata)
      // Not the metadata this form was opened with: which round or message it came from is unknown.
      if (!metadata) return await answer({ response_action: 'errors', errors: { [ideaModalIds.text]: m.formOutdated } })
      const typed = readIdeaModal(view.state.values)
      const checked = checkIdea(typed.text, typed.tag)
      if (!checked.ok) return await answer({ response_action: 'errors', errors: ideaErrorsForSlack(checked.error, m) })
      const source = metadata.source
        ? { channelId: metadata.source.channelId, messageTs: metadata.source.messageTs, permalink: await permalinkOf(client, metadata.source.channelId, metadata.source.messageTs) }
        : undefined
      const added = await services.store.ideas.add({
        teamId, authorId: person.userId, text: checked.text, tag: checked.tag, at: services.clock.now(), boards: ideaBoardDraft,
        sourceViewId: view.id,
        ...(source ? { source, channelId: source.channelId } : {}),
        ...(metadata.roundId !== undefined ? { roundId: metadata.roundId } : {}),
      })
      if (added.outcome === 'added') {
        void services.dispatcher.deliverNow(added.outboxIds)
        services.logger.info({ team: teamId, user: person.userId, idea: added.idea.id, round: added.round?.id }, 'idea_added')
      }
      const round = added.outcome === 'added' ? added.round : null
      await answer({ response_action: 'update', view: ideaAddedView(m, round) })
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: person.userId }, 'idea_add_failed')
      await answer({ response_action: 'errors', errors: { [ideaModalIds.text]: troubleMessage(error, m) } }).catch(() => {})
    }
  })

  // ── Votes ───────────────────────────────────────────────────────────────────────────────────

  listeners.action<BlockAction<ButtonAction>>(ideaBoardActions.upvote, guarded('idea_upvote', async ({ action, respond, click }) => {
    const press = readUpvoteValue(action.value)
    if (!press) return void (await respond(ephemeral(click.m.ideas.refusal.gone)))
    const voted = await services.store.ideas.vote({
      teamId: click.teamId, ideaId: press.ideaId, userId: click.person.userId, press: { boardId: press.boardId, revision: press.revision },
      at: services.clock.now(), boards: ideaBoardDraft,
    })
    services.logger.info({ team: click.teamId, user: click.person.userId, idea: press.ideaId, outcome: voted.outcome }, 'idea_vote')
    switch (voted.outcome) {
      case 'voted': case 'unvoted': return void services.dispatcher.deliverNow(voted.outboxIds)
      case 'repeat': return
      case 'not_open': return void (await respond(ephemeral(click.m.ideas.refusal.not_open)))
      case 'not_found': return void (await respond(ephemeral(click.m.ideas.refusal.gone)))
    }
  }))

  // ── Make it a proposal ──────────────────────────────────────────────────────────────────────

  listeners.action<BlockAction<ButtonAction>>(ideaBoardActions.propose, guarded('idea_propose', async ({ body, action, client, respond, click }) => {
    const ideaId = readIdeaId(action.value)
    const idea = ideaId === null ? null : await services.store.ideas.byId(click.teamId, ideaId)
    if (!idea) return void (await respond(ephemeral(click.m.ideas.refusal.gone)))
    const refusal = refusalToPropose(idea)
    if (refusal) return void (await respond(ephemeral(ideaRefusalText(refusal, idea, click.m))))
    const view = proposalModal(click.m, { mode: 'new', sourceIdeaId: idea.id }, {
      theme: cutTo(idea.text, proposalLimits.theme),
      ...(idea.tag ? { timingNote: cutTo(idea.tag.label, proposalLimits.timingNote) } : {}),
      ownerId: click.person.userId,
    }, await proposalLessons(services, click.teamId, {}, click.m))
    await openModalOrExplain(client, body.trigger_id, view, respond, click.m, services.logger)
  }))

  // ── Each idea's menu: Edit, Withdraw (its author), Remove (an admin) ──────────────────────────

  listeners.action<BlockAction<OverflowAction>>(ideaBoardActions.menu, guarded('idea_menu', async ({ body, action, client, respond, click }) => {
    const { teamId, person, m } = click
    const choice = readIdeaMenuValue(action.selected_option?.value)
    const idea = choice ? await services.store.ideas.byId(teamId, choice.ideaId) : null
    if (!choice || !idea) return void (await respond(ephemeral(m.ideas.refusal.gone)))
    const refusal = refusalToChangeIdea(idea, person, choice.operation)
    if (refusal) return void (await respond(ephemeral(ideaRefusalText(refusal, idea, m))))
    if (choice.operation === 'edit') {
      return void (await openModalOrExplain(client, body.trigger_id, editIdeaModal(m, idea), respond, m, services.logger))
    }
    const changed = await services.store.ideas.change({
      teamId, ideaId: idea.id, actor: person, at: services.clock.now(), boards: ideaBoardDraft, change: { kind: choice.operation },
    })
    services.logger.info({ team: teamId, user: person.userId, idea: idea.id, operation: choice.operation, outcome: changed.outcome }, 'idea_changed')
    switch (changed.outcome) {
      case 'changed':
        void services.dispatcher.deliverNow(changed.outboxIds)
        return void (await respond(ephemeral(choice.operation === 'withdraw' ? m.ideas.done.withdrawn : m.ideas.done.removed(mentionUser(idea.authorId)))))
      case 'refused': return void (await respond(ephemeral(ideaRefusalText(changed.refusal, changed.idea, m))))
      case 'stale': case 'not_found': return void (await respond(ephemeral(m.ideas.refusal.gone)))
    }
  }))

  listeners.view(ideaModalIds.editCallback, async ({ ack, body, view }) => {
    const { teamId, person, m } = await whoActs(body)
    const answer = (response?: ViewResponseAction) => ack(response as never)
    const refuse = (text: string) => answer({ response_action: 'errors', errors: { [ideaModalIds.text]: text } })
    try {
      const metadata = readViewMetadata(editIdeaMetadata, view.private_metadata)
      if (!metadata) return await refuse(m.formOutdated)
      const typed = readIdeaModal(view.state.values)
      const checked = checkIdea(typed.text, typed.tag)
      if (!checked.ok) return await answer({ response_action: 'errors', errors: ideaErrorsForSlack(checked.error, m) })
      const changed = await services.store.ideas.change({
        teamId, ideaId: metadata.ideaId, actor: person, at: services.clock.now(), boards: ideaBoardDraft,
        change: { kind: 'edit', text: checked.text, tag: checked.tag, expectedVersion: metadata.version },
      })
      services.logger.info({ team: teamId, user: person.userId, idea: metadata.ideaId, operation: 'edit', outcome: changed.outcome }, 'idea_changed')
      switch (changed.outcome) {
        case 'changed':
          void services.dispatcher.deliverNow(changed.outboxIds)
          return await answer()
        case 'refused': return await refuse(ideaRefusalText(changed.refusal, changed.idea, m))
        case 'stale': return await refuse(m.ideas.refusal.stale)
        case 'not_found': return await refuse(m.ideas.refusal.gone)
      }
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: person.userId }, 'idea_edit_failed')
      await refuse(troubleMessage(error, m)).catch(() => {})
    }
  })
}
