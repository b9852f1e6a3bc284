// Local days and times in a time zone, for the scheduler: "is it 09:30 on a working day in
// Shanghai yet?". The zone arithmetic is luxon's (IANA rules, DST); nothing here hand-writes an
// offset. Pure: the instant is always an argument.
import { DateTime, IANAZone } from 'luxon'
import { calendarDayOn, calendarDaysKey, type CalendarDayRule } from './calendarDays.ts'
import { publicDayKind } from './publicHolidays.ts'

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
  /** ISO 3166-1 alpha-2; its public holidays are days off, its make-up working days worked. null = no holidays. */
  country: string | null
  /** The workspace's own holidays and working days, over the country's (`/campaign settings`). */
  calendarDays?: readonly CalendarDayRule[]
}

/**
 * Is `date` a working day? The workspace's own word on the day first, then the country's public
 * calendar (a holiday is off; a weekend day worked in place of one, China's 调休, is on), then
 * the working weekdays.
 */
export function isWorkingDay(date: string, settings: WorkingDaySettings): boolean {
  const own = calendarDayOn(settings.calendarDays, date)
  if (own) return own.kind === 'workday'
  const publicKind = settings.country ? publicDayKind(settings.country, date) : null
  if (publicKind) return publicKind === 'make_up_workday'
  return settings.workingDays.includes(isoWeekday(date))
}

/** The key of a working-day calendar: settings with equal keys answer every date alike. */
export function workingCalendarKey(settings: WorkingDaySettings): string {
  return `${settings.workingDays.join('')}:${settings.country ?? ''}:${calendarDaysKey(settings.calendarDays)}`
}
