// The proposal form's part for a campaign's own channel: "Create a channel for this campaign", its
// name (empty: made from the campaign's name at approval) and public or private. Checked against
// Slack's rules, and against the workspace's channels (conversations.list) so a taken name is said
// in the form; a name taken later, before approval, gets a suffix (delivery.ts).
import type { KnownBlock } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import { z } from 'zod'
import { channelNameMaxLength, checkChannelName, type ChannelRequest } from '../../domain/campaignChannel.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { input, option, plainText } from '../shared/elements.ts'

export const campaignChannelBlockIds = {
  create: 'campaign_channel_create',
  name: 'campaign_channel_name',
  privacy: 'campaign_channel_privacy',
} as const
const valueActionId = 'value'
const createValue = 'create'

export function campaignChannelBlocks(m: Messages, current: ChannelRequest | null): KnownBlock[] {
  const f = m.campaignChannel.form
  const createOption = option(f.create, createValue)
  const privacyOptions = [option(f.public, 'public'), option(f.private, 'private')]
  return [
    input(campaignChannelBlockIds.create, f.label, {
      type: 'checkboxes', action_id: valueActionId, options: [createOption], ...(current ? { initial_options: [createOption] } : {}),
    }, { hint: f.createHint, optional: true }),
    input(campaignChannelBlockIds.name, f.nameLabel, {
      type: 'plain_text_input', action_id: valueActionId, max_length: channelNameMaxLength,
      placeholder: plainText(f.namePlaceholder, 150), ...(current?.name ? { initial_value: current.name } : {}),
    }, { hint: f.nameHint, optional: true }),
    input(campaignChannelBlockIds.privacy, f.privacyLabel, {
      type: 'radio_buttons', action_id: valueActionId, options: privacyOptions, initial_option: privacyOptions[current?.isPrivate ? 1 : 0]!,
    }, { optional: true }),
  ]
}

const element = z.object({
  value: z.string().nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
}).partial()

function read(values: unknown, blockId: string) {
  const block = (values as Record<string, Record<string, unknown>> | undefined)?.[blockId]
  const parsed = element.safeParse(block?.[valueActionId])
  return parsed.success ? parsed.data : {}
}

/**
 * Does a channel of the workspace (archived ones too: Slack keeps their names) have this name?
 * Read within a second and five pages (conversations.list is Tier 2, and Slack closes the
 * submission after 3 s); past them, or when Slack does not answer, the approval's suffix takes over.
 */
async function channelNameTaken(client: WebClient, name: string): Promise<boolean> {
  const deadline = performance.now() + 1_000
  let cursor: string | undefined
  try {
    for (let page = 0; page < 5 && performance.now() < deadline; page++) {
      const answer = await client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: false, limit: 1000, ...(cursor ? { cursor } : {}) })
      if ((answer.channels ?? []).some((channel) => channel.name === name)) return true
      cursor = answer.response_metadata?.next_cursor || undefined
      if (!cursor) return false
    }
  } catch {
    return false
  }
  return false
}

/** Slack closes the submission after 3 s: a slow answer reads as "not taken" (the approval's suffix covers it). */
function withinASecond(taken: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeUp = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), 1_000) })
  return Promise.race([taken, timeUp]).finally(() => clearTimeout(timer))
}

/**
 * The channel the form asks for (null: none), or the error to show under its name, in the
 * person's language, keyed by block id for `response_action: errors`.
 */
export async function readCampaignChannel(client: WebClient, values: unknown, m: Messages): Promise<{ request: ChannelRequest | null; errors: Record<string, string> | null }> {
  const wanted = (read(values, campaignChannelBlockIds.create).selected_options ?? []).some((o) => o.value === createValue)
  if (!wanted) return { request: null, errors: null }
  return readChannelChoice(client, values, m)
}

/** The name and privacy typed (the proposal form's, or the plan's "Create a channel" form), checked the same way. */
export async function readChannelChoice(client: WebClient, values: unknown, m: Messages): Promise<{ request: ChannelRequest | null; errors: Record<string, string> | null }> {
  const isPrivate = read(values, campaignChannelBlockIds.privacy).selected_option?.value === 'private'
  const typed = (read(values, campaignChannelBlockIds.name).value ?? '').trim()
  if (typed === '') return { request: { name: null, isPrivate }, errors: null }
  const checked = checkChannelName(typed)
  if (!checked.ok) return { request: null, errors: { [campaignChannelBlockIds.name]: m.campaignChannel.nameProblem(checked.problem) } }
  if (await withinASecond(channelNameTaken(client, checked.name))) return { request: null, errors: { [campaignChannelBlockIds.name]: m.campaignChannel.nameProblem('taken') } }
  return { request: { name: checked.name, isPrivate }, errors: null }
}
