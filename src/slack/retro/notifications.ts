// The retrospective's posts, composed when the scheduler's step writes them: the channel's prompt
// and each participant's DM (both with Fill in the retro), the one reminder to those who have not
// answered, and the owner's notice about a participant who is away or has left (the live stage's
// notice rows, so its renderer says it). Keys say what, for whom: each exists once per campaign.
import type { DueItem } from '../../domain/livePlanner.ts'
import type { RetroStep } from '../../domain/retro.ts'
import { messagesFor, supportedLocales, type Locale } from '../../i18n/catalogue.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { RetroStepCandidate } from '../../store/retro.ts'
import { actions, button, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import type { PeopleDirectory } from '../people.ts'

export const retroOpenActionId = 'retro_open'

export const retroKeys = {
  prompt: (campaignId: number) => `retro-prompt:${campaignId}`,
  dm: (campaignId: number, userId: string) => `retro-dm:${campaignId}:${userId}`,
  reminder: (campaignId: number, userId: string) => `retro-reminder:${campaignId}:${userId}`,
}

/** A message with the Fill in the retro button under it. */
export function retroMessage(text: string, campaignId: number, locale: Locale): { text: string; blocks: Blocks } {
  const m = messagesFor(locale)
  return {
    text,
    blocks: [section(trusted(text)), actions('retro_open', [button(m.retro.fillIn, retroOpenActionId, String(campaignId), 'primary')])],
  }
}

type Step = Extract<RetroStep, { kind: 'prompt' | 'reminder' }>

/**
 * Who of `userIds` may be messaged on `day`, and the owner's notices about the others (once per
 * absence, keyed as the live stage keys them, so a notice it already sent is not repeated).
 */
export function reachableOrNoticed(campaign: RetroStepCandidate, userIds: readonly string[], day: string): { reachable: string[]; notices: OutboxDraft[] } {
  const reachable: string[] = []
  const notices: OutboxDraft[] = []
  const owner = campaign.people.get(campaign.ownerId)
  for (const userId of userIds) {
    const person = campaign.people.get(userId)
    const tellOwner = userId !== campaign.ownerId && !owner?.deactivated
    const base = { teamId: campaign.teamId, campaignId: campaign.id, day, userId: campaign.ownerId }
    let item: DueItem | null = null
    if (person?.deactivated) item = { ...base, key: `gone:${campaign.id}:${userId}`, kind: 'gone_notice', goneUserId: userId }
    else if (person?.awayUntil && person.awayUntil >= day) {
      item = { ...base, key: `away:${campaign.id}:${userId}:${person.awayUntil}`, kind: 'away_notice', awayUserId: userId, awayUntil: person.awayUntil }
    }
    if (!item) {
      reachable.push(userId)
      continue
    }
    if (tellOwner) {
      notices.push({ teamId: campaign.teamId, dedupeKey: item.key, kind: 'dm', target: campaign.ownerId, campaignId: campaign.id, payload: { text: '', live: item } })
    }
  }
  return { reachable, notices }
}

/** What the scheduler is handed for the retrospective's prompt and reminder. */
export function scheduledRetroPosts(people: PeopleDirectory) {
  return async (step: Step, campaign: RetroStepCandidate): Promise<OutboxDraft[]> => {
    const name = escapeMrkdwn(campaign.name)
    const drafts: OutboxDraft[] = []
    const recipients = step.kind === 'prompt' ? campaign.participants : step.userIds
    const { reachable, notices } = reachableOrNoticed(campaign, recipients, step.day)
    if (step.kind === 'prompt') {
      // The channel's language if an admin set one, else the owner's.
      const locale = supportedLocales.find((candidate) => candidate === campaign.locale) ?? (await people.person(campaign.teamId, campaign.ownerId)).locale
      const mentions = trusted(reachable.map(mentionUser).join(' ') || mentionUser(campaign.ownerId))
      drafts.push({
        teamId: campaign.teamId, dedupeKey: retroKeys.prompt(campaign.id), kind: 'post', target: campaign.channelId, campaignId: campaign.id,
        payload: retroMessage(messagesFor(locale).retro.promptChannel(name, campaign.endDate, mentions), campaign.id, locale),
      })
    }
    for (const userId of reachable) {
      const locale = (await people.person(campaign.teamId, userId)).locale
      const m = messagesFor(locale)
      const text = step.kind === 'prompt' ? m.retro.promptDm(name, campaign.endDate) : m.retro.reminderDm(name)
      drafts.push({
        teamId: campaign.teamId, dedupeKey: step.kind === 'prompt' ? retroKeys.dm(campaign.id, userId) : retroKeys.reminder(campaign.id, userId),
        kind: 'dm', target: userId, campaignId: campaign.id, payload: retroMessage(text, campaign.id, locale),
      })
    }
    return [...drafts, ...notices]
  }
}
