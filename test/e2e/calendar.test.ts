// The marketing calendar end to end, at fixed dates: `/campaign calendar` for China and the US
// (Spring Festival, 618, Double 11, Thanksgiving → Black Friday), the country by locale, by the
// workspace's setting or as asked, Plan-this opening the proposal modal filled in (and the campaign
// proposed from it then shown under its date), twelve months inside Slack's limits in both
// languages, and the picture uploaded where it was asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { proposalBlockIds } from '../../src/slack/proposal/modal.ts'
import { checkMessage } from '../support/blockKitLimits.ts'
import { testProviders } from '../support/databases.ts'
import type { FakeFile } from '../support/fakeSlack.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { castTheUsualPeople, submitForm, validForm, visibleText } from '../support/proposals.ts'

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

type Message = { text: string; blocks: Array<Record<string, any>>; response_type?: string }

/** Every text a reader sees in a message, one string per text object (Slack's cumulative limit counts these). */
function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(texts)
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => (key === 'text' && typeof inner === 'string' ? [inner] : texts(inner)))
}

/** The line of the node whose key is given (a section with its button), or the month section holding it (with its menu). */
function sectionOf(message: Message, key: string): string {
  const block = message.blocks.find((b) => b.accessory?.value === key || b.accessory?.options?.some((o: any) => o.value === key))
  expect(block, `a section for ${key}`).toBeDefined()
  return block!.text.text
}

describe.each(testProviders())('the marketing calendar on %s', (provider) => {
  let rig: Rig
  let database: Database
  let serial = 0

  beforeAll(async () => {
    rig = await startRig(provider, { now: '2026-12-01T02:00:00Z' }) // Asia/Shanghai: 2026-12-01
    castTheUsualPeople(rig) // U1–U3 read English, Slack locale en-US
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: '李娜', realName: 'Li Na', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'U5', teamId: 'T1', name: 'harry', locale: 'en-GB', tz: 'Europe/London' })
    rig.slack.addUser({ id: 'U7', teamId: 'T2', name: 'kenji', locale: 'en-US', tz: 'Asia/Tokyo' })
    rig.slack.addChannel({ id: 'C2', name: 'us-team', members: ['U1', 'U2', 'U3', rig.slack.botUserId] })
    // Test setup an admin would do in settings: the workspace's country and preparation lead.
    database = await openDatabase(rig.config.database)
  })
  afterAll(async () => {
    await database?.close()
    await rig?.close()
  })

  /** `/campaign calendar …` as a person types it; the ephemeral answer. */
  async function calendar(text: string, userId = 'U1', channelId = 'C1', teamId = 'T1'): Promise<Message> {
    const responseUrl = rig.slack.newResponseUrl()
    const answer = await rig.client.slashCommand({ teamId, userId, channelId, text: `calendar ${text}`.trim(), responseUrl })
    expect(answer.status).toBe(200)
    const response = await rig.slack.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`))
    expect(response.body.response_type).toBe('ephemeral')
    expect(checkMessage(response.body)).toBeNull()
    return response.body
  }

  /** Clicks Plan-this (a button, or a month's menu) and returns the modal Slack opened, or the words answered instead. */
  async function planThis(userId: string, key: string, how: 'button' | 'menu' = 'button') {
    const since = rig.slack.calls.length
    const responseUrl = rig.slack.newResponseUrl()
    const answer = await rig.client.blockAction({
      teamId: 'T1', userId, responseUrl, channelId: 'C1', container: { type: 'message', message_ts: '1.000', channel_id: 'C1', is_ephemeral: true },
      ...(how === 'button'
        ? { actionId: 'calendar_plan', value: key }
        : { actionId: 'calendar_plan_pick', action: { type: 'static_select', value: undefined, selected_option: { text: { type: 'plain_text', text: key }, value: key } } }),
    })
    expect(answer.status).toBe(200)
    return { since, responseUrl }
  }

  async function openedModal(since: number): Promise<Record<string, any>> {
    const opened = await rig.slack.waitFor('views.open', (c) => !c.failed, { since })
    expect(opened.result?.ok).toBe(true)
    return opened.result.view
  }

  const element = (view: Record<string, any>, blockId: string) => view.blocks.find((b: any) => b.block_id === blockId)?.element

  it("a Chinese reader's calendar: China by their locale, three months, Spring Festival as one window with days away and the last day to propose", async () => {
    const message = await calendar('', 'U4')
    expect(message.blocks[0]!.text.text).toBe('营销日历：中国，2026年12月1日–2027年2月28日')
    expect(visibleText(message)).toContain('按你的 Slack 语言和地区')
    const festival = sectionOf(message, 'CN:2027-02-05:spring_festival')
    expect(festival).toContain('*2月5日–8日*  春节 · 66 天后 · 提案截止 1月8日（还有 38 天）')
    expect(sectionOf(message, 'CN:2026-12-12:double_12')).toContain('双十二 · 11 天后 · 准备时间已不足 28 天')
    expect(sectionOf(message, 'CN:2027-01-15:new_year_shopping')).toContain('年货节')
    // One Plan-this button per date, each carrying the date's key.
    const buttons = message.blocks.filter((b) => b.accessory?.type === 'button').map((b) => b.accessory)
    expect(buttons.map((b) => b.text.text)).toEqual(Array(buttons.length).fill('为此策划活动'))
    expect(buttons.map((b) => b.value)).toEqual(['CN:2026-12-01:year_end', 'CN:2026-12-12:double_12', 'CN:2027-01-01:new_years_day', 'CN:2027-01-15:new_year_shopping', 'CN:2027-02-05:spring_festival'])
    // 618 is more than three months away.
    expect(visibleText(message)).not.toContain('618')
  })

  it("twelve months of China: 618 with its window, Qixi on the lunar date, Double 11; no Black Friday, which is not China's", async () => {
    const message = await calendar('cn 12')
    expect(message.blocks[0]!.text.text).toBe('Marketing calendar: China, Dec 1, 2026 – Nov 30, 2027')
    expect(sectionOf(message, 'CN:2027-06-01:shopping_618')).toContain('*Jun 1 – 18*  618 shopping festival · in 182 days · propose by May 4 (154 days left)')
    expect(sectionOf(message, 'CN:2027-08-08:qixi')).toContain("*Aug 8*  Qixi (Chinese Valentine's Day)")
    expect(sectionOf(message, 'CN:2027-11-01:double_11')).toContain("*Nov 1 – 11*  Double 11 (Singles' Day)")
    expect(sectionOf(message, 'CN:2027-10-01:national_day')).toContain('*Oct 1 – 3*  National Day')
    expect(visibleText(message)).not.toContain('Black Friday')
  })

  it('the United States by an en-US locale: Thanksgiving, then Black Friday the day after, then Cyber Monday; no 618', async () => {
    rig.clock.set('2027-10-15T02:00:00Z')
    try {
      const message = await calendar('', 'U1')
      expect(message.blocks[0]!.text.text).toBe('Marketing calendar: United States, Oct 15, 2027 – Jan 14, 2028')
      const text = visibleText(message)
      const [thanksgiving, blackFriday, cyberMonday] = ['Thanksgiving Day', 'Black Friday', 'Cyber Monday'].map((name) => text.indexOf(name)) as [number, number, number]
      expect(thanksgiving).toBeGreaterThan(0)
      expect(blackFriday).toBeGreaterThan(thanksgiving)
      expect(cyberMonday).toBeGreaterThan(blackFriday)
      expect(sectionOf(message, 'US:2027-11-25:thanksgiving_day')).toContain('*Nov 25*  Thanksgiving Day · in 41 days · propose by Oct 28 (13 days left)')
      expect(sectionOf(message, 'US:2027-11-26:black_friday')).toContain('*Nov 26*  Black Friday · in 42 days')
      expect(sectionOf(message, 'US:2027-11-29:cyber_monday')).toContain('*Nov 29*  Cyber Monday')
      expect(sectionOf(message, 'US:2027-11-26:year_end')).toContain('Year-end shopping season')
      expect(text).not.toContain('618')
    } finally {
      rig.clock.set('2026-12-01T02:00:00Z')
    }
    // A year ahead from December 2026, the same dates of 2027.
    expect(sectionOf(await calendar('US 12', 'U4'), 'US:2027-11-26:black_friday')).toContain('*11月26日*  黑色星期五')
  })

  it("Plan a campaign for this opens the proposal modal filled in; the campaign proposed from it is then shown under that date", async () => {
    const { since } = await planThis('U4', 'CN:2027-02-05:spring_festival')
    const view = await openedModal(since)
    expect(view.callback_id).toBe('campaign_proposal')
    expect(JSON.parse(view.private_metadata)).toEqual({ mode: 'new' })
    const b = proposalBlockIds
    expect(element(view, b.timingNode).initial_option.value).toBe('holiday')
    expect(element(view, b.timingNote).initial_value).toBe('春节 2027-02-05 – 2027-02-08')
    expect(element(view, b.startDate).initial_date).toBe('2027-01-29') // a week before
    expect(element(view, b.endDate).initial_date).toBe('2027-02-08') // to its last day
    expect(element(view, b.ownerId).initial_user).toBe('U4')

    const name = `春节礼盒 ${++serial}`
    const posted = rig.slack.calls.length
    const submitted = await submitForm(rig, view, validForm({
      name, ownerId: 'U4', timingNode: 'holiday', timingNote: element(view, b.timingNote).initial_value,
      startDate: element(view, b.startDate).initial_date, endDate: element(view, b.endDate).initial_date,
    }), 'U4')
    expect(submitted.body).toBeNull()
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args).includes(name), { since: posted })

    const after = await calendar('', 'U4')
    const festival = sectionOf(after, 'CN:2027-02-05:spring_festival')
    expect(festival).toMatch(new RegExp(`已围绕它策划：\\*${name}\\* \\(#\\d+, 提案中\\)`))
    // Planned around Spring Festival, not around New Year's Day, which its window does not reach.
    expect(sectionOf(after, 'CN:2027-01-01:new_years_day')).not.toContain(name)
  })

  it("twelve months stay inside Slack's limits in both languages; Taiwan's many dates are listed a month to a section, with a menu that opens the modal too", async () => {
    for (const [country, userId] of [['CN', 'U1'], ['CN', 'U4'], ['TW', 'U1'], ['TW', 'U4'], ['DE', 'U1'], ['US', 'U4']] as const) {
      const message = await calendar(`${country} 12`, userId)
      expect(message.blocks.length, `${country} ${userId}`).toBeLessThanOrEqual(50)
      expect(texts(message.blocks).join('').length, `${country} ${userId}`).toBeLessThan(12_000)
    }
    const taiwan = await calendar('TW 12', 'U4')
    const august = sectionOf(taiwan, 'TW:2027-08-08:qixi')
    expect(august).toContain('*2027年8月*')
    expect(august).toContain('七夕')
    const menu = taiwan.blocks.find((b) => b.accessory?.options?.some((o: any) => o.value === 'TW:2027-08-08:qixi'))!.accessory
    expect(menu).toMatchObject({ type: 'static_select', action_id: 'calendar_plan_pick', placeholder: { text: '选择节点策划活动…' } })

    const { since } = await planThis('U4', 'TW:2027-08-08:qixi', 'menu')
    const view = await openedModal(since)
    expect(element(view, proposalBlockIds.timingNote).initial_value).toBe('七夕 2027-08-08')
    expect(element(view, proposalBlockIds.startDate).initial_date).toBe('2027-08-01')
    expect(element(view, proposalBlockIds.endDate).initial_date).toBe('2027-08-08')
  })

  it("the workspace's country and preparation lead win over the locale; a country asked for wins over both", async () => {
    await database.prisma.workspaceSettings.upsert({
      where: { teamId: 'T2' }, create: { teamId: 'T2', country: 'JP', preparationLeadDays: 14 }, update: { country: 'JP', preparationLeadDays: 14 },
    })
    rig.slack.addChannel({ id: 'C7', name: 'tokyo', members: ['U7', rig.slack.botUserId] })
    const japan = await calendar('', 'U7', 'C7', 'T2')
    expect(japan.blocks[0]!.text.text).toBe('Marketing calendar: Japan, Dec 1, 2026 – Feb 28, 2027')
    expect(visibleText(japan)).toContain("your workspace's country")
    expect(visibleText(japan)).toContain('leaves a campaign 14 days to prepare')
    expect(sectionOf(japan, 'JP:2027-01-01:new_years_day')).toContain("New Year's Day · in 31 days · propose by Dec 18 (17 days left)")
    const britain = await calendar('gb', 'U7', 'C7', 'T2')
    expect(visibleText(britain)).toContain('United Kingdom* (as asked)')
    expect(sectionOf(britain, 'GB:2026-12-25:christmas_day')).toContain('propose by Dec 11 (10 days left)')
    // In the first workspace, with no setting, an en-GB locale gives the United Kingdom.
    expect((await calendar('', 'U5')).blocks[0]!.text.text).toContain('United Kingdom')
  })

  it('a country it does not know, a bad span or a word too many is answered in words; the help lists the calendar', async () => {
    const unknown = await calendar('XX')
    expect(unknown.text).toContain('I have no calendar for `XX`. Countries I know: `CN` China, `US` United States, `GB` United Kingdom')
    expect(unknown.text).toContain('`CA` Canada.')
    expect((await calendar('mars 6', 'U4')).text).toContain('没有 `mars` 的营销日历')
    for (const bad of ['6 7', '0', 'CN US', '#5']) expect((await calendar(bad)).text, bad).toContain('Usage: `/campaign calendar [country] [months] [chart]`')
    expect((await calendar('CN 40')).blocks[0]!.text.text).toBe('Marketing calendar: China, Dec 1, 2026 – Nov 30, 2027')
    const help = await rig.client.slashCommand({ teamId: 'T1', userId: 'U4', channelId: 'C1', text: 'help' })
    expect(help.body.text).toContain('/campaign calendar [国家] [月数] [chart]')
  })

  it('a Plan-this whose date the calendar no longer has is answered, and no modal opens', async () => {
    const { since, responseUrl } = await planThis('U1', 'CN:2027-02-06:spring_festival')
    const answered = await rig.slack.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`))
    expect(answered.body.text).toContain('That date is no longer in the calendar')
    expect(rig.slack.calls.slice(since).filter((c) => c.method === 'views.open')).toHaveLength(0)
  })

  function expectRealPng(file: FakeFile) {
    expect(file.bytes.subarray(0, 8).equals(pngSignature)).toBe(true)
    expect(file.bytes.length).toBe(file.declaredLength)
    expect(file.png).not.toBeNull()
    // Drawn at 2×, near 2:1 so Slack's preview does not shrink its text (a 5:1 strip it did).
    expect(file.png!.width).toBeGreaterThan(800)
    expect(file.png!.width / file.png!.height).toBeGreaterThanOrEqual(1.5)
    expect(file.png!.width / file.png!.height).toBeLessThanOrEqual(2.5)
  }

  it('with `chart`, a PNG of the calendar goes to the channel where it was asked for: in Chinese for a Chinese reader, in English for an English one', async () => {
    let since = rig.slack.files.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U4', channelId: 'C1', text: 'calendar CN 12 chart' })
    const chinese = await rig.slack.waitForFile((f) => f.filename === 'calendar-CN-2026-12-01-2027-11-30.png', { since })
    expectRealPng(chinese)
    expect(chinese.channel).toBe('C1')
    expect(chinese.title).toBe('营销日历 · 中国 · 2026年12月1日–2027年11月30日')
    expect(chinese.initialComment).toBe('*中国* 的营销日历（<@U4> 请求）。')
    expect(chinese.altText).toMatch(/^中国 营销日历，2026-12-01 至 2027-11-30：共 2\d 个节点、\d+ 个活动，按月排列。$/)

    since = rig.slack.files.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C2', text: 'calendar chart US' })
    const english = await rig.slack.waitForFile((f) => f.filename === 'calendar-US-2026-12-01-2027-02-28.png', { since })
    expectRealPng(english)
    expect(english.channel).toBe('C2')
    expect(english.initialComment).toBe('Marketing calendar of *United States*, asked for by <@U1>.')
    // Twelve months of dates make a taller picture than three.
    expect(chinese.png!.height).toBeGreaterThan(english.png!.height)
  })

  it('with `chart` in a private channel the app is not in: told to invite it, and nothing is uploaded', async () => {
    rig.slack.addChannel({ id: 'C9', name: 'secret-launch', isPrivate: true, members: ['U1'] })
    const files = rig.slack.files.length
    const responseUrl = rig.slack.newResponseUrl()
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C9', text: 'calendar chart', responseUrl })
    const answered = await rig.slack.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`))
    expect(answered.body.text).toContain('/invite @Campaign Desk')
    expect(answered.body.text).toContain('<#C9>')
    expect(rig.slack.files).toHaveLength(files)
  })
})
