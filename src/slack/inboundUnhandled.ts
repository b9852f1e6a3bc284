// What no listener of this version takes (listeners.ts knows): a modal left open from an older
// version, a button on an old message, a command from an old manifest, a closed modal, an event
// nobody subscribed to. Bolt would leave it unacked for 3 s and answer 404, and the person would
// see an error with nothing to do about it. Here it is acked at once, and whoever is waiting is
// told what to do instead, in their language.
import type { AnyMiddlewareArgs, Middleware, RespondArguments } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import { requestMessagesFor, type RequestMessages } from '../i18n/requests.ts'
import { plainText, section } from './shared/elements.ts'
import { escapeMrkdwn, trusted } from '../i18n/mrkdwn.ts'
import type { Listeners } from './listeners.ts'
import type { Services } from './services.ts'

/** The fields of a checked body (inbound.ts) that say who is waiting and on what. */
type UnhandledBody = {
  type?: string
  command?: string
  event?: unknown
  team?: { id?: string } | null
  team_id?: string
  user?: { id?: string; team_id?: string }
  user_id?: string
}

/** Replaces a modal no listener knows: nothing was saved, and how to get the current form. */
export function olderModalView(m: RequestMessages): ModalView {
  return {
    type: 'modal',
    title: plainText(m.olderModal.title, 24),
    close: plainText(m.olderModal.close, 24),
    blocks: [section(trusted(m.olderModal.text))],
  }
}

export function answerUnhandled(listeners: Listeners, services: Pick<Services, 'people' | 'logger'>): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (listeners.handles(args.body)) return args.next()
    args.context.unhandled = true // for the request's log line
    const body = args.body as UnhandledBody
    // Events were acked by Bolt before any middleware ran; nobody waits on them.
    if (body.event !== undefined) return
    const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : async () => {}
    const teamId = body.team?.id ?? body.user?.team_id ?? body.team_id ?? ''
    const userId = body.user?.id ?? body.user_id ?? ''
    const messages = async () => requestMessagesFor((await services.people.person(teamId, userId)).locale)

    if (body.command !== undefined) {
      const m = await messages()
      return ack({ response_type: 'ephemeral', text: m.olderCommand(escapeMrkdwn(body.command)) })
    }
    if (body.type === 'view_submission') return ack({ response_action: 'update', view: olderModalView(await messages()) })
    await ack()
    const respond = 'respond' in args ? args.respond : undefined
    if (body.type === 'block_actions' && respond) {
      const answer: RespondArguments = { response_type: 'ephemeral', replace_original: false, text: (await messages()).olderButton }
      await respond(answer).catch((error: unknown) => services.logger.warn({ err: error, team: teamId, user: userId }, 'older_button_answer_failed'))
    }
  }
}
