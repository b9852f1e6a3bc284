// A country's public holidays as days off and working days, for the working-day calendar and the
// marketing calendar. Where the app keeps the official schedule (China, officialHolidays/cn.ts) it
// is the answer: the days off of each break and the weekend days worked in their place (调休);
// a year the schedule does not list yet has the statutory days alone. Everywhere else (and for
// China before 2025) the public holidays are date-holidays'. Pure; every answer depends on its
// arguments only and is kept per country and year.
import type Holidays from 'date-holidays'
import { holidaysLibrary } from './holidayLibrary.ts'
import {
  chinaFestivalNames, chinaFestivals, chinaPublishedYears, chinaStatutoryRules, chinaStatutoryRulesSince,
  type ChinaFestival, type PublishedYear,
} from './officialHolidays/cn.ts'

/** One break of the official schedule: the days off around one festival (or two that fall together). */
export type OfficialBreak = {
  festivals: readonly ChinaFestival[]
  name: { en: string; zh: string }
  /** Days off, both included ('YYYY-MM-DD'). */
  startDate: string
  endDate: string
  /** The statutory days of its festivals (inside the break). */
  statutoryDays: readonly string[]
  /** Weekend days worked for this break (调休上班); empty until the year's notice is published. */
  workdays: readonly string[]
}

export type OfficialYear = {
  country: 'CN'
  year: number
  breaks: readonly OfficialBreak[]
  /** The notice the breaks come from; null: not published yet, so only the statutory days are known. */
  source: PublishedYear['source'] | null
}

const dayMs = 86_400_000

function shift(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

function daysFrom(first: string, last: string): string[] {
  const days: string[] = []
  for (let day = first; day <= last && days.length < 366; day = shift(day, 1)) days.push(day)
  return days
}

const joinNames = (festivals: readonly ChinaFestival[]) => ({
  en: festivals.map((festival) => chinaFestivalNames[festival].en).join(' and '),
  zh: festivals.map((festival) => chinaFestivalNames[festival].zh).join('、'),
})

// ---- China's statutory days, from the lunar and solar-term rules (date-holidays' rule engine) ----

let statutoryCalendar: Holidays | undefined
const statutoryYears = new Map<number, Readonly<Record<ChinaFestival, readonly string[]>>>()

/** The statutory days of each festival in `year` under the rules in force since 2025. */
export function chinaStatutoryDays(year: number): Readonly<Record<ChinaFestival, readonly string[]>> {
  const cached = statutoryYears.get(year)
  if (cached) return cached
  if (!statutoryCalendar) {
    statutoryCalendar = new (holidaysLibrary())()
    for (const festival of chinaFestivals) {
      const rule = chinaStatutoryRules[festival].firstDay
      if (!statutoryCalendar.setHoliday(rule, { name: festival, type: 'public' })) throw new Error(`publicHolidays: date-holidays refused the rule ${rule}`)
    }
  }
  const found = statutoryCalendar.getHolidays(year)
  const days = Object.fromEntries(chinaFestivals.map((festival) => {
    const { firstDay, days: count } = chinaStatutoryRules[festival]
    const first = found.find((holiday) => holiday.rule === firstDay)?.date.slice(0, 10)
    if (!first) throw new Error(`publicHolidays: no date for ${festival} in ${year}`)
    return [festival, daysFrom(first, shift(first, count - 1))]
  })) as Record<ChinaFestival, string[]>
  statutoryYears.set(year, days)
  return days
}

const officialYears = new Map<string, OfficialYear | null>()

/**
 * The official schedule of a country's year: China's published notice, else (from 2025) its
 * statutory days, festivals falling on the same or neighbouring days as one break; null where
 * the app keeps no schedule (other countries, China before 2025).
 */
export function officialYear(country: string, year: number): OfficialYear | null {
  const key = `${country}:${year}`
  if (officialYears.has(key)) return officialYears.get(key)!
  let answer: OfficialYear | null = null
  if (country === 'CN' && year >= chinaStatutoryRulesSince) {
    const statutory = chinaStatutoryDays(year)
    const published = chinaPublishedYears.find((entry) => entry.year === year)
    if (published) {
      answer = {
        country, year, source: published.source,
        breaks: published.breaks.map((entry) => ({
          festivals: entry.festivals, name: joinNames(entry.festivals), startDate: entry.daysOff[0], endDate: entry.daysOff[1],
          statutoryDays: entry.festivals.flatMap((festival) => statutory[festival]).sort(), workdays: [...entry.workdays].sort(),
        })),
      }
    } else {
      const breaks: Array<{ festivals: ChinaFestival[]; days: string[] }> = []
      const byFirstDay = [...chinaFestivals].sort((a, b) => statutory[a][0]!.localeCompare(statutory[b][0]!))
      for (const festival of byFirstDay) {
        const days = statutory[festival]
        const last = breaks.at(-1)
        // Mid-Autumn on 30 September to 3 October joins National Day, as the notices join them.
        if (last && days[0]! <= shift(last.days.at(-1)!, 1)) {
          last.festivals.push(festival)
          last.days = [...new Set([...last.days, ...days])].sort()
        } else breaks.push({ festivals: [festival], days: [...days] })
      }
      answer = {
        country, year, source: null,
        breaks: breaks.map(({ festivals, days }) => ({
          festivals, name: joinNames(festivals), startDate: days[0]!, endDate: days.at(-1)!, statutoryDays: days, workdays: [],
        })),
      }
    }
  }
  officialYears.set(key, answer)
  return answer
}

// ---- days off and make-up working days, for the working-day calendar ----

export type PublicDayKind = 'day_off' | 'make_up_workday'

/** The years whose public holidays are computed. */
export const holidayYears = { from: 1900, to: 2200 } as const

const libraryDaysOff = new Map<string, ReadonlySet<string>>()

/** date-holidays' public holidays of a country's year, each day of a several-day one. */
function libraryPublicDays(country: string, year: number): ReadonlySet<string> {
  const key = `${country}:${year}`
  const cached = libraryDaysOff.get(key)
  if (cached) return cached
  const days = new Set<string>()
  // An unknown country has no holidays (the library's getHolidays answers nothing for it).
  const Library = holidaysLibrary()
  for (const holiday of new Library(country).getHolidays(year) || []) {
    if (holiday.type !== 'public') continue
    const count = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / dayMs))
    for (const day of daysFrom(holiday.date.slice(0, 10), shift(holiday.date.slice(0, 10), count - 1))) days.add(day)
  }
  libraryDaysOff.set(key, days)
  return days
}

const officialDays = new Map<string, ReadonlyMap<string, PublicDayKind>>()

function officialDaysOf(schedule: OfficialYear): ReadonlyMap<string, PublicDayKind> {
  const key = `${schedule.country}:${schedule.year}`
  let days = officialDays.get(key)
  if (!days) {
    const map = new Map<string, PublicDayKind>()
    for (const entry of schedule.breaks) {
      for (const day of daysFrom(entry.startDate, entry.endDate)) map.set(day, 'day_off')
      for (const day of entry.workdays) map.set(day, 'make_up_workday')
    }
    officialDays.set(key, (days = map))
  }
  return days
}

/**
 * What the country's public calendar makes of a day: a day off, a weekend day worked in place of
 * one, or nothing (null: an ordinary day, decided by the working weekdays).
 */
export function publicDayKind(country: string, date: string): PublicDayKind | null {
  const year = Number(date.slice(0, 4))
  // Outside these years the library's lunar calendar takes seconds or never returns (year 1), and
  // no campaign runs there: a date typed that far off is an ordinary day rather than a stuck scheduler.
  if (year < holidayYears.from || year > holidayYears.to) return null
  const schedule = officialYear(country, year)
  if (!schedule) return libraryPublicDays(country, year).has(date) ? 'day_off' : null
  // Next year's notice may reach back into December (a New Year break, its make-up day).
  for (const candidate of [schedule, officialYear(country, year + 1)]) {
    const kind = candidate ? officialDaysOf(candidate).get(date) : undefined
    if (kind) return kind
  }
  return null
}
