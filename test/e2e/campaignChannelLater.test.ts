// Issue 17, part 1, the gaps closed after the first cut, end to end: a channel asked for from the
// plan after approval (owner or admin only, the form's name check, the plan message moved there),
// people named in the plan invited in the same transaction as the naming (no scheduler pass
// needed), and the proposal card saying which channel was asked for, then linking to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { slackLimits } from '../../src/jobs/pacing.ts'
import { withDatabase } from '../support/live.ts'
import { addRequest, approvedCampaign, clickInModal, goodValues, openSection, submit, user } from '../support/plans.ts'
import { castTheUsualPeople, formValues, openNewProposal, validForm, visibleText } from '../support/proposals.ts'
import { outboxSettled } from '../support/settle.ts'
import { plainText, type StateValues } from '../support/slackRequests.ts'
import { campaignChannelBlockIds } from '../../src/slack/campaignChannel/form.ts'

function channelValues(channel: { create: boolean; name?: string; isPrivate?: boolean }): StateValues {
  const b = campaignChannelBlockIds
  return {
    [b.create]: { value: { type: 'checkboxes', selected_options: channel.create ? [{ value: 'create', text: { type: 'plain_text', text: 'Create' } }] : [] } },
    [b.name]: { value: plainText(channel.name ?? null) },
    [b.privacy]: { value: { type: 'radio_buttons', selected_option: { value: channel.isPrivate ? 'private' : 'public' } } },
  }
}

/** The name and privacy fields of the plan's "Create a channel" form. */
function laterValues(name: string | null, isPrivate: boolean): StateValues {
  const b = campaignChannelBlockIds
  return {
    [b.name]: { value: plainText(name) },
    [b.privacy]: { value: { type: 'radio_buttons', selected_option: { value: isPrivate ? 'private' : 'public' } } },
  }
}

describe.each(testProviders())('a campaign channel, later and as people are named, on %s', (provider) => {
  let rig: Rig
  let serial = 0
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'li', locale: 'zh-CN' })
  })
  afterAll(async () => rig.close())

  const inviteRow = (campaignId: number, userId: string) =>
    withDatabase(rig, (prisma) => prisma.outboxMessage.findFirst({ where: { dedupeKey: `campaign-channel-invite:${campaignId}:${userId}` } }))

  /** Proposes with a channel asked for; returns the card. */
  async function proposeWithChannel(name: string, isPrivate: boolean) {
    const form = validForm({ name: `Tea later ${++serial}` })
    const view = await openNewProposal(rig)
    const since = rig.slack.calls.length
    const answer = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: { ...formValues(form), ...channelValues({ create: true, name, isPrivate }) } })
    expect(answer.body?.response_action).not.toBe('errors')
    const card = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && JSON.stringify(c.args.blocks ?? '').includes('proposal_decision'), { since, timeoutMs: 30_000 })
    const campaignId = Number(JSON.stringify(card.args.blocks).match(/"proposal_approve","value":"(\d+):/)![1])
    return { card, campaignId, form }
  }

  async function approve(cardTs: string) {
    const message = rig.slack.messageAt('C1', cardTs)!
    const value = JSON.stringify(message.blocks).match(/"action_id":"proposal_approve","value":"(\d+:\d+)"/)![1]!
    const since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U2', actionId: 'proposal_approve', value, message: { ts: cardTs, channel: 'C1', blocks: message.blocks } })
    const created = await rig.slack.waitFor('conversations.create', (c) => c.result?.ok === true, { since })
    const plan = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes('plan_section_open'), { since })
    return { channelId: created.result.channel.id as string, planTs: plan.result.ts as string }
  }

  it('shows on the proposal card which channel was asked for, and links the card to it once created', async () => {
    const name = `tea-card-${provider}`
    const { card } = await proposeWithChannel(name, true)
    const before = visibleText(rig.slack.messageAt('C1', card.result.ts))
    expect(before).toContain(`#${name}`)
    expect(before).toMatch(/Own channel asked for: .*\(private\)/)
    const { channelId } = await approve(card.result.ts)
    // The card (not only a reply in its thread) links to the channel.
    await rig.slack.waitFor('chat.update', (c) => c.args.ts === card.result.ts && c.result?.ok === true && JSON.stringify(c.args.blocks).includes(`<#${channelId}>`))
    const after = visibleText(rig.slack.messageAt('C1', card.result.ts))
    expect(after).toContain(`Own channel: <#${channelId}>`)
    expect(after).not.toContain('asked for')
    expect(after).toMatch(/Approved/i)
  })

  it('says nothing of a channel on the card of a proposal that did not ask for one', async () => {
    const { campaignId, planTs } = await approvedCampaign(rig, { name: `Tea plain ${++serial}` })
    const card = rig.slack.messagesIn('C1').find((m) => JSON.stringify(m.blocks ?? '').includes(`"value":"${campaignId}:`) && JSON.stringify(m.blocks ?? '').includes('Tea plain'))
    expect(visibleText(card)).not.toMatch(/Own channel/)
    // Its plan message offers a channel instead.
    expect(JSON.stringify(rig.slack.messageAt('C1', planTs)!.blocks)).toContain(`"action_id":"plan_create_channel","value":"${campaignId}"`)
  })

  it('invites a data owner and a promoter in the transaction that names them, before any scheduler pass', async () => {
    const { card, campaignId } = await proposeWithChannel(`tea-named-${provider}`, false)
    const { channelId, planTs } = await approve(card.result.ts)
    // A data owner named in a goal: the invitation row is there when the save returns.
    const goals = await openSection(rig, campaignId, 'goals', planTs)
    expect((await submit(rig, await clickInModal(rig, goals, 'plan_form_open', addRequest(campaignId, 'goal')), goodValues.goal())).body).toBeNull()
    expect(await inviteRow(campaignId, 'U3')).not.toBeNull()
    await rig.slack.waitFor('conversations.invite', (c) => c.args.channel === channelId && c.args.users === 'U3' && c.result?.ok === true)
    // A promoter likewise.
    const promotion = await openSection(rig, campaignId, 'promotion', planTs)
    expect((await submit(rig, await clickInModal(rig, promotion, 'plan_form_open', addRequest(campaignId, 'promotionItem')), { ...goodValues.promotionItem(), promoterId: user('U4') })).body).toBeNull()
    expect(await inviteRow(campaignId, 'U4')).not.toBeNull()
    await rig.slack.waitFor('conversations.invite', (c) => c.args.channel === channelId && c.args.users === 'U4' && c.result?.ok === true)
    expect(rig.slack.channels.get(channelId)!.members).toEqual(expect.arrayContaining(['U1', 'U2', 'U3', 'U4']))
    // Named again (a second goal of the same data owner), or a pass of the scheduler: nobody is invited twice.
    expect((await submit(rig, await clickInModal(rig, goals, 'plan_form_open', addRequest(campaignId, 'goal')), goodValues.goal('500'))).body).toBeNull()
    await rig.app.scheduler.tick()
    await outboxSettled(rig)
    const invites = rig.slack.callsTo('conversations.invite').filter((c) => c.args.channel === channelId)
    expect(invites.map((c) => c.args.users).sort()).toEqual(['U1', 'U2', 'U3', 'U4'])
  })

  it('creates a channel asked for from the plan after approval, for the owner only, and moves the plan message there', async () => {
    const { campaignId, planTs } = await approvedCampaign(rig, { name: `Tea after ${++serial}` })
    const press = (userId: string) => rig.client.blockAction({ teamId: 'T1', userId, actionId: 'plan_create_channel', value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    // Someone who is neither the owner nor an admin is refused.
    let since = rig.slack.responses.length
    await press('U3')
    expect((await rig.slack.waitForResponse(() => true, { since })).body.text).toMatch(/Only the campaign's owner or a workspace admin/)
    // The owner gets the form: the name proposed from the campaign's name, checked as in the proposal form.
    since = rig.slack.calls.length
    await press('U1')
    const opened = await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })
    const view = opened.result.view
    expect(JSON.stringify(view.blocks)).toContain(`"initial_value":"tea-after-${serial}"`)
    const bad = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: laterValues('Tea After', false) })
    expect(bad.body.response_action).toBe('errors')
    expect(bad.body.errors[campaignChannelBlockIds.name]).toMatch(/spaces or periods/)
    const taken = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: laterValues('campaigns', false) })
    expect(taken.body.errors[campaignChannelBlockIds.name]).toMatch(/exists already/)
    expect(rig.slack.callsTo('conversations.create').filter((c) => c.args.name === 'campaigns')).toHaveLength(0)

    const name = `tea-after-room-${provider}`
    since = rig.slack.calls.length
    const asked = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: laterValues(name, true) })
    expect(asked.body.response_action).toBe('update')
    const created = await rig.slack.waitFor('conversations.create', (c) => c.result?.ok === true && c.args.name === name, { since })
    const channelId = created.result.channel.id as string
    expect(rig.slack.channels.get(channelId)).toMatchObject({ name, isPrivate: true })
    // The plan message is posted in the new channel, and the old one says where it went.
    const moved = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === channelId && JSON.stringify(c.args.blocks ?? '').includes('plan_section_open'), { since })
    expect(JSON.stringify(moved.args.blocks)).not.toContain('plan_create_channel')
    await rig.slack.waitFor('chat.update', (c) => c.args.ts === planTs && c.result?.ok === true && String(c.args.text).includes(`<#${channelId}>`), { since })
    expect(JSON.stringify(rig.slack.messageAt('C1', planTs)!.blocks)).not.toContain('plan_section_open')
    await rig.slack.waitFor('conversations.invite', (c) => c.args.channel === channelId && c.args.users === 'U1' && c.result?.ok === true, { since })
    await rig.slack.waitFor('conversations.invite', (c) => c.args.channel === channelId && c.args.users === 'U2' && c.result?.ok === true, { since })
    const stored = await withDatabase(rig, (prisma) => prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, include: { ownChannel: true } }))
    expect(stored.channelId).toBe(channelId)
    expect(stored.ownChannel).toMatchObject({ slackChannelId: channelId, slackName: name, originChannelId: 'C1', isPrivate: true })

    // A change of the plan now edits the plan message in the new channel.
    since = rig.slack.calls.length
    const goals = await openSection(rig, campaignId, 'goals', moved.result.ts)
    expect((await submit(rig, await clickInModal(rig, goals, 'plan_form_open', addRequest(campaignId, 'goal')), goodValues.goal())).body).toBeNull()
    const edit = await rig.slack.waitFor('chat.update', (c) => c.result?.ok === true && c.args.channel === channelId && JSON.stringify(c.args.blocks ?? '').includes('1 goal'), { since })
    expect(edit.args.ts).toBe(moved.result.ts)
    // Asking again is refused: it has its channel.
    since = rig.slack.responses.length
    await press('U1')
    expect((await rig.slack.waitForResponse(() => true, { since })).body.text).toMatch(/has its own channel already/)
    expect(rig.slack.callsTo('conversations.create').filter((c) => c.args.name?.startsWith(name))).toHaveLength(1)
  })
})

// Slack's tiers for the channel's methods (conversations.invite: Tier 3, 50 a minute), enforced by
// the stand-in: a campaign with 57 people named invites 50 in the first minute and the rest after
// it, and Slack never has to answer 429.
describe.each(testProviders())('invitations paced within their tier on %s', (provider) => {
  let rig: Rig
  const helpers = Array.from({ length: 55 }, (_, i) => `UH${String(i).padStart(2, '0')}`)
  beforeAll(async () => {
    rig = await startRig(provider, { pacing: slackLimits })
    castTheUsualPeople(rig)
    for (const id of helpers) rig.slack.addUser({ id, teamId: 'T1', name: id.toLowerCase() })
  })
  afterAll(async () => rig.close())

  it('invites 57 people, 50 in the first minute and the rest after it, with no 429', async () => {
    const form = validForm({ name: 'Tea crowd' })
    const view = await openNewProposal(rig)
    const answer = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: { ...formValues(form), ...channelValues({ create: true, name: `tea-crowd-${provider}` }) } })
    expect(answer.body?.response_action).not.toBe('errors')
    const card = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && JSON.stringify(c.args.blocks ?? '').includes('proposal_decision'), { timeoutMs: 30_000 })
    const [campaignId, version] = JSON.stringify(card.args.blocks).match(/"proposal_approve","value":"(\d+):(\d+)"/)!.slice(1).map(Number) as [number, number]
    // Fifty-five task owners named before approval: all invited when the channel is created.
    await withDatabase(rig, (prisma) => prisma.task.createMany({
      data: helpers.map((ownerId, i) => ({ campaignId, teamId: 'T1', title: `Task ${i}`, stage: 'creative', startDate: '2026-12-10', dueDate: '2026-12-12', ownerId, createdAt: new Date() })),
    }))
    rig.slack.enforceRateLimits({ clock: () => rig.clock.now() })
    await rig.client.blockAction({ teamId: 'T1', userId: 'U2', actionId: 'proposal_approve', value: `${campaignId}:${version}`, message: { ts: card.result.ts, channel: 'C1', blocks: rig.slack.messageAt('C1', card.result.ts)!.blocks } })
    const channelId = (await rig.slack.waitFor('conversations.create', (c) => c.result?.ok === true)).result.channel.id as string
    const invited = () => rig.slack.callsTo('conversations.invite').filter((c) => c.args.channel === channelId && c.result?.ok === true).length
    const limited = () => rig.slack.rateLimited.map((c) => `${c.method} Retry-After ${c.retryAfter}`)
    // The app keeps a hair under Slack's 50 (its margin): 49 or 50 in the first minute.
    await expect.poll(invited, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(49)
    // The rest wait for the next minute: each is put back until its slot (nothing due now is left
    // pending, nothing under way), so a 51st invitation in this minute would have been made by now.
    await outboxSettled(rig, { withinMs: 0, timeout: 30_000 })
    expect(invited()).toBeLessThanOrEqual(50)
    expect(limited()).toEqual([])
    rig.clock.set(new Date(rig.clock.now().getTime() + 61_000).toISOString())
    await expect.poll(invited, { timeout: 30_000, interval: 100 }).toBe(57)
    expect(limited()).toEqual([])
    expect(rig.slack.channels.get(channelId)!.members).toEqual(expect.arrayContaining(['U1', 'U2', ...helpers]))
  }, 90_000)
})
