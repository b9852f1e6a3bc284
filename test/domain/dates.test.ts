import { describe, expect, it } from 'vitest'
import {
  campaignLengthInDays, daysBetween, isIsoDate, lengthWarning, localDate, recommendedLengthInDays,
} from '../../src/domain/dates.ts'

describe('isIsoDate', () => {
  it.each(['2026-03-10', '2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '2026-02-28'])('accepts the real date %s', (value) => {
    expect(isIsoDate(value)).toBe(true)
  })

  it.each(['2026-02-29', '2026-02-30', '2026-04-31', '1900-02-29', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32'])(
    'refuses %s, which is not on the calendar',
    (value) => {
      expect(isIsoDate(value)).toBe(false)
    },
  )

  it.each(['', 'soon', '2026-3-10', '2026/03/10', '10-03-2026', '2026-03-10T00:00:00Z', ' 2026-03-10', '2026-03-10 ', '２０２６-03-10', '20260310'])(
    'refuses the junk %j',
    (value) => {
      expect(isIsoDate(value)).toBe(false)
    },
  )
})

describe('daysBetween', () => {
  it('counts whole days forward, backward and across month, year and leap-day boundaries', () => {
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0)
    expect(daysBetween('2026-03-10', '2026-03-11')).toBe(1)
    expect(daysBetween('2026-03-11', '2026-03-10')).toBe(-1)
    expect(daysBetween('2026-01-31', '2026-02-01')).toBe(1)
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1)
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365)
  })

  it('is not thrown off by daylight-saving changes (it works on dates, not instants)', () => {
    // Europe and the US move their clocks in March; a date difference stays whole.
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2)
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2)
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2)
  })
})

describe('campaignLengthInDays', () => {
  it('counts the first and the last day', () => {
    expect(campaignLengthInDays('2026-03-10', '2026-03-10')).toBe(1)
    expect(campaignLengthInDays('2026-03-10', '2026-03-16')).toBe(7)
    expect(campaignLengthInDays('2026-06-01', '2026-06-28')).toBe(28)
    expect(campaignLengthInDays('2028-02-01', '2028-02-29')).toBe(29)
  })
})

describe('localDate', () => {
  // 20:00 UTC on 9 March 2026: already 10 March in Shanghai (UTC+8), still noon on 9 March in Los Angeles.
  const eveningUtc = new Date('2026-03-09T20:00:00Z')
  // 03:00 UTC on 10 March 2026: 10 March in Shanghai, still 9 March (20:00) in Los Angeles.
  const earlyUtc = new Date('2026-03-10T03:00:00Z')

  it('gives the date on the calendar of the time zone', () => {
    expect(localDate(eveningUtc, 'Asia/Shanghai')).toBe('2026-03-10')
    expect(localDate(eveningUtc, 'America/Los_Angeles')).toBe('2026-03-09')
    expect(localDate(eveningUtc, 'UTC')).toBe('2026-03-09')
    expect(localDate(earlyUtc, 'Asia/Shanghai')).toBe('2026-03-10')
    expect(localDate(earlyUtc, 'America/Los_Angeles')).toBe('2026-03-09')
    expect(localDate(earlyUtc, 'UTC')).toBe('2026-03-10')
  })

  it('turns over exactly at local midnight', () => {
    // Shanghai midnight is 16:00 UTC the day before.
    expect(localDate(new Date('2026-03-09T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-09')
    expect(localDate(new Date('2026-03-09T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-10')
  })

  it('always answers in YYYY-MM-DD form', () => {
    const value = localDate(new Date('2026-01-05T12:00:00Z'), 'Europe/Berlin')
    expect(value).toBe('2026-01-05')
    expect(isIsoDate(value)).toBe(true)
  })

  it('falls back to UTC for an unknown, empty or missing zone', () => {
    expect(localDate(eveningUtc, 'Mars/Olympus_Mons')).toBe('2026-03-09')
    expect(localDate(earlyUtc, 'Not a zone')).toBe('2026-03-10')
    expect(localDate(earlyUtc, '')).toBe('2026-03-10')
    expect(localDate(earlyUtc, null)).toBe('2026-03-10')
    expect(localDate(earlyUtc, undefined)).toBe('2026-03-10')
  })
})

describe('lengthWarning', () => {
  it('recommends 7–28 days (docs/method.md: 1–4 weeks)', () => {
    expect(recommendedLengthInDays).toEqual({ min: 7, max: 28 })
  })

  it('warns that 6 days is too short', () => {
    expect(lengthWarning('2026-03-10', '2026-03-15')).toEqual({ kind: 'too_short', days: 6 })
  })

  it('says nothing at 7 days', () => {
    expect(lengthWarning('2026-03-10', '2026-03-16')).toBeNull()
  })

  it('says nothing at 28 days', () => {
    expect(lengthWarning('2026-03-10', '2026-04-06')).toBeNull()
  })

  it('warns that 29 days is too long', () => {
    expect(lengthWarning('2026-03-10', '2026-04-07')).toEqual({ kind: 'too_long', days: 29 })
  })

  it('counts a leap day in February 2028', () => {
    expect(lengthWarning('2028-02-01', '2028-02-28')).toBeNull() // 28 days
    expect(lengthWarning('2028-02-01', '2028-02-29')).toEqual({ kind: 'too_long', days: 29 })
  })
})
