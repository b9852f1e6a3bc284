// `/campaign settings delete-data`: a workspace admin deletes all of the workspace's data. A
// confirmation modal names what will go (with counts) and asks for the workspace's name typed out;
// the submission checks both again (a modal outlives a role), deletes everything in one transaction
// (store/workspaceData.ts) and tells the admin what was removed. The app stays installed.
import type { ModalView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import { z } from 'zod'
import { installMessagesFor, type InstallMessages } from '../../i18n/install.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import type { CommandContext } from '../commandContext.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { plainText, section } from '../shared/elements.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { openModalOrExplain } from '../shared/openModal.ts'

/** The word after `/campaign settings` that asks for the deletion. */
export const deleteDataKeyword = 'delete-data'
export const deleteDataIds = { view: 'workspace_delete_data', block: 'workspace_name', action: 'typed_name' } as const
const metadata = z.object({ workspace: z.string().min(1) })

/** The workspace's name as Slack shows it (auth.test with its own token); null when Slack does not say. */
async function workspaceName(client: WebClient): Promise<string | null> {
  try {
    return (await client.auth.test()).team ?? null
  } catch {
    return null
  }
}

export function deleteDataModal(t: InstallMessages['deleteData'], workspace: string, counts: Parameters<InstallMessages['deleteData']['whatGoes']>[1]): ModalView {
  return {
    type: 'modal', callback_id: deleteDataIds.view, private_metadata: JSON.stringify({ workspace }),
    title: plainText(t.title, 24), submit: plainText(t.submit, 24), close: plainText(t.cancel, 24),
    blocks: [
      section(trusted(t.whatGoes(escapeMrkdwn(workspace), counts))),
      {
        type: 'input', block_id: deleteDataIds.block, label: plainText(t.confirmLabel(workspace), 2000),
        element: { type: 'plain_text_input', action_id: deleteDataIds.action, max_length: 200 },
      },
    ],
  }
}

export async function openDeleteData({ services, client, command, respond, person, m }: CommandContext): Promise<void> {
  const t = installMessagesFor(person.locale).deleteData
  if (!person.isWorkspaceAdmin) return void (await respond(ephemeral({ text: t.notAdmin })))
  const workspace = await workspaceName(client)
  if (!workspace) return void (await respond(ephemeral({ text: t.nameUnknown })))
  const counts = await services.store.workspaceData.counts(command.team_id)
  await openModalOrExplain(client, command.trigger_id, deleteDataModal(t, workspace, counts), respond, m, services.logger)
}

/** The same name, give or take case and the spaces around it. */
const sameName = (typed: string, workspace: string) => typed.trim().toLocaleLowerCase() === workspace.trim().toLocaleLowerCase()

export function registerDeleteData(listeners: Listeners, services: Services): void {
  listeners.view(deleteDataIds.view, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const t = installMessagesFor(person.locale).deleteData
    const error = (text: string) => ack({ response_action: 'errors', errors: { [deleteDataIds.block]: text } })
    if (!person.isWorkspaceAdmin) return void (await error(t.notAdmin))
    const shown = metadata.safeParse(JSON.parse(view.private_metadata || '{}'))
    if (!shown.success) return void (await error(t.nameUnknown))
    const typed = view.state.values[deleteDataIds.block]?.[deleteDataIds.action]?.value ?? ''
    if (!sameName(typed, shown.data.workspace)) return void (await error(t.mismatch(shown.data.workspace)))
    // Unconditional (no ifDepartedBefore): it always deletes, and says what.
    const deleted = (await services.store.workspaceData.deleteAll(teamId, { withInstallation: false }))!
    services.logger.info({ team: teamId, user: person.userId, ...deleted }, 'workspace_data_deleted_by_admin')
    const done: ModalView = {
      type: 'modal', title: plainText(t.doneTitle, 24), close: plainText(t.close, 24),
      blocks: [section(trusted(t.done(escapeMrkdwn(shown.data.workspace), deleted)))],
    }
    await ack({ response_action: 'update', view: done })
  })
}
