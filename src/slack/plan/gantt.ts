// The Gantt surface: `/campaign gantt <campaign>` and the plan message's Gantt button draw the
// campaign's tasks on a time axis (src/charts/gantt.ts) and upload the PNG into the campaign's
// channel (files.uploadV2). Anyone in the workspace may ask; whatever goes wrong is told to the person
// who asked, in their language.
//
// The upload goes to Slack directly, not through the outbox: the picture is the answer to a person
// waiting for it, like `respond` and `views.*` (ARCHITECTURE.md: direct answers are part of the
// interaction). If it fails they are told and ask again; an outbox row would have to hold a few
// hundred KB of PNG, or draw later a plan that may have changed meanwhile.
import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import type { GanttChart } from '../../charts/gantt.ts'
import { CampaignStage } from '../../domain/campaign.ts'
import { localDate } from '../../domain/dates.ts'
import { isOverdue } from '../../domain/tasks.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { escapeMrkdwn, mentionChannel, mentionUser } from '../../i18n/mrkdwn.ts'
import { planActions } from './message.ts'
import { oneCampaign, type CommandContext } from '../commandContext.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { slackErrorCode, uploadJoiningIfNeeded } from '../shared/upload.ts'

/** Past this, a person who asked gets a word that the picture is on its way (drawing takes ~150 ms, so usually never). */
const drawingNoticeAfterMs = 1_500
const altTextLimit = 1000

/** The picture of a campaign's plan: one bar per task, soonest start first, in the reader's language. */
export function ganttChartOf(record: PlanRecord, today: string, ownerNames: ReadonlyMap<string, string>, m: Messages): GanttChart {
  const tasks = [...record.snapshot.tasks].sort((a, b) =>
    a.startDate.localeCompare(b.startDate) || a.dueDate.localeCompare(b.dueDate) || a.id - b.id)
  return {
    title: record.campaign.name,
    today,
    window: record.snapshot.window,
    labels: m.gantt.labels,
    bars: tasks.map((task) => ({
      id: task.id,
      label: task.title,
      stage: task.stage,
      stageLabel: m.workStage[task.stage],
      ownerName: ownerNames.get(task.ownerId) ?? task.ownerId,
      startDate: task.startDate,
      dueDate: task.dueDate,
      done: task.status === 'done',
      overdue: isOverdue(task, today),
    })),
  }
}

/** Who asked, and how to answer them (ephemeral, where they asked). */
export type GanttRequest = {
  teamId: string
  asker: Person
  m: Messages
  /** The channel they asked in, when known: told where the picture went if it is elsewhere. */
  askedIn: string | null
  answer: (text: string) => Promise<void>
}

// Campaigns whose picture is being drawn in this process: a double click draws it once.
const drawing = new Set<string>()

/** Draws the campaign's Gantt chart and uploads it into its channel, or tells the person why not. Never throws. */
export async function postGantt(services: Services, client: WebClient, campaignId: number, request: GanttRequest): Promise<void> {
  const { teamId, asker, m, answer } = request
  const key = `${teamId}:${campaignId}`
  let notice: NodeJS.Timeout | undefined
  let claimed = false
  try {
    const record = await services.store.plans.load(teamId, campaignId)
    if (!record) return await answer(m.refusal.campaignNotFound(escapeMrkdwn(String(campaignId))))
    const { campaign } = record
    const name = escapeMrkdwn(campaign.name)
    if (campaign.stage === CampaignStage.Proposed || campaign.stage === CampaignStage.SentBack) {
      return await answer(m.gantt.notApproved(name, m.stage[campaign.stage]))
    }
    if (record.snapshot.tasks.length === 0) return await answer(m.gantt.noTasks(name))
    if (drawing.has(key)) return await answer(m.gantt.alreadyDrawing(name))
    drawing.add(key)
    claimed = true
    notice = setTimeout(() => void answer(m.gantt.drawing(name)).catch(() => {}), drawingNoticeAfterMs)

    const startedAt = performance.now()
    const today = localDate(services.clock.now(), asker.timeZone)
    const ownerIds = [...new Set(record.snapshot.tasks.map((task) => task.ownerId))]
    const owners = await Promise.all(ownerIds.map((id) => services.people.person(teamId, id)))
    const chart = ganttChartOf(record, today, new Map(owners.map((owner) => [owner.userId, owner.displayName])), m)
    let png: Buffer
    try {
      // Loaded on first use: the chart libraries and fonts cost tens of MiB an idle app need not hold.
      png = await (await import('../../charts/gantt.ts')).renderGanttPng(chart)
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: asker.userId, campaign: campaignId }, 'gantt_render_failed')
      return await answer(m.gantt.drawFailed)
    }
    const drawnAt = performance.now()

    const overdue = chart.bars.filter((bar) => bar.overdue).length
    const upload = {
      channel_id: campaign.channelId,
      file: png,
      filename: `gantt-${campaign.id}-${today}.png`,
      title: campaign.name,
      initial_comment: m.gantt.comment(name, mentionUser(asker.userId)),
      alt_text: [...m.gantt.altText(campaign.name, chart.bars.length, overdue, chart.window.startDate, chart.window.endDate)].slice(0, altTextLimit).join(''),
    }
    try {
      await uploadJoiningIfNeeded(client, upload)
    } catch (error) {
      services.logger.warn({ err: error, team: teamId, user: asker.userId, campaign: campaignId, slackError: slackErrorCode(error) }, 'gantt_upload_failed')
      return await answer(uploadRefusal(error, campaign.channelId, m))
    }
    services.logger.info({
      team: teamId, user: asker.userId, campaign: campaignId, tasks: chart.bars.length, bytes: png.length,
      drawMs: Math.round(drawnAt - startedAt), uploadMs: Math.round(performance.now() - drawnAt),
    }, 'gantt_posted')
    if (request.askedIn !== null && request.askedIn !== campaign.channelId) await answer(m.gantt.postedIn(name, mentionChannel(campaign.channelId)))
  } catch (error) {
    services.logger.error({ err: error, team: teamId, user: asker.userId, campaign: campaignId }, 'gantt_failed')
    await answer(troubleMessage(error, m)).catch(() => {})
  } finally {
    clearTimeout(notice)
    if (claimed) drawing.delete(key)
  }
}

function uploadRefusal(error: unknown, channelId: string, m: Messages): string {
  const code = slackErrorCode(error)
  const channel = mentionChannel(channelId)
  switch (code) {
    case undefined: return m.trouble.slack // no answer, a 429 or 5xx, or the bytes' upload refused
    case 'not_in_channel': return m.gantt.notInChannel(channel)
    case 'channel_not_found': return m.gantt.channelGone(channel)
    case 'is_archived': return m.gantt.archived(channel)
    default: return m.gantt.slackRefused(code)
  }
}


/** `/campaign gantt <name or id>`: the Gantt chart of that campaign, posted in its channel. */
export async function ganttCommand({ services, client, command, respond, person, m, rest }: CommandContext): Promise<void> {
  const one = await oneCampaign(services, command.team_id, rest, m, m.gantt.usage)
  if ('answer' in one) return void (await respond(ephemeral(one.answer)))
  await postGantt(services, client, one.campaign.id, {
    teamId: command.team_id, asker: person, m, askedIn: command.channel_id,
    answer: async (text) => void (await respond(ephemeral({ text }))),
  })
}

/** The plan message's Gantt button (value: the campaign id). */
export function registerGanttActions(listeners: Listeners, services: Services): void {
  listeners.action<BlockAction<ButtonAction>>(planActions.gantt, async ({ ack, body, action, client, respond }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const asker = await services.people.person(teamId, body.user.id)
    const m = messagesFor(asker.locale)
    const answer = async (text: string) => {
      if (!body.response_url) return
      await respond(ephemeral({ text })).catch((error: unknown) => services.logger.warn({ err: error, team: teamId, user: asker.userId }, 'gantt_answer_failed'))
    }
    const campaignId = /^\d{1,9}$/.test(action.value ?? '') ? Number(action.value) : null
    if (campaignId === null) return answer(m.refusal.campaignNotFound(escapeMrkdwn(action.value ?? '')))
    await postGantt(services, client, campaignId, { teamId, asker, m, askedIn: body.channel?.id ?? null, answer })
  })
}
