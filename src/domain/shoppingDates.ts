// The dates shops plan around (520, 618, Qixi, Double 11, Black Friday…) and the shopping and
// school seasons, which no holiday library keeps: defined here, the lunar and weekday ones through
// date-holidays' rule engine. Pure.
import type Holidays from 'date-holidays'
import { holidaysLibrary } from './holidayLibrary.ts'
import type { TimingNode } from './campaign.ts'
import { addDays, type CalendarCountry, type Span } from './calendarNode.ts'

/**
 * Dates of a year that follow the moon or a weekday, computed by date-holidays' rule engine
 * (its Chinese calendar comes from the date-chinese library): no hand-kept table of lunar dates.
 */
const anchorRules = {
  qixi: 'chinese 07-0-07', // the 7th day of the 7th lunar month
  lunarNewYear: 'chinese 01-0-01',
  blackFriday: 'friday after 4th thursday in November', // the day after US Thanksgiving
  cyberMonday: 'monday after 4th thursday in November',
} as const
type Anchor = keyof typeof anchorRules

let anchorCalendar: Holidays | undefined
const anchorYears = new Map<number, Readonly<Record<Anchor, string>>>()

function anchorsOf(year: number): Readonly<Record<Anchor, string>> {
  const cached = anchorYears.get(year)
  if (cached) return cached
  if (!anchorCalendar) {
    anchorCalendar = new (holidaysLibrary())()
    for (const [anchor, rule] of Object.entries(anchorRules)) {
      if (!anchorCalendar.setHoliday(rule, { name: anchor, type: 'observance' })) throw new Error(`calendar: date-holidays refused the rule ${rule}`)
    }
  }
  const found = anchorCalendar.getHolidays(year)
  const anchors = Object.fromEntries(Object.entries(anchorRules).map(([anchor, rule]) => {
    const date = found.find((holiday) => holiday.rule === rule)?.date.slice(0, 10)
    if (!date) throw new Error(`calendar: no date for ${anchor} in ${year}`)
    return [anchor, date]
  })) as Record<Anchor, string>
  anchorYears.set(year, anchors)
  return anchors
}

/**
 * Which e-commerce dates a country plans around. The double-number days and 618 were born on
 * Chinese platforms (Tmall, JD) and are run across Greater China and by Lazada and Shopee in
 * Singapore; Black Friday and Cyber Monday belong to the US and the markets that took them up
 * (GB, CA, AU, DE, FR); Japan runs Black Friday (Amazon Japan, since 2019) but not Cyber Monday;
 * Korea has neither (its November sale is the government's Korea Sale Festa).
 */
const greaterChina: readonly CalendarCountry[] = ['CN', 'HK', 'TW', 'SG']
const blackFridayMarkets: readonly CalendarCountry[] = ['US', 'GB', 'CA', 'AU', 'DE', 'FR', 'JP']
const cyberMondayMarkets: readonly CalendarCountry[] = ['US', 'GB', 'CA', 'AU', 'DE', 'FR']

/**
 * Back-to-school shopping, by the country's school year (the weeks before the first term):
 * September starts in the US, Canada, Europe and Greater China; April in Japan, March in Korea,
 * late January in Australia and early January in Singapore (whose season crosses the new year).
 */
const backToSchool: Readonly<Record<CalendarCountry, readonly [start: string, end: string]>> = {
  US: ['07-15', '09-05'], CA: ['07-15', '09-05'],
  GB: ['08-01', '09-10'], DE: ['08-01', '09-15'], FR: ['08-15', '09-05'],
  CN: ['08-15', '09-10'], HK: ['08-10', '09-05'], TW: ['08-10', '09-05'],
  JP: ['03-10', '04-10'], KR: ['02-10', '03-05'], AU: ['01-05', '02-05'], SG: ['12-01', '01-05'],
}

type AppDate = {
  id: string
  kind: 'ecommerce' | 'season'
  timingNode: TimingNode
  /** Data of the calendar, in both languages, as the library's holiday names are. */
  name: { en: string; zh: string }
  /** Short forms a timing note may use. */
  aliases: readonly string[]
  /** The date-holidays rule it follows, when it follows one. */
  rule?: string
  countries: readonly CalendarCountry[] | 'all'
  /** Its window in `year` for `country` (first and last day). */
  window: (year: number, country: CalendarCountry) => readonly [start: string, end: string]
}

const on = (year: number, monthDay: string) => `${year}-${monthDay}`
const day = (date: string) => [date, date] as const

const appDates: readonly AppDate[] = [
  {
    id: 'day_520', kind: 'ecommerce', timingNode: 'holiday', countries: greaterChina,
    name: { en: '520 ("I love you" day)', zh: '520 表白日' }, aliases: ['520', '5.20', '5·20'],
    window: (year) => day(on(year, '05-20')),
  },
  {
    // JD's anniversary sale: the whole first half of June, peaking on the 18th.
    id: 'shopping_618', kind: 'ecommerce', timingNode: 'sales_peak', countries: greaterChina,
    name: { en: '618 shopping festival', zh: '618 购物节' }, aliases: ['618', '6.18', '6·18', '年中大促'],
    window: (year) => [on(year, '06-01'), on(year, '06-18')],
  },
  {
    id: 'qixi', kind: 'ecommerce', timingNode: 'holiday', countries: greaterChina,
    name: { en: "Qixi (Chinese Valentine's Day)", zh: '七夕' }, aliases: ['Qixi', '七夕', 'Chinese Valentine'], rule: anchorRules.qixi,
    window: (year) => day(anchorsOf(year).qixi),
  },
  {
    id: 'double_9', kind: 'ecommerce', timingNode: 'periodic_promotion', countries: greaterChina,
    name: { en: '9.9 sale', zh: '99 大促' }, aliases: ['9.9', '99大促', '99 大促', '9·9'],
    window: (year) => day(on(year, '09-09')),
  },
  {
    // Tmall's Singles' Day: sales from 1 November, peaking on the 11th.
    id: 'double_11', kind: 'ecommerce', timingNode: 'sales_peak', countries: greaterChina,
    name: { en: "Double 11 (Singles' Day)", zh: '双十一' }, aliases: ['Double 11', '11.11', '双11', '双十一', 'Singles Day', 'Singles’ Day', "Singles' Day"],
    window: (year) => [on(year, '11-01'), on(year, '11-11')],
  },
  {
    id: 'double_12', kind: 'ecommerce', timingNode: 'periodic_promotion', countries: greaterChina,
    name: { en: 'Double 12', zh: '双十二' }, aliases: ['Double 12', '12.12', '双12', '双十二'],
    window: (year) => day(on(year, '12-12')),
  },
  {
    // Nian huo: the three weeks of shopping before the lunar New Year's Eve.
    id: 'new_year_shopping', kind: 'season', timingNode: 'sales_peak', countries: greaterChina,
    name: { en: 'Lunar New Year shopping festival', zh: '年货节' }, aliases: ['年货节', '年貨節', 'Lunar New Year shopping'],
    window: (year) => {
      const newYear = anchorsOf(year).lunarNewYear
      return [addDays(newYear, -22), addDays(newYear, -2)]
    },
  },
  {
    id: 'black_friday', kind: 'ecommerce', timingNode: 'sales_peak', countries: blackFridayMarkets,
    name: { en: 'Black Friday', zh: '黑色星期五' }, aliases: ['Black Friday', '黑五', '黑色星期五'], rule: anchorRules.blackFriday,
    window: (year) => day(anchorsOf(year).blackFriday),
  },
  {
    id: 'cyber_monday', kind: 'ecommerce', timingNode: 'sales_peak', countries: cyberMondayMarkets,
    name: { en: 'Cyber Monday', zh: '网络星期一' }, aliases: ['Cyber Monday', '网络星期一'], rule: anchorRules.cyberMonday,
    window: (year) => day(anchorsOf(year).cyberMonday),
  },
  {
    id: 'golden_week', kind: 'season', timingNode: 'holiday', countries: ['JP'],
    name: { en: 'Golden Week', zh: '黄金周' }, aliases: ['Golden Week', '黄金周', 'ゴールデンウィーク'],
    // Showa Day to Children's Day, fixed dates by law.
    window: (year) => [on(year, '04-29'), on(year, '05-05')],
  },
  {
    id: 'back_to_school', kind: 'season', timingNode: 'sales_peak', countries: 'all',
    name: { en: 'Back-to-school season', zh: '开学季' }, aliases: ['back to school', 'back-to-school', '开学季', '開學季'],
    window: (year, country) => {
      const [start, end] = backToSchool[country]
      // A season that ends "earlier" in the year than it starts ends the next year.
      return [on(year, start), on(end < start ? year + 1 : year, end)]
    },
  },
  {
    // The holiday shopping season: from Black Friday where it is kept, else from December, to the year's end.
    id: 'year_end', kind: 'season', timingNode: 'sales_peak', countries: 'all',
    name: { en: 'Year-end shopping season', zh: '年末购物季' }, aliases: ['year-end', 'year end', 'holiday season', '年末', '年终'],
    window: (year, country) => [blackFridayMarkets.includes(country) ? anchorsOf(year).blackFriday : on(year, '12-01'), on(year, '12-31')],
  },
]

export function appSpans(country: CalendarCountry, year: number): Span[] {
  return appDates
    .filter((date) => date.countries === 'all' || date.countries.includes(country))
    .map((date) => {
      const [startDate, endDate] = date.window(year, country)
      return {
        id: date.id, name: { ...date.name }, kind: date.kind, timingNode: date.timingNode, startDate, endDate,
        aliases: [date.name.en, date.name.zh, ...date.aliases], rules: date.rule ? [date.rule] : [],
      }
    })
}
