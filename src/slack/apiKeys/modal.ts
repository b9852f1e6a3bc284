// The API keys modal of `/campaign settings api-keys`: the workspace's keys in force, each with a
// Revoke button (confirmed), and a field to name a new one; after it is made, the key shown once.
import type { KnownBlock, ModalView } from '@slack/types'
import { apiPaths } from '../../api/metricsApi.ts'
import { localDate } from '../../domain/dates.ts'
import type { ApiKeyMessages } from '../../i18n/apiKeys.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import type { ApiKeyInfo } from '../../store/apiKeys.ts'
import { context, input, plainText, section } from '../shared/elements.ts'

export const apiKeyIds = { view: 'api_keys', open: 'api_keys_open', revoke: 'api_key_revoke', nameBlock: 'api_key_name', nameAction: 'name' } as const
/** Keys in force at once per workspace: enough for every system that sends figures, few enough to list in one modal. */
export const maxActiveKeys = 20
export const keyNameMaxLength = 50

export function apiKeysModal(t: ApiKeyMessages, keys: readonly ApiKeyInfo[], timeZone: string | null): ModalView {
  const day = (at: Date) => localDate(at, timeZone)
  const listed: KnownBlock[] = keys.map((key) => ({
    type: 'section',
    block_id: `api_key_${key.id}`,
    text: {
      type: 'mrkdwn',
      text: t.key({
        name: escapeMrkdwn(key.name), prefix: escapeMrkdwn(key.prefix), creator: mentionUser(key.createdBy),
        createdOn: day(key.createdAt), lastUsedOn: key.lastUsedAt ? day(key.lastUsedAt) : null,
      }),
    },
    accessory: {
      type: 'button', action_id: apiKeyIds.revoke, value: String(key.id), style: 'danger', text: plainText(t.revoke, 75),
      confirm: {
        title: plainText(t.revokeConfirm.title, 100), text: { type: 'mrkdwn', text: t.revokeConfirm.text(escapeMrkdwn(key.name)) },
        confirm: plainText(t.revokeConfirm.confirm, 30), deny: plainText(t.revokeConfirm.deny, 30), style: 'danger',
      },
    },
  }))
  return {
    type: 'modal', callback_id: apiKeyIds.view,
    title: plainText(t.title, 24), submit: plainText(t.create, 24), close: plainText(t.close, 24),
    blocks: [
      context(trusted(t.intro(apiPaths.openapi))),
      ...(listed.length > 0 ? listed : [section(trusted(t.none))]),
      { type: 'divider' },
      input(apiKeyIds.nameBlock, t.nameLabel, { type: 'plain_text_input', action_id: apiKeyIds.nameAction, max_length: keyNameMaxLength }, { hint: t.nameHint }),
    ],
  }
}

/** The section at the foot of the workspace settings: what keys are for, and the button that opens them. */
export function apiKeysSettingsSection(t: ApiKeyMessages): KnownBlock[] {
  return [
    { type: 'divider' },
    { type: 'section', block_id: apiKeyIds.open, text: { type: 'mrkdwn', text: t.settingsSection }, accessory: { type: 'button', action_id: apiKeyIds.open, value: 'open', text: plainText(t.manage, 75) } },
  ]
}

/** The new key, shown this once, with a call to try it. */
export function keyCreatedModal(t: ApiKeyMessages, name: string, secret: string): ModalView {
  const example = `curl -X POST "$CAMPAIGN_DESK_URL${apiPaths.metrics}" \\\n  -H "Authorization: Bearer ${secret}" \\\n  -H "Content-Type: application/json" \\\n  -d '{"campaignId": 12, "metric": "orders", "date": "2026-12-07", "value": 42}'`
  return {
    type: 'modal', title: plainText(t.createdTitle, 24), close: plainText(t.done, 24),
    blocks: [section(trusted(t.created(escapeMrkdwn(name), escapeMrkdwn(secret)))), section(trusted(t.createdExample(escapeMrkdwn(example))))],
  }
}
