// The campaign owner's notices about the people their campaign cannot reach (issue 7, point 6):
// someone away until a date (their reminders and prompts wait), someone whose Slack account was
// deactivated (nothing is sent to them: their work needs a new owner). A DM in the owner's
// language, once per absence (the planner's key); dropped if the campaign has ended meanwhile.
import { CampaignStage } from '../../domain/campaign.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { LiveRendering } from '../../jobs/deliveries.ts'
import { actions, button, section } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import { homeActions } from '../home/view.ts'
import type { LiveRenderContext, LiveRenderer } from './renderContext.ts'

export const noticeActionsBlockId = 'live_notice_actions'

const stillRunning = new Set<string>([CampaignStage.Scheduled, CampaignStage.Live])

async function notice(
  item: { teamId: string; campaignId: number; userId: string }, ctx: LiveRenderContext, say: (m: Messages, name: Mrkdwn) => string,
): Promise<LiveRendering> {
  const facts = await ctx.store.liveReads.campaignFacts(item.teamId, item.campaignId, { tasks: false })
  if (!facts || !stillRunning.has(facts.stage)) return { drop: 'not_live' }
  const owner = await ctx.people.person(item.teamId, item.userId)
  const m = messagesFor(owner.locale)
  const text = say(m, escapeMrkdwn(facts.name))
  return {
    text,
    blocks: [
      // Catalogue words around an escaped name and mentions.
      section(trusted(text)),
      // App Home's Open plan: the plan's overview, where tasks and goals are given to someone else.
      actions(noticeActionsBlockId, [button(m.liveNotice.openPlan, homeActions.openPlan, String(facts.id))]),
    ],
  }
}

export const renderAwayNotice: LiveRenderer<'away_notice'> = async (item, ctx) =>
  notice(item, ctx, (m, name) => m.liveNotice.away(mentionUser(item.awayUserId), item.awayUntil, name))

export const renderGoneNotice: LiveRenderer<'gone_notice'> = async (item, ctx) =>
  notice(item, ctx, (m, name) => m.liveNotice.gone(mentionUser(item.goneUserId), name))
