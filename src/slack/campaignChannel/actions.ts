// "Archive the channel", offered to a closed campaign's owner by DM: only the owner, only once
// the campaign is closed, and only on this press does the app archive anything.
import type { BlockAction, ButtonAction } from '@slack/bolt'
import { CampaignStage } from '../../domain/campaign.ts'
import { messagesFor } from '../../i18n/catalogue.ts'
import { mentionChannel } from '../../i18n/mrkdwn.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { readRecordId } from '../shared/recordIds.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { campaignChannelActions } from './notifications.ts'
import { registerLaterChannel } from './later.ts'

export function registerCampaignChannelActions(listeners: Listeners, services: Services): void {
  // "Create a channel" from the plan message, after approval.
  registerLaterChannel(listeners, services)
  listeners.action<BlockAction<ButtonAction>>(campaignChannelActions.archive, async ({ ack, body, action, respond, client }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const actor = await services.people.person(teamId, body.user.id)
    const m = messagesFor(actor.locale)
    const c = m.campaignChannel
    try {
      const campaignId = readRecordId(action.value)
      const campaign = campaignId === null ? null : await services.store.campaigns.byId(teamId, campaignId)
      const own = campaign ? await services.store.campaignChannels.of(teamId, campaign.id) : null
      if (!campaign || !own?.created) return void (await respond(ephemeral(c.archiveRefused.noChannel)))
      if (actor.userId !== campaign.ownerId) return void (await respond(ephemeral(c.archiveRefused.notOwner)))
      if (campaign.stage !== CampaignStage.Closed) return void (await respond(ephemeral(c.archiveRefused.notClosed)))
      const channel = mentionChannel(own.created.channelId)
      if (!own.archivedAt) {
        try {
          await client.conversations.archive({ channel: own.created.channelId })
        } catch (error) {
          const code = (error as { data?: { error?: string } }).data?.error
          // Archived by hand meanwhile: what the press asked for is done.
          if (code !== 'already_archived') return void (await respond(ephemeral(c.archiveFailed(channel, m.deliveryReason(code ?? 'request_failed')))))
        }
        await services.store.campaignChannels.markArchived(teamId, campaign.id, services.clock.now())
        services.logger.info({ team: teamId, user: actor.userId, campaign: campaign.id, channel: own.created.channelId }, 'campaign_channel_archived')
      }
      await respond({ replace_original: true, text: c.archived(channel) })
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'campaign_channel_archive_failed')
      await respond(ephemeral(troubleMessage(error, m))).catch(() => {})
    }
  })
}
