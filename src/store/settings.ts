// The live stage's settings as stored: the workspace's (one row per team, absent = defaults) and
// a campaign's own overrides (columns on Campaign, null = the workspace's).
import { formatCalendarDays, storedCalendarDays } from '../domain/calendarDays.ts'
import {
  formatWorkingDays, parseWorkingDays, type CampaignOverrides, type WorkspaceLiveSettings,
} from '../domain/liveSettings.ts'
import type { PrismaDb } from './database.ts'

type SettingsRow = {
  timeZone: string | null; country: string | null; workingDays: string | null; digestTime: string | null
  promptTime: string | null; reminderLeadDays: number | null; quietDigests: boolean; locale: string | null; currency: string | null
  paceMarginPercent?: number | null
  calendarDays?: string | null
}

export const workspaceSettingsSelect = {
  timeZone: true, country: true, workingDays: true, digestTime: true, promptTime: true,
  reminderLeadDays: true, quietDigests: true, locale: true, currency: true, calendarDays: true,
} as const

export function toWorkspaceSettings(row: SettingsRow | null): WorkspaceLiveSettings {
  return {
    timeZone: row?.timeZone ?? null,
    country: row?.country ?? null,
    workingDays: parseWorkingDays(row?.workingDays ?? null),
    digestTime: row?.digestTime ?? null,
    promptTime: row?.promptTime ?? null,
    reminderLeadDays: row?.reminderLeadDays ?? null,
    quietDigests: row?.quietDigests ?? false,
    locale: row?.locale ?? null,
    currency: row?.currency ?? null,
    paceMarginPercent: row?.paceMarginPercent ?? null,
    calendarDays: storedCalendarDays(row?.calendarDays),
  }
}

export const campaignOverridesSelect = { timeZone: true, digestTime: true, promptTime: true, quietDigests: true } as const

export function settingsStore(prisma: PrismaDb) {
  return {
    async workspace(teamId: string): Promise<WorkspaceLiveSettings> {
      // The pace margin is read beside the shared select: the live tick selects it on its own.
      return toWorkspaceSettings(await prisma.workspaceSettings.findUnique({ where: { teamId }, select: { ...workspaceSettingsSelect, paceMarginPercent: true } }))
    },

    /** Replaces the workspace's live-stage settings (other columns, such as the calendar's lead, stay). */
    async saveWorkspace(teamId: string, settings: WorkspaceLiveSettings): Promise<void> {
      const data = {
        timeZone: settings.timeZone, country: settings.country,
        workingDays: settings.workingDays ? formatWorkingDays(settings.workingDays) : null,
        digestTime: settings.digestTime, promptTime: settings.promptTime, reminderLeadDays: settings.reminderLeadDays,
        quietDigests: settings.quietDigests, locale: settings.locale, currency: settings.currency,
        paceMarginPercent: settings.paceMarginPercent ?? null,
        calendarDays: settings.calendarDays?.length ? formatCalendarDays(settings.calendarDays) : null,
      }
      await prisma.workspaceSettings.upsert({ where: { teamId }, create: { teamId, ...data }, update: data })
    },

    async campaignOverrides(teamId: string, campaignId: number): Promise<CampaignOverrides | null> {
      return prisma.campaign.findFirst({ where: { id: campaignId, teamId }, select: campaignOverridesSelect })
    },

    /** False when the campaign is not there. */
    async saveCampaignOverrides(teamId: string, campaignId: number, overrides: CampaignOverrides): Promise<boolean> {
      const { count } = await prisma.campaign.updateMany({ where: { id: campaignId, teamId }, data: { ...overrides } })
      return count === 1
    },
  }
}

export type SettingsStore = ReturnType<typeof settingsStore>
