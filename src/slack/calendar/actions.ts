// Plan a campaign for a date of the marketing calendar: the button beside a node (or a month's
// menu, in a long calendar) opens the proposal modal with the node's timing, its name as the timing
// note and suggested dates. The node is found again from its key, so a calendar message of any age
// opens the dates as the calendar computes them now.
import type { BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt'
import { nodeByKey, ownCalendarDays, suggestedCampaignWindow } from '../../domain/calendar.ts'
import { isCalendarCountry, type CalendarNode } from '../../domain/calendarNode.ts'
import { localDate } from '../../domain/dates.ts'
import { proposalLimits } from '../../domain/proposal.ts'
import { messagesFor, type Locale } from '../../i18n/catalogue.ts'
import { calendarActions, nodeName } from './message.ts'
import { preparationLeadDays } from './commands.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { openModalOrExplain } from '../shared/openModal.ts'
import { proposalModal, type ProposalModalPrefill } from '../proposal/modal.ts'
import { proposalLessons } from '../learning/blocks.ts'
import { ephemeral } from '../shared/ephemeral.ts'

/** The timing note a Plan-this click writes: the node's name and dates, which the calendar reads back (campaignsAround). */
export function timingNoteFor(node: CalendarNode, locale: Locale): string {
  const dates = node.startDate === node.endDate ? node.startDate : `${node.startDate} – ${node.endDate}`
  return [...`${nodeName(node, locale)} ${dates}`].slice(0, proposalLimits.timingNote).join('')
}

/** What the proposal modal is opened with for a node, on `today`. */
export function calendarPrefill(node: CalendarNode, today: string, ownerId: string, locale: Locale): ProposalModalPrefill {
  return { ownerId, timingNode: node.timingNode, timingNote: timingNoteFor(node, locale), ...suggestedCampaignWindow(node, today) }
}


export function registerCalendarActions(listeners: Listeners, services: Services): void {
  async function planThis(args: { ack: () => Promise<void>; body: BlockAction; key: string | undefined; client: Parameters<typeof openModalOrExplain>[0]; respond: Parameters<typeof openModalOrExplain>[3] }): Promise<void> {
    const { ack, body, key, client, respond } = args
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    try {
      const today = localDate(services.clock.now(), person.timeZone)
      const settings = await services.store.calendar.settings(teamId)
      // Found as the calendar showed it: with the workspace's lead and its own days off.
      const country = key?.slice(0, 2)
      const node = key && country && isCalendarCountry(country) ? nodeByKey(key, today, preparationLeadDays(settings), ownCalendarDays(settings, country)) : null
      if (!node) return void (await respond(ephemeral(m.calendar.nodeGone)).catch(() => {}))
      const view = proposalModal(m, { mode: 'new' }, calendarPrefill(node, today, person.userId, person.locale), await proposalLessons(services, teamId, {}, m))
      await openModalOrExplain(client, body.trigger_id, view, respond, m, services.logger)
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: person.userId, node: key }, 'calendar_plan_failed')
      await respond(ephemeral(troubleMessage(error, m))).catch(() => {})
    }
  }
  listeners.action<BlockAction<ButtonAction>>(calendarActions.planThis, ({ ack, body, action, client, respond }) =>
    planThis({ ack, body, key: action.value, client, respond }))
  listeners.action<BlockAction<StaticSelectAction>>(calendarActions.planPick, ({ ack, body, action, client, respond }) =>
    planThis({ ack, body, key: action.selected_option?.value, client, respond }))
}
