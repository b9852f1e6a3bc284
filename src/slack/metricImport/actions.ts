// Figures from a file (issue 17): "Import a file…" on the Enter figures modal pushes the upload
// modal; its submission reads the file and answers with the preview; `/campaign metrics import`
// takes the person's latest CSV or .xlsx shared in the channel and opens the same preview. The
// preview's Record reads the file again, checks that it would write what was shown, and stores
// the rows as entries by that person (source: file), the same as typed ones.
import type { BlockAction, ButtonAction, Middleware, SlackViewMiddlewareArgs, ViewResponseAction } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import type { Campaign } from '../../domain/campaign.ts'
import { daysToWrite, planImport, type ImportPlan } from '../../domain/metricImport.ts'
import { acceptsFigures } from '../../domain/metrics.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { escapeMrkdwn, mentionChannel, trusted } from '../../i18n/mrkdwn.ts'
import type { CampaignFigures } from '../../store/metrics.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import { oneCampaign, type CommandContext } from '../commandContext.ts'
import type { Listeners } from '../listeners.ts'
import { campaignToday, entryRefusal } from '../metrics/changes.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { homeRefreshDelayMs, homeUpdatesKey } from '../shared/homeRefresh.ts'
import { importFiguresAction, readImportFiguresValue } from '../shared/importFigures.ts'
import { noticeModal, openModalOrExplain } from '../shared/openModal.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { fileKind, readFigureFile, type FigureFile } from './fileRows.ts'
import { chosenFileId, fileProblemText, importModalIds, importRules, previewModal, readConfirmMetadata, readUploadMetadata, storedDays, uploadModal, writesDigest } from './preview.ts'

export { importFiguresAction } from '../shared/importFigures.ts'

type Read = { ok: true; figures: CampaignFigures; file: FigureFile & { ok: true }; plan: ImportPlan } | { ok: false; text: string }

/** The campaign's figures and the file read against them, or why not in words. */
async function readImport(services: Services, client: WebClient, teamId: string, campaignId: number, fileId: string, person: Person, m: Messages): Promise<Read> {
  const figures = await services.store.metrics.figures(teamId, campaignId)
  if (!figures) return { ok: false, text: m.plan.campaignGone }
  const refusal = entryRefusal(figures, person, m)
  if (refusal) return { ok: false, text: refusal }
  const [file, today] = await Promise.all([readFigureFile(client, fileId), campaignToday(services, figures.campaign)])
  const plan = file.ok ? planImport(file.cells, importRules(figures, person, today), storedDays(figures)) : null
  const problem = fileProblemText(file, plan, m)
  if (problem || !file.ok || !plan) return { ok: false, text: problem ?? m.metricImport.fileProblem.download }
  return { ok: true, figures, file, plan }
}

/** The importer's App Home after the import, keyed as a typed save keys it (store/metricImport.ts counts the same). */
function homeRefreshAfterImport(teamId: string, campaignId: number, userId: string) {
  return (change: number): OutboxDraft[] => [{
    teamId, dedupeKey: `${homeUpdatesKey(userId)}:c${campaignId}m${change}`, kind: 'home', target: userId,
    updatesKey: homeUpdatesKey(userId), campaignId, payload: { text: '' }, delayMs: homeRefreshDelayMs,
  }]
}

export function registerMetricImport(listeners: Listeners, services: Services): void {
  listeners.action<BlockAction<ButtonAction>>(importFiguresAction, async ({ ack, body, action, client }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const campaignId = readImportFiguresValue(action.value)
    const figures = campaignId === null ? null : await services.store.metrics.figures(teamId, campaignId)
    const refusal = !figures ? m.plan.formOutdated : entryRefusal(figures, person, m)
    const view = refusal || !figures ? noticeModal(m.plan.outdatedTitle, trusted(refusal ?? m.plan.formOutdated), m) : uploadModal(figures, m)
    try {
      // Pushed over the Enter figures modal, so Back returns to it.
      if (body.view) await client.views.push({ trigger_id: body.trigger_id, view })
      else await client.views.open({ trigger_id: body.trigger_id, view })
    } catch (error) {
      services.logger.warn({ err: error, team: teamId, user: person.userId }, 'metric_import_modal_not_opened')
    }
  })

  listeners.view(importModalIds.upload, previewFromUpload(services))
  listeners.view(importModalIds.confirm, recordImport(services))
}

function viewContext(services: Services, body: SlackViewMiddlewareArgs['body']) {
  const teamId = body.team?.id ?? body.user.team_id ?? ''
  return { teamId, person: services.people.person(teamId, body.user.id) }
}

function previewFromUpload(services: Services): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client }) => {
    const { teamId, person: personRead } = viewContext(services, body)
    const person = await personRead
    const m = messagesFor(person.locale)
    const answer = (response: ViewResponseAction) => ack(response as never)
    const fieldError = (text: string) => answer({ response_action: 'errors', errors: { [importModalIds.fileBlock]: text } })
    const log = services.logger.child({ team: teamId, user: person.userId, form: 'metric_import' })
    try {
      const metadata = readUploadMetadata(view.private_metadata)
      if (!metadata) return answer({ response_action: 'update', view: noticeModal(m.plan.outdatedTitle, trusted(m.plan.formOutdated), m) })
      const fileId = chosenFileId(view.state.values)
      if (!fileId) return fieldError(m.metricImport.fileProblem.noFile)
      const read = await readImport(services, client, teamId, metadata.c, fileId, person, m)
      if (!read.ok) return fieldError(read.text)
      log.info({ campaign: metadata.c, rows: read.plan.rows, refused: read.plan.rejected.length }, 'metric_import_previewed')
      return answer({ response_action: 'update', view: previewModal({ figures: read.figures, plan: read.plan, fileName: read.file.name, fileId, m }) })
    } catch (error) {
      log.error({ err: error }, 'metric_import_failed')
      await fieldError(troubleMessage(error, m)).catch(() => {})
    }
  }
}

function recordImport(services: Services): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client }) => {
    const { teamId, person: personRead } = viewContext(services, body)
    const person = await personRead
    const m = messagesFor(person.locale)
    const answer = (response: ViewResponseAction) => ack(response as never)
    const notice = (title: string, text: string) => answer({ response_action: 'update', view: noticeModal(title, trusted(text), m) })
    const log = services.logger.child({ team: teamId, user: person.userId, form: 'metric_import_confirm' })
    try {
      const metadata = readConfirmMetadata(view.private_metadata)
      if (!metadata) return notice(m.plan.outdatedTitle, m.plan.formOutdated)
      const read = await readImport(services, client, teamId, metadata.c, metadata.f, person, m)
      if (!read.ok) return notice(m.plan.outdatedTitle, read.text)
      // Read again here (this may be another instance): record only what the preview showed.
      if (writesDigest(read.plan) !== metadata.d) {
        log.info({ campaign: metadata.c }, 'metric_import_changed')
        return answer({ response_action: 'update', view: previewModal({ figures: read.figures, plan: read.plan, fileName: read.file.name, fileId: metadata.f, m, changed: true }) })
      }
      const days = daysToWrite(read.plan).map(({ goalId, onDate, mode, value }) => ({ goalId, onDate, mode, value }))
      const stored = await services.store.metricImport.importEntries({
        teamId, campaignId: metadata.c, reportedBy: person.userId, at: services.clock.now(), days, source: 'file',
        outbox: homeRefreshAfterImport(teamId, metadata.c, person.userId),
      })
      log.info({ campaign: metadata.c, outcome: stored.outcome, ...(stored.outcome === 'saved' ? { added: stored.added, corrected: stored.corrected, unchanged: stored.unchanged } : {}) }, 'metric_import_recorded')
      if (stored.outcome === 'not_found') return notice(m.plan.outdatedTitle, m.plan.campaignGone)
      if (stored.outcome === 'goal_not_found') return notice(m.plan.outdatedTitle, m.metrics.refusal.goalGone)
      void services.dispatcher.deliverNow(stored.outboxIds)
      const name = escapeMrkdwn(read.figures.campaign.name)
      const written = stored.added + stored.corrected
      return notice(m.metricImport.recorded.title, written > 0 ? m.metricImport.recorded.text(written, stored.corrected, name) : m.metricImport.recorded.nothing(name))
    } catch (error) {
      log.error({ err: error }, 'metric_import_failed')
      await notice(m.plan.outdatedTitle, troubleMessage(error, m)).catch(() => {})
    }
  }
}

/** The newest CSV or .xlsx this person shared in the channel (files.list, newest first). */
async function latestSharedFile(client: WebClient, channelId: string, userId: string): Promise<string | null> {
  const listed = await client.files.list({ channel: channelId, user: userId, count: 20 })
  const files = (listed.files ?? []) as Array<{ id?: string; name?: string; filetype?: string; created?: number }>
  const sheets = files.filter((file) => file.id && fileKind(file)).sort((a, b) => (b.created ?? 0) - (a.created ?? 0))
  return sheets[0]?.id ?? null
}

/** No campaign named: the one taking figures whose channel this is, when there is exactly one. */
async function channelCampaign(services: Services, teamId: string, channelId: string, m: Messages): Promise<{ campaign: Campaign } | { answer: { text: string } }> {
  const here = (await services.store.campaigns.list(teamId)).filter((campaign) => campaign.channelId === channelId && acceptsFigures(campaign.stage))
  return here.length === 1 ? { campaign: here[0]! } : { answer: { text: m.metricImport.command.whichCampaign } }
}

/** `/campaign metrics import [campaign]`: the preview of the person's latest figures file in this channel. */
export async function metricImportCommand(context: CommandContext): Promise<void> {
  const { services, client, command, person, m, respond } = context
  const teamId = command.team_id
  const query = context.rest.replace(/^import\b/i, '').trim()
  const one = query ? await oneCampaign(services, teamId, query, m, m.metricImport.command.whichCampaign) : await channelCampaign(services, teamId, command.channel_id, m)
  if ('answer' in one) return void (await respond(ephemeral({ text: `${one.answer.text}\n${m.metricImport.command.usage}` })))
  const fileId = await latestSharedFile(client, command.channel_id, person.userId)
  if (!fileId) return void (await respond(ephemeral({ text: m.metricImport.command.noFile(mentionChannel(command.channel_id)) })))
  const read = await readImport(services, client, teamId, one.campaign.id, fileId, person, m)
  if (!read.ok) return void (await respond(ephemeral({ text: read.text })))
  services.logger.info({ team: teamId, user: person.userId, campaign: one.campaign.id, rows: read.plan.rows, refused: read.plan.rejected.length }, 'metric_import_previewed')
  await openModalOrExplain(client, command.trigger_id, previewModal({ figures: read.figures, plan: read.plan, fileName: read.file.name, fileId, m }), respond, m, services.logger)
}
