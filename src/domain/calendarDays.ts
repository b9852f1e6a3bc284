// A workspace's own holidays and working days (`/campaign settings`): days its admins declare off
// or worked, over the country's public calendar. They exist because the official schedule of a
// year is published late in the year before (China's in November or December), and a team may
// close on a day of its own. Written one per line, as a person types them:
//
//   2027-02-05..2027-02-13 holiday 春节
//   2027-02-20 workday
//
// Pure: parsing, the canonical form the app stores and shows back, and the look-up by date.
import { isIsoDate } from './dates.ts'

export const calendarDayKinds = ['holiday', 'workday'] as const
export type CalendarDayKind = (typeof calendarDayKinds)[number]

/** One line: the days `from`–`to` (both included; one day when equal) are days off or working days. */
export type CalendarDayRule = { from: string; to: string; kind: CalendarDayKind; name: string | null }

export const calendarDayLimits = { lines: 100, spanDays: 31, name: 40, text: 3000 } as const

export type CalendarDayProblem =
  | { line: number; problem: 'bad_date'; text: string }
  | { line: number; problem: 'unknown_kind'; text: string }
  | { line: number; problem: 'missing_kind' | 'bad_span' | 'name_too_long' }
  | { line: number; problem: 'twice'; date: string }
  | { line: null; problem: 'too_many_lines' | 'too_long' }

// The words for each kind, in either language (the canonical form writes the English one).
const kindWords: Readonly<Record<string, CalendarDayKind>> = {
  holiday: 'holiday', off: 'holiday', 'day-off': 'holiday', dayoff: 'holiday',
  休: 'holiday', 休息: 'holiday', 休息日: 'holiday', 放假: 'holiday', 假: 'holiday', 假日: 'holiday', 节假日: 'holiday',
  workday: 'workday', work: 'workday', working: 'workday', 'working-day': 'workday',
  班: 'workday', 上班: 'workday', 补班: 'workday', 工作日: 'workday',
}

const datePart = String.raw`(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})`
// A date, or a span of two ("..", "–", "~", "至" or "to" between), then the kind, then an optional name.
const linePattern = new RegExp(String.raw`^${datePart}(?:\s*(?:\.\.|–|—|~|～|至|to)\s*${datePart})?(?:\s+(\S+))?(?:\s+(.+))?$`, 'iu')

/** '2027-2-6' or '2027/02/06' → '2027-02-06' when it is a real date; null otherwise. */
function isoDateOf(text: string): string | null {
  const [y, m, d] = text.split(/[-/.]/)
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`
  return isIsoDate(date) ? date : null
}

function shift(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The lines as typed → the rules, sorted by date; or what is wrong, line by line (1-based). */
export function parseCalendarDays(text: string): { days: CalendarDayRule[] } | { problems: CalendarDayProblem[] } {
  const problems: CalendarDayProblem[] = []
  const days: Array<CalendarDayRule & { line: number }> = []
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  let counted = 0
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/\u3000/g, ' ').trim()
    // Blank lines and comments are for the person writing.
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue
    if (++counted > calendarDayLimits.lines) {
      problems.push({ line: null, problem: 'too_many_lines' })
      break
    }
    const number = index + 1
    const match = linePattern.exec(line)
    if (!match) {
      problems.push({ line: number, problem: 'bad_date', text: [...line.split(/\s+/)[0]!].slice(0, 24).join('') })
      continue
    }
    const [, fromText, toText, kindText, nameText] = match
    const from = isoDateOf(fromText!)
    const to = toText ? isoDateOf(toText) : from
    if (!from || !to) {
      problems.push({ line: number, problem: 'bad_date', text: !from ? fromText! : toText! })
      continue
    }
    if (to < from || shift(from, calendarDayLimits.spanDays - 1) < to) {
      problems.push({ line: number, problem: 'bad_span' })
      continue
    }
    if (!kindText) {
      problems.push({ line: number, problem: 'missing_kind' })
      continue
    }
    const kind = kindWords[kindText.toLowerCase()]
    if (!kind) {
      problems.push({ line: number, problem: 'unknown_kind', text: [...kindText].slice(0, 24).join('') })
      continue
    }
    const name = nameText?.trim() || null
    if (name && [...name].length > calendarDayLimits.name) {
      problems.push({ line: number, problem: 'name_too_long' })
      continue
    }
    const taken = days.find((other) => other.from <= to && from <= other.to)
    if (taken) {
      problems.push({ line: number, problem: 'twice', date: from > taken.from ? from : taken.from })
      continue
    }
    days.push({ from, to, kind, name, line: number })
  }
  if (problems.length > 0) return { problems }
  const rules = days.sort((a, b) => a.from.localeCompare(b.from)).map(({ line: _line, ...rule }) => rule)
  // Written back in full (a span as first..last, the kind in English) it must still fit the field.
  if (formatCalendarDays(rules).length > calendarDayLimits.text) return { problems: [{ line: null, problem: 'too_long' }] }
  return { days: rules }
}

/** The rules as the app writes them back: one per line, sorted, a span as `first..last`, the kind in English. */
export function formatCalendarDays(days: readonly CalendarDayRule[]): string {
  return days.map((day) => [day.from === day.to ? day.from : `${day.from}..${day.to}`, day.kind, day.name].filter(Boolean).join(' ')).join('\n')
}

/** What the stored text holds; a line that no longer reads (none should) is left out rather than lose the rest. */
export function storedCalendarDays(stored: string | null | undefined): CalendarDayRule[] {
  if (!stored) return []
  const whole = parseCalendarDays(stored)
  if ('days' in whole) return whole.days
  return stored.split('\n').flatMap((line) => {
    const one = parseCalendarDays(line)
    return 'days' in one ? one.days : []
  })
}

const dayMaps = new WeakMap<readonly CalendarDayRule[], ReadonlyMap<string, CalendarDayRule>>()

/** The rule that covers `date`, if any. */
export function calendarDayOn(days: readonly CalendarDayRule[] | undefined, date: string): CalendarDayRule | null {
  if (!days || days.length === 0) return null
  // Asked for thousands of dates per scheduler pass: each list is indexed by date once.
  let byDate = dayMaps.get(days)
  if (!byDate) {
    const map = new Map<string, CalendarDayRule>()
    for (const rule of days) for (let day = rule.from; day <= rule.to; day = shift(day, 1)) map.set(day, rule)
    dayMaps.set(days, (byDate = map))
  }
  return byDate.get(date) ?? null
}

const keys = new WeakMap<readonly CalendarDayRule[], string>()

/** A short key that differs when the days differ: calendars are cached by it. */
export function calendarDaysKey(days: readonly CalendarDayRule[] | undefined): string {
  if (!days || days.length === 0) return ''
  let key = keys.get(days)
  if (key === undefined) keys.set(days, (key = days.map((day) => `${day.from}${day.to}${day.kind[0]}`).join(',')))
  return key
}
