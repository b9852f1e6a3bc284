// The marketing calendar (`/campaign calendar`, its Plan-this buttons and its picture): the words
// around the dates. The dates' own names come with them (date-holidays' names, and the calendar's
// own e-commerce dates, in both languages: src/domain/calendar.ts).
import type { CalendarCountry, CalendarNodeKind } from '../domain/calendarNode.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

/** Where the calendar's country came from, told so a person knows how to ask for another. */
export type CountrySource = 'asked' | 'workspace' | 'locale' | 'default'

export type CalendarMessages = {
  calendar: {
    /** mrkdwn: `<` and `>` written as entities, or Slack reads them as a link. */
    usage: string
    unknownCountry: (code: M, supported: string) => string
    country: Record<CalendarCountry, string>
    kind: Record<CalendarNodeKind, string>
    /** A day, 'YYYY-MM-DD' → 'Feb 5' / '2月5日'. */
    day: (date: string) => string
    /** 'Feb 5 – 7', 'Jan 29 – Feb 7'; one day as `day`. */
    span: (start: string, end: string) => string
    /** 'YYYY-MM' → 'February 2027' / '2027年2月'. */
    month: (month: string) => string
    /** Header (plain text, at most 150 characters). */
    title: (country: string, from: string, to: string) => string
    summary: (country: string, source: CountrySource, leadDays: number) => string
    another: string
    nothingThisMonth: string
    /** How far away a node is; `until` is its last day when it is under way. */
    away: (days: number, until: string) => string
    proposeBy: (date: string, daysLeft: number, leadDays: number) => string
    planned: (campaigns: M) => string
    moreCampaigns: (count: number) => string
    /** The button beside each date (plain text, at most 75 characters). */
    planThis: string
    /** A month's menu of its dates, when the calendar is too long for a button each (at most 150 characters). */
    planPick: string
    /** Legend of the marks before each date. */
    legend: (marks: Record<CalendarNodeKind, string>) => string
    nodeGone: string
    chart: {
      /** Drawn on the picture (plain text). */
      /** `nothing`: in a panel of months without any date. */
      labels: { today: string; campaign: string; nothing: string }
      title: (country: string, from: string, to: string) => string
      /** 'YYYY-MM' over its month, in about 70 px: 'Dec 2026'. */
      month: (month: string) => string
      /** Posted with the picture. */
      comment: (country: M, asker: M) => string
      /** Read aloud by screen readers (plain text, at most 1000 characters). */
      altText: (country: string, from: string, to: string, nodes: number, campaigns: number) => string
      drawing: string
      alreadyDrawing: string
      drawFailed: string
      notInChannel: (channel: M) => string
      channelGone: (channel: M) => string
      archived: (channel: M) => string
      slackRefused: (error: string) => string
    }
  }
}

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const monthNamesEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const parts = (date: string) => ({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) })

const dayEn = (date: string) => `${monthsEn[parts(date).month - 1]} ${parts(date).day}`
const dayZh = (date: string) => `${parts(date).month}月${parts(date).day}日`
const fullEn = (date: string) => `${dayEn(date)}, ${parts(date).year}`
const fullZh = (date: string) => `${parts(date).year}年${dayZh(date)}`

const en: CalendarMessages = {
  calendar: {
    usage: 'Usage: `/campaign calendar [country] [months] [chart]`, e.g. `/campaign calendar`, `/campaign calendar US 6` or `/campaign calendar CN 12 chart`. The country is a two-letter code; months are 1 to 12 (3 when left out).',
    unknownCountry: (code, supported) => `I have no calendar for \`${code}\`. Countries I know: ${supported}.`,
    country: {
      CN: 'China', US: 'United States', GB: 'United Kingdom', JP: 'Japan', DE: 'Germany', FR: 'France', SG: 'Singapore',
      HK: 'Hong Kong', TW: 'Taiwan', KR: 'South Korea', AU: 'Australia', CA: 'Canada',
    },
    kind: { holiday: 'Public holiday', observance: 'Observance', ecommerce: 'E-commerce date', season: 'Shopping season' },
    day: dayEn,
    span: (start, end) => {
      if (start === end) return dayEn(start)
      const a = parts(start)
      const b = parts(end)
      return a.month === b.month && a.year === b.year ? `${dayEn(start)} – ${b.day}` : `${dayEn(start)} – ${dayEn(end)}`
    },
    month: (month) => `${monthNamesEn[parts(`${month}-01`).month - 1]} ${parts(`${month}-01`).year}`,
    title: (country, from, to) => `Marketing calendar: ${country}, ${fullEn(from)} – ${fullEn(to)}`,
    summary: (country, source, leadDays) => {
      const why = { asked: 'as asked', workspace: "your workspace's country", locale: 'from your Slack language and region', default: 'your Slack language names no country I know' }[source]
      return `Public holidays, observances and shopping dates of *${country}* (${why}). The last day to propose leaves a campaign ${leadDays} days to prepare.`
    },
    another: 'Another country or span: `/campaign calendar US 6`; a picture: `/campaign calendar chart`.',
    nothingThisMonth: '_Nothing this month._',
    away: (days, until) => days === 0 ? 'today' : days === 1 ? 'tomorrow' : days > 0 ? `in ${days} days` : `under way until ${dayEn(until)}`,
    proposeBy: (date, daysLeft, leadDays) => daysLeft > 0 ? `propose by ${dayEn(date)} (${daysLeft} day${daysLeft === 1 ? '' : 's'} left)`
      : daysLeft === 0 ? 'propose today' : `less than ${leadDays} days to prepare: propose now`,
    planned: (campaigns) => `Planned around it: ${campaigns}`,
    moreCampaigns: (count) => `and ${count} more`,
    planThis: 'Plan a campaign for this',
    planPick: 'Plan a campaign for…',
    legend: (marks) => `${marks.holiday} public holiday  ${marks.observance} observance  ${marks.ecommerce} e-commerce date  ${marks.season} shopping season`,
    nodeGone: 'That date is no longer in the calendar. Run `/campaign calendar` again for the dates as they stand.',
    chart: {
      labels: { today: 'Today', campaign: 'Campaign', nothing: 'No dates in this period' },
      title: (country, from, to) => `Marketing calendar · ${country} · ${fullEn(from)} – ${fullEn(to)}`,
      month: (month) => `${monthsEn[parts(`${month}-01`).month - 1]} ${parts(`${month}-01`).year}`,
      comment: (country, asker) => `Marketing calendar of *${country}*, asked for by ${asker}.`,
      altText: (country, from, to, nodes, campaigns) =>
        `Marketing calendar of ${country} from ${from} to ${to}: ${nodes} date${nodes === 1 ? '' : 's'} and ${campaigns} campaign${campaigns === 1 ? '' : 's'} on a month timeline.`,
      drawing: 'Drawing the calendar…',
      alreadyDrawing: 'The calendar you asked for is being drawn right now; it will appear here in a moment.',
      drawFailed: 'I could not draw the calendar. Nothing was posted; please try again, and tell your admin if it keeps failing.',
      notInChannel: (channel) => `I cannot post in ${channel}: invite me there first (\`/invite @Campaign Desk\`), then ask again.`,
      channelGone: (channel) => `I cannot post the picture in ${channel}: it may be a private channel or a conversation I am not in. Invite me (\`/invite @Campaign Desk\`), or ask in a channel where I am.`,
      archived: (channel) => `${channel} is archived, so I cannot post the calendar there.`,
      slackRefused: (error) => `Slack refused the picture (${error}). Nothing was posted; please try again in a moment.`,
    },
  },
}

const zhCN: CalendarMessages = {
  calendar: {
    usage: '用法：`/campaign calendar [国家] [月数] [chart]`，例如 `/campaign calendar`、`/campaign calendar US 6` 或 `/campaign calendar CN 12 chart`。国家用两个字母的代码；月数为 1 到 12（不写则为 3）。',
    unknownCountry: (code, supported) => `没有 \`${code}\` 的营销日历。支持的国家和地区：${supported}。`,
    country: {
      CN: '中国', US: '美国', GB: '英国', JP: '日本', DE: '德国', FR: '法国', SG: '新加坡',
      HK: '中国香港', TW: '中国台湾', KR: '韩国', AU: '澳大利亚', CA: '加拿大',
    },
    kind: { holiday: '法定节假日', observance: '纪念日', ecommerce: '电商节点', season: '购物季' },
    day: dayZh,
    span: (start, end) => {
      if (start === end) return dayZh(start)
      const a = parts(start)
      const b = parts(end)
      return a.month === b.month && a.year === b.year ? `${dayZh(start)}–${b.day}日` : `${dayZh(start)}–${dayZh(end)}`
    },
    month: (month) => `${parts(`${month}-01`).year}年${parts(`${month}-01`).month}月`,
    title: (country, from, to) => `营销日历：${country}，${fullZh(from)}–${fullZh(to)}`,
    summary: (country, source, leadDays) => {
      const why = { asked: '按你的指定', workspace: '工作区设置的国家', locale: '按你的 Slack 语言和地区', default: '你的 Slack 语言未对应支持的国家' }[source]
      return `*${country}* 的节假日、纪念日和电商节点（${why}）。提案截止日为节点前 ${leadDays} 天，留出准备时间。`
    },
    another: '看其他国家或时段：`/campaign calendar US 6`；生成图片：`/campaign calendar chart`。',
    nothingThisMonth: '_本月没有节点。_',
    away: (days, until) => days === 0 ? '就在今天' : days === 1 ? '明天' : days > 0 ? `${days} 天后` : `进行中，至${dayZh(until)}`,
    proposeBy: (date, daysLeft, leadDays) => daysLeft > 0 ? `提案截止 ${dayZh(date)}（还有 ${daysLeft} 天）`
      : daysLeft === 0 ? '今天是提案截止日' : `准备时间已不足 ${leadDays} 天，请尽快提案`,
    planned: (campaigns) => `已围绕它策划：${campaigns}`,
    moreCampaigns: (count) => `等另外 ${count} 个`,
    planThis: '为此策划活动',
    planPick: '选择节点策划活动…',
    legend: (marks) => `${marks.holiday} 法定节假日  ${marks.observance} 纪念日  ${marks.ecommerce} 电商节点  ${marks.season} 购物季`,
    nodeGone: '该日期已不在日历中。请重新运行 `/campaign calendar` 查看最新日期。',
    chart: {
      labels: { today: '今天', campaign: '活动', nothing: '这段时间没有节点' },
      title: (country, from, to) => `营销日历 · ${country} · ${fullZh(from)}–${fullZh(to)}`,
      month: (month) => `${parts(`${month}-01`).year}年${parts(`${month}-01`).month}月`,
      comment: (country, asker) => `*${country}* 的营销日历（${asker} 请求）。`,
      altText: (country, from, to, nodes, campaigns) => `${country} 营销日历，${from} 至 ${to}：共 ${nodes} 个节点、${campaigns} 个活动，按月排列。`,
      drawing: '正在绘制营销日历…',
      alreadyDrawing: '你要的营销日历正在绘制，稍后就会出现在这里。',
      drawFailed: '营销日历绘制失败，未发布任何内容。请重试；如果一直失败，请联系管理员。',
      notInChannel: (channel) => `我无法在 ${channel} 发消息：请先邀请我（\`/invite @Campaign Desk\`），然后再试。`,
      channelGone: (channel) => `我无法在 ${channel} 发布图片：它可能是私有频道或我不在的对话。请邀请我（\`/invite @Campaign Desk\`），或在我所在的频道里请求。`,
      archived: (channel) => `${channel} 已归档，无法在那里发布营销日历。`,
      slackRefused: (error) => `Slack 拒绝了这张图片（${error}），未发布任何内容。请稍后重试。`,
    },
  },
}

export const calendarMessages: Record<Locale, CalendarMessages> = { en, 'zh-CN': zhCN }
