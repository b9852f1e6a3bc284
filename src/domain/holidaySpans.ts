// A country's public holidays and observances for the marketing calendar: from the date-holidays
// library (its rules, lunar and solar-term calendars, names corrected in holidayNames.ts), except
// China's public holidays, which follow the official schedule (publicHolidays.ts). Pure.
import type Holidays from 'date-holidays'
import type { HolidaysTypes } from 'date-holidays'
import { holidaysLibrary } from './holidayLibrary.ts'
import { daysBetween } from './dates.ts'
import { holidayName } from './holidayNames.ts'
import { chinaFestivalNames, chinaFestivals } from './officialHolidays/cn.ts'
import { officialYear } from './publicHolidays.ts'
import { addDays, type CalendarCountry, type CalendarNodeKind, later, type Span } from './calendarNode.ts'

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
      return { startDate, endDate: addDays(startDate, days - 1), type: holiday.type, rule: holiday.rule, ...holidayName(country, { en: holiday.name, zh }) }
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


const officialFestivalIds: ReadonlySet<string> = new Set(chinaFestivals)

/**
 * The official schedule's breaks of one year, where the app keeps one (China): each break one
 * window, its days off (Spring Festival from the eve, National Day's whole week), named after its
 * festivals ("National Day and Mid-Autumn Festival" when they fall together).
 */
function officialSpans(country: CalendarCountry, year: number): Span[] | null {
  const schedule = officialYear(country, year)
  if (!schedule) return null
  return schedule.breaks.map((entry) => ({
    id: entry.festivals[0]!, name: { ...entry.name }, kind: 'holiday', timingNode: 'holiday',
    startDate: entry.startDate, endDate: entry.endDate, rules: [],
    aliases: [entry.name.en, entry.name.zh, ...entry.festivals.flatMap((festival) => [chinaFestivalNames[festival].en, chinaFestivalNames[festival].zh])],
  }))
}

/**
 * The library's days of one year as windows: public holidays and observances (bank and school
 * holidays are days off for some, not dates a campaign is planned around). Days of the same
 * holiday at most one day apart (a Sunday the rule skips) are one window: Spring Festival,
 * National Day's Golden Week, the days of the lunar New Year. Where the official schedule is
 * kept, its breaks replace the library's days of the same festivals, and what the library still
 * calls public (China's Women's Day, Youth Day, Children's Day, Army Day: days off for some
 * citizens only) is an observance.
 */
export function holidaySpans(country: CalendarCountry, year: number): Span[] {
  const official = officialSpans(country, year)
  const spans: Array<Span & { family: string; representative: boolean }> = []
  const days = libraryHolidays(country, year)
    .filter((day) => day.type === 'public' || day.type === 'observance' || day.type === 'optional')
    .filter((day) => !official || !officialFestivalIds.has(slugOf(day.en)))
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
  for (const day of days) {
    const family = familyOf(day)
    const kind: CalendarNodeKind = day.type === 'public' && !official ? 'holiday' : 'observance'
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
  return [...(official ?? []), ...spans.map(({ family: _family, representative: _representative, ...span }) => span)]
}

// ---- e-commerce dates and shopping seasons ----
