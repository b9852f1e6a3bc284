// `/campaign calendar`: the coming timing nodes by month, each with its dates, how far away it is,
// the last day to propose it, the workspace's campaigns planned around it, and a way to plan one.
// A message holds 50 blocks: while every node can have its own line and button, it does; a longer
// calendar (twelve months of Taiwan's many observances) gives each month one section whose menu
// lists its nodes instead. Both carry the node's key, read by slack/calendar/actions.ts.
import type { StaticSelect } from '@slack/types'
import type { CalendarEntry, CalendarMonth } from '../../domain/calendar.ts'
import type { CalendarCountry, CalendarNode, CalendarNodeKind } from '../../domain/calendarNode.ts'
import type { Locale, Messages } from '../../i18n/catalogue.ts'
import type { CountrySource } from '../../i18n/calendar.ts'
import { button, context, header, option, plainText, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'

export const calendarActions = {
  /** A node's button; value: the node's key. */
  planThis: 'calendar_plan',
  /** A month's menu; the selected option's value: the node's key. */
  planPick: 'calendar_plan_pick',
} as const

/** Everything the message shows, read and computed by the command (slack/calendar/commands.ts). */
export type CalendarAnswer = {
  country: CalendarCountry
  source: CountrySource
  from: string
  to: string
  leadDays: number
  months: CalendarMonth[]
}

const messageBlockLimit = 50
const campaignsPerNode = 3
const optionsPerMenu = 100

export const kindMarks: Readonly<Record<CalendarNodeKind, string>> = {
  holiday: ':tada:', observance: ':small_blue_diamond:', ecommerce: ':shopping_trolley:', season: ':shopping_bags:',
}

/** A node's name in the reader's language. */
export function nodeName(node: Pick<CalendarNode, 'name'>, locale: Locale): string {
  return locale === 'zh-CN' ? node.name.zh : node.name.en
}

function entryLine({ node, campaigns }: CalendarEntry, leadDays: number, m: Messages, locale: Locale): Mrkdwn {
  const t = m.calendar
  const line = `${kindMarks[node.kind]} *${t.span(node.startDate, node.endDate)}*  ${escapeMrkdwn(nodeName(node, locale))} · ${t.away(node.daysAway, node.endDate)} · ${t.proposeBy(node.lastDayToPropose, node.daysLeftToPropose, leadDays)}`
  if (campaigns.length === 0) return trusted(line)
  const shown = campaigns.slice(0, campaignsPerNode).map((c) => `*${escapeMrkdwn(c.name)}* (#${c.id}, ${m.stage[c.stage]})`)
  if (campaigns.length > campaignsPerNode) shown.push(t.moreCampaigns(campaigns.length - campaignsPerNode))
  return trusted(`${line}\n>${t.planned(trusted(shown.join(', ')))}`)
}

export function calendarMessage(answer: CalendarAnswer, m: Messages, locale: Locale): { text: string; blocks: Blocks } {
  const t = m.calendar
  const country = t.country[answer.country]
  const title = t.title(country, answer.from, answer.to)
  const nodes = answer.months.reduce((count, month) => count + month.entries.length, 0)
  const frame = 3 // header, summary, legend
  const oneButtonEach = frame + answer.months.length + nodes <= messageBlockLimit

  const blocks: Blocks = [header(title), context(trusted(t.summary(escapeMrkdwn(country), answer.source, answer.leadDays)))]
  for (const month of answer.months) {
    const workdays = month.workdays.length > 0 ? `\n${m.calendarDays.workdays(month.workdays)}` : ''
    const monthTitle = `*${t.month(month.month)}*${workdays}`
    if (month.entries.length === 0) {
      blocks.push(section(trusted(`${monthTitle}\n${t.nothingThisMonth}`)))
    } else if (oneButtonEach) {
      blocks.push(section(trusted(monthTitle)))
      for (const entry of month.entries) {
        blocks.push({ ...section(entryLine(entry, answer.leadDays, m, locale)), accessory: button(t.planThis, calendarActions.planThis, entry.node.key) })
      }
    } else {
      const lines = month.entries.map((entry) => entryLine(entry, answer.leadDays, m, locale))
      const menu: StaticSelect = {
        type: 'static_select',
        action_id: calendarActions.planPick,
        placeholder: plainText(t.planPick, 150),
        options: month.entries.slice(0, optionsPerMenu).map(({ node }) => option(`${nodeName(node, locale)} · ${t.span(node.startDate, node.endDate)}`, node.key)),
      }
      blocks.push({ ...section(trusted(`${monthTitle}\n${lines.join('\n')}`)), accessory: menu })
    }
  }
  blocks.push(context(trusted(`${t.legend(kindMarks)}\n${t.another}`)))
  return { text: `${title} (${nodes})`, blocks }
}
