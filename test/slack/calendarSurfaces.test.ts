// `/campaign calendar`'s words and choices without Slack: its arguments, which country and lead it
// uses, and the prefill Plan-this gives the proposal modal.
import { describe, expect, it } from 'vitest'
import { calendarMonths, calendarNodes, makeUpWorkdays, nodeByKey } from '../../src/domain/calendar.ts'
import { checkMessage, checkView } from '../support/blockKitLimits.ts'
import { calendarMessage } from '../../src/slack/calendar/message.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { calendarPrefill } from '../../src/slack/calendar/actions.ts'
import { calendarCountryFor, parseCalendarArguments, preparationLeadDays } from '../../src/slack/calendar/commands.ts'
import { proposalModal } from '../../src/slack/proposal/modal.ts'

describe('parseCalendarArguments', () => {
  it.each([
    ['', { country: null, months: 3, chart: false }],
    ['cn', { country: 'CN', months: 3, chart: false }],
    ['US 6', { country: 'US', months: 6, chart: false }],
    ['6 us', { country: 'US', months: 6, chart: false }],
    ['chart', { country: null, months: 3, chart: true }],
    ['12 CHART jp', { country: 'JP', months: 12, chart: true }],
    ['tw 40', { country: 'TW', months: 12, chart: false }],
  ])('%j', (text, expected) => {
    expect(parseCalendarArguments(text)).toEqual({ ok: true, ...expected })
  })

  it.each(['XX', 'china', '中国', 'mars 6'])('%j names a country it does not know', (text) => {
    expect(parseCalendarArguments(text)).toMatchObject({ ok: false, reason: 'unknown_country' })
  })

  it.each(['0', '6 7', 'US GB', 'US mars', 'chart chart', '#5', '6.5', '<!channel>'])('%j is answered with the usage', (text) => {
    expect(parseCalendarArguments(text)).toEqual({ ok: false, reason: 'usage' })
  })
})

describe('which country and lead', () => {
  const english = { locale: 'en' as const, slackLocale: 'en-US' }
  it('asked, else the workspace, else the Slack locale, else its language, else the US', () => {
    expect(calendarCountryFor('FR', { country: 'JP' }, english)).toEqual({ country: 'FR', source: 'asked' })
    expect(calendarCountryFor(null, { country: 'jp' }, english)).toEqual({ country: 'JP', source: 'workspace' })
    expect(calendarCountryFor(null, { country: 'IN' }, english)).toEqual({ country: 'US', source: 'locale' })
    expect(calendarCountryFor(null, { country: null }, { locale: 'en', slackLocale: 'en-AU' })).toEqual({ country: 'AU', source: 'locale' })
    expect(calendarCountryFor(null, { country: null }, { locale: 'zh-CN', slackLocale: 'zh-TW' })).toEqual({ country: 'TW', source: 'locale' })
    expect(calendarCountryFor(null, { country: null }, { locale: 'zh-CN', slackLocale: null })).toEqual({ country: 'CN', source: 'locale' })
    expect(calendarCountryFor(null, { country: null }, { locale: 'en', slackLocale: 'es-ES' })).toEqual({ country: 'US', source: 'default' })
  })

  it("the workspace's preparation lead when it is a sensible number of days, else four weeks", () => {
    expect(preparationLeadDays({ preparationLeadDays: 14 })).toBe(14)
    expect(preparationLeadDays({ preparationLeadDays: 0 })).toBe(0)
    for (const odd of [null, -3, 400, 2.5]) expect(preparationLeadDays({ preparationLeadDays: odd })).toBe(28)
  })
})

describe('Plan this', () => {
  it("fills the proposal modal with the node's timing, its name and dates as the note, and suggested dates, in the reader's language", () => {
    const node = nodeByKey('CN:2027-11-01:double_11', '2026-12-01')!
    const prefill = calendarPrefill(node, '2026-12-01', 'U1', 'en')
    expect(prefill).toEqual({ ownerId: 'U1', timingNode: 'sales_peak', timingNote: "Double 11 (Singles' Day) 2027-11-01 – 2027-11-11", startDate: '2027-10-25', endDate: '2027-11-11' })
    expect(calendarPrefill(node, '2026-12-01', 'U1', 'zh-CN').timingNote).toBe('双十一 2027-11-01 – 2027-11-11')
    for (const locale of ['en', 'zh-CN'] as const) expect(checkView(proposalModal(messagesFor(locale), { mode: 'new' }, prefill))).toBeNull()
  })
})

describe("the calendar's days worked in place of days off", () => {
  it("lists a month's make-up working days under its title, in each language, inside Slack's limits for twelve months", () => {
    const range = { from: '2026-01-01', to: '2026-12-31' }
    const nodes = calendarNodes({ country: 'CN', ...range, today: '2026-01-01' })
    const months = calendarMonths(nodes, [], range, 28, makeUpWorkdays({ country: 'CN', ...range }))
    const answer = { country: 'CN' as const, source: 'asked' as const, leadDays: 28, ...range, months }
    const zh = calendarMessage(answer, messagesFor('zh-CN'), 'zh-CN')
    const en = calendarMessage(answer, messagesFor('en'), 'en')
    for (const message of [zh, en]) expect(checkMessage(message)).toBeNull()
    const february = (message: typeof zh) => JSON.stringify(message.blocks.find((b) => JSON.stringify(b).includes('2026年2月') || JSON.stringify(b).includes('February 2026')))
    expect(february(zh)).toContain(':briefcase: 调休上班：2月14日（周六）、2月28日（周六）')
    expect(february(en)).toContain(':briefcase: Working days on a weekend or holiday: Sat Feb 14, Sat Feb 28')
    expect(JSON.stringify(zh.blocks)).toContain('*2月15日–23日*  春节')
  })
})
