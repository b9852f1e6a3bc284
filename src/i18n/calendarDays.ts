// A workspace's own holidays and working days: the `/campaign settings` field where an admin
// writes them, what is wrong with a line, and the marketing calendar's line of the days worked in
// place of days off (China's 调休 and the workspace's own).
import type { CalendarDayProblem } from '../domain/calendarDays.ts'
import type { Locale } from './locale.ts'

export type CalendarDayMessages = {
  calendarDays: {
    /** The settings field (plain text, at most 2000 characters for the hint). */
    label: string
    hint: string
    problem: (problem: CalendarDayProblem) => string
    /** Several problems in one error under the field: the first few, and how many more. */
    problems: (problems: readonly CalendarDayProblem[]) => string
    /** mrkdwn: a month's weekend days and holidays that are working days, 'YYYY-MM-DD' each. */
    workdays: (days: readonly string[]) => string
  }
}

/** Slack shows one error under a field: this many problems, then a count. */
const problemsShown = 3

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()
const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const weekdaysEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const weekdaysZh = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const month = (date: string) => Number(date.slice(5, 7))
const day = (date: string) => Number(date.slice(8, 10))

function problemEn(p: CalendarDayProblem): string {
  switch (p.problem) {
    case 'bad_date': return `Line ${p.line}: “${p.text}” is not a date. Write YYYY-MM-DD, e.g. 2027-02-06.`
    case 'unknown_kind': return `Line ${p.line}: “${p.text}” is neither holiday nor workday.`
    case 'missing_kind': return `Line ${p.line}: after the date, write holiday or workday.`
    case 'bad_span': return `Line ${p.line}: a span runs from its first day to a later one, 31 days at most.`
    case 'name_too_long': return `Line ${p.line}: keep the name to 40 characters.`
    case 'twice': return `Line ${p.line}: ${p.date} is already on an earlier line.`
    case 'too_many_lines': return 'Please keep it to 100 lines.'
    case 'too_long': return 'Please make it shorter: written back in full, one rule a line, it would pass 3,000 characters.'
  }
}

function problemZh(p: CalendarDayProblem): string {
  switch (p.problem) {
    case 'bad_date': return `第 ${p.line} 行：“${p.text}”不是日期，请写成 YYYY-MM-DD，例如 2027-02-06。`
    case 'unknown_kind': return `第 ${p.line} 行：“${p.text}”既不是 holiday（休）也不是 workday（班）。`
    case 'missing_kind': return `第 ${p.line} 行：请在日期后写 holiday（休）或 workday（班）。`
    case 'bad_span': return `第 ${p.line} 行：一段日期应从较早的一天到较晚的一天，最长 31 天。`
    case 'name_too_long': return `第 ${p.line} 行：名称请不超过 40 个字。`
    case 'twice': return `第 ${p.line} 行：${p.date} 已在前面的行中出现。`
    case 'too_many_lines': return '请不要超过 100 行。'
    case 'too_long': return '请再精简一些：按每行一条完整写回后会超过 3000 个字符。'
  }
}

export const calendarDayMessages = {
  en: {
    calendarDays: {
      label: 'Holidays and working days of your own',
      hint: 'One a line: a date or a span (first..last), then holiday or workday, then a name if you like, e.g. “2027-02-05..2027-02-13 holiday Spring Festival” or “2027-02-20 workday”. They come before the public holidays of the country above: enter next year’s schedule before it is published, or a day your team closes.',
      problem: problemEn,
      problems: (problems) => {
        const shown = problems.slice(0, problemsShown).map((p) => problemEn(p)).join(' ')
        return problems.length > problemsShown ? `${shown} (and ${problems.length - problemsShown} more)` : shown
      },
      workdays: (days) => `:briefcase: Working days on a weekend or holiday: ${days.map((date) => `${weekdaysEn[weekdayOf(date)]} ${monthsEn[month(date) - 1]} ${day(date)}`).join(', ')}`,
    },
  },
  'zh-CN': {
    calendarDays: {
      label: '本工作区自定的假日和工作日',
      hint: '每行一条：一个日期或一段日期（开始..结束），然后写 holiday（休）或 workday（班），可再写名称，例如“2027-02-05..2027-02-13 休 春节”或“2027-02-20 班”。这些设定优先于上面所选国家/地区的公共假期：可在来年放假安排公布前先行录入，或设定团队自己的休息日。',
      problem: problemZh,
      problems: (problems) => {
        const shown = problems.slice(0, problemsShown).map((p) => problemZh(p)).join('')
        return problems.length > problemsShown ? `${shown}（另有 ${problems.length - problemsShown} 处）` : shown
      },
      workdays: (days) => `:briefcase: 调休上班：${days.map((date) => `${month(date)}月${day(date)}日（${weekdaysZh[weekdayOf(date)]}）`).join('、')}`,
    },
  },
} satisfies Record<Locale, CalendarDayMessages>
