// `/campaign settings api-keys` (workspace admins): opens the keys modal; its Revoke buttons revoke
// and redraw it; its submission makes a key and shows it once. The role is checked again at each
// step, since a modal outlives a role.
import type { BlockAction, ButtonAction } from '@slack/bolt'
import { apiKeyMessagesFor } from '../../i18n/apiKeys.ts'
import type { CommandContext } from '../commandContext.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { noticeModal, openModalOrExplain } from '../shared/openModal.ts'
import { trusted } from '../../i18n/mrkdwn.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { messagesFor } from '../../i18n/catalogue.ts'
import { apiKeyIds, apiKeysModal, keyCreatedModal, keyNameMaxLength, maxActiveKeys } from './modal.ts'

/** The word after `/campaign settings` that opens the API keys. */
export const apiKeysKeyword = 'api-keys'

export async function openApiKeys({ services, client, command, respond, person, m }: CommandContext): Promise<void> {
  const t = apiKeyMessagesFor(person.locale)
  if (!person.isWorkspaceAdmin) return void (await respond(ephemeral({ text: t.notAdmin })))
  const keys = await services.store.apiKeys.active(command.team_id)
  await openModalOrExplain(client, command.trigger_id, apiKeysModal(t, keys, person.timeZone), respond, m, services.logger)
}

export function registerApiKeys(listeners: Listeners, services: Services): void {
  // The button in the workspace settings: the keys open on top of them.
  listeners.action<BlockAction<ButtonAction>>(apiKeyIds.open, async ({ ack, body, client }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const t = apiKeyMessagesFor(person.locale)
    try {
      const view = person.isWorkspaceAdmin ? apiKeysModal(t, await services.store.apiKeys.active(teamId), person.timeZone) : noticeModal(t.title, trusted(t.notAdmin), messagesFor(person.locale))
      await client.views.push({ trigger_id: body.trigger_id, view })
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: person.userId }, 'api_keys_open_failed')
    }
  })

  listeners.action<BlockAction<ButtonAction>>(apiKeyIds.revoke, async ({ ack, body, action, client }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const t = apiKeyMessagesFor(person.locale)
    const log = services.logger.child({ team: teamId, user: person.userId })
    if (!body.view) return
    try {
      if (!person.isWorkspaceAdmin) {
        await client.views.update({ view_id: body.view.id, view: noticeModal(t.title, trusted(t.notAdmin), messagesFor(person.locale)) })
        return
      }
      const keyId = Number(action.value)
      const revoked = Number.isSafeInteger(keyId) && await services.store.apiKeys.revoke(teamId, keyId, services.clock.now())
      log.info({ key: keyId, revoked }, 'api_key_revoked')
      const keys = await services.store.apiKeys.active(teamId)
      await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: apiKeysModal(t, keys, person.timeZone) })
    } catch (error) {
      log.error({ err: error }, 'api_key_revoke_failed')
    }
  })

  listeners.view(apiKeyIds.view, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const t = apiKeyMessagesFor(person.locale)
    const error = (text: string) => ack({ response_action: 'errors', errors: { [apiKeyIds.nameBlock]: text } })
    try {
      if (!person.isWorkspaceAdmin) return void (await error(t.notAdmin))
      const name = (view.state.values[apiKeyIds.nameBlock]?.[apiKeyIds.nameAction]?.value ?? '').trim()
      if (!name) return void (await error(t.nameRequired))
      if ([...name].length > keyNameMaxLength) return void (await error(t.nameTooLong(keyNameMaxLength)))
      if ((await services.store.apiKeys.active(teamId)).length >= maxActiveKeys) return void (await error(t.tooMany(maxActiveKeys)))
      const made = await services.store.apiKeys.create({ teamId, name, createdBy: person.userId, at: services.clock.now() })
      services.logger.info({ team: teamId, user: person.userId, key: made.key.id, prefix: made.key.prefix }, 'api_key_created')
      await ack({ response_action: 'update', view: keyCreatedModal(t, name, made.secret) })
    } catch (failure) {
      services.logger.error({ err: failure, team: teamId, user: body.user.id }, 'api_key_create_failed')
      await error(troubleMessage(failure, messagesFor(person.locale))).catch(() => {})
    }
  })
}
