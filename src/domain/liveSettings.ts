// The settings of the live stage (issue 7): what the workspace's admins chose, what a campaign's
// owner overrode for their campaign, and the settings that apply once both are resolved. Pure.
import type { CalendarDayRule } from './calendarDays.ts'
import { isLocalTime, isTimeZone, mondayToFriday, type IsoWeekday, type WorkingDaySettings } from './localTime.ts'

export const defaultDigestTime = '09:30'
export const defaultPromptTime = '17:00'
export const defaultReminderLeadDays = 1
export const reminderLeadDaysLimit = 14
/** The pace margin an admin may set (percent behind pace before the channel is alerted). */
export const paceMarginLimits = { min: 1, max: 90 } as const

/** What a workspace admin sets; null = the default. */
export type WorkspaceLiveSettings = {
  timeZone: string | null
  country: string | null
  workingDays: readonly IsoWeekday[] | null
  digestTime: string | null
  promptTime: string | null
  reminderLeadDays: number | null
  quietDigests: boolean
  /** Language of channel posts ('en' | 'zh-CN'); null = the language of the person who caused it. */
  locale: string | null
  currency: string | null
  /** How far (percent) a goal may fall behind its pace before the channel is alerted; null = 15. */
  paceMarginPercent?: number | null
  /** The workspace's own holidays and working days, over the country's public calendar; none when absent. */
  calendarDays?: readonly CalendarDayRule[]
}

/** What a campaign's owner overrides for their campaign; null = the workspace's. */
export type CampaignOverrides = {
  timeZone: string | null
  digestTime: string | null
  promptTime: string | null
  quietDigests: boolean | null
}

const noCalendarDays: readonly CalendarDayRule[] = []

export const noOverrides: CampaignOverrides = { timeZone: null, digestTime: null, promptTime: null, quietDigests: null }

export type EffectiveSettings = WorkingDaySettings & {
  /** The campaign's zone: its digest time and its start and end dates are in it. */
  timeZone: string
  digestTime: string
  /** In each person's own zone. */
  promptTime: string
  reminderLeadDays: number
  quietDigests: boolean
  locale: string | null
}

/**
 * The settings that apply to a campaign: its own override, else the workspace's, else the default.
 * Its zone: the campaign's, else the workspace's, else its owner's Slack zone, else UTC.
 */
export function effectiveSettings(
  workspace: WorkspaceLiveSettings | null,
  campaign: CampaignOverrides | null,
  ownerZone: string | null,
): EffectiveSettings {
  const zone = [campaign?.timeZone, workspace?.timeZone, ownerZone].find((candidate): candidate is string => !!candidate && isTimeZone(candidate))
  return {
    timeZone: zone ?? 'UTC',
    country: workspace?.country ?? null,
    workingDays: workspace?.workingDays?.length ? workspace.workingDays : mondayToFriday,
    calendarDays: workspace?.calendarDays ?? noCalendarDays,
    digestTime: campaign?.digestTime ?? workspace?.digestTime ?? defaultDigestTime,
    promptTime: campaign?.promptTime ?? workspace?.promptTime ?? defaultPromptTime,
    reminderLeadDays: workspace?.reminderLeadDays ?? defaultReminderLeadDays,
    quietDigests: campaign?.quietDigests ?? workspace?.quietDigests ?? false,
    locale: workspace?.locale ?? null,
  }
}

/** "1,2,3,4,5" as stored → weekdays; anything else is dropped. */
export function parseWorkingDays(stored: string | null): IsoWeekday[] | null {
  if (stored === null) return null
  const days = stored.split(',').map(Number).filter((day): day is IsoWeekday => Number.isInteger(day) && day >= 1 && day <= 7)
  return [...new Set(days)].sort()
}

export function formatWorkingDays(days: readonly IsoWeekday[]): string {
  return [...new Set(days)].sort().join(',')
}

export type SettingsProblem = 'unknown_zone' | 'bad_time' | 'no_working_day' | 'lead_out_of_range' | 'margin_out_of_range'
export type SettingsField = 'timeZone' | 'digestTime' | 'promptTime' | 'workingDays' | 'reminderLeadDays' | 'paceMarginPercent'

/** What is wrong with settings as entered, field by field (empty when nothing). */
export function checkLiveSettings(input: {
  timeZone?: string | null
  digestTime?: string | null
  promptTime?: string | null
  workingDays?: readonly number[] | null
  reminderLeadDays?: number | null
  paceMarginPercent?: number | null
}): Partial<Record<SettingsField, SettingsProblem>> {
  const problems: Partial<Record<SettingsField, SettingsProblem>> = {}
  if (input.timeZone && !isTimeZone(input.timeZone)) problems.timeZone = 'unknown_zone'
  if (input.digestTime && !isLocalTime(input.digestTime)) problems.digestTime = 'bad_time'
  if (input.promptTime && !isLocalTime(input.promptTime)) problems.promptTime = 'bad_time'
  if (input.workingDays !== undefined && input.workingDays !== null && input.workingDays.length === 0) problems.workingDays = 'no_working_day'
  const lead = input.reminderLeadDays
  if (lead !== undefined && lead !== null && (!Number.isInteger(lead) || lead < 0 || lead > reminderLeadDaysLimit)) {
    problems.reminderLeadDays = 'lead_out_of_range'
  }
  const margin = input.paceMarginPercent
  if (margin !== undefined && margin !== null && (!Number.isInteger(margin) || margin < paceMarginLimits.min || margin > paceMarginLimits.max)) {
    problems.paceMarginPercent = 'margin_out_of_range'
  }
  return problems
}
