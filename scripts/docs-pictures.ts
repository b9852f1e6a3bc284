// Draws the retrospective's pictures in docs/ from one sample campaign, through the app's own code:
// the goals chart the report's thread gets (English and Chinese: docs/retro-goals-en.png,
// docs/retro-goals-zh.png) and the compiled report message itself (docs/retro-report-en.png), its
// Block Kit drawn as Slack roughly shows it. Run: npx tsx scripts/docs-pictures.ts
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { KnownBlock } from '@slack/types'
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas'
import { renderGoalsPng } from '../src/charts/goals.ts'
import { chartFont, registerChartFonts } from '../src/charts/render.ts'
import { compileRetro, type ReportGoal, type ReportTask, type RetroReportData } from '../src/domain/retroReport.ts'
import type { WorkStage } from '../src/domain/tasks.ts'
import { messagesFor, type Locale } from '../src/i18n/catalogue.ts'
import { reportMessages } from '../src/slack/retroReport/message.ts'
import { hasChart } from '../src/slack/retroReport/compile.ts'
import { goalsChartOf } from '../src/slack/retroReport/chart.ts'

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs')

// ── The sample campaign ───────────────────────────────────────────────────────────────────────
// A four-week member drive on the company's own shop, just ended: sign-ups, revenue and reposts
// beat their targets, orders fell behind (the final count, with the last day's late orders, is above
// the last running total). Everyone answered the retro.

const start = '2026-03-02'
const days = 28
const day = (n: number) => new Date(Date.UTC(2026, 2, 2 + n)).toISOString().slice(0, 10)
const at = (n: number, hourUtc: number) => new Date(Date.UTC(2026, 2, 2 + n, hourUtc))

const people = {
  en: { U01ANA: 'Ana Souza', U02BO: 'Bo Lindqvist', U03CHEN: 'Chen Jing', U04EMEKA: 'Emeka Obi', U05FATIMA: 'Fatima Zahra' },
  zh: { U01ANA: '王芳', U02BO: '李娜', U03CHEN: '张伟', U04EMEKA: '陈静', U05FATIMA: '杨磊' },
} as const
type Person = keyof (typeof people)['en']

/** Whole daily figures that add up to `total`, shaped by `weight(day)`. */
function spread(total: number, weight: (d: number) => number): number[] {
  const weights = Array.from({ length: days }, (_, d) => weight(d))
  const sum = weights.reduce((a, b) => a + b, 0)
  const values = weights.map((w) => Math.floor((total * w) / sum))
  values[days - 1]! += total - values.reduce((a, b) => a + b, 0)
  return values
}

// Weekends are quieter; a bump at launch and at the final push.
const weekly = (d: number) => (d % 7 === 5 || d % 7 === 6 ? 0.75 : 1) * (1 + 0.12 * Math.sin(d * 1.7))
const launchAndPush = (d: number) => weekly(d) * (d < 3 ? 1.35 : d > 23 ? 1.2 : 1)

/** `final`: false = none entered; a number = a final figure other than the running total. */
function goal(id: number, metric: ReportGoal['metric'], target: number, achieved: number, shape: (d: number) => number, options: { curve?: ReportGoal['curve']; final?: boolean | number; money?: boolean } = {}): ReportGoal {
  const values = spread(achieved, shape)
  return {
    id, metric, customMetric: null, unit: null, isMoney: options.money ?? false, target, curve: options.curve ?? 'linear',
    actual: achieved, actualAsOf: day(days - 1), final: options.final === false ? null : typeof options.final === 'number' ? options.final : achieved,
    entries: values.map((value, d) => ({ onDate: day(d), mode: 'day' as const, value })),
  }
}

const task = (id: number, stage: WorkStage, title: string, due: number, doneDay: number | null): ReportTask => ({
  id, title, stage, dueDate: day(due), status: doneDay === null ? 'in_progress' : 'done', doneAt: doneDay === null ? null : at(doneDay, 20),
})

function sampleCampaign(language: 'en' | 'zh'): RetroReportData {
  const en = language === 'en'
  // Money in minor units: USD cents, or CNY fen at about seven to the dollar.
  const money = (usd: number) => Math.round(usd * 100 * (en ? 1 : 7))
  const goals: ReportGoal[] = [
    goal(1, 'signups', 5000, 5412, launchAndPush),
    goal(2, 'orders', 1200, 1046, (d) => weekly(d) * (0.55 + d / 30), { final: 1092 }), // a slow start that never caught up
    goal(3, 'revenue', money(90_000), money(94_200), (d) => weekly(d) * (0.7 + d / 40), { money: true }),
    goal(4, 'reposts', 3000, 3310, (d) => weekly(d) * Math.exp(-d / 9), { curve: 'front_loaded', final: false }),
  ]
  const tasks: ReportTask[] = [
    task(1, 'creative', 'Brief', -20, -21), task(2, 'creative', 'Theme', -17, -17),
    task(3, 'content', 'Rules', -14, -15), task(4, 'content', 'Copy', -10, -8), task(5, 'content', 'Emails', -6, -6), task(6, 'content', 'Winners', 27, 27),
    task(7, 'design', 'Key visual', -12, -12), task(8, 'design', 'Banners', -8, -5), task(9, 'design', 'Landing page', -9, -9),
    task(10, 'build', 'Landing page', -4, -3), task(11, 'build', 'Coupons', -3, -3), task(12, 'build', 'QA', -1, -1),
    task(13, 'promotion', 'Teaser', -3, -3), task(14, 'promotion', 'Newsletter', 0, 0), task(15, 'promotion', 'Paid search', 1, 1),
    task(16, 'promotion', 'KOL posts', 3, 6), task(17, 'promotion', 'Final push', 24, 24),
    task(18, 'launch', 'Go-live check', -1, -1), task(19, 'launch', 'Launch', 0, 0),
    task(20, 'data', 'Tracking links', -5, -5), task(21, 'data', 'Mid-campaign review', 14, 16), task(22, 'data', 'Final figures', 27, 27),
    task(23, 'customer_service', 'FAQ', -2, -2), task(24, 'customer_service', 'Prize delivery', 27, null),
  ]
  const said = (en: string, zh: string) => (language === 'en' ? en : zh)
  const retros: RetroReportData['retros'] = [
    {
      respondentId: 'U01ANA', overallEffect: 4, wouldRunAgain: 'with_changes', submittedAt: at(29, 15),
      biggestLesson: said('Lock the KOL contracts two weeks before launch; their posts came three days late.', 'KOL 合同要在上线前两周签好；他们的内容晚了三天。'),
      entries: [
        { stage: 'promotion', worked: said('The member newsletter brought a third of all sign-ups.', '会员邮件带来了三分之一的注册。'), failed: said('KOL posts went out three days late.', 'KOL 内容晚了三天发布。') },
      ],
    },
    {
      respondentId: 'U03CHEN', overallEffect: 4, wouldRunAgain: 'yes', submittedAt: at(29, 17),
      biggestLesson: said('One key visual, many sizes: design the banner set at the start.', '一个主视觉，多种尺寸：一开始就设计整套横幅。'),
      entries: [{ stage: 'design', worked: said('The key visual tested well in both markets.', '主视觉在两个市场测试效果都很好。'), failed: said('Partner banners were redone twice.', '合作方横幅返工了两次。') }],
    },
    {
      respondentId: 'U05FATIMA', overallEffect: 5, wouldRunAgain: 'yes', submittedAt: at(30, 14),
      biggestLesson: said('Paid search pays back when the landing page loads fast.', '落地页加载快，付费搜索才划算。'),
      entries: [{ stage: 'promotion', worked: said('Paid search beat its cost estimate by a fifth.', '付费搜索的成本比预估低了五分之一。'), failed: null }],
    },
    {
      respondentId: 'U04EMEKA', overallEffect: 3, wouldRunAgain: 'with_changes', submittedAt: at(30, 16),
      biggestLesson: said('Track orders by channel from day one.', '从第一天起按渠道追踪订单。'),
      entries: [{ stage: 'data', worked: null, failed: said('Orders by channel were only visible from week two.', '按渠道的订单数据第二周才看得到。') }],
    },
    {
      respondentId: 'U02BO', overallEffect: 4, wouldRunAgain: 'yes', submittedAt: at(31, 14),
      biggestLesson: said('Bundles raised the basket: plan them into the next sale.', '组合装提高了客单价：下次大促要提前规划。'),
      entries: [],
    },
  ]
  return {
    campaign: {
      id: 42, teamId: 'T1', name: en ? 'Spring member drive 2026' : '2026 春季会员招募', channelId: 'C1', ownerId: 'U01ANA', approverId: 'U02BO',
      startDate: start, endDate: day(days - 1), stage: 'closed', reportCompiledAt: at(31, 14),
    },
    compiled: { at: at(31, 14), reason: 'all_answered', actorId: 'scheduler' },
    currency: en ? 'USD' : 'CNY',
    timeZone: en ? 'America/New_York' : 'Asia/Shanghai',
    goals,
    scenario: {
      name: en ? 'Balanced' : '均衡方案',
      lines: [
        { id: 1, category: 'promotion', channel: 'email', amountMinor: money(4_000), actualMinor: money(3_600), note: null },
        { id: 2, category: 'promotion', channel: 'paid_search', amountMinor: money(12_000), actualMinor: money(13_150), note: null },
        { id: 3, category: 'promotion', channel: 'kol', amountMinor: money(8_000), actualMinor: money(8_000), note: en ? 'three creators' : '三位达人' },
        { id: 4, category: 'prizes', channel: null, amountMinor: money(3_000), actualMinor: money(2_740), note: en ? 'gift cards' : '礼品卡' },
        { id: 5, category: 'production', channel: null, amountMinor: money(2_500), actualMinor: money(2_500), note: null },
      ],
    },
    estimates: [
      { channel: 'email', metric: 'signups', customMetric: null, expected: 1500 },
      { channel: 'paid_search', metric: 'signups', customMetric: null, expected: 2500 },
      { channel: 'kol', metric: 'reposts', customMetric: null, expected: 4000 },
    ],
    tasks,
    retros,
    participantIds: ['U01ANA', 'U02BO', 'U03CHEN', 'U04EMEKA', 'U05FATIMA'],
  }
}

// ── A Slack message, drawn ───────────────────────────────────────────────────────────────────
// Not Slack's renderer: header, section, context and divider blocks with their mrkdwn (bold,
// italic, mentions, the few emoji the report uses), wrapped to a message's width.

const scale = 2
const cardWidth = 860
const pad = 20
const avatar = 36
const textLeft = pad + avatar + 10
const textWidth = cardWidth - textLeft - pad
const ink = '#1D1C1D'
const grey = '#616061'
const mentionInk = '#1264A3'
const mentionBack = '#E8F5FA'

type Style = 'normal' | 'bold' | 'italic' | 'mention' | 'emoji'
type Run = { text: string; style: Style }
type Placed = Run & { x: number; width: number }
type Line = { runs: Placed[]; size: number; colour: string; height: number }

const font = (style: Style, size: number) => `${style === 'bold' || style === 'mention' ? 'bold ' : ''}${size}px ${chartFont}`

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** One line of mrkdwn as styled runs. */
function parseMrkdwn(line: string, names: Record<string, string>): Run[] {
  const runs: Run[] = []
  const token = /<@([A-Z0-9]+)>|:([a-z0-9_+-]+):|\*([^*\n]+)\*|(?<![\w])_([^_\n]+)_(?![\w])/g
  let last = 0
  for (const match of line.matchAll(token)) {
    if (match.index > last) runs.push({ text: unescape(line.slice(last, match.index)), style: 'normal' })
    if (match[1]) runs.push({ text: `@${names[match[1]] ?? match[1]}`, style: 'mention' })
    else if (match[2]) runs.push({ text: match[2], style: 'emoji' })
    else if (match[3]) runs.push(...parseMrkdwn(match[3], names).map((run) => ({ ...run, style: run.style === 'normal' ? ('bold' as const) : run.style })))
    else runs.push({ text: unescape(match[4]!), style: 'italic' })
    last = match.index + match[0].length
  }
  if (last < line.length) runs.push({ text: unescape(line.slice(last)), style: 'normal' })
  return runs
}

/** Pieces a line may break between: words with their trailing space, and each CJK character. */
function pieces(run: Run): Run[] {
  if (run.style === 'emoji' || run.style === 'mention') return [run]
  return (run.text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]*\s*/gu) ?? []).filter(Boolean).map((text) => ({ text, style: run.style }))
}

function wrap(context: SKRSContext2D, text: string, names: Record<string, string>, size: number, colour: string, lineHeight: number): Line[] {
  const lines: Line[] = []
  for (const source of text.split('\n')) {
    let current: Placed[] = []
    let x = 0
    for (const piece of parseMrkdwn(source, names).flatMap(pieces)) {
      context.font = font(piece.style, size)
      const width = piece.style === 'emoji' ? size * 1.3 : context.measureText(piece.text).width + (piece.style === 'mention' ? 4 : 0)
      if (x + width > textWidth && current.length > 0 && piece.text.trim() !== '') {
        lines.push({ runs: current, size, colour, height: lineHeight })
        current = []
        x = 0
      }
      current.push({ ...piece, x, width })
      x += width
    }
    lines.push({ runs: current, size, colour, height: lineHeight })
  }
  return lines
}

type Drawn = { kind: 'lines'; lines: Line[]; gapAfter: number } | { kind: 'divider' } | { kind: 'gap'; height: number }

function layout(context: SKRSContext2D, blocks: KnownBlock[], names: Record<string, string>): Drawn[] {
  const out: Drawn[] = []
  for (const block of blocks) {
    if (block.type === 'header') out.push({ kind: 'lines', lines: wrap(context, `*${block.text.text.replace(/[*_]/g, '')}*`, names, 19, ink, 28), gapAfter: 6 })
    else if (block.type === 'context') {
      const text = block.elements.map((element) => ('text' in element ? element.text : '')).join(' ')
      out.push({ kind: 'lines', lines: wrap(context, text, names, 13, grey, 19), gapAfter: 8 })
    } else if (block.type === 'section' && block.text) out.push({ kind: 'lines', lines: wrap(context, block.text.text, names, 15, ink, 23), gapAfter: 8 })
    else if (block.type === 'divider') out.push({ kind: 'divider' })
  }
  return out
}

const heightOf = (drawn: Drawn) => (drawn.kind === 'divider' ? 21 : drawn.kind === 'gap' ? drawn.height : drawn.lines.reduce((sum, line) => sum + line.height, 0) + drawn.gapAfter)

/** The few emoji the report uses, drawn as simple marks in a square of `size` whose bottom is `baseline` + a little. */
function drawEmoji(context: SKRSContext2D, name: string, x: number, baseline: number, size: number): void {
  const s = size * 1.1
  const top = baseline - s * 0.85
  const left = x + size * 0.08
  context.save()
  context.lineCap = 'round'
  context.lineJoin = 'round'
  const box = (colour: string) => {
    context.fillStyle = colour
    context.beginPath()
    context.roundRect(left, top, s, s, s * 0.2)
    context.fill()
  }
  switch (name) {
    case 'white_check_mark':
      box('#3BA55C')
      context.strokeStyle = 'white'
      context.lineWidth = s * 0.14
      context.beginPath()
      context.moveTo(left + s * 0.24, top + s * 0.52)
      context.lineTo(left + s * 0.43, top + s * 0.7)
      context.lineTo(left + s * 0.77, top + s * 0.3)
      context.stroke()
      break
    case 'x':
      context.strokeStyle = '#DD2E44'
      context.lineWidth = s * 0.18
      context.beginPath()
      context.moveTo(left + s * 0.2, top + s * 0.2)
      context.lineTo(left + s * 0.8, top + s * 0.8)
      context.moveTo(left + s * 0.8, top + s * 0.2)
      context.lineTo(left + s * 0.2, top + s * 0.8)
      context.stroke()
      break
    case 'heavy_minus_sign':
      context.strokeStyle = ink
      context.lineWidth = s * 0.16
      context.beginPath()
      context.moveTo(left + s * 0.2, top + s * 0.5)
      context.lineTo(left + s * 0.8, top + s * 0.5)
      context.stroke()
      break
    case 'thumbsup':
    case 'thumbsdown': {
      // A yellow disc with an arrow: up for what worked, down for what did not.
      context.fillStyle = '#FFCC4D'
      context.beginPath()
      context.arc(left + s / 2, top + s / 2, s / 2, 0, Math.PI * 2)
      context.fill()
      const up = name === 'thumbsup'
      context.fillStyle = up ? '#3BA55C' : '#DD2E44'
      context.beginPath()
      context.moveTo(left + s * 0.5, top + s * (up ? 0.2 : 0.8))
      context.lineTo(left + s * 0.78, top + s * (up ? 0.62 : 0.38))
      context.lineTo(left + s * 0.22, top + s * (up ? 0.62 : 0.38))
      context.closePath()
      context.fill()
      break
    }
    case 'chart_with_upwards_trend':
      context.fillStyle = 'white'
      context.strokeStyle = '#99AAB5'
      context.lineWidth = 1
      context.beginPath()
      context.roundRect(left, top, s, s, s * 0.12)
      context.fill()
      context.stroke()
      context.strokeStyle = '#DD2E44'
      context.lineWidth = s * 0.11
      context.beginPath()
      context.moveTo(left + s * 0.15, top + s * 0.78)
      context.lineTo(left + s * 0.4, top + s * 0.5)
      context.lineTo(left + s * 0.58, top + s * 0.62)
      context.lineTo(left + s * 0.85, top + s * 0.22)
      context.stroke()
      break
    default:
      // grey_question and anything else: a grey question mark.
      context.fillStyle = '#99AAB5'
      context.font = `bold ${size}px ${chartFont}`
      context.fillText('?', left + s * 0.25, baseline)
  }
  context.restore()
}

function drawLines(context: SKRSContext2D, lines: Line[], top: number): number {
  let y = top
  for (const line of lines) {
    const baseline = y + line.height * 0.74
    for (const run of line.runs) {
      const x = textLeft + run.x
      if (run.style === 'emoji') {
        drawEmoji(context, run.text, x, baseline, line.size)
        continue
      }
      context.font = font(run.style, line.size)
      if (run.style === 'mention') {
        context.fillStyle = mentionBack
        context.beginPath()
        context.roundRect(x, y + 1, run.width - 2, line.height - 2, 3)
        context.fill()
        context.fillStyle = mentionInk
        context.fillText(run.text, x + 2, baseline)
      } else if (run.style === 'italic') {
        // The bundled font has no italic: slant the upright one.
        context.save()
        context.translate(x, baseline)
        context.transform(1, 0, -0.2, 1, 0, 0)
        context.fillStyle = line.colour
        context.fillText(run.text, 0, 0)
        context.restore()
      } else {
        context.fillStyle = line.colour
        context.fillText(run.text, x, baseline)
      }
    }
    y += line.height
  }
  return y
}

/** One message as Slack shows it in a channel: the app's avatar and name, its blocks, and its thread's replies. */
async function renderMessagePng(blocks: KnownBlock[], names: Record<string, string>, options: { appName: string; time: string; replies: string; lastReply: string }): Promise<Buffer> {
  registerChartFonts()
  const measure = createCanvas(1, 1).getContext('2d')
  const drawn = layout(measure, blocks, names)
  const headTop = pad
  const bodyTop = headTop + 26
  const bodyHeight = drawn.reduce((sum, item) => sum + heightOf(item), 0)
  const threadTop = bodyTop + bodyHeight + 4
  const height = threadTop + 28 + pad
  const canvas = createCanvas(cardWidth * scale, Math.ceil(height * scale))
  const context = canvas.getContext('2d')
  context.scale(scale, scale)
  context.fillStyle = 'white'
  context.fillRect(0, 0, cardWidth, height)
  context.strokeStyle = '#DDDDDD'
  context.lineWidth = 1
  context.strokeRect(0.5, 0.5, cardWidth - 1, height - 1)

  // The app's avatar: a rounded square with its initials.
  context.fillStyle = '#4A154B'
  context.beginPath()
  context.roundRect(pad, headTop + 2, avatar, avatar, 6)
  context.fill()
  context.fillStyle = 'white'
  context.font = `bold 15px ${chartFont}`
  context.textAlign = 'center'
  context.fillText('CD', pad + avatar / 2, headTop + 2 + avatar / 2 + 5)
  context.textAlign = 'left'

  context.fillStyle = ink
  context.font = `bold 15px ${chartFont}`
  context.fillText(options.appName, textLeft, headTop + 14)
  let x = textLeft + context.measureText(options.appName).width + 6
  context.fillStyle = '#E8E8E8'
  context.beginPath()
  context.roundRect(x, headTop + 2, 30, 15, 3)
  context.fill()
  context.fillStyle = grey
  context.font = `bold 10px ${chartFont}`
  context.fillText('APP', x + 5, headTop + 13.5)
  x += 38
  context.font = `12px ${chartFont}`
  context.fillText(options.time, x, headTop + 14)

  let y = bodyTop
  for (const item of drawn) {
    if (item.kind === 'divider') {
      context.fillStyle = '#E2E2E2'
      context.fillRect(textLeft, y + 9, textWidth, 1)
      y += 21
    } else if (item.kind === 'gap') y += item.height
    else y = drawLines(context, item.lines, y) + item.gapAfter
  }

  // The thread under it: the chart and any continued parts are replies.
  context.fillStyle = '#4A154B'
  context.beginPath()
  context.roundRect(textLeft, threadTop + 2, 22, 22, 4)
  context.fill()
  context.fillStyle = 'white'
  context.font = `bold 9px ${chartFont}`
  context.textAlign = 'center'
  context.fillText('CD', textLeft + 11, threadTop + 16.5)
  context.textAlign = 'left'
  context.fillStyle = mentionInk
  context.font = `bold 13px ${chartFont}`
  context.fillText(options.replies, textLeft + 30, threadTop + 18)
  const repliesWidth = context.measureText(options.replies).width
  context.fillStyle = grey
  context.font = `13px ${chartFont}`
  context.fillText(options.lastReply, textLeft + 30 + repliesWidth + 8, threadTop + 18)
  return canvas.encode('png')
}

// ── The pictures ─────────────────────────────────────────────────────────────────────────────

fs.mkdirSync(docs, { recursive: true })
const write = (name: string, bytes: Buffer) => {
  const file = path.join(docs, name)
  fs.writeFileSync(file, bytes)
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`)
}

for (const [language, locale] of [['en', 'en'], ['zh', 'zh-CN']] as const satisfies ReadonlyArray<readonly ['en' | 'zh', Locale]>) {
  write(`retro-goals-${language}.png`, await renderGoalsPng(goalsChartOf(sampleCampaign(language), messagesFor(locale))))
}

const data = sampleCampaign('en')
const m = messagesFor('en')
const messages = reportMessages(compileRetro(data), m, { compiledOn: '2026-04-02', reason: 'all_answered', compiledBy: null, chartInThread: hasChart(data) })
if (messages.length !== 1) throw new Error(`the sample report should be one message, not ${messages.length}`)
write('retro-report-en.png', await renderMessagePng(messages[0]!.blocks, people.en, {
  appName: 'Campaign Desk', time: '10:00 AM', replies: '1 reply', lastReply: 'Last reply today at 10:00 AM',
}))
