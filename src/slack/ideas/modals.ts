// The idea modal: adding an idea from a message (the shortcut, text prefilled) or from a round's
// call, and editing one's own idea. Read back into text and tag on submit.
import type { KnownBlock, ModalView } from '@slack/types'
import { z } from 'zod'
import { cutTo, ideaLimits, type BrainstormRound, type Idea, type IdeaTextError } from '../../domain/brainstorm.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { slackDate } from './message.ts'
import { context, input, plainText, section } from '../shared/elements.ts'
import { escapeMrkdwn, mentionChannel, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { largestRecordId, recordId } from '../shared/recordIds.ts'

export const ideaModalIds = {
  addCallback: 'campaign_idea_add',
  editCallback: 'campaign_idea_edit',
  text: 'idea_text',
  tag: 'idea_tag',
} as const

const valueActionId = 'value'

/** Carried by the add modal: the message it comes from, and the round whose call's button was used. */
export const addIdeaMetadata = z.object({
  source: z.object({ channelId: z.string().min(1), messageTs: z.string().min(1), authorId: z.string().nullable() }).optional(),
  roundId: recordId.optional(),
})
export type AddIdeaMetadata = z.infer<typeof addIdeaMetadata>

export const editIdeaMetadata = z.object({ ideaId: recordId, version: z.number().int().nonnegative().max(largestRecordId) })
export type EditIdeaMetadata = z.infer<typeof editIdeaMetadata>

function fields(m: Messages, text: string, tag: string | null): KnownBlock[] {
  const t = m.ideas.modal
  return [
    input(ideaModalIds.text, t.text.label, {
      type: 'plain_text_input', action_id: valueActionId, multiline: true, max_length: ideaLimits.text,
      placeholder: plainText(t.text.placeholder, 150), ...(text ? { initial_value: cutTo(text, ideaLimits.text) } : {}),
    }, { hint: t.text.hint }),
    input(ideaModalIds.tag, t.tag.label, {
      type: 'plain_text_input', action_id: valueActionId, max_length: ideaLimits.tagLabel,
      placeholder: plainText(t.tag.placeholder, 150), ...(tag ? { initial_value: cutTo(tag, ideaLimits.tagLabel) } : {}),
    }, { hint: t.tag.hint, optional: true }),
  ]
}

/** Adding an idea: `text` prefilled from a message, and the round it will join, if one is open there. */
export function addIdeaModal(m: Messages, metadata: AddIdeaMetadata, prefill: { text?: string; round?: BrainstormRound | null } = {}): ModalView {
  const t = m.ideas.modal
  const notes: KnownBlock[] = []
  if (metadata.source) {
    const author = metadata.source.authorId ? mentionUser(metadata.source.authorId) : trusted('—')
    notes.push(context(trusted(t.fromMessage(author, mentionChannel(metadata.source.channelId)))))
  }
  if (prefill.round) notes.push(context(trusted(t.joinsRound(escapeMrkdwn(prefill.round.topic), slackDate(prefill.round.deadline)))))
  return {
    type: 'modal',
    callback_id: ideaModalIds.addCallback,
    private_metadata: JSON.stringify(metadata),
    title: plainText(t.titleAdd, 24),
    submit: plainText(t.submitAdd, 24),
    close: plainText(t.close, 24),
    blocks: [...fields(m, prefill.text ?? '', null), ...notes],
  }
}

export function editIdeaModal(m: Messages, idea: Idea): ModalView {
  const t = m.ideas.modal
  return {
    type: 'modal',
    callback_id: ideaModalIds.editCallback,
    private_metadata: JSON.stringify({ ideaId: idea.id, version: idea.version } satisfies EditIdeaMetadata),
    title: plainText(t.titleEdit, 24),
    submit: plainText(t.submitEdit, 24),
    close: plainText(t.close, 24),
    blocks: fields(m, idea.text, idea.tag?.label ?? null),
  }
}

/** What replaces the add modal once the idea is stored. */
export function ideaAddedView(m: Messages, round: BrainstormRound | null): ModalView {
  const t = m.ideas.modal
  return {
    type: 'modal',
    title: plainText(t.addedTitle, 24),
    close: plainText(t.closeAdded, 24),
    blocks: [section(trusted(round ? t.addedToRound(escapeMrkdwn(round.topic)) : t.added))],
  }
}

const stateValues = z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).partial()))

/** Slack's view.state.values → the idea's text and tag as typed. */
export function readIdeaModal(values: unknown): { text: string; tag: string } {
  const parsed = stateValues.safeParse(values)
  const all = parsed.success ? parsed.data : {}
  return {
    text: all[ideaModalIds.text]?.[valueActionId]?.value ?? '',
    tag: all[ideaModalIds.tag]?.[valueActionId]?.value ?? '',
  }
}

/** A refused text or tag, as Slack's `response_action: errors` keyed by block id. */
export function ideaErrorsForSlack(error: IdeaTextError, m: Messages): Record<string, string> {
  return { [error === 'tag_too_long' ? ideaModalIds.tag : ideaModalIds.text]: m.ideas.textError(error) }
}
