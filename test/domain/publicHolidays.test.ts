// China's public holidays as the State Council publishes them (2025, 2026), the statutory days
// since 2025 for a year not yet published, and what the working-day calendar makes of them: the
// days off of each break are off, a weekend day worked in their place (调休) is a working day, and
// a workspace's own holidays and working days override both. Other countries keep date-holidays'.
import { describe, expect, it } from 'vitest'
import { parseCalendarDays, type CalendarDayRule } from '../../src/domain/calendarDays.ts'
import { isoWeekday, isWorkingDay, mondayToFriday, type WorkingDaySettings } from '../../src/domain/localTime.ts'
import { chinaPublishedYears } from '../../src/domain/officialHolidays/cn.ts'
import { chinaStatutoryDays, officialYear, publicDayKind } from '../../src/domain/publicHolidays.ts'

const china: WorkingDaySettings = { workingDays: mondayToFriday, country: 'CN' }

function daysFrom(first: string, last: string): string[] {
  const days: string[] = []
  for (let day = first; day <= last; day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) days.push(day)
  return days
}

function rules(text: string): CalendarDayRule[] {
  const parsed = parseCalendarDays(text)
  if (!('days' in parsed)) throw new Error(JSON.stringify(parsed.problems))
  return parsed.days
}

describe("China's official schedule as working days", () => {
  it('2026: the Spring Festival break (15–23 February) is off, the Saturdays around it are worked', () => {
    expect(isoWeekday('2026-02-14')).toBe(6)
    expect(isWorkingDay('2026-02-14', china)).toBe(true)
    for (const day of daysFrom('2026-02-15', '2026-02-23')) expect(isWorkingDay(day, china), day).toBe(false)
    expect(isWorkingDay('2026-02-24', china)).toBe(true)
    expect(isWorkingDay('2026-02-28', china)).toBe(true) // Saturday, worked
    expect(isWorkingDay('2026-03-01', china)).toBe(false) // Sunday
  })

  it('2026: National Day is off the whole week (1–7 October), Sunday 20 September and Saturday 10 October are worked', () => {
    for (const day of daysFrom('2026-10-01', '2026-10-07')) expect(isWorkingDay(day, china), day).toBe(false)
    expect(isWorkingDay('2026-10-05', china)).toBe(false) // a Monday
    expect(isWorkingDay('2026-10-08', china)).toBe(true)
    expect(isWorkingDay('2026-09-20', china)).toBe(true)
    expect(isWorkingDay('2026-10-10', china)).toBe(true)
    expect(isWorkingDay('2026-01-02', china)).toBe(false) // New Year's Day break, 1–3 January
    expect(isWorkingDay('2026-01-04', china)).toBe(true) // Sunday, worked
    expect(isWorkingDay('2026-05-09', china)).toBe(true) // Saturday after Labour Day
  })

  it('2025: Labour Day is two statutory days within a five-day break; the days around Spring Festival and National Day as published', () => {
    expect(isWorkingDay('2025-05-02', china)).toBe(false)
    expect(isWorkingDay('2025-05-05', china)).toBe(false)
    expect(isWorkingDay('2025-04-27', china)).toBe(true) // Sunday, worked
    expect(isWorkingDay('2025-01-28', china)).toBe(false) // New Year's Eve of the lunar year
    expect(isWorkingDay('2025-02-04', china)).toBe(false)
    expect(isWorkingDay('2025-01-26', china)).toBe(true) // Sunday, worked
    expect(isWorkingDay('2025-02-08', china)).toBe(true) // Saturday, worked
    expect(isWorkingDay('2025-10-08', china)).toBe(false) // National Day and Mid-Autumn together, 1–8 October
    expect(isWorkingDay('2025-10-11', china)).toBe(true)
  })

  it("holidays of some citizens only (Women's Day, Youth Day, Children's Day, Army Day) are working days", () => {
    for (const day of ['2027-03-08', '2027-05-04', '2027-06-01', '2026-06-01']) expect(isWorkingDay(day, china), day).toBe(true)
  })

  it('a year not yet published has the statutory days since 2025, and no make-up working day', () => {
    const in2027 = officialYear('CN', 2027)!
    expect(in2027.source).toBeNull()
    expect(in2027.breaks.map((entry) => [entry.festivals.join('+'), entry.startDate, entry.endDate])).toEqual([
      ['new_years_day', '2027-01-01', '2027-01-01'],
      ['spring_festival', '2027-02-05', '2027-02-08'], // the eve and the first three days of the first month
      ['qingming_festival', '2027-04-05', '2027-04-05'],
      ['labour_day', '2027-05-01', '2027-05-02'],
      ['dragon_boat_festival', '2027-06-09', '2027-06-09'],
      ['mid_autumn_festival', '2027-09-15', '2027-09-15'],
      ['national_day', '2027-10-01', '2027-10-03'],
    ])
    expect(in2027.breaks.flatMap((entry) => entry.workdays)).toEqual([])
    expect(in2027.breaks.flatMap((entry) => entry.statutoryDays)).toHaveLength(13)
    expect(isWorkingDay('2027-02-08', china)).toBe(false)
    expect(isWorkingDay('2027-02-09', china)).toBe(true)
  })

  it('festivals on the same or neighbouring days make one break, as the notices join them', () => {
    // 2028: the Mid-Autumn Festival falls on 3 October, inside National Day's statutory days.
    const in2028 = officialYear('CN', 2028)!
    const golden = in2028.breaks.find((entry) => entry.festivals.includes('national_day'))!
    expect(golden).toMatchObject({ festivals: ['national_day', 'mid_autumn_festival'], startDate: '2028-10-01', endDate: '2028-10-03' })
    expect(golden.name).toEqual({ en: 'National Day and Mid-Autumn Festival', zh: '国庆节、中秋节' })
  })

  it('before 2025 and for other countries the public holidays are date-holidays\'', () => {
    expect(officialYear('CN', 2024)).toBeNull()
    expect(officialYear('US', 2026)).toBeNull()
    expect(publicDayKind('GB', '2026-12-25')).toBe('day_off')
    expect(publicDayKind('US', '2026-07-03')).toBe('day_off') // 4 July observed
    expect(publicDayKind('US', '2026-07-06')).toBeNull()
    expect(publicDayKind('CN', '2024-10-01')).toBe('day_off')
  })
})

describe('dates far off', () => {
  it('are ordinary days, answered (the lunar calendar of year 1 never returns; how fast is the bench\'s to show)', () => {
    expect(isWorkingDay('0001-01-01', china)).toBe(true) // a Monday
    expect(isWorkingDay('9999-12-31', china)).toBe(true)
    expect(isWorkingDay('0001-01-01', { workingDays: mondayToFriday, country: 'US' })).toBe(true)
  })
})

describe('the published data', () => {
  it('cites its notice for every year, each break holds its festivals\' statutory days, every make-up day is a weekend day outside the break', () => {
    expect(chinaPublishedYears.map((entry) => entry.year)).toEqual([2025, 2026])
    for (const published of chinaPublishedYears) {
      expect(published.source.title).toContain(`${published.year}年部分节假日安排`)
      expect(published.source.url).toMatch(/^https:\/\/www\.gov\.cn\//)
      expect(published.source.dated < `${published.year}-01-01`).toBe(true)
      const statutory = chinaStatutoryDays(published.year)
      const festivals = published.breaks.flatMap((entry) => entry.festivals)
      expect(new Set(festivals).size, `${published.year}: every festival once`).toBe(7)
      for (const entry of published.breaks) {
        const [first, last] = entry.daysOff
        for (const festival of entry.festivals) {
          for (const day of statutory[festival]) expect(day >= first && day <= last, `${published.year} ${festival} ${day}`).toBe(true)
        }
        for (const day of entry.workdays) {
          expect([6, 7], `${day} is a weekend day`).toContain(isoWeekday(day))
          expect(day < first || day > last).toBe(true)
        }
      }
    }
    // 2025: 13 statutory days; 2026's Spring Festival statutory days are 16–19 February.
    expect(chinaStatutoryDays(2026).spring_festival).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'])
    expect(chinaStatutoryDays(2025).labour_day).toEqual(['2025-05-01', '2025-05-02'])
  })
})

describe("a workspace's own holidays and working days", () => {
  it('override the public calendar and the working weekdays, both ways', () => {
    const own = rules('2027-02-09..2027-02-12 holiday 春节\n2027-02-20 workday\n2026-12-24 off Team day\n2026-10-10 休')
    const settings: WorkingDaySettings = { ...china, calendarDays: own }
    // Next year's break entered before the app has it: the days after the statutory ones are off.
    for (const day of daysFrom('2027-02-09', '2027-02-12')) {
      expect(isWorkingDay(day, china), day).toBe(true)
      expect(isWorkingDay(day, settings), day).toBe(false)
    }
    expect(isWorkingDay('2027-02-20', china)).toBe(false) // a Saturday
    expect(isWorkingDay('2027-02-20', settings)).toBe(true)
    expect(isWorkingDay('2026-12-24', settings)).toBe(false)
    // Even a published make-up day: the workspace's word wins.
    expect(isWorkingDay('2026-10-10', settings)).toBe(false)
    // Without a country, the workspace's days still count.
    expect(isWorkingDay('2026-12-24', { workingDays: mondayToFriday, country: null, calendarDays: own })).toBe(false)
  })
})
