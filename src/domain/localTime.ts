// Local days and times in a time zone, for the scheduler: "is it 09:30 on a working day in
// Shanghai yet?". The zone arithmetic is luxon's (IANA rules, DST); nothing here hand-writes an
// offset. Pure: the instant is always an argument.
import { DateTime, IANAZone } from 'luxon'
import { holidaysLibrary } from './holidayLibrary.ts'

/** 'HH:MM', 00:00–23:59. */
const localTimePattern = /^([01]\d|2[0-3]):([0-5]\d)$/

export function isLocalTime(value: string): boolean {
  return localTimePattern.test(value)
}

const knownZones = new Map<string, boolean>()

/** A time zone the runtime knows by its IANA name ('Asia/Shanghai', 'UTC'); no offsets like '+08:00'. */
export function isTimeZone(value: string): boolean {
  // Asked once per campaign in every scheduler pass; the answer is the runtime's and never changes.
  let known = knownZones.get(value)
  if (known === undefined) {
    known = value.length > 0 && value.includes('/') ? IANAZone.isValidZone(value) : value === 'UTC'
    if (knownZones.size < 1000) knownZones.set(value, known)
  }
  return known
}

/** The date ('YYYY-MM-DD') it is at `instant` in `timeZone`. */
export function localDateIn(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!
}

/** The local time ('HH:MM') it is at `instant` in `timeZone`. */
export function localTimeIn(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('HH:mm')
}

/**
 * The instant at which `date` `time` happens in `timeZone`. On a spring-forward day a time that
 * does not exist (02:30 in New York) moves forward by the gap (03:30); on a fall-back day a time
 * that happens twice is its first occurrence.
 */
export function instantOf(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const local = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone })
  // luxon already moves a skipped time forward by the gap. For a repeated time it may pick either
  // offset; the earlier instant with the same wall clock is the first occurrence.
  const hourEarlier = local.minus({ hours: 1 })
  if (hourEarlier.hour === hour && hourEarlier.minute === minute && hourEarlier.toISODate() === date) {
    return hourEarlier.toJSDate()
  }
  return local.toJSDate()
}

/** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7
export const mondayToFriday: readonly IsoWeekday[] = [1, 2, 3, 4, 5]

export function isoWeekday(date: string): IsoWeekday {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday as IsoWeekday
}

export type WorkingDaySettings = {
  workingDays: readonly IsoWeekday[]
  /** ISO 3166-1 alpha-2; its public holidays are days off. null = no holidays. */
  country: string | null
}

const publicHolidayYears = new Map<string, ReadonlySet<string>>()

/** The public holidays ('YYYY-MM-DD') of a country in a year, from date-holidays. */
export function publicHolidays(country: string, year: number): ReadonlySet<string> {
  const key = `${country}:${year}`
  const cached = publicHolidayYears.get(key)
  if (cached) return cached
  const days = new Set<string>()
  // An unknown country has no holidays (the library's getHolidays answers nothing for it).
  const Holidays = holidaysLibrary()
  for (const holiday of new Holidays(country).getHolidays(year) || []) {
    if (holiday.type !== 'public') continue
    // A multi-day holiday (Golden Week) is off on each of its days.
    let day = DateTime.fromISO(holiday.date.slice(0, 10), { zone: 'UTC' })
    const last = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000))
    for (let i = 0; i < last; i++, day = day.plus({ days: 1 })) days.add(day.toISODate()!)
  }
  publicHolidayYears.set(key, days)
  return days
}

/** A working weekday that is not a public holiday of the settings' country. */
export function isWorkingDay(date: string, settings: WorkingDaySettings): boolean {
  if (!settings.workingDays.includes(isoWeekday(date))) return false
  if (!settings.country) return true
  return !publicHolidays(settings.country, Number(date.slice(0, 4))).has(date)
}
