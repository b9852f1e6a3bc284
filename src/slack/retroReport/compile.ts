// Compiling a campaign's retrospective report (issue 8, point 3): called by the scheduler when
// every participant has answered or the deadline has come, and by the owner's Compile report now.
// Once: the store's compare-and-set closes the campaign and writes the report's posts (the message,
// its thread's continuations, the goals chart drawn at delivery, the plan message's edit) in one
// transaction, so two instances or a double click post it once.
import { localDate } from '../../domain/dates.ts'
import { compileRetro, type RetroReportData } from '../../domain/retroReport.ts'
import { messagesFor, supportedLocales, type Locale } from '../../i18n/catalogue.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { reportMessages, type ReportCompilation } from './message.ts'
import { homeRefreshForCampaign } from '../shared/homeRefresh.ts'
import { planMessageKey, planMessageUpdate } from '../plan/notifications.ts'
import type { Services } from '../services.ts'

export type CompileReason = 'all_answered' | 'deadline' | 'owner'

export type CompileOutcome = { outcome: 'compiled' | 'already' | 'not_found'; outboxIds?: number[] }

export const reportPostKey = (campaignId: number) => `retro-report:${campaignId}`
export const reportPartKey = (campaignId: number, part: number) => `retro-report:${campaignId}:part${part}`
export const reportChartKey = (campaignId: number) => `retro-report-chart:${campaignId}`

/** The language of a campaign's channel posts: the workspace's, else its owner's. */
export async function channelLocale(services: Pick<Services, 'store' | 'people'>, teamId: string, ownerId: string): Promise<Locale> {
  const workspace = await services.store.settings.workspace(teamId)
  return supportedLocales.find((locale) => locale === workspace.locale) ?? (await services.people.person(teamId, ownerId)).locale
}

/** Is there anything for the goals chart to draw? */
export const hasChart = (data: RetroReportData): boolean => data.goals.some((goal) => goal.target > 0)

/** The report's posts as compiled: its message, the rest in its thread, the chart there too. */
export function reportOutbox(data: RetroReportData, locale: Locale, compilation: Omit<ReportCompilation, 'chartInThread'>): OutboxDraft[] {
  const { campaign } = data
  const chart = hasChart(data)
  const messages = reportMessages(compileRetro(data), messagesFor(locale), { ...compilation, chartInThread: chart })
  const base = { teamId: campaign.teamId, kind: 'post' as const, target: campaign.channelId, campaignId: campaign.id }
  return [
    ...messages.map((message, index): OutboxDraft => ({
      ...base,
      dedupeKey: index === 0 ? reportPostKey(campaign.id) : reportPartKey(campaign.id, index + 1),
      payload: {
        text: message.text, blocks: message.blocks,
        ...(index === 0 ? {} : { threadOfKey: reportPostKey(campaign.id), ...(index > 1 ? { afterKey: reportPartKey(campaign.id, index) } : {}) }),
      },
    })),
    ...(chart
      ? [{ ...base, dedupeKey: reportChartKey(campaign.id), payload: {
          text: '', upload: { chart: 'retro_goals' as const, campaignId: campaign.id }, threadOfKey: reportPostKey(campaign.id),
          ...(messages.length > 1 ? { afterKey: reportPartKey(campaign.id, messages.length) } : {}),
        } }]
      : []),
  ]
}

export async function compileRetroReport(
  services: Services,
  input: { teamId: string; campaignId: number; at: Date; reason: CompileReason; /** Who compiled it early; the app otherwise. */ actorId?: string },
): Promise<CompileOutcome> {
  const campaign = await services.store.campaigns.byId(input.teamId, input.campaignId)
  if (!campaign) return { outcome: 'not_found' }
  const locale = await channelLocale(services, input.teamId, campaign.ownerId)
  const compiledBy = input.reason === 'owner' ? (input.actorId ?? null) : null
  const result = await services.store.retroReport.compile({
    teamId: input.teamId, campaignId: input.campaignId, at: input.at, actorId: input.actorId ?? 'scheduler', reason: input.reason,
    planMessageKey: planMessageKey(input.campaignId),
    outbox: (data: RetroReportData, after: PlanRecord, { planMessagePosted }) => {
      const compiledOn = localDate(input.at, data.timeZone)
      return [
        ...reportOutbox(data, locale, { compiledOn, reason: input.reason, compiledBy }),
        ...(planMessagePosted ? [planMessageUpdate(after, locale, compiledOn)] : []),
        ...homeRefreshForCampaign(after.campaign),
      ]
    },
  })
  services.logger.info({ team: input.teamId, campaign: input.campaignId, reason: input.reason, outcome: result.outcome }, 'retro_compile')
  if (result.outcome !== 'compiled') return { outcome: result.outcome }
  void services.dispatcher.deliverNow(result.outboxIds)
  return { outcome: 'compiled', outboxIds: result.outboxIds }
}
