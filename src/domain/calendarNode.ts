// What the marketing calendar is made of: the countries it knows, a timing node and its kinds, and
// the date arithmetic its parts share. Pure.
import type { TimingNode } from './campaign.ts'

/** The countries the calendar knows, each with its e-commerce dates and school year below. */
export const calendarCountries = ['CN', 'US', 'GB', 'JP', 'DE', 'FR', 'SG', 'HK', 'TW', 'KR', 'AU', 'CA'] as const
export type CalendarCountry = (typeof calendarCountries)[number]

export function isCalendarCountry(code: string): code is CalendarCountry {
  return (calendarCountries as readonly string[]).includes(code)
}

export const calendarNodeKinds = ['holiday', 'observance', 'ecommerce', 'season'] as const
export type CalendarNodeKind = (typeof calendarNodeKinds)[number]

/** METHOD.md's 1–4 week campaign window plus planning: a proposal this long before the date leaves time for both. */
export const defaultPreparationLeadDays = 28
/** How far the calendar looks ahead at most. */
export const calendarMonthsLimit = 12
export const defaultCalendarMonths = 3

export type CalendarNode = {
  /** Stable across requests: country, first day, and what it is, e.g. `CN:2027-02-05:spring_festival`. */
  key: string
  country: CalendarCountry
  /** What it is, in snake case (from the English name for holidays). */
  id: string
  name: { en: string; zh: string }
  kind: CalendarNodeKind
  /** The proposal's timing node a campaign for it has. */
  timingNode: TimingNode
  /** First and last day, both included ('YYYY-MM-DD'). */
  startDate: string
  endDate: string
  /** Days from today to the first day (0 today, negative once it has begun). */
  daysAway: number
  /** The last day to propose a campaign for it and still have the preparation lead. */
  lastDayToPropose: string
  /** Days from today to that day (negative: the lead is already shorter than wished). */
  daysLeftToPropose: number
  /** Words that name it in a campaign's timing note (both names, and short forms such as '618'). */
  aliases: string[]
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The same day `months` later, or the month's last day when it has no such day (01-31 + 1 month = 02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate()
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10)
}

export const later = (a: string, b: string) => (a > b ? a : b)
export const earlier = (a: string, b: string) => (a < b ? a : b)
export const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4))

// ---- the country of a Slack locale ----

// When a locale names no region the calendar knows (Slack's es-LA, pt-BR…), its language may still
// point at one; English without a region reads as the US, as Slack's own default locale does.
const countryOfLanguage: Readonly<Record<string, CalendarCountry>> = { zh: 'CN', en: 'US', ja: 'JP', ko: 'KR', de: 'DE', fr: 'FR' }

/** Slack's locale ('en-GB', 'zh-TW', 'ja-JP') → the calendar's country, or null when it suggests none. */
export function countryFromSlackLocale(locale: string | null | undefined): CalendarCountry | null {
  const match = /^([a-z]{2,3})(?:[-_]([a-z]{2}))?\b/i.exec(locale?.trim() ?? '')
  if (!match) return null
  const region = match[2]?.toUpperCase()
  if (region && isCalendarCountry(region)) return region
  return countryOfLanguage[match[1]!.toLowerCase()] ?? null
}

/** A timing node before it is placed in a range (no key, no distance from today yet). */
export type Span = Omit<CalendarNode, 'key' | 'country' | 'daysAway' | 'lastDayToPropose' | 'daysLeftToPropose'> & {
  /** The date-holidays rules of its days: a holiday the app also defines (Qixi, the day after Thanksgiving) is shown once. */
  rules: string[]
}
