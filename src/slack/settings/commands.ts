// `/campaign settings` opens the workspace's settings (admins only), `/campaign settings
// <campaign>` a campaign's own (its owner or an admin); anyone else is told who may, in words.
import type { RespondFn, SlashCommand } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import type { Messages } from '../../i18n/catalogue.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { openModalOrExplain } from '../shared/openModal.ts'
import { campaignSettingsModal, inheritedSettings, mayChangeCampaignSettings, workspaceSettingsModal } from './modals.ts'
import { oneCampaign, type CommandContext } from '../commandContext.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { deleteDataKeyword, openDeleteData } from './deleteData.ts'
import { apiKeysKeyword, openApiKeys } from '../apiKeys/actions.ts'
import { apiKeysSettingsSection } from '../apiKeys/modal.ts'
import { apiKeyMessagesFor } from '../../i18n/apiKeys.ts'


export async function settingsCommand({ services, client, command, respond, person, m, rest }: CommandContext): Promise<void> {
  const teamId = command.team_id
  if (rest === deleteDataKeyword) return openDeleteData({ services, client, command, respond, person, m, rest })
  if (rest === apiKeysKeyword) return openApiKeys({ services, client, command, respond, person, m, rest })
  if (!rest) {
    if (!person.isWorkspaceAdmin) return void (await respond(ephemeral({ text: m.liveSettings.notAdmin })))
    const [current, summary] = await Promise.all([services.store.settings.workspace(teamId), services.store.portfolio.summarySettings(teamId)])
    await openModalOrExplain(client, command.trigger_id, workspaceSettingsModal(m, current, summary, apiKeysSettingsSection(apiKeyMessagesFor(person.locale))), respond, m, services.logger)
    return
  }
  const one = await oneCampaign(services, teamId, rest, m, m.liveSettings.usage)
  if ('answer' in one) return void (await respond(ephemeral(one.answer)))
  if (!mayChangeCampaignSettings(one.campaign, person)) return void (await respond(ephemeral({ text: m.liveSettings.notOwner })))
  const [overrides, inherited] = await Promise.all([
    services.store.settings.campaignOverrides(teamId, one.campaign.id),
    inheritedSettings(services, one.campaign),
  ])
  if (!overrides) return
  await openModalOrExplain(client, command.trigger_id, campaignSettingsModal(m, one.campaign, overrides, inherited), respond, m, services.logger)
}
