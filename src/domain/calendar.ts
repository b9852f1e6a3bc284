// The marketing calendar of stage 1 (METHOD.md, "timing node"): the dates of a country a team can
// plan a campaign around, over a date range. Public holidays and observances come from the
// date-holidays library (its rules, its lunar and solar-term calendars, its English and Chinese
// names); the e-commerce dates and shopping seasons, which no holiday library keeps, are defined
// below, the lunar and weekday ones through the same library's rule engine. Pure: no clock; "today"
// and the range are arguments.
import type Holidays from 'date-holidays'
import type { HolidaysTypes } from 'date-holidays'
import { holidaysLibrary } from './holidayLibrary.ts'
import type { CampaignStage, TimingNode } from './campaign.ts'
import { daysBetween, isIsoDate } from './dates.ts'

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

const later = (a: string, b: string) => (a > b ? a : b)
const earlier = (a: string, b: string) => (a < b ? a : b)
const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4))

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

// ---- holidays and observances, from date-holidays ----

/** One day (or span) as the library gives it, with both names. */
type LibraryHoliday = { startDate: string; endDate: string; type: HolidaysTypes.HolidayType; rule: string; en: string; zh: string }

const dayMs = 86_400_000

// Building a country's rules costs a few ms and computing a year of lunar dates up to ~250 ms
// (Chinese calendar and solar terms): both are kept, per country and per country-year. The
// results depend on nothing but their arguments, so keeping them changes no answer.
const holidaysByCountry = new Map<CalendarCountry, Holidays>()
const libraryYears = new Map<string, readonly LibraryHoliday[]>()

function libraryHolidays(country: CalendarCountry, year: number): readonly LibraryHoliday[] {
  const cacheKey = `${country}:${year}`
  const cached = libraryYears.get(cacheKey)
  if (cached) return cached
  let holidays = holidaysByCountry.get(country)
  if (!holidays) holidaysByCountry.set(country, (holidays = new (holidaysLibrary())(country, { languages: ['en', 'zh'] })))
  const english = holidays.getHolidays(year, 'en')
  const chinese = holidays.getHolidays(year, 'zh')
  const days = english
    // Substitute days off move a day of rest, not the date a campaign is planned around.
    .filter((holiday) => !holiday.substitute)
    .map((holiday): LibraryHoliday => {
      const startDate = holiday.date.slice(0, 10)
      // A half day (12:00) or an evening (18:00) is still that day; a span (Korean New Year, P3D) keeps its days.
      const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / dayMs))
      // The library lists both languages from the same rules in the same order; the name falls back to English otherwise.
      const zh = chinese.find((other) => other.rule === holiday.rule && other.date === holiday.date)?.name ?? holiday.name
      return { startDate, endDate: addDays(startDate, days - 1), type: holiday.type, rule: holiday.rule, en: holiday.name, zh }
    })
  libraryYears.set(cacheKey, days)
  return days
}

/** 'Chinese New Year’s Eve' → 'chinese_new_years_eve'. */
function slugOf(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/['’]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'holiday'
}

// The first days of the lunar year are separate holidays in some countries' data ("Chinese New
// Year's Eve", "The second day of…", "農曆年初三"), by rule: days 0–9 of the first lunar month.
const lunarNewYearDay = /^(?:substitutes )?(?:chinese|korean) 0?1-0-0?(\d)\b/
const lunarNewYearFirstDay = /^(?:chinese|korean) 0?1-0-0?1\b/

/** Which holiday a day belongs to: days of one holiday in a row make one window. */
function familyOf(holiday: LibraryHoliday): string {
  return lunarNewYearDay.test(holiday.rule) ? 'lunar_new_year' : slugOf(holiday.en)
}

type Span = Omit<CalendarNode, 'key' | 'country' | 'daysAway' | 'lastDayToPropose' | 'daysLeftToPropose'> & {
  /** The date-holidays rules of its days: a holiday the app also defines (Qixi, the day after Thanksgiving) is shown once. */
  rules: string[]
}

/**
 * The library's days of one year as windows: public holidays and observances (bank and school
 * holidays are days off for some, not dates a campaign is planned around). Days of the same
 * holiday at most one day apart (a Sunday the rule skips) are one window: Spring Festival,
 * National Day's Golden Week, the days of the lunar New Year.
 */
function holidaySpans(country: CalendarCountry, year: number): Span[] {
  const spans: Array<Span & { family: string; representative: boolean }> = []
  const days = libraryHolidays(country, year)
    .filter((day) => day.type === 'public' || day.type === 'observance' || day.type === 'optional')
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
  for (const day of days) {
    const family = familyOf(day)
    const kind: CalendarNodeKind = day.type === 'public' ? 'holiday' : 'observance'
    const open = spans.findLast((span) => span.family === family && daysBetween(span.endDate, day.startDate) <= 2)
    if (open) {
      open.endDate = later(open.endDate, day.endDate)
      if (kind === 'holiday') open.kind = 'holiday'
      open.aliases.push(day.en, day.zh)
      open.rules.push(day.rule)
      // A window of lunar New Year days is named after its first day (not its eve).
      if (!open.representative && lunarNewYearFirstDay.test(day.rule)) {
        Object.assign(open, { id: slugOf(day.en), name: { en: day.en, zh: day.zh }, representative: true })
      }
      continue
    }
    spans.push({
      id: slugOf(day.en), name: { en: day.en, zh: day.zh }, kind, timingNode: 'holiday',
      startDate: day.startDate, endDate: day.endDate, aliases: [day.en, day.zh], rules: [day.rule], family,
      representative: family !== 'lunar_new_year' || lunarNewYearFirstDay.test(day.rule),
    })
  }
  return spans.map(({ family: _family, representative: _representative, ...span }) => span)
}

// ---- e-commerce dates and shopping seasons ----

/**
 * Dates of a year that follow the moon or a weekday, computed by date-holidays' rule engine
 * (its Chinese calendar comes from the date-chinese library): no hand-kept table of lunar dates.
 */
const anchorRules = {
  qixi: 'chinese 07-0-07', // the 7th day of the 7th lunar month
  lunarNewYear: 'chinese 01-0-01',
  blackFriday: 'friday after 4th thursday in November', // the day after US Thanksgiving
  cyberMonday: 'monday after 4th thursday in November',
} as const
type Anchor = keyof typeof anchorRules

let anchorCalendar: Holidays | undefined
const anchorYears = new Map<number, Readonly<Record<Anchor, string>>>()

function anchorsOf(year: number): Readonly<Record<Anchor, string>> {
  const cached = anchorYears.get(year)
  if (cached) return cached
  if (!anchorCalendar) {
    anchorCalendar = new (holidaysLibrary())()
    for (const [anchor, rule] of Object.entries(anchorRules)) {
      if (!anchorCalendar.setHoliday(rule, { name: anchor, type: 'observance' })) throw new Error(`calendar: date-holidays refused the rule ${rule}`)
    }
  }
  const found = anchorCalendar.getHolidays(year)
  const anchors = Object.fromEntries(Object.entries(anchorRules).map(([anchor, rule]) => {
    const date = found.find((holiday) => holiday.rule === rule)?.date.slice(0, 10)
    if (!date) throw new Error(`calendar: no date for ${anchor} in ${year}`)
    return [anchor, date]
  })) as Record<Anchor, string>
  anchorYears.set(year, anchors)
  return anchors
}

/**
 * Which e-commerce dates a country plans around. The double-number days and 618 were born on
 * Chinese platforms (Tmall, JD) and are run across Greater China and by Lazada and Shopee in
 * Singapore; Black Friday and Cyber Monday belong to the US and the markets that took them up
 * (GB, CA, AU, DE, FR); Japan runs Black Friday (Amazon Japan, since 2019) but not Cyber Monday;
 * Korea has neither (its November sale is the government's Korea Sale Festa).
 */
const greaterChina: readonly CalendarCountry[] = ['CN', 'HK', 'TW', 'SG']
const blackFridayMarkets: readonly CalendarCountry[] = ['US', 'GB', 'CA', 'AU', 'DE', 'FR', 'JP']
const cyberMondayMarkets: readonly CalendarCountry[] = ['US', 'GB', 'CA', 'AU', 'DE', 'FR']

/**
 * Back-to-school shopping, by the country's school year (the weeks before the first term):
 * September starts in the US, Canada, Europe and Greater China; April in Japan, March in Korea,
 * late January in Australia and early January in Singapore (whose season crosses the new year).
 */
const backToSchool: Readonly<Record<CalendarCountry, readonly [start: string, end: string]>> = {
  US: ['07-15', '09-05'], CA: ['07-15', '09-05'],
  GB: ['08-01', '09-10'], DE: ['08-01', '09-15'], FR: ['08-15', '09-05'],
  CN: ['08-15', '09-10'], HK: ['08-10', '09-05'], TW: ['08-10', '09-05'],
  JP: ['03-10', '04-10'], KR: ['02-10', '03-05'], AU: ['01-05', '02-05'], SG: ['12-01', '01-05'],
}

type AppDate = {
  id: string
  kind: 'ecommerce' | 'season'
  timingNode: TimingNode
  /** Data of the calendar, in both languages, as the library's holiday names are. */
  name: { en: string; zh: string }
  /** Short forms a timing note may use. */
  aliases: readonly string[]
  /** The date-holidays rule it follows, when it follows one. */
  rule?: string
  countries: readonly CalendarCountry[] | 'all'
  /** Its window in `year` for `country` (first and last day). */
  window: (year: number, country: CalendarCountry) => readonly [start: string, end: string]
}

const on = (year: number, monthDay: string) => `${year}-${monthDay}`
const day = (date: string) => [date, date] as const

const appDates: readonly AppDate[] = [
  {
    id: 'day_520', kind: 'ecommerce', timingNode: 'holiday', countries: greaterChina,
    name: { en: '520 ("I love you" day)', zh: '520 表白日' }, aliases: ['520', '5.20', '5·20'],
    window: (year) => day(on(year, '05-20')),
  },
  {
    // JD's anniversary sale: the whole first half of June, peaking on the 18th.
    id: 'shopping_618', kind: 'ecommerce', timingNode: 'sales_peak', countries: greaterChina,
    name: { en: '618 shopping festival', zh: '618 购物节' }, aliases: ['618', '6.18', '6·18', '年中大促'],
    window: (year) => [on(year, '06-01'), on(year, '06-18')],
  },
  {
    id: 'qixi', kind: 'ecommerce', timingNode: 'holiday', countries: greaterChina,
    name: { en: "Qixi (Chinese Valentine's Day)", zh: '七夕' }, aliases: ['Qixi', '七夕', 'Chinese Valentine'], rule: anchorRules.qixi,
    window: (year) => day(anchorsOf(year).qixi),
  },
  {
    id: 'double_9', kind: 'ecommerce', timingNode: 'periodic_promotion', countries: greaterChina,
    name: { en: '9.9 sale', zh: '99 大促' }, aliases: ['9.9', '99大促', '99 大促', '9·9'],
    window: (year) => day(on(year, '09-09')),
  },
  {
    // Tmall's Singles' Day: sales from 1 November, peaking on the 11th.
    id: 'double_11', kind: 'ecommerce', timingNode: 'sales_peak', countries: greaterChina,
    name: { en: "Double 11 (Singles' Day)", zh: '双十一' }, aliases: ['Double 11', '11.11', '双11', '双十一', 'Singles Day', 'Singles’ Day', "Singles' Day"],
    window: (year) => [on(year, '11-01'), on(year, '11-11')],
  },
  {
    id: 'double_12', kind: 'ecommerce', timingNode: 'periodic_promotion', countries: greaterChina,
    name: { en: 'Double 12', zh: '双十二' }, aliases: ['Double 12', '12.12', '双12', '双十二'],
    window: (year) => day(on(year, '12-12')),
  },
  {
    // Nian huo: the three weeks of shopping before the lunar New Year's Eve.
    id: 'new_year_shopping', kind: 'season', timingNode: 'sales_peak', countries: greaterChina,
    name: { en: 'Lunar New Year shopping festival', zh: '年货节' }, aliases: ['年货节', '年貨節', 'Lunar New Year shopping'],
    window: (year) => {
      const newYear = anchorsOf(year).lunarNewYear
      return [addDays(newYear, -22), addDays(newYear, -2)]
    },
  },
  {
    id: 'black_friday', kind: 'ecommerce', timingNode: 'sales_peak', countries: blackFridayMarkets,
    name: { en: 'Black Friday', zh: '黑色星期五' }, aliases: ['Black Friday', '黑五', '黑色星期五'], rule: anchorRules.blackFriday,
    window: (year) => day(anchorsOf(year).blackFriday),
  },
  {
    id: 'cyber_monday', kind: 'ecommerce', timingNode: 'sales_peak', countries: cyberMondayMarkets,
    name: { en: 'Cyber Monday', zh: '网络星期一' }, aliases: ['Cyber Monday', '网络星期一'], rule: anchorRules.cyberMonday,
    window: (year) => day(anchorsOf(year).cyberMonday),
  },
  {
    id: 'golden_week', kind: 'season', timingNode: 'holiday', countries: ['JP'],
    name: { en: 'Golden Week', zh: '黄金周' }, aliases: ['Golden Week', '黄金周', 'ゴールデンウィーク'],
    // Showa Day to Children's Day, fixed dates by law.
    window: (year) => [on(year, '04-29'), on(year, '05-05')],
  },
  {
    id: 'back_to_school', kind: 'season', timingNode: 'sales_peak', countries: 'all',
    name: { en: 'Back-to-school season', zh: '开学季' }, aliases: ['back to school', 'back-to-school', '开学季', '開學季'],
    window: (year, country) => {
      const [start, end] = backToSchool[country]
      // A season that ends "earlier" in the year than it starts ends the next year.
      return [on(year, start), on(end < start ? year + 1 : year, end)]
    },
  },
  {
    // The holiday shopping season: from Black Friday where it is kept, else from December, to the year's end.
    id: 'year_end', kind: 'season', timingNode: 'sales_peak', countries: 'all',
    name: { en: 'Year-end shopping season', zh: '年末购物季' }, aliases: ['year-end', 'year end', 'holiday season', '年末', '年终'],
    window: (year, country) => [blackFridayMarkets.includes(country) ? anchorsOf(year).blackFriday : on(year, '12-01'), on(year, '12-31')],
  },
]

function appSpans(country: CalendarCountry, year: number): Span[] {
  return appDates
    .filter((date) => date.countries === 'all' || date.countries.includes(country))
    .map((date) => {
      const [startDate, endDate] = date.window(year, country)
      return {
        id: date.id, name: { ...date.name }, kind: date.kind, timingNode: date.timingNode, startDate, endDate,
        aliases: [date.name.en, date.name.zh, ...date.aliases], rules: date.rule ? [date.rule] : [],
      }
    })
}

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
  return spans
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
export function nodeByKey(key: string, today: string, leadDays = defaultPreparationLeadDays): CalendarNode | null {
  const match = nodeKeyPattern.exec(key)
  if (!match || !isCalendarCountry(match[1]!) || !isIsoDate(match[2]!) || !isIsoDate(today)) return null
  const startDate = match[2]!
  return calendarNodes({ country: match[1]!, from: startDate, to: startDate, today, leadDays }).find((node) => node.key === key) ?? null
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
/** One calendar month ('YYYY-MM') of the range, with the nodes that begin in it (or, for the first month, that are under way). */
export type CalendarMonth = { month: string; entries: CalendarEntry[] }

/** The nodes by month, every month of the range listed (an empty one says so), each with its campaigns. */
export function calendarMonths(nodes: readonly CalendarNode[], campaigns: readonly CalendarCampaign[], range: { from: string; to: string }, leadDays = defaultPreparationLeadDays): CalendarMonth[] {
  const months: CalendarMonth[] = []
  for (let month = range.from.slice(0, 7); month <= range.to.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7)) {
    months.push({ month, entries: [] })
  }
  for (const node of nodes) {
    const month = later(node.startDate, range.from).slice(0, 7)
    months.find((m) => m.month === month)?.entries.push({ node, campaigns: campaignsAround(node, campaigns, leadDays) })
  }
  return months
}
