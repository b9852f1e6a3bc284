// The brainstorm end to end: ideas added with `/campaign idea` and the message shortcut (the link
// to the message kept), the board posted with `/campaign ideas` and edited in place as votes come
// (one per person; a second press takes it back; a double click, on one instance or two, counts
// once), the author's edit and withdrawal, an admin's removal, anyone else refused, Make it a
// proposal (the proposal modal prefilled; the campaign linked back to the idea), a board of 500
// ideas inside Slack's limits in both languages, and a round closing at its deadline with the
// injected clock, once however often the scheduler ticks. One app per provider; each test has its
// own workspace and channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boardSize } from '../../src/domain/brainstorm.ts'
import { ideaModalIds } from '../../src/slack/ideas/modals.ts'
import { openDatabase } from '../../src/store/database.ts'
import { checkMessage } from '../support/blockKitLimits.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { withStore } from '../support/home.ts'
import { formValues, validForm, visibleText } from '../support/proposals.ts'
import { outboxSettled } from '../support/settle.ts'
import { plainText, type AppClient } from '../support/slackRequests.ts'

type Json = Record<string, any>
type Posted = { ts: string; channel: string }

describe.each(testProviders())('the brainstorm on %s', (provider) => {
  let rig: Rig
  let serial = 0
  beforeAll(async () => {
    rig = await startRig(provider)
    for (const [id, name, extra] of [['U1', 'olivia', {}], ['U2', 'ada', {}], ['U3', 'sam', {}], ['UADM', 'root', { isAdmin: true }], ['U4', 'li', { locale: 'zh-CN' }]] as const) {
      rig.slack.addUser({ id, name, ...extra })
    }
  })
  afterAll(async () => rig.close())

  /** A workspace and a channel of its own for each test: boards show a whole workspace's ideas. */
  function workspace() {
    serial += 1
    const teamId = `TI${serial}`
    const channelId = `CI${serial}`
    rig.slack.addChannel({ id: channelId, name: `ideas-${serial}`, members: ['U1', 'U2', 'U3', 'UADM', 'U4', rig.slack.botUserId] })
    return { teamId, channelId }
  }

  /** A slash command; resolves with what the app answered the person (ack body or response_url), if anything. */
  /** Runs a command; its answer, if one comes (`answerWithinMs`: how long a slow, loaded run may take to give it). */
  async function command(teamId: string, userId: string, channelId: string, text: string, client: AppClient = rig.client, answerWithinMs = 1_500): Promise<Json | null> {
    const responseUrl = rig.slack.newResponseUrl()
    const since = rig.slack.responses.length
    const answer = await client.slashCommand({ teamId, userId, channelId, text, responseUrl })
    expect(answer.status).toBe(200)
    if (answer.body) return answer.body
    const posted = await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since, timeoutMs: answerWithinMs }).catch(() => null)
    return posted?.body ?? null
  }

  async function postBoard(teamId: string, channelId: string, userId = 'U1'): Promise<Posted> {
    const since = rig.slack.calls.length
    await command(teamId, userId, channelId, 'ideas')
    const posted = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === channelId, { since })
    return { ts: posted.result.ts, channel: posted.result.channel }
  }

  const messageOf = (posted: Posted): Json => rig.slack.messageAt(posted.channel, posted.ts)! as Json

  /** Waits until the message at `posted` reads as `predicate` wants (it is edited through the outbox). */
  async function edited(posted: Posted, predicate: (message: Json) => boolean): Promise<Json> {
    await rig.slack.waitFor('chat.update', (c) => c.result?.ok === true && c.args.ts === posted.ts && predicate(messageOf(posted)), { timeoutMs: 20_000 })
    return messageOf(posted)
  }

  /** An idea's blocks on a message: its words (with the menu) and its buttons. */
  function ideaOn(message: Json, text: string) {
    const blocks = message.blocks as Json[]
    const words = blocks.find((b) => b.type === 'section' && String(b.text?.text).includes(text))
    if (!words) throw new Error(`"${text}" is not on the board: ${visibleText(message).slice(0, 800)}`)
    const id = Number(/^(?:idea|result)_(\d+)$/.exec(words.block_id)![1])
    const buttons = (blocks.find((b) => b.block_id === `idea_actions_${id}` || b.block_id === `result_actions_${id}`)?.elements ?? []) as Json[]
    const upvote = buttons.find((e) => e.action_id === 'idea_upvote') as Json
    const propose = buttons.find((e) => e.action_id === 'idea_make_proposal') as Json
    return { id, words, upvote, propose, menu: words.accessory as Json }
  }

  async function press(teamId: string, userId: string, button: Json, posted: Posted, client: AppClient = rig.client) {
    const responseUrl = rig.slack.newResponseUrl()
    const answer = await client.blockAction({ teamId, userId, actionId: button.action_id, value: button.value, responseUrl, message: posted })
    expect(answer.status).toBe(200)
    return responseUrl
  }

  /** Chooses an option of an idea's menu; resolves with the ephemeral answer, if one comes. */
  async function choose(teamId: string, userId: string, idea: ReturnType<typeof ideaOn>, operation: string, posted: Posted): Promise<Json | null> {
    const option = (idea.menu.options as Json[]).find((o) => String(o.value).startsWith(`${operation}:`))!
    const responseUrl = rig.slack.newResponseUrl()
    const since = rig.slack.responses.length
    await rig.client.blockAction({
      teamId, userId, actionId: 'idea_menu', responseUrl, message: posted,
      action: { type: 'overflow', selected_option: { text: { type: 'plain_text', text: operation }, value: option.value } },
    })
    const answered = await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since, timeoutMs: 1_500 }).catch(() => null)
    return answered?.body ?? null
  }

  async function ideasOf(teamId: string) {
    const database = await openDatabase(rig.config.database)
    try {
      return await database.prisma.idea.findMany({ where: { teamId }, orderBy: { id: 'asc' }, include: { votes: true } })
    } finally {
      await database.close()
    }
  }

  it('adds an idea by command, its last #word its timing node, and posts the board in the channel, most votes first', async () => {
    const { teamId, channelId } = workspace()
    const first = await command(teamId, 'U1', channelId, 'idea Tea tasting live stream <with> friends & family #Double_11')
    expect(first?.response_type).toBe('ephemeral')
    expect(first?.text).toMatch(/Added your idea to the workspace's board/)
    expect((await command(teamId, 'U2', channelId, 'idea'))?.text).toMatch(/What is the idea/)
    expect((await command(teamId, 'U2', channelId, 'idea A second idea, #1 in our hearts'))?.text).toMatch(/Added/)

    const stored = await ideasOf(teamId)
    expect(stored.map((i) => [i.text, i.timingNodeLabel, i.timingNodeKey, i.authorId, i.status])).toEqual([
      ['Tea tasting live stream <with> friends & family', 'Double 11', 'double 11', 'U1', 'open'],
      ['A second idea, #1 in our hearts', null, null, 'U2', 'open'],
    ])

    const board = messageOf(await postBoard(teamId, channelId))
    expect(checkMessage(board)).toBeNull()
    const tea = ideaOn(board, 'Tea tasting')
    // User text escaped, the tag and the author shown, both buttons and the menu there.
    expect(tea.words.text.text).toContain('Tea tasting live stream &lt;with&gt; friends &amp; family')
    expect(tea.words.text.text).toMatch(/by <@U1> · 0 votes · :calendar: Double 11/)
    expect(tea.upvote.text.text).toBe('Upvote · 0')
    expect(tea.propose.text.text).toBe('Make it a proposal')
    expect((tea.menu.options as Json[]).map((o) => o.text.text)).toEqual(['Edit (author)', 'Withdraw (author)', 'Remove (admin)'])
    expect(ideaOn(board, 'A second idea').id).toBeGreaterThan(tea.id)
  })

  it('tells the person when the board cannot be posted in the channel, and queues no edits for it', async () => {
    const { teamId } = workspace()
    rig.slack.addChannel({ id: `GSECRET${serial}`, name: `secret-${serial}`, isPrivate: true, members: ['U1'] })
    // The person is told once Slack has refused the post: wait for that answer, however loaded the run.
    const answer = await command(teamId, 'U1', `GSECRET${serial}`, 'ideas', rig.client, 15_000)
    expect(answer?.text).toMatch(/could not post the board in this channel/)
    await command(teamId, 'U1', `GSECRET${serial}`, 'idea Still stored')
    expect((await ideasOf(teamId)).map((i) => i.text)).toEqual(['Still stored'])
    const database = await openDatabase(rig.config.database)
    try {
      const rows = await database.prisma.outboxMessage.findMany({ where: { teamId } })
      expect(rows.map((r) => [r.kind, r.status])).toEqual([['post', 'failed']])
    } finally {
      await database.close()
    }
  })

  it('adds a message with the shortcut: the modal prefilled, the link to the message kept, the board edited in place', async () => {
    const { teamId, channelId } = workspace()
    const posted = await postBoard(teamId, channelId)
    expect(visibleText(messageOf(posted))).toMatch(/No ideas yet/)

    const since = rig.slack.calls.length
    const shortcut = await rig.client.messageShortcut({
      teamId, userId: 'U3', callbackId: 'add_to_campaign_ideas', channelId,
      message: { ts: '1700000123.000200', user: 'U2', text: 'What if <@U1|olivia> hosted a &lt;live&gt; tea tasting on <https://example.com/618|618>?' },
    })
    expect(shortcut.status).toBe(200)
    const opened = await rig.slack.waitFor('views.open', (c) => !c.failed, { since })
    expect(opened.result?.ok, JSON.stringify(opened.result)).toBe(true)
    const modal = opened.result.view
    expect(modal.callback_id).toBe(ideaModalIds.addCallback)
    const textInput = modal.blocks.find((b: Json) => b.block_id === ideaModalIds.text)
    expect(textInput.element.initial_value).toBe('What if @olivia hosted a <live> tea tasting on 618 (https://example.com/618)?')
    expect(visibleText(modal)).toContain('From a message by <@U2> in <#' + channelId + '>')

    const submitted = await rig.client.viewSubmission({
      teamId, userId: 'U3', view: modal,
      values: { [ideaModalIds.text]: { value: plainText('Live tea tasting with Olivia on 618') }, [ideaModalIds.tag]: { value: plainText('618') } },
    })
    expect(submitted.status).toBe(200)
    expect(submitted.body.response_action).toBe('update')
    expect(visibleText(submitted.body.view)).toMatch(/Your idea is on the workspace's board/)

    const [idea] = await ideasOf(teamId)
    expect(idea).toMatchObject({
      text: 'Live tea tasting with Olivia on 618', timingNodeLabel: '618', authorId: 'U3',
      sourceChannelId: channelId, sourceMessageTs: '1700000123.000200',
      sourcePermalink: `https://acme.slack.com/archives/${channelId}/p1700000123000200`,
    })
    const board = await edited(posted, (m) => visibleText(m).includes('Live tea tasting'))
    expect(ideaOn(board, 'Live tea tasting').words.text.text).toContain(`<https://acme.slack.com/archives/${channelId}/p1700000123000200|from a message>`)

    // The same submission again (Slack retried, a double click) adds nothing.
    await rig.client.viewSubmission({ teamId, userId: 'U3', view: modal, values: { [ideaModalIds.text]: { value: plainText('Live tea tasting with Olivia on 618') } } })
    expect(await ideasOf(teamId)).toHaveLength(1)
    // Empty text is answered in the modal.
    const empty = await rig.client.viewSubmission({ teamId, userId: 'U3', view: { ...modal, id: 'VOTHER' }, values: { [ideaModalIds.text]: { value: plainText('  ') } } })
    expect(empty.body).toEqual({ response_action: 'errors', errors: { [ideaModalIds.text]: 'Please write the idea.' } })
  })

  it('counts one vote per person: a press from the updated board takes it back, a double click counts once, and the board follows in place', async () => {
    const { teamId, channelId } = workspace()
    await command(teamId, 'U1', channelId, 'idea Bundle tins for couples')
    await command(teamId, 'U2', channelId, 'idea Free engraving')
    const posted = await postBoard(teamId, channelId)
    const board = messageOf(posted)
    expect(board.blocks.findIndex((b: Json) => String(b.text?.text).includes('Bundle'))).toBeLessThan(board.blocks.findIndex((b: Json) => String(b.text?.text).includes('Free engraving')))

    // U3 double-clicks Upvote on the second idea: one vote, and it moves to the top.
    const engraving = ideaOn(board, 'Free engraving')
    await Promise.all([press(teamId, 'U3', engraving.upvote, posted), press(teamId, 'U3', engraving.upvote, posted)])
    let now = await edited(posted, (m) => ideaOn(m, 'Free engraving').upvote.text.text === 'Upvote · 1')
    expect(now.blocks.findIndex((b: Json) => String(b.text?.text).includes('Free engraving'))).toBeLessThan(now.blocks.findIndex((b: Json) => String(b.text?.text).includes('Bundle')))
    expect(ideaOn(now, 'Free engraving').words.text.text).toMatch(/^\*1\.\* Free engraving\nby <@U2> · 1 vote/)

    // U1 votes too; then U3 presses again on the board as it now reads: U3's vote is taken back.
    await press(teamId, 'U1', ideaOn(now, 'Free engraving').upvote, posted)
    now = await edited(posted, (m) => ideaOn(m, 'Free engraving').upvote.text.text === 'Upvote · 2')
    await press(teamId, 'U3', ideaOn(now, 'Free engraving').upvote, posted)
    now = await edited(posted, (m) => ideaOn(m, 'Free engraving').upvote.text.text === 'Upvote · 1')

    const stored = (await ideasOf(teamId)).find((i) => i.text === 'Free engraving')!
    expect(stored.voteCount).toBe(1)
    expect(stored.votes.map((v) => [v.userId, v.active]).sort()).toEqual([['U1', true], ['U3', false]])
    // Still one board message, edited in place: no second post in the channel.
    expect(rig.slack.messagesIn(channelId)).toHaveLength(1)
    expect(messageOf(posted).edited).toBe(true)
  })

  it('lets the author edit and withdraw and an admin remove, and refuses anyone else in words', async () => {
    const { teamId, channelId } = workspace()
    await command(teamId, 'U1', channelId, 'idea Autumn blend tasting')
    await command(teamId, 'U2', channelId, 'idea Loyalty stamp card')
    const posted = await postBoard(teamId, channelId)
    let board = messageOf(posted)
    const oldLoyaltyUpvote = ideaOn(board, 'Loyalty').upvote

    // Someone else may neither edit, withdraw nor remove.
    expect((await choose(teamId, 'U3', ideaOn(board, 'Autumn'), 'edit', posted))?.text).toBe('Only the author of this idea can edit or withdraw it.')
    expect((await choose(teamId, 'U3', ideaOn(board, 'Autumn'), 'withdraw', posted))?.text).toBe('Only the author of this idea can edit or withdraw it.')
    expect((await choose(teamId, 'U1', ideaOn(board, 'Loyalty'), 'remove', posted))?.text).toBe('Only a workspace admin can remove an idea.')

    // The author edits: the modal holds the idea, and the board shows the new words.
    const since = rig.slack.calls.length
    await choose(teamId, 'U1', ideaOn(board, 'Autumn'), 'edit', posted)
    const form = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view
    expect(form.callback_id).toBe(ideaModalIds.editCallback)
    expect(form.blocks.find((b: Json) => b.block_id === ideaModalIds.text).element.initial_value).toBe('Autumn blend tasting')
    const values = { [ideaModalIds.text]: { value: plainText('Autumn blend tasting at the flagship store') }, [ideaModalIds.tag]: { value: plainText('Mid-Autumn') } }
    // Not by someone else, even with the form in hand.
    const stolen = await rig.client.viewSubmission({ teamId, userId: 'U3', view: form, values })
    expect(stolen.body.errors[ideaModalIds.text]).toBe('Only the author of this idea can edit or withdraw it.')
    const saved = await rig.client.viewSubmission({ teamId, userId: 'U1', view: form, values })
    expect(saved.body).toBeNull()
    board = await edited(posted, (m) => visibleText(m).includes('flagship store'))
    expect(ideaOn(board, 'flagship').words.text.text).toContain(':calendar: Mid-Autumn')
    // A second save of the same form is on a stale copy.
    const again = await rig.client.viewSubmission({ teamId, userId: 'U1', view: form, values })
    expect(again.body.errors[ideaModalIds.text]).toMatch(/changed this idea since you opened it/)

    // The author withdraws; an admin removes the other: both leave the board.
    expect((await choose(teamId, 'U1', ideaOn(board, 'flagship'), 'withdraw', posted))?.text).toBe('You withdrew your idea: it is off the board.')
    expect((await choose(teamId, 'UADM', ideaOn(board, 'Loyalty'), 'remove', posted))?.text).toBe('Removed the idea by <@U2> from the board.')
    board = await edited(posted, (m) => !visibleText(m).includes('flagship') && !visibleText(m).includes('Loyalty'))
    expect(visibleText(board)).toMatch(/No ideas yet/)
    expect((await ideasOf(teamId)).map((i) => [i.status, i.removedById])).toEqual([['withdrawn', null], ['removed', 'UADM']])
    // A vote from an older copy of the board on a removed idea is refused in words.
    const url = await press(teamId, 'U3', oldLoyaltyUpvote, posted)
    expect((await rig.slack.waitForResponse((r) => url.endsWith(r.id))).body.text).toBe('This idea was withdrawn or removed: it is no longer on the board.')
  })

  it('Make it a proposal opens the proposal modal prefilled, and the campaign made is linked back to the idea', async () => {
    const { teamId, channelId } = workspace()
    await command(teamId, 'U2', channelId, 'idea A tea-pairing menu with the bakery next door #Double_12')
    const posted = await postBoard(teamId, channelId)
    const idea = ideaOn(messageOf(posted), 'tea-pairing')

    const since = rig.slack.calls.length
    await press(teamId, 'U1', idea.propose, posted)
    const modal = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view
    expect(modal.callback_id).toBe('campaign_proposal')
    expect(JSON.parse(modal.private_metadata)).toEqual({ mode: 'new', sourceIdeaId: idea.id })
    const initial = (blockId: string) => modal.blocks.find((b: Json) => b.block_id === blockId).element.initial_value
    expect(initial('proposal_theme')).toBe('A tea-pairing menu with the bakery next door')
    expect(initial('proposal_timing_note')).toBe('Double 12')

    const answer = await rig.client.viewSubmission({
      teamId, userId: 'U1', view: modal,
      values: formValues(validForm({ name: `Pairing menu ${serial}`, theme: 'A tea-pairing menu', timingNode: 'sales_peak', timingNote: 'Double 12', channelId })),
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toBeNull()
    const campaigns = await withStore(rig.config, (store) => store.campaigns.list(teamId))
    expect(campaigns).toHaveLength(1)
    const [stored] = await ideasOf(teamId)
    expect(stored!.campaignId).toBe(campaigns[0]!.id)

    // The board says so, and the idea can be proposed only once.
    const board = await edited(posted, (m) => visibleText(m).includes('proposed as'))
    expect(ideaOn(board, 'tea-pairing').words.text.text).toContain(`proposed as #${campaigns[0]!.id} *Pairing menu ${serial}*`)
    expect(ideaOn(board, 'tea-pairing').propose).toBeUndefined()
    const url = await press(teamId, 'U3', idea.propose, posted)
    const refused = await rig.slack.waitForResponse((r) => url.endsWith(r.id))
    expect(refused.body.text).toBe(`This idea is already a proposal: #${campaigns[0]!.id} *Pairing menu ${serial}*.`)
  })

  /** Every character of text in blocks: what Slack adds up (and refuses past about 12,000, msg_blocks_too_long). */
  const textCharacters = (value: unknown): number => Array.isArray(value)
    ? value.reduce((sum: number, item) => sum + textCharacters(item), 0)
    : value !== null && typeof value === 'object'
      ? Object.entries(value).reduce((sum: number, [key, item]) => sum + (key === 'text' && typeof item === 'string' ? [...item].length : textCharacters(item)), 0)
      : 0

  it.each(['en', 'zh-CN'] as const)('shows the top of a board of 500 ideas at their longest and how many more, inside Slack\'s limits (%s)', async (language) => {
    const { teamId, channelId } = workspace()
    const long = (n: number) => `${language === 'en' ? 'Idea' : '创意'} ${n} ${'<tea> & friends 茶 '.repeat(80)}`.slice(0, 1000)
    await withStore(rig.config, async (store) => {
      for (let n = 1; n <= 500; n += 1) {
        await store.ideas.add({
          teamId, authorId: n % 2 ? 'U1' : 'U2', text: long(n), tag: { key: 'double 11', label: '<双十一> & Double 11 '.repeat(3).slice(0, 60) },
          at: new Date(Date.UTC(2026, 11, 1, 0, 0, n)), boards: () => { throw new Error('no board is posted yet') },
        })
      }
    })
    const board = messageOf(await postBoard(teamId, channelId, language === 'en' ? 'U1' : 'U4'))
    expect(checkMessage(board)).toBeNull()
    expect(board.blocks.length).toBeLessThanOrEqual(50)
    expect(textCharacters(board.blocks)).toBeLessThanOrEqual(10_000)
    const shown = board.blocks.filter((b: Json) => b.block_id?.startsWith('idea_actions_')).length
    expect(shown).toBeGreaterThanOrEqual(10)
    expect(shown).toBeLessThanOrEqual(boardSize)
    expect(visibleText(board)).toContain(language === 'en'
      ? `Showing the top ${shown} of 500 ideas; ${500 - shown} more are not shown.`
      : `显示票数最高的 ${shown} 个创意，共 500 个；另有 ${500 - shown} 个未显示。`)
    expect(visibleText(board)).toContain(language === 'en' ? 'Campaign ideas' : '活动创意')
  })

  it('collects a round\'s ideas from its channel and its call, and closes it at its deadline with the injected clock, once', async () => {
    const { teamId, channelId } = workspace()
    const elsewhere = workspace().channelId
    rig.clock.set('2026-12-01T02:00:00Z')
    const since = rig.slack.calls.length
    expect(await command(teamId, 'U1', channelId, 'brainstorm Double 12 ideas until 2026-12-05')).toBeNull()
    const callPost = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === channelId, { since })
    const call: Posted = { ts: callPost.result.ts, channel: channelId }
    expect(visibleText(messageOf(call))).toContain('Brainstorm: Double 12 ideas')
    // Slack shows the deadline in each reader's own time zone: the end of 5 December in Shanghai.
    expect(visibleText(messageOf(call))).toContain(`<!date^${Date.parse('2026-12-05T16:00:00Z') / 1000}^`)
    expect((await command(teamId, 'U2', channelId, 'brainstorm Another one'))?.text).toMatch(/already open in this channel: \*Double 12 ideas\*/)
    expect((await command(teamId, 'U2', channelId, 'brainstorm Past until 2026-11-30'))?.text).toMatch(/already passed/)

    // Ideas: two by command in the channel, one through the call's button, one in another channel (not collected).
    expect((await command(teamId, 'U2', channelId, 'idea Tea advent calendar'))?.text).toMatch(/to the brainstorm \*Double 12 ideas\*/)
    await command(teamId, 'U3', channelId, 'idea Gift cards in a tea tin')
    await command(teamId, 'U1', elsewhere, 'idea Not for the round')
    const addButton = (messageOf(call).blocks as Json[]).find((b) => b.type === 'actions')!.elements[0]
    const opened = rig.slack.calls.length
    await press(teamId, 'U1', addButton, call)
    const modal = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since: opened })).result.view
    expect(visibleText(modal)).toMatch(/joins the brainstorm \*Double 12 ideas\*/)
    await rig.client.viewSubmission({ teamId, userId: 'U1', view: modal, values: { [ideaModalIds.text]: { value: plainText('Twelve teas for twelve days') } } })
    let now = await edited(call, (m) => ['Tea advent', 'Gift cards', 'Twelve teas'].every((t) => visibleText(m).includes(t)))
    expect(visibleText(now)).not.toContain('Not for the round')

    // Votes on the call's board: the advent calendar first, then the tin.
    await press(teamId, 'U1', ideaOn(now, 'Tea advent').upvote, call)
    await press(teamId, 'U3', ideaOn(now, 'Tea advent').upvote, call)
    now = await edited(call, (m) => ideaOn(m, 'Tea advent').upvote.text.text === 'Upvote · 2')
    await press(teamId, 'U2', ideaOn(now, 'Gift cards').upvote, call)
    await edited(call, (m) => ideaOn(m, 'Gift cards').upvote.text.text === 'Upvote · 1')

    // A minute before the deadline nothing is due; at the deadline a tick closes it, and more ticks change nothing.
    rig.clock.set('2026-12-05T15:59:00Z')
    await rig.app.scheduler.tick()
    expect(rig.slack.messagesIn(channelId)).toHaveLength(1)
    rig.clock.set('2026-12-05T16:00:30Z')
    await Promise.all([rig.app.scheduler.tick(), rig.app.scheduler.tick()])
    await rig.app.scheduler.tick()
    const resultsPost = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === channelId && visibleText(c.args as Json).includes('Brainstorm results'))
    const results = messageOf({ ts: resultsPost.result.ts, channel: channelId })
    expect(checkMessage(results)).toBeNull()
    const order = ['Tea advent', 'Gift cards', 'Twelve teas'].map((t) => results.blocks.findIndex((b: Json) => String(b.text?.text).includes(t)))
    expect(order.every((index, i) => index > 0 && (i === 0 || index > order[i - 1]!))).toBe(true)
    expect(visibleText(results)).toContain('3 ideas from 3 people. The top 3:')
    expect(visibleText(results)).toContain(':first_place_medal:')
    expect(ideaOn(results, 'Tea advent').propose.text.text).toBe('Make it a proposal')
    const closedCall = await edited(call, (m) => visibleText(m).includes('This brainstorm closed'))
    expect((closedCall.blocks as Json[]).some((b) => b.type === 'actions')).toBe(false)

    // After a restart, and (PostgreSQL) on a second instance, the closed round stays closed and posted once.
    if (provider === 'postgresql') await (await rig.startAnotherInstance()).app.scheduler.tick()
    await rig.app.scheduler.tick()
    await rig.restart()
    await rig.app.scheduler.tick()
    await outboxSettled(rig)
    expect(rig.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok === true && c.args.channel === channelId)).toHaveLength(2)
    // Ideas added to the channel now go to the workspace's board only.
    expect((await command(teamId, 'U2', channelId, 'idea After the round'))?.text).toMatch(/^Added your idea to the workspace's board\./)
    const stored = await ideasOf(teamId)
    expect(stored.filter((i) => i.roundId !== null).map((i) => i.text).sort()).toEqual(['Gift cards in a tea tin', 'Tea advent calendar', 'Twelve teas for twelve days'])
  })

  // PostgreSQL only: SQLite serves one instance (README).
  if (provider === 'postgresql') it('counts a press that lands on two instances at once as one vote', async () => {
    const { teamId, channelId } = workspace()
    await command(teamId, 'U1', channelId, 'idea Cold brew on the terrace')
    const posted = await postBoard(teamId, channelId)
    const second = await rig.startAnotherInstance()
    const upvote = ideaOn(messageOf(posted), 'Cold brew').upvote
    await Promise.all([
      press(teamId, 'U2', upvote, posted), press(teamId, 'U2', upvote, posted, second.client),
      press(teamId, 'U3', upvote, posted), press(teamId, 'U3', upvote, posted, second.client),
    ])
    await edited(posted, (m) => ideaOn(m, 'Cold brew').upvote.text.text === 'Upvote · 2')
    // Every redraw either instance queued is out: the board's last word stands.
    await outboxSettled(rig)
    const [idea] = await ideasOf(teamId)
    expect(idea!.voteCount).toBe(2)
    expect(idea!.votes.filter((v) => v.active).map((v) => v.userId).sort()).toEqual(['U2', 'U3'])
    expect(ideaOn(messageOf(posted), 'Cold brew').upvote.text.text).toBe('Upvote · 2')
  })
})
