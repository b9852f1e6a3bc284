// A campaign's own Slack channel (issue 17, part 1): the name proposed from the campaign's name,
// Slack's rules for channel names, the suffix when a name is taken between form and approval, and
// who belongs in the channel. Pure: no Slack, no database, no clock.

/** Slack: lowercase letters, digits, hyphens and underscores; no spaces or periods; at most 80 characters. */
export const channelNameMaxLength = 80
const allowed = /^[a-z0-9_-]+$/

/** Why a typed channel name is refused, as the form says it. */
export type ChannelNameProblem = 'required' | 'too_long' | 'uppercase' | 'spaces_or_periods' | 'invalid_characters'

/** The owner's choice in the proposal form. `name` null: proposed from the campaign's name at approval. */
export type ChannelRequest = { name: string | null; isPrivate: boolean }

/** The name as Slack would store it, or why Slack would refuse it. */
export function checkChannelName(typed: string): { ok: true; name: string } | { ok: false; problem: ChannelNameProblem } {
  // A leading # is how people write channel names; it is not part of the name.
  const name = typed.trim().replace(/^#/, '')
  if (name === '') return { ok: false, problem: 'required' }
  if ([...name].length > channelNameMaxLength) return { ok: false, problem: 'too_long' }
  if (/[\s.]/.test(name)) return { ok: false, problem: 'spaces_or_periods' }
  if (name !== name.toLowerCase() && allowed.test(name.toLowerCase())) return { ok: false, problem: 'uppercase' }
  if (!allowed.test(name)) return { ok: false, problem: 'invalid_characters' }
  return { ok: true, name }
}

/** Latin letters and digits of the name, words joined by hyphens: "Double 11 Tea Festival" → "double-11-tea-festival". */
function latinSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: "Café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * The channel name proposed for a campaign. A name that is mostly Latin becomes its slug; one that
 * is not (a Chinese name) becomes `camp-<year>-<its digits>-<id>`, e.g. "2027 年 618 大促" (id 42)
 * → `camp-2027-618-42`: the year of its start, the numbers it has (a shopping festival is mostly a
 * number), and its id so it is unique.
 */
export function proposeChannelName(campaign: { id: number; name: string; startDate: string }): string {
  const slug = latinSlug(campaign.name)
  const letters = [...campaign.name].filter((c) => /\p{L}/u.test(c))
  const latinLetters = letters.filter((c) => /[a-z]/i.test(c.normalize('NFKD').charAt(0)))
  const mostlyLatin = letters.length > 0 && latinLetters.length * 2 >= letters.length
  if (mostlyLatin && slug !== '') return fitName(slug, '')
  const year = campaign.startDate.slice(0, 4)
  const digits = (campaign.name.normalize('NFKC').match(/\d+/g) ?? []).filter((d) => d !== year)
  return fitName(['camp', year, ...digits].join('-'), `-${campaign.id}`)
}

/** `base` cut so that it and `tail` fit in Slack's 80 characters, with no hyphen left dangling. */
function fitName(base: string, tail: string): string {
  const room = channelNameMaxLength - tail.length
  const cut = base.length > room ? base.slice(0, room).replace(/[-_]+$/, '') : base
  return `${cut}${tail}`
}

/** The n-th name to try when `name` is taken (n ≥ 2): `name-2`, `name-3`…, still within 80 characters. */
export function suffixedChannelName(name: string, n: number): string {
  return fitName(name, `-${n}`)
}

/** How many names `conversations.create` is given before the channel's creation is given up. */
export const channelNameAttempts = 10

/** Slack's answers to conversations.invite that no retry will change: said to the owner once. */
export const refusedInviteCodes: ReadonlySet<string> = new Set([
  'cant_invite', 'user_is_restricted', 'user_is_ultra_restricted', 'user_not_found', 'user_disabled', 'account_inactive',
  'cant_invite_self', 'no_external_invite_permission', 'invitee_cant_see_channel', 'not_allowed_token_type',
])

/** An invitation Slack answered this way did what it was for. */
export const alreadyInvitedCodes: ReadonlySet<string> = new Set(['already_in_channel'])

/** Who belongs in the campaign's channel: everyone named on it, once each, in the order named. */
export function channelMembers(named: { ownerId: string; approverId: string; others: readonly string[] }): string[] {
  return [...new Set([named.ownerId, named.approverId, ...named.others].filter((id) => id !== ''))]
}
