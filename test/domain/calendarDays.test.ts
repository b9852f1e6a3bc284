// A workspace's own holidays and working days as an admin types them: one per line, a day or a
// span, the kind in English or Chinese, an optional name; what is wrong said line by line; the
// canonical form written back; the look-up by date.
import { describe, expect, it } from 'vitest'
import {
  calendarDayOn, calendarDaysKey, formatCalendarDays, parseCalendarDays, storedCalendarDays, type CalendarDayRule,
} from '../../src/domain/calendarDays.ts'

describe('parseCalendarDays', () => {
  it('reads days and spans, either language, blank lines and comments skipped, sorted by date', () => {
    const parsed = parseCalendarDays([
      '# 2027, before the notice',
      '2027-02-20 workday',
      '',
      '2027-02-05..2027-02-13 holiday 春节',
      '2027/2/21 班',
      '2027-10-01 至 2027-10-07 放假 国庆节',
      '2027-12-24   OFF   Christmas Eve party',
    ].join('\r\n'))
    expect(parsed).toEqual({
      days: [
        { from: '2027-02-05', to: '2027-02-13', kind: 'holiday', name: '春节' },
        { from: '2027-02-20', to: '2027-02-20', kind: 'workday', name: null },
        { from: '2027-02-21', to: '2027-02-21', kind: 'workday', name: null },
        { from: '2027-10-01', to: '2027-10-07', kind: 'holiday', name: '国庆节' },
        { from: '2027-12-24', to: '2027-12-24', kind: 'holiday', name: 'Christmas Eve party' },
      ],
    })
    expect(parseCalendarDays('')).toEqual({ days: [] })
  })

  it('says what is wrong with each line, by its number', () => {
    const parsed = parseCalendarDays([
      '2027-02-30 holiday',
      'next friday holiday',
      '2027-02-20',
      '2027-02-21 vacation',
      '2027-03-10..2027-03-01 holiday',
      '2027-01-01..2027-03-01 holiday',
      '2027-05-01..2027-05-03 holiday',
      '2027-05-03 workday',
      `2027-06-01 holiday ${'x'.repeat(41)}`,
    ].join('\n'))
    expect(parsed).toEqual({
      problems: [
        { line: 1, problem: 'bad_date', text: '2027-02-30' },
        { line: 2, problem: 'bad_date', text: 'next' },
        { line: 3, problem: 'missing_kind' },
        { line: 4, problem: 'unknown_kind', text: 'vacation' },
        { line: 5, problem: 'bad_span' },
        { line: 6, problem: 'bad_span' }, // more than 31 days
        { line: 8, problem: 'twice', date: '2027-05-03' },
        { line: 9, problem: 'name_too_long' },
      ],
    })
  })

  it('takes at most 100 lines', () => {
    const lines = Array.from({ length: 101 }, (_, i) => `${new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10)} holiday`)
    expect(parseCalendarDays(lines.join('\n'))).toEqual({ problems: [{ line: null, problem: 'too_many_lines' }] })
    expect('days' in parseCalendarDays(lines.slice(0, 100).join('\n'))).toBe(true)
    // Short forms that would not fit the field once written back in full.
    const long = Array.from({ length: 60 }, (_, i) => `${2030 + i}/1/1~${2030 + i}/1/2 休 ${'名'.repeat(40)}`) // 49 characters a line typed, 71 written back
    expect(parseCalendarDays(long.join('\n'))).toEqual({ problems: [{ line: null, problem: 'too_long' }] })
  })
})

describe('the canonical form and the look-up', () => {
  const text = '2027-02-20 班\n2027-02-05 ~ 2027-02-13 休 春节'
  const days = (parseCalendarDays(text) as { days: CalendarDayRule[] }).days

  it('writes one rule a line, a span as first..last, the kind in English, and reads it back the same', () => {
    const canonical = formatCalendarDays(days)
    expect(canonical).toBe('2027-02-05..2027-02-13 holiday 春节\n2027-02-20 workday')
    expect(storedCalendarDays(canonical)).toEqual(days)
    expect(storedCalendarDays(null)).toEqual([])
    // A stored line that no longer reads is left out, the others kept.
    expect(storedCalendarDays(`${canonical}\n2027-13-01 holiday`)).toEqual(days)
  })

  it('finds the rule of a date, and keys lists by their days', () => {
    expect(calendarDayOn(days, '2027-02-09')).toMatchObject({ kind: 'holiday', name: '春节' })
    expect(calendarDayOn(days, '2027-02-20')).toMatchObject({ kind: 'workday' })
    expect(calendarDayOn(days, '2027-02-14')).toBeNull()
    expect(calendarDayOn(undefined, '2027-02-09')).toBeNull()
    expect(calendarDaysKey(days)).not.toBe(calendarDaysKey(days.slice(1)))
    expect(calendarDaysKey([])).toBe('')
  })
})
