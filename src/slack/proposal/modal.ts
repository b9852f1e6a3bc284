// The proposal modal of stage 1: opened by `/campaign new` (empty) or by Revise (filled in),
// read back into a domain proposal on submit.
import type { KnownBlock, ModalView, PlainTextInput } from '@slack/types'
import { z } from 'zod'
import { campaignKinds, platforms, timingNodes, type Campaign } from '../../domain/campaign.ts'
import { proposalLimits, type FieldErrors, type ProposalField, type ProposalInput } from '../../domain/proposal.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { context, input, option, plainText } from '../shared/elements.ts'
import { trusted } from '../../i18n/mrkdwn.ts'
import { recordId } from '../shared/recordIds.ts'
import type { ChannelRequest } from '../../domain/campaignChannel.ts'
import { campaignChannelBlocks } from '../campaignChannel/form.ts'

export const proposalModalCallbackId = 'campaign_proposal'

/** Every input has one element, so one action id serves them all. */
const valueActionId = 'value'

export const proposalBlockIds: Record<ProposalField, string> = {
  name: 'proposal_name',
  theme: 'proposal_theme',
  basicContent: 'proposal_basic_content',
  kind: 'proposal_kind',
  platform: 'proposal_platform',
  platformOther: 'proposal_platform_other',
  timingNode: 'proposal_timing_node',
  timingNote: 'proposal_timing_note',
  startDate: 'proposal_start_date',
  endDate: 'proposal_end_date',
  channelId: 'proposal_channel',
  ownerId: 'proposal_owner',
  approverId: 'proposal_approver',
}

/** What the modal carries between opening and submission (Slack gives it back untouched). */
export const proposalModalMetadata = z.object({
  mode: z.enum(['new', 'revise']),
  campaignId: recordId.optional(),
  version: z.number().int().nonnegative().optional(),
  /** "Make it a proposal" on an idea: the campaign is linked back to it. */
  sourceIdeaId: recordId.optional(),
})
export type ProposalModalMetadata = z.infer<typeof proposalModalMetadata>

export type ProposalModalPrefill = Partial<{
  name: string; theme: string; basicContent: string; kind: Campaign['kind']; platform: Campaign['platform']
  platformOther: string | null; timingNode: Campaign['timingNode']; timingNote: string | null
  startDate: string; endDate: string; channelId: string; ownerId: string; approverId: string
}>

export function prefillFromCampaign(campaign: Campaign): ProposalModalPrefill {
  return {
    name: campaign.name, theme: campaign.proposal.theme, basicContent: campaign.proposal.basicContent,
    kind: campaign.kind, platform: campaign.platform, platformOther: campaign.platformOther,
    timingNode: campaign.timingNode, timingNote: campaign.timingNote, startDate: campaign.startDate,
    endDate: campaign.endDate, channelId: campaign.channelId, ownerId: campaign.ownerId, approverId: campaign.approverId,
  }
}

function textInput(maxLength: number, initial: string | null | undefined, placeholder?: string, multiline = false): PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: valueActionId,
    max_length: maxLength,
    ...(multiline ? { multiline: true } : {}),
    ...(initial ? { initial_value: initial } : {}),
    ...(placeholder ? { placeholder: plainText(placeholder, 150) } : {}),
  }
}

/**
 * `lessons`: what the most similar closed campaigns learned (learningBlocks.ts), shown under the intro.
 * `ownChannel`: the campaign's own channel as asked for so far (revising), null for none.
 */
export function proposalModal(m: Messages, metadata: ProposalModalMetadata, prefill: ProposalModalPrefill = {}, lessons: KnownBlock | null = null, ownChannel: ChannelRequest | null = null): ModalView {
  const t = m.proposalModal
  const revising = metadata.mode === 'revise'
  const kindOptions = campaignKinds.map((kind) => option(m.kind[kind], kind))
  const platformOptions = platforms.map((platform) => option(m.platform[platform], platform))
  const timingOptions = timingNodes.map((node) => option(m.timingNode[node], node))
  const selected = <T extends { value?: string }>(options: T[], value: string | null | undefined) => {
    const found = options.find((o) => o.value === value)
    return found ? { initial_option: found } : {}
  }
  const b = proposalBlockIds
  return {
    type: 'modal',
    callback_id: proposalModalCallbackId,
    private_metadata: JSON.stringify(metadata),
    title: plainText(revising ? t.titleRevise : t.titleNew, 24),
    submit: plainText(revising ? t.submitRevise : t.submitNew, 24),
    close: plainText(t.close, 24),
    blocks: [
      context(trusted(t.intro)),
      ...(lessons ? [lessons] : []),
      input(b.name, t.name.label, textInput(proposalLimits.name, prefill.name, t.name.placeholder)),
      input(b.theme, t.theme.label, textInput(proposalLimits.theme, prefill.theme, t.theme.placeholder), { hint: t.theme.hint }),
      input(b.basicContent, t.basicContent.label, textInput(proposalLimits.basicContent, prefill.basicContent, t.basicContent.placeholder, true), { hint: t.basicContent.hint }),
      input(b.kind, t.kind.label, { type: 'radio_buttons', action_id: valueActionId, options: kindOptions, ...selected(kindOptions, prefill.kind ?? 'own_site') }),
      input(b.platform, t.platform.label, { type: 'static_select', action_id: valueActionId, options: platformOptions, ...selected(platformOptions, prefill.platform) }, { hint: t.platform.hint, optional: true }),
      input(b.platformOther, t.platformOther.label, textInput(proposalLimits.platformOther, prefill.platformOther), { hint: t.platformOther.hint, optional: true }),
      input(b.timingNode, t.timingNode.label, { type: 'static_select', action_id: valueActionId, options: timingOptions, ...selected(timingOptions, prefill.timingNode) }),
      input(b.timingNote, t.timingNote.label, textInput(proposalLimits.timingNote, prefill.timingNote, t.timingNote.placeholder), { hint: t.timingNote.hint, optional: true }),
      input(b.startDate, t.startDate.label, { type: 'datepicker', action_id: valueActionId, ...(prefill.startDate ? { initial_date: prefill.startDate } : {}) }),
      input(b.endDate, t.endDate.label, { type: 'datepicker', action_id: valueActionId, ...(prefill.endDate ? { initial_date: prefill.endDate } : {}) }, { hint: t.endDate.hint }),
      input(b.channelId, t.channel.label, {
        type: 'conversations_select', action_id: valueActionId,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(prefill.channelId ? { initial_conversation: prefill.channelId } : { default_to_current_conversation: true }),
      }, { hint: t.channel.hint }),
      input(b.ownerId, t.owner.label, { type: 'users_select', action_id: valueActionId, ...(prefill.ownerId ? { initial_user: prefill.ownerId } : {}) }),
      input(b.approverId, t.approver.label, { type: 'users_select', action_id: valueActionId, ...(prefill.approverId ? { initial_user: prefill.approverId } : {}) }, { hint: t.approver.hint }),
      ...campaignChannelBlocks(m, ownChannel),
    ],
  }
}

// What Slack sends back for each element; anything else (a malformed submission) reads as empty.
const elementState = z.object({
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_conversation: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
}).partial()
const stateValues = z.record(z.string(), z.record(z.string(), z.unknown()))

/** Slack's view.state.values → the proposal as typed, for the domain to check. */
export function readProposalInput(values: unknown): ProposalInput {
  const parsedValues = stateValues.safeParse(values)
  const all = parsedValues.success ? parsedValues.data : {}
  const read = (field: ProposalField) => {
    const parsed = elementState.safeParse(all[proposalBlockIds[field]]?.[valueActionId])
    return parsed.success ? parsed.data : {}
  }
  const text = (field: ProposalField) => read(field).value ?? ''
  const choice = (field: ProposalField) => read(field).selected_option?.value
  return {
    name: text('name'),
    theme: text('theme'),
    basicContent: text('basicContent'),
    kind: choice('kind') as ProposalInput['kind'],
    platform: (choice('platform') ?? null) as ProposalInput['platform'],
    platformOther: text('platformOther'),
    timingNode: choice('timingNode') as ProposalInput['timingNode'],
    timingNote: text('timingNote'),
    startDate: read('startDate').selected_date ?? '',
    endDate: read('endDate').selected_date ?? '',
    channelId: read('channelId').selected_conversation ?? '',
    ownerId: read('ownerId').selected_user ?? '',
    approverId: read('approverId').selected_user ?? '',
  }
}

/** Field errors → Slack's `response_action: errors`, keyed by block id, in the person's language. */
export function proposalErrorsForSlack(errors: FieldErrors, m: Messages): Record<string, string> {
  const forSlack: Record<string, string> = {}
  for (const [field, error] of Object.entries(errors) as Array<[ProposalField, { code: Parameters<Messages['fieldError']>[0]; max?: number }]>) {
    forSlack[proposalBlockIds[field]] = m.fieldError(error.code, error.max)
  }
  return forSlack
}
