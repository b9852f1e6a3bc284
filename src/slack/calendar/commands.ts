// The marketing calendar surface: `/campaign calendar [country] [months] [chart]`. Without `chart`
// the person gets an ephemeral list (slack/calendar/message.ts); with it, a picture of the same
// range (charts/calendar.ts) is uploaded into the channel where they asked, the way the Gantt chart
// is (gantt.ts: straight to Slack, as the answer to a person waiting; a public channel the app is
// not in is joined once). Which country: the one asked for, else the workspace's setting, else the
// region (or language) of the person's Slack locale, else the US.
import type { RespondFn } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import type { CalendarChart } from '../../charts/calendarLayout.ts'
import { calendarMonths, calendarNodes, comingRange, makeUpWorkdays, ownCalendarDays, type CalendarMonth } from '../../domain/calendar.ts'
import { addDays, calendarCountries, calendarMonthsLimit, countryFromSlackLocale, defaultCalendarMonths, defaultPreparationLeadDays, isCalendarCountry, type CalendarCountry } from '../../domain/calendarNode.ts'
import { localDate } from '../../domain/dates.ts'
import type { Locale, Messages } from '../../i18n/catalogue.ts'
import type { CountrySource } from '../../i18n/calendar.ts'
import type { CalendarSettings } from '../../store/calendar.ts'
import { calendarMessage, nodeName, type CalendarAnswer } from './message.ts'
import { escapeMrkdwn, mentionChannel, mentionUser } from '../../i18n/mrkdwn.ts'
import { slackErrorCode, uploadJoiningIfNeeded } from '../shared/upload.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import type { CommandContext } from '../commandContext.ts'

export type CalendarArguments =
  | { ok: true; country: CalendarCountry | null; months: number; chart: boolean }
  | { ok: false; reason: 'usage' }
  | { ok: false; reason: 'unknown_country'; code: string }

const chartWord = 'chart'

/**
 * `[country] [months] [chart]` in any order: a two-letter code, a number of months (past 12 it is
 * 12), the word `chart`. A word that is none of these is taken for a country the calendar lacks.
 */
export function parseCalendarArguments(text: string): CalendarArguments {
  let country: CalendarCountry | null = null
  let months: number | null = null
  let chart = false
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (word.toLowerCase() === chartWord) {
      if (chart) return { ok: false, reason: 'usage' }
      chart = true
    }
    else if (/^\d{1,4}$/.test(word) && months === null && Number(word) >= 1) months = Math.min(calendarMonthsLimit, Number(word))
    else if (/^\p{L}[\p{L}\p{M}.'’ -]*$/u.test(word) && country === null) {
      const code = word.toUpperCase()
      if (!isCalendarCountry(code)) return { ok: false, reason: 'unknown_country', code: [...word].slice(0, 24).join('') }
      country = code
    } else return { ok: false, reason: 'usage' }
  }
  return { ok: true, country, months: months ?? defaultCalendarMonths, chart }
}

/** The workspace's preparation lead, when an admin set a sensible one. */
export function preparationLeadDays(settings: Pick<CalendarSettings, 'preparationLeadDays'>): number {
  const days = settings.preparationLeadDays
  return days !== null && Number.isInteger(days) && days >= 0 && days <= 365 ? days : defaultPreparationLeadDays
}

export function calendarCountryFor(asked: CalendarCountry | null, settings: Pick<CalendarSettings, 'country'>, person: Pick<Person, 'slackLocale' | 'locale'>): { country: CalendarCountry; source: CountrySource } {
  if (asked) return { country: asked, source: 'asked' }
  const workspace = settings.country?.trim().toUpperCase() ?? ''
  if (isCalendarCountry(workspace)) return { country: workspace, source: 'workspace' }
  // Slack's own locale when it told us; only without it the app's language for the person.
  const fromLocale = countryFromSlackLocale(person.slackLocale ?? person.locale)
  return fromLocale ? { country: fromLocale, source: 'locale' } : { country: 'US', source: 'default' }
}

/** The calendar a person asked for: the nodes of the range by month, with the workspace's campaigns around each. */
export async function calendarAnswer(services: Services, teamId: string, person: Person, asked: { country: CalendarCountry | null; months: number }): Promise<CalendarAnswer & { today: string }> {
  const settings = await services.store.calendar.settings(teamId)
  const leadDays = preparationLeadDays(settings)
  const { country, source } = calendarCountryFor(asked.country, settings, person)
  const today = localDate(services.clock.now(), person.timeZone)
  const range = comingRange(today, asked.months)
  const calendarDays = ownCalendarDays(settings, country)
  const nodes = calendarNodes({ country, ...range, today, leadDays, calendarDays })
  // A campaign counts for a node when it runs in the node's preparation lead or on its days.
  const earliest = nodes.reduce((min, node) => (node.startDate < min ? node.startDate : min), range.from)
  const campaigns = await services.store.calendar.campaignsBetween(teamId, addDays(earliest, -leadDays), range.to)
  const workdays = makeUpWorkdays({ country, ...range, calendarDays })
  return { country, source, leadDays, today, ...range, months: calendarMonths(nodes, campaigns, range, leadDays, workdays) }
}

/** The picture of a calendar: its nodes, then the campaigns planned around any of them, in the reader's language. */
export function calendarChartOf(answer: CalendarAnswer & { today: string }, m: Messages, locale: Locale): CalendarChart {
  const entries = answer.months.flatMap((month: CalendarMonth) => month.entries)
  const campaigns = [...new Map(entries.flatMap((entry) => entry.campaigns).map((c) => [c.id, c])).values()]
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id - b.id)
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN'
  return {
    title: m.calendar.chart.title(m.calendar.country[answer.country], answer.from, answer.to),
    from: answer.from,
    to: answer.to,
    today: answer.today,
    months: answer.months.map(({ month }) => ({ month, label: m.calendar.chart.month(month) })),
    // Both names where they differ, so a mixed team reads each date in its own language.
    nodes: entries.map(({ node }) => {
      const [mine, theirs] = [nodeName(node, locale), nodeName(node, other)]
      return { label: mine === theirs ? mine : `${mine} · ${theirs}`, kind: node.kind, startDate: node.startDate, endDate: node.endDate, note: m.calendar.span(node.startDate, node.endDate) }
    }),
    campaigns: campaigns.map((c) => ({ label: c.name, startDate: c.startDate, endDate: c.endDate, note: `#${c.id} · ${m.stage[c.stage]}` })),
    labels: { ...m.calendar.chart.labels, kinds: m.calendar.kind },
  }
}


export async function calendarCommand({ services, client, command, respond, person, m, rest }: CommandContext): Promise<void> {
  const parsed = parseCalendarArguments(rest)
  if (!parsed.ok) {
    const text = parsed.reason === 'usage' ? m.calendar.usage
      : m.calendar.unknownCountry(escapeMrkdwn(parsed.code), calendarCountries.map((code) => `\`${code}\` ${m.calendar.country[code]}`).join(', '))
    return void (await respond(ephemeral({ text })))
  }
  const answer = await calendarAnswer(services, command.team_id, person, parsed)
  if (!parsed.chart) return void (await respond(ephemeral(calendarMessage(answer, m, person.locale))))
  await postCalendarChart(services, client, answer, {
    teamId: command.team_id, asker: person, m, channelId: command.channel_id,
    answer: async (text) => void (await respond(ephemeral({ text }))),
  })
}

/** Past this, the person is told the picture is on its way (drawing takes a few hundred ms, so usually never). */
const drawingNoticeAfterMs = 1_500
const altTextLimit = 1000
// Pictures being drawn in this process: a double command draws one.
const drawing = new Set<string>()

/** Draws the calendar and uploads it into the channel where it was asked for, or tells the person why not. Never throws. */
export async function postCalendarChart(
  services: Services, client: WebClient, calendar: CalendarAnswer & { today: string },
  request: { teamId: string; asker: Person; m: Messages; channelId: string; answer: (text: string) => Promise<void> },
): Promise<void> {
  const { teamId, asker, m, channelId, answer } = request
  const key = `${teamId}:${channelId}:${calendar.country}:${calendar.from}:${calendar.to}`
  if (drawing.has(key)) return void (await answer(m.calendar.chart.alreadyDrawing).catch(() => {}))
  drawing.add(key)
  const notice = setTimeout(() => void answer(m.calendar.chart.drawing).catch(() => {}), drawingNoticeAfterMs)
  const log = { team: teamId, user: asker.userId, channel: channelId, country: calendar.country }
  try {
    const chart = calendarChartOf(calendar, m, asker.locale)
    const startedAt = performance.now()
    let png: Buffer
    try {
      // Loaded on first use: the chart libraries and fonts cost tens of MiB an idle app need not hold.
      png = await (await import('../../charts/calendar.ts')).renderCalendarPng(chart)
    } catch (error) {
      services.logger.error({ err: error, ...log }, 'calendar_render_failed')
      return await answer(m.calendar.chart.drawFailed)
    }
    const drawnAt = performance.now()
    const country = m.calendar.country[calendar.country]
    const upload = {
      channel_id: channelId,
      file: png,
      filename: `calendar-${calendar.country}-${calendar.from}-${calendar.to}.png`,
      title: chart.title,
      initial_comment: m.calendar.chart.comment(escapeMrkdwn(country), mentionUser(asker.userId)),
      alt_text: [...m.calendar.chart.altText(country, calendar.from, calendar.to, chart.nodes.length, chart.campaigns.length)].slice(0, altTextLimit).join(''),
    }
    try {
      await uploadJoiningIfNeeded(client, upload)
    } catch (error) {
      services.logger.warn({ err: error, ...log, slackError: slackErrorCode(error) }, 'calendar_upload_failed')
      return await answer(uploadRefusal(error, channelId, m))
    }
    services.logger.info({
      ...log, nodes: chart.nodes.length, campaigns: chart.campaigns.length, bytes: png.length,
      drawMs: Math.round(drawnAt - startedAt), uploadMs: Math.round(performance.now() - drawnAt),
    }, 'calendar_posted')
  } catch (error) {
    services.logger.error({ err: error, ...log }, 'calendar_chart_failed')
    await answer(troubleMessage(error, m)).catch(() => {})
  } finally {
    clearTimeout(notice)
    drawing.delete(key)
  }
}

function uploadRefusal(error: unknown, channelId: string, m: Messages): string {
  const code = slackErrorCode(error)
  const channel = mentionChannel(channelId)
  switch (code) {
    case undefined: return m.trouble.slack // no answer, a 429 or 5xx, or the bytes' upload refused
    case 'not_in_channel': return m.calendar.chart.notInChannel(channel)
    case 'channel_not_found': return m.calendar.chart.channelGone(channel)
    case 'is_archived': return m.calendar.chart.archived(channel)
    default: return m.calendar.chart.slackRefused(code)
  }
}
