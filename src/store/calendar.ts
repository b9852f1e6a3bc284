// The reads behind the marketing calendar: the workspace's calendar settings, and its campaigns whose
// window reaches into a range of days (the domain decides which node each is planned around).
import { CampaignStage, type TimingNode } from '../domain/campaign.ts'
import type { CalendarCampaign } from '../domain/calendar.ts'
import { storedCalendarDays, type CalendarDayRule } from '../domain/calendarDays.ts'
import type { PrismaDb } from './database.ts'

export type CalendarSettings = {
  /** ISO 3166-1 alpha-2 code an admin set, as stored (the Slack layer checks it is one the calendar knows). */
  country: string | null
  preparationLeadDays: number | null
  /** The workspace's own holidays and working days (`/campaign settings`). */
  calendarDays: CalendarDayRule[]
}

/** A calendar of twelve months shows at most this many campaigns; the earliest first. */
export const calendarCampaignLimit = 200

export function calendarStore(prisma: PrismaDb) {
  return {
    async settings(teamId: string): Promise<CalendarSettings> {
      const row = await prisma.workspaceSettings.findUnique({ where: { teamId }, select: { country: true, preparationLeadDays: true, calendarDays: true } })
      return { country: row?.country ?? null, preparationLeadDays: row?.preparationLeadDays ?? null, calendarDays: storedCalendarDays(row?.calendarDays) }
    },

    /**
     * Campaigns of the workspace running on any day from `from` to `to` (both included), cancelled
     * ones left out: a proposal waiting for approval, or sent back to be revised, is planned all the same.
     */
    async campaignsBetween(teamId: string, from: string, to: string): Promise<CalendarCampaign[]> {
      const rows = await prisma.campaign.findMany({
        where: { teamId, stage: { not: CampaignStage.Cancelled }, startDate: { lte: to }, endDate: { gte: from } },
        select: { id: true, name: true, stage: true, timingNode: true, timingNote: true, startDate: true, endDate: true },
        orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
        take: calendarCampaignLimit,
      })
      return rows.map((row) => ({ ...row, stage: row.stage as CampaignStage, timingNode: row.timingNode as TimingNode }))
    },
  }
}

export type CalendarStore = ReturnType<typeof calendarStore>
