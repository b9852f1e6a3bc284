// A request from a workspace that has no installation (it never installed the app, or removed it):
// Bolt alone would answer it with nothing. The person who typed the command, clicked or submitted
// is told, in one line (both languages: without a token nobody can ask Slack theirs), that the app
// must be installed, and where — never served with another workspace's token. So is a request
// whose workspace's token could not be looked up (the database away): in words, not silence.
import type { AnyMiddlewareArgs, Middleware, RespondArguments } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import { messagesFor } from '../../i18n/catalogue.ts'
import { installMessages } from '../../i18n/install.ts'
import type { Logger } from '../../logger.ts'

/** The line for a person, in English and Chinese. */
export function notInstalledText(installUrl: string | null): string {
  return `${installMessages.en.notInstalled(installUrl)}\n${installMessages['zh-CN'].notInstalled(installUrl)}`
}

function notInstalledModal(text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Campaign Desk' },
    close: { type: 'plain_text', text: 'OK' },
    blocks: [{ type: 'section', text: { type: 'plain_text', text } }],
  }
}

/** The database could not be asked for the workspace's token: the usual words, in both languages. */
export function unavailableText(): string {
  return `${messagesFor('en').trouble.database}\n${messagesFor('zh-CN').trouble.database}`
}

export function answerNotInstalled(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!args.context.notInstalled && !args.context.unavailable) return args.next()
    const body = args.body as { type?: string; command?: string; event?: unknown; view?: { blocks?: Array<{ type?: string; block_id?: string }> } }
    // Events were acked by Bolt already; nobody waits on them, and there is no token to answer with.
    if (body.event !== undefined) return
    const text = args.context.unavailable ? unavailableText() : notInstalledText(typeof args.context.installUrl === 'string' ? args.context.installUrl : null)
    const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : async () => {}
    if (body.command !== undefined) return ack({ response_type: 'ephemeral', text })
    if (body.type === 'view_submission') {
      // The database away: the form stays as typed, the words on its first field, to submit again.
      const firstInput = body.view?.blocks?.find((block) => block.type === 'input' && block.block_id)?.block_id
      if (args.context.unavailable && firstInput) return ack({ response_action: 'errors', errors: { [firstInput]: text } })
      return ack({ response_action: 'update', view: notInstalledModal(text) })
    }
    await ack()
    const respond = 'respond' in args ? args.respond : undefined
    if (respond) {
      const answer: RespondArguments = { response_type: 'ephemeral', replace_original: false, text }
      await respond(answer).catch((error: unknown) => logger.warn({ err: error }, 'not_installed_answer_failed'))
    }
  }
}
