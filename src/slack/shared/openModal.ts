// Opening a modal from a click or a command, and telling the person in words when Slack won't.
import type { RespondFn } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import type { Messages } from '../../i18n/catalogue.ts'
import type { Mrkdwn } from '../../i18n/mrkdwn.ts'
import { plainText, section } from './elements.ts'
import type { Logger } from '../../logger.ts'

/** Opens `view`; on failure answers the person (ephemeral) and logs. True when the modal is open. */
export async function openModalOrExplain(
  client: WebClient, triggerId: string, view: ModalView, respond: RespondFn, m: Messages, logger: Logger,
): Promise<boolean> {
  try {
    await client.views.open({ trigger_id: triggerId, view })
    return true
  } catch (error) {
    const code = (error as { data?: { error?: string }; code?: string }).data?.error ?? (error as { code?: string }).code
    logger.warn({ error: code, callbackId: view.callback_id }, 'modal_not_opened')
    // A trigger lives 3 s: when it has expired, only running the command again helps.
    const text = code === 'expired_trigger_id' ? m.trouble.modalExpired : m.trouble.slack
    await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {})
    return false
  }
}

/** A small modal that says why nothing happened (a deleted item, a closed plan, an old form). */
export function noticeModal(title: string, text: Mrkdwn, m: Messages): ModalView {
  return { type: 'modal', title: plainText(title, 24), close: plainText(m.forms.done, 24), blocks: [section(text)] }
}
