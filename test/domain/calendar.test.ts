// The marketing calendar at fixed dates, over several years: lunar dates (Spring Festival, Qixi),
// weekday rules (Thanksgiving → Black Friday), a moving holiday (Easter Monday), windows of days
// that belong together, the e-commerce dates by country, and the arithmetic around them.
import { describe, expect, it } from 'vitest'
import { calendarMonths, calendarNodes, campaignsAround, comingRange, makeUpWorkdays, nodeByKey, suggestedCampaignWindow, type CalendarCampaign } from '../../src/domain/calendar.ts'
import { addMonths, calendarCountries, countryFromSlackLocale, type CalendarCountry, type CalendarNode } from '../../src/domain/calendarNode.ts'
import { parseCalendarDays, type CalendarDayRule } from '../../src/domain/calendarDays.ts'

function yearOf(country: CalendarCountry, year: number, today = `${year}-01-01`): CalendarNode[] {
  return calendarNodes({ country, from: `${year}-01-01`, to: `${year}-12-31`, today })
}

function only(nodes: CalendarNode[], id: string): CalendarNode {
  const found = nodes.filter((node) => node.id === id)
  expect(found, `one ${id} in ${nodes.map((n) => n.key).join(', ')}`).toHaveLength(1)
  return found[0]!
}

const span = (node: CalendarNode) => [node.startDate, node.endDate]

describe('holidays from date-holidays', () => {
  it('Spring Festival follows the lunar calendar: four statutory days from the eve while a year is not published, 2027 and 2028', () => {
    const in2027 = only(yearOf('CN', 2027), 'spring_festival')
    expect(span(in2027)).toEqual(['2027-02-05', '2027-02-08']) // New Year's Day of the lunar year: 6 February
    expect(in2027).toMatchObject({ key: 'CN:2027-02-05:spring_festival', kind: 'holiday', timingNode: 'holiday', name: { en: 'Spring Festival', zh: '春节' } })
    expect(span(only(yearOf('CN', 2028), 'spring_festival'))).toEqual(['2028-01-25', '2028-01-28']) // 26 January 2028
  })

  it('the lunar New Year is one window where each day is a holiday of its own name, even across a skipped Sunday', () => {
    // Taiwan: eve, days 1–4 and an extra day, each named apart; named after the first day.
    expect(only(yearOf('TW', 2027), 'chinese_new_year')).toMatchObject({ startDate: '2027-02-05', endDate: '2027-02-10', name: { en: 'Chinese New Year' } })
    // Hong Kong 2027: day 2 falls on a Sunday, so the holidays are days 1, 3 and 4.
    expect(span(only(yearOf('HK', 2027), 'lunar_new_years_day'))).toEqual(['2027-02-06', '2027-02-09'])
    // Korea: one three-day holiday in the library; its substitute day off is not a date of its own.
    const seollal = only(yearOf('KR', 2027), 'korean_new_year')
    expect(span(seollal)).toEqual(['2027-02-07', '2027-02-09'])
    expect(yearOf('KR', 2027).filter((node) => node.name.en.includes('substitute'))).toEqual([])
  })

  it("China's National Day is its statutory three days while the year's schedule is not published", () => {
    expect(only(yearOf('CN', 2027), 'national_day')).toMatchObject({ startDate: '2027-10-01', endDate: '2027-10-03', name: { zh: '国庆节' } })
  })

  it('a moving holiday: Easter Monday in Great Britain, three years', () => {
    expect(only(yearOf('GB', 2026), 'easter_monday').startDate).toBe('2026-04-06')
    expect(only(yearOf('GB', 2027), 'easter_monday').startDate).toBe('2027-03-29')
    expect(only(yearOf('GB', 2028), 'easter_monday').startDate).toBe('2028-04-17')
  })

  it('gives every holiday one name per language: English in the country\'s spelling, Simplified Chinese', () => {
    expect(only(yearOf('CN', 2027), 'mid_autumn_festival')).toMatchObject({ startDate: '2027-09-15', name: { en: 'Mid-Autumn Festival', zh: '中秋节' } })
    expect(only(yearOf('CN', 2027), 'qingming_festival').name).toEqual({ en: 'Qingming Festival', zh: '清明节' }) // date-holidays: '清明节 清明節'
    expect(only(yearOf('US', 2027), 'labor_day')).toMatchObject({ startDate: '2027-09-06', name: { en: 'Labor Day', zh: '劳动节' } })
    expect(only(yearOf('CA', 2027), 'labour_day').name.en).toBe('Labour Day')
    expect(only(yearOf('CN', 2027), 'labour_day').name).toEqual({ en: 'Labour Day', zh: '劳动节' })
    expect(only(yearOf('GB', 2027), 'christmas_day').name.zh).toBe('圣诞节') // date-holidays: '聖誕節'
    expect(only(yearOf('US', 2027), 'thanksgiving_day').name.zh).toBe('感恩节') // date-holidays: English
    expect(only(yearOf('TW', 2027), 'double_tenth_day').name).toEqual({ en: 'Double Tenth Day', zh: '双十节' }) // 'National Day / Double Tenth Day', '國慶日 / 雙十節'
    expect(only(yearOf('HK', 2027), 'lunar_new_years_day').name.zh).toBe('农历年初一')
    // Forms of the Traditional script date-holidays uses, none of which a zh-CN reader should see.
    const traditional = /[節誕曆國紀勞動慶陽淸靑華聖復穌難爺關觀藝媽親菸開軍記農臺灣後個別區門體會]/u
    for (const country of calendarCountries) {
      for (const year of [2025, 2026, 2027, 2028]) {
        for (const node of yearOf(country, year)) {
          const where = `${country} ${node.key}: ${JSON.stringify(node.name)}`
          expect(node.name.zh, where).toMatch(/\p{Script=Han}/u)
          expect(node.name.zh, where).not.toMatch(traditional)
          expect(`${node.name.en}|${node.name.zh}`, where).not.toMatch(/ \/ |\p{Script=Han} \p{Script=Han}/u)
        }
      }
    }
  })

  it('knows every one of its twelve countries, each with holidays and with shopping seasons', () => {
    for (const country of calendarCountries) {
      const nodes = yearOf(country, 2027)
      expect(nodes.filter((node) => node.kind === 'holiday').length, country).toBeGreaterThanOrEqual(5)
      expect(nodes.map((node) => node.id), country).toEqual(expect.arrayContaining(['back_to_school', 'year_end']))
      expect(new Set(nodes.map((node) => node.key)).size, country).toBe(nodes.length)
      for (const node of nodes) expect(node.key, country).toMatch(new RegExp(`^${country}:${node.startDate}:[a-z0-9_]+$`))
    }
  })
})

describe('e-commerce dates', () => {
  it('Qixi is the 7th day of the 7th lunar month, three years', () => {
    expect(only(yearOf('CN', 2026), 'qixi').startDate).toBe('2026-08-19')
    expect(only(yearOf('CN', 2027), 'qixi')).toMatchObject({ startDate: '2027-08-08', endDate: '2027-08-08', kind: 'ecommerce', name: { zh: '七夕' } })
    expect(only(yearOf('CN', 2028), 'qixi').startDate).toBe('2028-08-26')
    // Taiwan's holiday data has Qixi too: shown once.
    expect(yearOf('TW', 2027).filter((node) => node.startDate === '2027-08-08' && node.name.zh === '七夕')).toHaveLength(1)
  })

  it('618 is a window from 1 June to the 18th; Double 11 from 1 November to the 11th; 520, 9.9 and Double 12 are days', () => {
    const cn = yearOf('CN', 2027)
    expect(only(cn, 'shopping_618')).toMatchObject({ key: 'CN:2027-06-01:shopping_618', startDate: '2027-06-01', endDate: '2027-06-18', timingNode: 'sales_peak' })
    expect(only(cn, 'double_11')).toMatchObject({ startDate: '2027-11-01', endDate: '2027-11-11', timingNode: 'sales_peak', name: { zh: '双十一' } })
    expect(span(only(cn, 'day_520'))).toEqual(['2027-05-20', '2027-05-20'])
    expect(only(cn, 'double_9')).toMatchObject({ startDate: '2027-09-09', timingNode: 'periodic_promotion' })
    expect(only(cn, 'double_12')).toMatchObject({ startDate: '2027-12-12', timingNode: 'periodic_promotion' })
  })

  it('Black Friday is the day after US Thanksgiving, Cyber Monday the Monday after, 2026 and 2027', () => {
    const us2026 = yearOf('US', 2026)
    expect(only(us2026, 'thanksgiving_day').startDate).toBe('2026-11-26')
    expect(only(us2026, 'black_friday').startDate).toBe('2026-11-27')
    expect(only(us2026, 'cyber_monday').startDate).toBe('2026-11-30')
    const us2027 = yearOf('US', 2027)
    expect(only(us2027, 'thanksgiving_day').startDate).toBe('2027-11-25')
    expect(only(us2027, 'black_friday')).toMatchObject({ startDate: '2027-11-26', kind: 'ecommerce', timingNode: 'sales_peak' })
    expect(only(us2027, 'cyber_monday').startDate).toBe('2027-11-29')
    // The library's "Day after Thanksgiving" is the same day: shown once, as Black Friday.
    expect(us2027.filter((node) => node.startDate === '2027-11-26' && node.kind !== 'season')).toHaveLength(1)
    // Where Black Friday was taken up without Thanksgiving, it still follows the US date.
    expect(only(yearOf('GB', 2027), 'black_friday').startDate).toBe('2027-11-26')
    expect(yearOf('GB', 2027).map((node) => node.id)).not.toContain('thanksgiving_day')
  })

  it('each country gets the dates its market plans around', () => {
    const ids = (country: CalendarCountry) => new Set(yearOf(country, 2027).map((node) => node.id))
    for (const country of ['CN', 'HK', 'TW', 'SG'] as const) {
      for (const id of ['day_520', 'shopping_618', 'qixi', 'double_9', 'double_11', 'double_12', 'new_year_shopping']) expect(ids(country), `${country} ${id}`).toContain(id)
      expect(ids(country), country).not.toContain('black_friday')
    }
    for (const country of ['US', 'GB', 'CA', 'AU', 'DE', 'FR'] as const) {
      for (const id of ['black_friday', 'cyber_monday']) expect(ids(country), `${country} ${id}`).toContain(id)
      expect(ids(country), country).not.toContain('shopping_618')
    }
    expect(ids('JP')).toContain('black_friday')
    expect(ids('JP')).not.toContain('cyber_monday')
    expect(ids('KR')).not.toContain('black_friday')
  })

  it('seasons: back to school by the school year, the year-end season from Black Friday where it is kept, Golden Week in Japan', () => {
    expect(span(only(yearOf('US', 2027), 'back_to_school'))).toEqual(['2027-07-15', '2027-09-05'])
    expect(span(only(yearOf('CN', 2027), 'back_to_school'))).toEqual(['2027-08-15', '2027-09-10'])
    expect(span(only(yearOf('JP', 2027), 'back_to_school'))).toEqual(['2027-03-10', '2027-04-10'])
    expect(span(only(yearOf('US', 2027), 'year_end'))).toEqual(['2027-11-26', '2027-12-31'])
    expect(span(only(yearOf('CN', 2027), 'year_end'))).toEqual(['2027-12-01', '2027-12-31'])
    expect(span(only(yearOf('JP', 2027), 'golden_week'))).toEqual(['2027-04-29', '2027-05-05'])
    // Nian huo: the three weeks before the eve of the lunar New Year (6 February 2027).
    expect(span(only(yearOf('CN', 2027), 'new_year_shopping'))).toEqual(['2027-01-15', '2027-02-04'])
  })

  it("a season that crosses the new year is found from either side (Singapore's back to school)", () => {
    const december = calendarNodes({ country: 'SG', from: '2026-12-20', to: '2026-12-31', today: '2026-12-20' })
    const january = calendarNodes({ country: 'SG', from: '2027-01-02', to: '2027-01-31', today: '2027-01-02' })
    expect(span(only(december, 'back_to_school'))).toEqual(['2026-12-01', '2027-01-05'])
    expect(only(january, 'back_to_school').key).toBe('SG:2026-12-01:back_to_school')
  })
})

describe('the calendar of a range', () => {
  it('lists what overlaps the range, soonest first, with days away and the last day to propose', () => {
    const nodes = calendarNodes({ country: 'CN', from: '2026-12-01', to: '2027-02-28', today: '2026-12-01' })
    expect(nodes.map((node) => node.startDate)).toEqual([...nodes.map((node) => node.startDate)].sort())
    expect(nodes.every((node) => node.endDate >= '2026-12-01' && node.startDate <= '2027-02-28')).toBe(true)
    expect(nodes.map((node) => node.id)).toEqual(['year_end', 'double_12', 'new_years_day', 'new_year_shopping', 'spring_festival'])
    const festival = only(nodes, 'spring_festival')
    expect(festival).toMatchObject({ daysAway: 66, lastDayToPropose: '2027-01-08', daysLeftToPropose: 38 })
    // Under way today: 0 days away; its lead has passed.
    expect(only(nodes, 'year_end')).toMatchObject({ daysAway: 0, lastDayToPropose: '2026-11-03', daysLeftToPropose: -28 })
  })

  it('takes the preparation lead as an argument', () => {
    const nodes = calendarNodes({ country: 'US', from: '2027-11-01', to: '2027-11-30', today: '2027-11-01', leadDays: 14 })
    expect(only(nodes, 'black_friday')).toMatchObject({ daysAway: 25, lastDayToPropose: '2027-11-12', daysLeftToPropose: 11 })
  })

  it('answers the same whatever the machine clock says: today is an argument', () => {
    const a = calendarNodes({ country: 'JP', from: '2030-04-01', to: '2030-05-31', today: '2030-03-01' })
    expect(only(a, 'golden_week')).toMatchObject({ daysAway: 59, startDate: '2030-04-29' })
  })

  it('refuses dates that are not dates and countries it does not know', () => {
    expect(() => calendarNodes({ country: 'CN', from: '2027-02-30', to: '2027-03-01', today: '2027-01-01' })).toThrow(/from/)
    expect(() => calendarNodes({ country: 'XX' as CalendarCountry, from: '2027-01-01', to: '2027-03-01', today: '2027-01-01' })).toThrow(/country/)
  })

  it('comingRange: the next months from today, at most twelve', () => {
    expect(comingRange('2026-12-01', 3)).toEqual({ from: '2026-12-01', to: '2027-02-28' })
    expect(comingRange('2027-01-31', 1)).toEqual({ from: '2027-01-31', to: '2027-02-27' })
    expect(comingRange('2026-12-01', 40)).toEqual({ from: '2026-12-01', to: '2027-11-30' })
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29')
  })

  it('finds a node again by its key (a button value), and nothing for a key it never gave', () => {
    const node = nodeByKey('CN:2027-02-05:spring_festival', '2026-12-01')
    expect(node).toMatchObject({ startDate: '2027-02-05', endDate: '2027-02-08', daysAway: 66 })
    expect(nodeByKey('US:2027-11-26:black_friday', '2027-11-01', 14)?.lastDayToPropose).toBe('2027-11-12')
    for (const bad of ['CN:2027-02-06:spring_festival', 'XX:2027-02-05:spring_festival', 'CN:2027-02-30:x', 'nonsense', '']) expect(nodeByKey(bad, '2026-12-01')).toBeNull()
  })

  it('groups by month, every month listed, a node under way in the first', () => {
    const range = comingRange('2026-12-15', 3)
    const nodes = calendarNodes({ country: 'US', ...range, today: '2026-12-15' })
    const months = calendarMonths(nodes, [], range)
    expect(months.map((m) => m.month)).toEqual(['2026-12', '2027-01', '2027-02', '2027-03'])
    expect(months[0]!.entries.map((e) => e.node.id)).toContain('year_end') // began on Black Friday
    expect(months.flatMap((m) => m.entries).length).toBe(nodes.length)
  })
})

describe('a campaign for a node', () => {
  const spring = nodeByKey('CN:2027-02-05:spring_festival', '2026-12-01')!
  const shopping618 = nodeByKey('CN:2027-06-01:shopping_618', '2026-12-01')!

  it('suggests the week before and the node itself, at most four weeks, never before today, always two days or more', () => {
    expect(suggestedCampaignWindow(spring, '2026-12-01')).toEqual({ startDate: '2027-01-29', endDate: '2027-02-08' })
    expect(suggestedCampaignWindow(shopping618, '2026-12-01')).toEqual({ startDate: '2027-05-25', endDate: '2027-06-18' })
    expect(suggestedCampaignWindow({ startDate: '2027-07-15', endDate: '2027-09-05' }, '2027-01-01')).toEqual({ startDate: '2027-07-08', endDate: '2027-08-04' })
    expect(suggestedCampaignWindow(spring, '2027-02-03')).toEqual({ startDate: '2027-02-03', endDate: '2027-02-08' })
    expect(suggestedCampaignWindow({ startDate: '2027-05-20', endDate: '2027-05-20' }, '2027-05-20')).toEqual({ startDate: '2027-05-20', endDate: '2027-05-21' })
  })

  const campaign = (over: Partial<CalendarCampaign>): CalendarCampaign => ({
    id: 1, name: 'c', stage: 'planning', timingNode: 'holiday', timingNote: null, startDate: '2027-01-29', endDate: '2027-02-07', ...over,
  })

  it('counts a campaign whose note names the node (either language, any case) within its lead, or without a note of the same timing over its days', () => {
    const named = campaign({ id: 1, timingNote: '春节 2027-02-05' })
    const english = campaign({ id: 2, timingNote: 'our SPRING festival gifts', startDate: '2027-01-10', endDate: '2027-01-20' })
    const lastYear = campaign({ id: 3, timingNote: 'Spring Festival', startDate: '2026-02-01', endDate: '2026-02-20' })
    const otherNote = campaign({ id: 4, timingNote: 'Valentine', startDate: '2027-02-01', endDate: '2027-02-14' })
    const sale = campaign({ id: 5, timingNode: 'sales_peak', startDate: '2027-06-10', endDate: '2027-06-20' })
    const short618 = campaign({ id: 6, timingNode: 'other', timingNote: '6.18 flash sale', startDate: '2027-05-20', endDate: '2027-05-30' })
    const all = [named, english, lastYear, otherNote, sale, short618]
    expect(campaignsAround(spring, all).map((c) => c.id)).toEqual([1, 2])
    expect(campaignsAround(shopping618, all).map((c) => c.id)).toEqual([5, 6])
  })
})

describe("China's official schedule in the calendar", () => {
  it('shows each published break as one window of its days off, and the festivals that fall together under both names', () => {
    const in2026 = yearOf('CN', 2026)
    expect(span(only(in2026, 'spring_festival'))).toEqual(['2026-02-15', '2026-02-23'])
    expect(span(only(in2026, 'national_day'))).toEqual(['2026-10-01', '2026-10-07']) // not 1–3 October
    expect(span(only(in2026, 'labour_day'))).toEqual(['2026-05-01', '2026-05-05'])
    expect(span(only(in2026, 'mid_autumn_festival'))).toEqual(['2026-09-25', '2026-09-27'])
    const in2025 = yearOf('CN', 2025)
    expect(only(in2025, 'national_day')).toMatchObject({
      startDate: '2025-10-01', endDate: '2025-10-08', kind: 'holiday', name: { en: 'National Day and Mid-Autumn Festival', zh: '国庆节、中秋节' },
    })
    expect(in2025.filter((node) => node.id === 'mid_autumn_festival')).toEqual([])
    expect(only(in2025, 'national_day').aliases).toEqual(expect.arrayContaining(['中秋节', 'Mid-Autumn Festival', '国庆节']))
    expect(span(only(in2025, 'spring_festival'))).toEqual(['2025-01-28', '2025-02-04'])
  })

  it("keeps China's days for some citizens only as observances, once", () => {
    const in2026 = yearOf('CN', 2026)
    expect(only(in2026, 'childrens_day')).toMatchObject({ kind: 'observance', name: { zh: '六一儿童节' } })
    expect(only(in2026, 'international_womens_day').kind).toBe('observance')
    expect(in2026.filter((node) => node.kind === 'holiday').map((node) => node.id)).toEqual([
      'new_years_day', 'spring_festival', 'qingming_festival', 'labour_day', 'dragon_boat_festival', 'mid_autumn_festival', 'national_day',
    ])
  })

  it("lists the weekend days worked in place of days off, by month, and a workspace's own", () => {
    expect(makeUpWorkdays({ country: 'CN', from: '2026-01-01', to: '2026-12-31' })).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ])
    expect(makeUpWorkdays({ country: 'US', from: '2026-01-01', to: '2026-12-31' })).toEqual([])
    const own = (parseCalendarDays('2027-02-20 workday\n2027-02-22 workday\n2026-10-10 holiday') as { days: CalendarDayRule[] }).days
    // A working day on a weekday is nothing to point out; a make-up day the workspace takes off is not worked.
    expect(makeUpWorkdays({ country: 'CN', from: '2026-10-01', to: '2027-02-28', calendarDays: own })).toEqual(['2027-02-20'])
    const range = { from: '2026-02-01', to: '2026-03-31' }
    const months = calendarMonths(calendarNodes({ country: 'CN', ...range, today: '2026-02-01' }), [], range, 28, makeUpWorkdays({ country: 'CN', ...range }))
    expect(months.map((month) => [month.month, month.workdays])).toEqual([['2026-02', ['2026-02-14', '2026-02-28']], ['2026-03', []]])
  })
})

describe("a workspace's own days off in the calendar", () => {
  const own = (text: string) => (parseCalendarDays(text) as { days: CalendarDayRule[] }).days
  const range = { country: 'CN' as const, from: '2027-01-01', to: '2027-03-31', today: '2027-01-01' }

  it('lengthens the public holiday they touch (same name, or none), and stand as windows of their own otherwise', () => {
    const days = own('2027-02-09..2027-02-13 holiday 春节\n2027-03-05 holiday Offsite\n2027-03-19 holiday')
    const nodes = calendarNodes({ ...range, calendarDays: days })
    expect(span(only(nodes, 'spring_festival'))).toEqual(['2027-02-05', '2027-02-13'])
    expect(nodes.filter((node) => node.id === 'team_day_off').map((node) => [node.startDate, node.name])).toEqual([
      ['2027-03-05', { en: 'Offsite', zh: 'Offsite' }],
      ['2027-03-19', { en: 'Team day off', zh: '团队休息日' }],
    ])
    // Found again by its key with the same days, as the Plan-this button does.
    const offsite = nodes.find((node) => node.name.en === 'Offsite')!
    expect(nodeByKey(offsite.key, '2027-01-01', 28, days)).toMatchObject({ startDate: '2027-03-05' })
    expect(nodeByKey(offsite.key, '2027-01-01')).toBeNull()
    // A day off named otherwise, next to Spring Festival, is its own window.
    const birthday = calendarNodes({ ...range, calendarDays: own('2027-02-09 holiday Founders day') })
    expect(span(only(birthday, 'spring_festival'))).toEqual(['2027-02-05', '2027-02-08'])
    expect(only(birthday, 'team_day_off')).toMatchObject({ startDate: '2027-02-09', name: { en: 'Founders day' } })
  })
})

describe('the country of a Slack locale', () => {
  it.each([
    ['en-US', 'US'], ['zh-CN', 'CN'], ['ja-JP', 'JP'], ['en-GB', 'GB'], ['zh-TW', 'TW'], ['ko-KR', 'KR'], ['de-DE', 'DE'],
    ['fr-FR', 'FR'], ['fr-CA', 'CA'], ['en-AU', 'AU'], ['en_SG', 'SG'], ['zh-HK', 'HK'], ['en', 'US'], ['zh', 'CN'],
    ['es-ES', null], ['pt-BR', null], ['', null], [null, null], [undefined, null],
  ])('%s → %s', (locale, country) => {
    expect(countryFromSlackLocale(locale)).toBe(country)
  })
})
