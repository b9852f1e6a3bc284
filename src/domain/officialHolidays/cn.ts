// China's public holidays as the State Council publishes them, year by year: the days off of each
// break (the statutory days plus the days moved to join them, 调休) and the weekend days that are
// working days instead (调休上班). The schedule of a year is decided late in the year before, by a
// notice of the General Office of the State Council (国务院办公厅关于<year>年部分节假日安排的通知);
// each year below cites its notice. A year not listed here follows the statutory days alone (see
// chinaStatutoryRules) and has no make-up working days until its notice is added here — a workspace
// admin can add them meanwhile in `/campaign settings` (its own holidays and working days).
//
// To add a year: copy the notice's numbered items, one break per item, in the notice's order, with
// the days off as one span and every "上班" day in `workdays`; cite the notice. The tests check that
// every break holds the statutory days of its festivals and that every make-up day is a weekend day.

/** The festivals of China's national public holidays (全体公民放假的节日). */
export const chinaFestivals = [
  'new_years_day', 'spring_festival', 'qingming_festival', 'labour_day', 'dragon_boat_festival', 'mid_autumn_festival', 'national_day',
] as const
export type ChinaFestival = (typeof chinaFestivals)[number]

/** One form per language: English as China's own English (Labour Day), Simplified Chinese as the notices write them. */
export const chinaFestivalNames: Readonly<Record<ChinaFestival, { en: string; zh: string }>> = {
  new_years_day: { en: "New Year's Day", zh: '元旦' },
  spring_festival: { en: 'Spring Festival', zh: '春节' },
  qingming_festival: { en: 'Qingming Festival', zh: '清明节' },
  labour_day: { en: 'Labour Day', zh: '劳动节' },
  dragon_boat_festival: { en: 'Dragon Boat Festival', zh: '端午节' },
  mid_autumn_festival: { en: 'Mid-Autumn Festival', zh: '中秋节' },
  national_day: { en: 'National Day', zh: '国庆节' },
}

/**
 * The statutory days of each festival under the 全国年节及纪念日放假办法 as revised by State Council
 * decree No. 795 of 10 November 2024, in force from 1 January 2025 (article 2): 13 days. The
 * holidays of some citizens only (Women's Day, Youth Day, Children's Day, Army Day: article 3) are
 * not days off for a team. A statutory day on a weekend is made up on a working day, which only the
 * year's notice fixes: a year without its notice here has the statutory days and nothing else. A lunar date is written as
 * date-holidays' rules write it ('chinese 01-0-00' is the lunar New Year's Eve, the day before the
 * first day of the first month; 'chinese 5-01 solarterm' is the Qingming solar term).
 * Before 2025 the Spring Festival was three days (the first to the third day) and Labour Day one.
 */
export const chinaStatutoryRules: Readonly<Record<ChinaFestival, { firstDay: string; days: number }>> = {
  new_years_day: { firstDay: '01-01', days: 1 },
  // New Year's Eve to the third day of the first lunar month (除夕、初一、初二、初三).
  spring_festival: { firstDay: 'chinese 01-0-00', days: 4 },
  qingming_festival: { firstDay: 'chinese 5-01 solarterm', days: 1 },
  labour_day: { firstDay: '05-01', days: 2 },
  dragon_boat_festival: { firstDay: 'chinese 05-0-05', days: 1 },
  mid_autumn_festival: { firstDay: 'chinese 08-0-15', days: 1 },
  national_day: { firstDay: '10-01', days: 3 },
}
/** The first year the rules above apply to; earlier years are left to date-holidays' data. */
export const chinaStatutoryRulesSince = 2025

export type PublishedBreak = {
  /** The festivals the break is for, as the notice names them ("国庆节、中秋节"). */
  festivals: readonly ChinaFestival[]
  /** The days off, first and last, both included ('YYYY-MM-DD'). */
  daysOff: readonly [first: string, last: string]
  /** Weekend days that are working days for this break (调休上班). */
  workdays: readonly string[]
}

export type PublishedYear = {
  year: number
  source: {
    title: string
    /** The notice's number (文号), where the sources consulted show it. */
    number: string | null
    /** The date the notice is dated. */
    dated: string
    url: string
  }
  breaks: readonly PublishedBreak[]
}

export const chinaPublishedYears: readonly PublishedYear[] = [
  {
    year: 2025,
    source: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      number: '国办发明电〔2024〕12号',
      dated: '2024-11-12',
      url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
    },
    breaks: [
      { festivals: ['new_years_day'], daysOff: ['2025-01-01', '2025-01-01'], workdays: [] },
      { festivals: ['spring_festival'], daysOff: ['2025-01-28', '2025-02-04'], workdays: ['2025-01-26', '2025-02-08'] },
      { festivals: ['qingming_festival'], daysOff: ['2025-04-04', '2025-04-06'], workdays: [] },
      { festivals: ['labour_day'], daysOff: ['2025-05-01', '2025-05-05'], workdays: ['2025-04-27'] },
      { festivals: ['dragon_boat_festival'], daysOff: ['2025-05-31', '2025-06-02'], workdays: [] },
      { festivals: ['national_day', 'mid_autumn_festival'], daysOff: ['2025-10-01', '2025-10-08'], workdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    source: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      // Published by Xinhua on 4 November 2025; the reprints consulted do not print the number.
      number: null,
      dated: '2025-11-04',
      url: 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
    },
    breaks: [
      { festivals: ['new_years_day'], daysOff: ['2026-01-01', '2026-01-03'], workdays: ['2026-01-04'] },
      { festivals: ['spring_festival'], daysOff: ['2026-02-15', '2026-02-23'], workdays: ['2026-02-14', '2026-02-28'] },
      { festivals: ['qingming_festival'], daysOff: ['2026-04-04', '2026-04-06'], workdays: [] },
      { festivals: ['labour_day'], daysOff: ['2026-05-01', '2026-05-05'], workdays: ['2026-05-09'] },
      { festivals: ['dragon_boat_festival'], daysOff: ['2026-06-19', '2026-06-21'], workdays: [] },
      { festivals: ['mid_autumn_festival'], daysOff: ['2026-09-25', '2026-09-27'], workdays: [] },
      { festivals: ['national_day'], daysOff: ['2026-10-01', '2026-10-07'], workdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
  // 2027: no notice found as of this writing (it usually comes in November or December of the year
  // before); until it is added, 2027 follows the statutory days alone.
]
