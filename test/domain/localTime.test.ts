import { describe, expect, it } from 'vitest'
import {
  instantOf, isLocalTime, isTimeZone, isWorkingDay, isoWeekday, localDateIn, localTimeIn, mondayToFriday,
} from '../../src/domain/localTime.ts'

describe('isTimeZone', () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'UTC', 'America/Argentina/Buenos_Aires'])('knows %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true)
  })
  it.each(['', 'Mars/Olympus', '+08:00', 'GMT+8', 'asia shanghai', 'Shanghai'])('refuses %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false)
  })
})

describe('isLocalTime', () => {
  it.each(['00:00', '09:30', '17:00', '23:59'])('accepts %s', (time) => expect(isLocalTime(time)).toBe(true))
  it.each(['24:00', '9:30', '09:60', '0930', '', '09:30:00', ' 09:30'])('refuses %j', (time) => expect(isLocalTime(time)).toBe(false))
})

describe('localDateIn / localTimeIn', () => {
  it('is already tomorrow in Shanghai while still today in New York', () => {
    const instant = new Date('2026-06-01T16:30:00Z')
    expect(localDateIn(instant, 'Asia/Shanghai')).toBe('2026-06-02')
    expect(localTimeIn(instant, 'Asia/Shanghai')).toBe('00:30')
    expect(localDateIn(instant, 'America/New_York')).toBe('2026-06-01')
    expect(localTimeIn(instant, 'America/New_York')).toBe('12:30')
  })
})

describe('instantOf', () => {
  it('is the zone offset on an ordinary day', () => {
    expect(instantOf('2026-06-01', '09:30', 'Asia/Shanghai').toISOString()).toBe('2026-06-01T01:30:00.000Z')
    expect(instantOf('2026-06-01', '09:30', 'America/New_York').toISOString()).toBe('2026-06-01T13:30:00.000Z')
    expect(instantOf('2026-01-15', '09:30', 'Europe/London').toISOString()).toBe('2026-01-15T09:30:00.000Z')
  })

  // Spring forward: a time in the gap does not exist and moves forward by the gap.
  it.each([
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2027-03-14', '02:30', 'America/New_York', '2027-03-14T07:30:00.000Z'],
    ['2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    ['2027-03-28', '01:30', 'Europe/London', '2027-03-28T01:30:00.000Z'],
  ])('moves the missing %s %s in %s forward', (date, time, zone, expected) => {
    expect(instantOf(date, time, zone).toISOString()).toBe(expected)
  })

  // Fall back: a time that happens twice is its first occurrence (still on summer time).
  it.each([
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2027-11-07', '01:30', 'America/New_York', '2027-11-07T05:30:00.000Z'],
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2027-10-31', '01:30', 'Europe/London', '2027-10-31T00:30:00.000Z'],
  ])('takes the first of the repeated %s %s in %s', (date, time, zone, expected) => {
    expect(instantOf(date, time, zone).toISOString()).toBe(expected)
  })

  it('keeps the wall clock on switch days outside the switch hour', () => {
    expect(instantOf('2026-03-08', '09:30', 'America/New_York').toISOString()).toBe('2026-03-08T13:30:00.000Z')
    expect(instantOf('2026-11-01', '09:30', 'America/New_York').toISOString()).toBe('2026-11-01T14:30:00.000Z')
    expect(instantOf('2026-03-29', '00:00', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z')
    expect(instantOf('2026-10-25', '09:30', 'Europe/London').toISOString()).toBe('2026-10-25T09:30:00.000Z')
  })

  it('round-trips with localDateIn and localTimeIn', () => {
    const instant = instantOf('2026-11-01', '00:00', 'America/New_York')
    expect(localDateIn(instant, 'America/New_York')).toBe('2026-11-01')
    expect(localTimeIn(instant, 'America/New_York')).toBe('00:00')
  })
})

describe('isWorkingDay', () => {
  it('numbers weekdays the ISO way', () => {
    expect(isoWeekday('2026-06-01')).toBe(1)
    expect(isoWeekday('2026-06-07')).toBe(7)
  })

  it('follows the working days', () => {
    expect(isWorkingDay('2026-06-05', { workingDays: mondayToFriday, country: null })).toBe(true)
    expect(isWorkingDay('2026-06-06', { workingDays: mondayToFriday, country: null })).toBe(false)
    expect(isWorkingDay('2026-06-06', { workingDays: [1, 2, 3, 4, 5, 6], country: null })).toBe(true)
  })

  it("skips the country's public holidays", () => {
    expect(isWorkingDay('2026-12-25', { workingDays: mondayToFriday, country: 'GB' })).toBe(false)
    expect(isWorkingDay('2026-12-25', { workingDays: mondayToFriday, country: null })).toBe(true)
    expect(isWorkingDay('2026-07-03', { workingDays: mondayToFriday, country: 'US' })).toBe(false) // 4 July observed
    expect(isWorkingDay('2026-10-01', { workingDays: mondayToFriday, country: 'CN' })).toBe(false)
    expect(isWorkingDay('2026-10-09', { workingDays: mondayToFriday, country: 'CN' })).toBe(true)
  })
})
