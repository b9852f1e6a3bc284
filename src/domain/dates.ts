// Calendar dates as 'YYYY-MM-DD' strings. A campaign day is a date on the team's calendar, not
// an instant, so everything here works on dates; the edge turns "now" into today's date.

/** The days a campaign runs, first and last included. */
export type CampaignWindow = { startDate: string; endDate: string }

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/

/** Is this a real calendar date in YYYY-MM-DD form (no 2026-02-30)? */
export function isIsoDate(value: string): boolean {
  const match = isoDatePattern.exec(value)
  if (!match) return false
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

function toUtcDay(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / 86_400_000
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toUtcDay(to) - toUtcDay(from)
}

/** Length of a campaign that runs from its first to its last day, both included. */
export function campaignLengthInDays(startDate: string, endDate: string): number {
  return daysBetween(startDate, endDate) + 1
}

// One formatter per zone, made once: making one costs far more than using it (a new zone's rules
// are read then), and a date is asked for on nearly every request. An unknown zone maps to UTC's.
const dayFormats = new Map<string, Intl.DateTimeFormat>()

function dayFormat(zone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(zone)
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    } catch {
      format = dayFormat('UTC')
    }
    // Zone names come from Slack and settings: a bounded set, but keep it bounded regardless.
    if (dayFormats.size < 1000) dayFormats.set(zone, format)
  }
  return format
}

/** The date it is at `instant` in `timeZone` (an IANA name); unknown zones fall back to UTC. */
export function localDate(instant: Date, timeZone: string | null | undefined): string {
  return dayFormat(timeZone || 'UTC').format(instant)
}

/** docs/method.md: a campaign usually runs 1–4 weeks; longer tires users, shorter rarely builds reach. */
export const recommendedLengthInDays = { min: 7, max: 28 } as const

export type LengthWarning = { kind: 'too_short' | 'too_long'; days: number }

/** A warning (never a refusal) when the window is outside 7–28 days. */
export function lengthWarning(startDate: string, endDate: string): LengthWarning | null {
  const days = campaignLengthInDays(startDate, endDate)
  if (days < recommendedLengthInDays.min) return { kind: 'too_short', days }
  if (days > recommendedLengthInDays.max) return { kind: 'too_long', days }
  return null
}

/** Does the date fall inside the campaign's window, first and last day included? */
export function isWithin(date: string, window: CampaignWindow): boolean {
  return date >= window.startDate && date <= window.endDate
}
