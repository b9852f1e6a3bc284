// The marketing calendar of stage 1 (METHOD.md, "timing node"): the dates of a country a team can
// plan a campaign around, over a date range, placed in it (days away, last day to propose), with
// the workspace's own days off (calendarDays.ts) and the campaigns planned around each. What a node
// is: calendarNode.ts; the public holidays and observances: holidaySpans.ts (date-holidays, and
// China's official schedule); the e-commerce dates and seasons: shoppingDates.ts. Pure: no clock;
// "today" and the range are arguments.
import { calendarDayOn, type CalendarDayRule } from './calendarDays.ts'
import type { CampaignStage, TimingNode } from './campaign.ts'
import { daysBetween, isIsoDate } from './dates.ts'
import { officialYear } from './publicHolidays.ts'
import { addDays, addMonths, type CalendarCountry, calendarMonthsLimit, type CalendarNode, type CalendarNodeKind, defaultPreparationLeadDays, earlier, isCalendarCountry, later, type Span, yearOf } from './calendarNode.ts'
import { holidaySpans } from './holidaySpans.ts'
import { appSpans } from './shoppingDates.ts'


// ---- the calendar ----

const kindOrder: Readonly<Record<CalendarNodeKind, number>> = { holiday: 0, ecommerce: 1, season: 2, observance: 3 }

export type CalendarRange = {
  country: CalendarCountry
  /** First and last day shown, both included. */
  from: string
  to: string
  today: string
  /** Days a campaign needs from proposal to start; default 28. */
  leadDays?: number
  /** The workspace's own holidays and working days: its days off are shown with the public holidays. */
  calendarDays?: readonly CalendarDayRule[]
}

/** A workspace day off with no name of its own. */
const ownDayOffName = { en: 'Team day off', zh: '团队休息日' } as const

/**
 * The workspace's own days off among the spans: a rule next to or over a public holiday of the
 * same name (or with no name) lengthens it (a break the workspace extends, or next year's
 * schedule entered before the app has it); any other is a window of its own.
 */
function withOwnDaysOff(spans: Span[], days: readonly CalendarDayRule[]): Span[] {
  for (const rule of days) {
    if (rule.kind !== 'holiday') continue
    const named = rule.name ? matchable(rule.name) : null
    const joined = spans.find((span) => span.kind === 'holiday' && span.startDate <= addDays(rule.to, 1) && rule.from <= addDays(span.endDate, 1)
      && (named === null || span.aliases.some((alias) => matchable(alias) === named)))
    if (joined) {
      joined.startDate = earlier(joined.startDate, rule.from)
      joined.endDate = later(joined.endDate, rule.to)
      continue
    }
    spans.push({
      id: 'team_day_off', name: rule.name ? { en: rule.name, zh: rule.name } : { ...ownDayOffName }, kind: 'holiday', timingNode: 'holiday',
      startDate: rule.from, endDate: rule.to, aliases: rule.name ? [rule.name] : [], rules: [],
    })
  }
  return spans
}

/** Every timing node of the country that overlaps the range, soonest first. */
export function calendarNodes(range: CalendarRange): CalendarNode[] {
  const { country, from, to, today } = range
  for (const [what, date] of [['from', from], ['to', to], ['today', today]] as const) {
    if (!isIsoDate(date)) throw new Error(`calendar: ${what} must be a YYYY-MM-DD date (got ${JSON.stringify(date)})`)
  }
  if (!isCalendarCountry(country)) throw new Error(`calendar: unknown country ${JSON.stringify(country)}`)
  const leadDays = range.leadDays ?? defaultPreparationLeadDays
  const spans: Span[] = []
  // A window that began the year before (a season crossing the new year) may still overlap.
  for (let year = yearOf(from) - 1; year <= yearOf(to); year++) {
    const own = appSpans(country, year)
    const ownRules = new Set(own.flatMap((span) => span.rules))
    spans.push(...holidaySpans(country, year).filter((span) => !span.rules.some((rule) => ownRules.has(rule))), ...own)
  }
  const keys = new Set<string>()
  return withOwnDaysOff(spans, range.calendarDays ?? [])
    .filter((span) => span.endDate >= from && span.startDate <= to)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || kindOrder[a.kind] - kindOrder[b.kind] || a.id.localeCompare(b.id))
    .map(({ rules: _rules, ...span }): CalendarNode => {
      let key = `${country}:${span.startDate}:${span.id}`
      for (let n = 2; keys.has(key); n++) key = `${country}:${span.startDate}:${span.id}_${n}`
      keys.add(key)
      const lastDayToPropose = addDays(span.startDate, -leadDays)
      return {
        key, country, ...span,
        aliases: [...new Set(span.aliases.filter((alias) => alias.trim().length >= 2))],
        daysAway: daysBetween(today, span.startDate),
        lastDayToPropose,
        daysLeftToPropose: daysBetween(today, lastDayToPropose),
      }
    })
}

/** The range `/campaign calendar` shows: from today, `months` months on (1–12), the last day included. */
export function comingRange(today: string, months: number): { from: string; to: string } {
  const clamped = Math.min(calendarMonthsLimit, Math.max(1, Math.trunc(months)))
  return { from: today, to: addDays(addMonths(today, clamped), -1) }
}

const nodeKeyPattern = /^([A-Z]{2}):(\d{4}-\d{2}-\d{2}):([a-z0-9_]+)$/

/** The node a key names (a Plan-this button's value), as the calendar computes it today; null if none. */
export function nodeByKey(key: string, today: string, leadDays = defaultPreparationLeadDays, calendarDays: readonly CalendarDayRule[] = []): CalendarNode | null {
  const match = nodeKeyPattern.exec(key)
  if (!match || !isCalendarCountry(match[1]!) || !isIsoDate(match[2]!) || !isIsoDate(today)) return null
  const startDate = match[2]!
  return calendarNodes({ country: match[1]!, from: startDate, to: startDate, today, leadDays, calendarDays }).find((node) => node.key === key) ?? null
}

/** The workspace's own holidays and working days belong in the calendar of its country (in every one, when it set none). */
export function ownCalendarDays(workspace: { country: string | null; calendarDays: readonly CalendarDayRule[] }, country: CalendarCountry): readonly CalendarDayRule[] {
  const own = workspace.country?.trim().toUpperCase() || null
  return own === null || own === country ? workspace.calendarDays : []
}

/**
 * The days of the range worked in place of days off: the country's make-up working days (China's
 * 调休) and the workspace's own working days on a weekend or a public holiday, less the days the
 * workspace takes off. Soonest first.
 */
export function makeUpWorkdays(range: Pick<CalendarRange, 'country' | 'from' | 'to' | 'calendarDays'>): string[] {
  const { country, from, to } = range
  const own = range.calendarDays ?? []
  const found = new Set<string>()
  // A year's schedule may reach into the December before (a New Year break's make-up day).
  for (let year = yearOf(from); year <= yearOf(to) + 1; year++) {
    for (const entry of officialYear(country, year)?.breaks ?? []) for (const day of entry.workdays) found.add(day)
  }
  for (const rule of own) {
    if (rule.kind !== 'workday') continue
    for (let day = rule.from; day <= rule.to; day = addDays(day, 1)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
      const publicDayOff = officialYear(country, yearOf(day))?.breaks.some((entry) => entry.startDate <= day && day <= entry.endDate)
      if (weekday === 0 || weekday === 6 || publicDayOff) found.add(day)
    }
  }
  return [...found].filter((day) => day >= from && day <= to && calendarDayOn(own, day)?.kind !== 'holiday').sort()
}

/** METHOD.md: campaigns run 1–4 weeks. */
const longestSuggestedDays = 28
const warmUpDays = 7

/**
 * The dates the proposal form suggests for a campaign around a node: from a week before it (never
 * before today) to its last day, at most four weeks (a long season is covered from its start), and
 * always at least two days, as a proposal's end must come after its start.
 */
export function suggestedCampaignWindow(node: Pick<CalendarNode, 'startDate' | 'endDate'>, today: string): { startDate: string; endDate: string } {
  const startDate = later(today, addDays(node.startDate, -warmUpDays))
  let endDate = earlier(node.endDate, addDays(startDate, longestSuggestedDays - 1))
  if (endDate <= startDate) endDate = addDays(startDate, 1)
  return { startDate, endDate }
}

/** A campaign of the workspace as the calendar shows it. */
export type CalendarCampaign = {
  id: number
  name: string
  stage: CampaignStage
  timingNode: TimingNode
  timingNote: string | null
  startDate: string
  endDate: string
}

const matchable = (text: string) => text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim()

/**
 * The campaigns "planned around" a node:
 * - its timing note names the node (either name or a short form such as '618'; the Plan-this
 *   button writes the name there) and it runs within the node's preparation lead or the node
 *   itself (so last year's Spring Festival campaign does not count for this year's); or
 * - it has no timing note, its timing node is the node's (sales peak, periodic promotion…), and it
 *   runs over the node's days.
 * A note naming something else keeps the campaign off nodes it merely overlaps: a Christmas campaign
 * is not planned around the Advent Sundays.
 */
export function campaignsAround(node: CalendarNode, campaigns: readonly CalendarCampaign[], leadDays = defaultPreparationLeadDays): CalendarCampaign[] {
  const aliases = node.aliases.map(matchable)
  const overlaps = (campaign: CalendarCampaign, from: string, to: string) => campaign.startDate <= to && campaign.endDate >= from
  return campaigns.filter((campaign) => {
    const note = campaign.timingNote ? matchable(campaign.timingNote) : ''
    if (note) return overlaps(campaign, addDays(node.startDate, -leadDays), node.endDate) && aliases.some((alias) => note.includes(alias))
    return campaign.timingNode === node.timingNode && overlaps(campaign, node.startDate, node.endDate)
  })
}

export type CalendarEntry = { node: CalendarNode; campaigns: CalendarCampaign[] }
/**
 * One calendar month ('YYYY-MM') of the range, with the nodes that begin in it (or, for the first
 * month, that are under way), and its days worked in place of days off (makeUpWorkdays).
 */
export type CalendarMonth = { month: string; entries: CalendarEntry[]; workdays: string[] }

/** The nodes by month, every month of the range listed (an empty one says so), each with its campaigns. */
export function calendarMonths(
  nodes: readonly CalendarNode[], campaigns: readonly CalendarCampaign[], range: { from: string; to: string }, leadDays = defaultPreparationLeadDays,
  workdays: readonly string[] = [],
): CalendarMonth[] {
  const months: CalendarMonth[] = []
  for (let month = range.from.slice(0, 7); month <= range.to.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7)) {
    months.push({ month, entries: [], workdays: workdays.filter((day) => day.startsWith(month)) })
  }
  for (const node of nodes) {
    const month = later(node.startDate, range.from).slice(0, 7)
    months.find((m) => m.month === month)?.entries.push({ node, campaigns: campaignsAround(node, campaigns, leadDays) })
  }
  return months
}
