// Issue 17, part 1, end to end: a campaign's own channel asked for in the proposal form (its name
// checked there, a taken one refused), created on approval (a suffix when the name was taken
// since), the plan message posted there and people invited (a refused invitation told to the owner
// once), people named later invited by the scheduler, and the archive offered once it is closed,
// done only on the owner's press. One app per provider; each test its own campaign.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { castTheUsualPeople, formValues, openNewProposal, validForm, visibleText, type ProposalForm } from '../support/proposals.ts'
import { withDatabase } from '../support/live.ts'
import { outboxSettled } from '../support/settle.ts'
import { plainText, type StateValues } from '../support/slackRequests.ts'
import { campaignChannelBlockIds } from '../../src/slack/campaignChannel/form.ts'

type ChannelForm = { create: boolean; name?: string; isPrivate?: boolean }

function channelValues(channel: ChannelForm): StateValues {
  const b = campaignChannelBlockIds
  return {
    [b.create]: { value: { type: 'checkboxes', selected_options: channel.create ? [{ value: 'create', text: { type: 'plain_text', text: 'Create' } }] : [] } },
    [b.name]: { value: plainText(channel.name ?? null) },
    [b.privacy]: { value: { type: 'radio_buttons', selected_option: { value: channel.isPrivate ? 'private' : 'public' } } },
  }
}

describe.each(testProviders())('a campaign channel on %s', (provider) => {
  let rig: Rig
  let serial = 0
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'li', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'UGUEST', teamId: 'T1', name: 'guest' })
    rig.slack.refuseInvites('UGUEST', 'user_is_restricted')
  })
  afterAll(async () => rig.close())

  async function submit(form: ProposalForm, channel: ChannelForm) {
    const view = await openNewProposal(rig)
    expect(JSON.stringify(view.blocks)).toContain(campaignChannelBlockIds.create)
    return rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: { ...formValues(form), ...channelValues(channel) } })
  }

  /** Proposes with the channel part filled in, approves, and returns what Slack created. */
  async function approvedWithChannel(channel: ChannelForm, form: Partial<ProposalForm> = {}) {
    const proposal = validForm({ name: `Tea festival ${++serial}`, ...form })
    const since = rig.slack.calls.length
    const answer = await submit(proposal, channel)
    expect(answer.status).toBe(200)
    expect(answer.body?.response_action).not.toBe('errors')
    const card = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && JSON.stringify(c.args.blocks ?? '').includes('proposal_decision'), { since, timeoutMs: 30_000 })
    return approve(card.result.ts)
  }

  async function approve(cardTs: string) {
    const cardMessage = rig.slack.messageAt('C1', cardTs)!
    const value = JSON.stringify(cardMessage.blocks).match(/"action_id":"proposal_approve","value":"(\d+):(\d+)"/)!
    const since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U2', actionId: 'proposal_approve', value: `${value[1]}:${value[2]}`, message: { ts: cardTs, channel: 'C1', blocks: cardMessage.blocks } })
    const created = await rig.slack.waitFor('conversations.create', (c) => c.result?.ok === true, { since })
    const plan = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes('plan_section_open'), { since })
    return { campaignId: Number(value[1]), channelId: created.result.channel.id as string, name: created.result.channel.name as string, plan, since, cardTs }
  }

  const invitesTo = (channelId: string) => rig.slack.callsTo('conversations.invite').filter((c) => c.args.channel === channelId)

  it('refuses a name Slack would refuse, and a name a channel has, in the form', async () => {
    const form = validForm({ name: `Tea festival ${++serial}` })
    const bad = await submit(form, { create: true, name: 'Tea Festival' })
    expect(bad.body.response_action).toBe('errors')
    expect(bad.body.errors[campaignChannelBlockIds.name]).toMatch(/spaces or periods/)
    const upper = await submit(form, { create: true, name: 'TeaFestival' })
    expect(upper.body.errors[campaignChannelBlockIds.name]).toMatch(/lowercase/)
    // C1 is #campaigns: conversations.list finds it.
    const taken = await submit(form, { create: true, name: '#campaigns' })
    expect(taken.body.response_action).toBe('errors')
    expect(taken.body.errors[campaignChannelBlockIds.name]).toMatch(/exists already/)
    expect(rig.slack.callsTo('conversations.list').length).toBeGreaterThan(0)
    expect(rig.slack.callsTo('conversations.create')).toHaveLength(0)
  })

  it('creates the channel on approval, posts the plan there, invites owner and approver, and links it under the card', async () => {
    const name = `tea-room-${provider}`
    const { campaignId, channelId, plan, cardTs } = await approvedWithChannel({ create: true, name, isPrivate: true })
    const channel = rig.slack.channels.get(channelId)!
    expect(channel).toMatchObject({ name, isPrivate: true })
    expect(plan.args.channel).toBe(channelId)
    await rig.slack.waitFor('conversations.invite', (c) => c.args.channel === channelId && c.args.users === 'U2' && c.result?.ok === true)
    await rig.slack.waitFor('conversations.invite', (c) => c.args.channel === channelId && c.args.users === 'U1' && c.result?.ok === true)
    expect(channel.members).toEqual(expect.arrayContaining(['U1', 'U2', rig.slack.botUserId]))
    // The card in the original channel links to it, in its thread.
    const link = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C1' && c.args.thread_ts === cardTs && c.result?.ok === true)
    expect(link.args.text).toContain(`<#${channelId}>`)
    const stored = await withDatabase(rig, (prisma) => prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, include: { ownChannel: true } }))
    expect(stored.channelId).toBe(channelId)
    expect(stored.ownChannel).toMatchObject({ slackChannelId: channelId, slackName: name, originChannelId: 'C1', isPrivate: true })
    // `/campaign plan` still finds it; posts that follow (the plan's edits) go to the new channel.
    expect(rig.slack.messagesIn('C1').some((m) => JSON.stringify(m.blocks ?? '').includes('plan_section_open'))).toBe(false)
  })

  it('proposes a Latin name for a Chinese one, and adds a suffix when the name was taken between form and approval', async () => {
    const proposal = validForm({ name: `双12 茶节 ${++serial}` })
    const answer = await submit(proposal, { create: true })
    expect(answer.body?.response_action).not.toBe('errors')
    const card = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && JSON.stringify(c.args.blocks ?? '').includes(`${serial}`) && JSON.stringify(c.args.blocks ?? '').includes('proposal_decision'), { timeoutMs: 30_000 })
    const campaignId = Number(JSON.stringify(card.args.blocks).match(/"proposal_approve","value":"(\d+):/)![1])
    const proposed = `camp-2026-12-${serial}-${campaignId}`
    // Someone makes a private channel of that name meanwhile: the app cannot see it, Slack says name_taken.
    rig.slack.addChannel({ id: `CPRIV${serial}`, name: proposed, isPrivate: true, members: ['U3'] })
    const { channelId, name } = await approve(card.result.ts)
    expect(rig.slack.callsTo('conversations.create').filter((c) => c.args.name === proposed).at(-1)?.result.error).toBe('name_taken')
    expect(name).toBe(`${proposed}-2`)
    expect(rig.slack.channels.get(channelId)!.isPrivate).toBe(false)
  })

  it('tells the owner once of an invitation Slack refuses, and does not try it again', async () => {
    const { campaignId, channelId } = await approvedWithChannel({ create: true, name: `tea-guests-${provider}` }, { approverId: 'U2' })
    // A guest named as a task owner after approval: invited on the next pass, and refused.
    await withDatabase(rig, (prisma) => prisma.task.create({
      data: { campaignId, teamId: 'T1', title: 'Shoot photos', stage: 'creative', startDate: '2026-12-02', dueDate: '2026-12-05', ownerId: 'UGUEST', createdAt: new Date() },
    }))
    await rig.app.scheduler.tick()
    await rig.slack.waitFor('conversations.invite', (c) => c.args.channel === channelId && c.args.users === 'UGUEST')
    const dm = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1' && String(c.args.text).includes('<@UGUEST>') && c.result?.ok === true)
    expect(dm.args.text).toContain(`<#${channelId}>`)
    expect(dm.args.text).toMatch(/guest/)
    for (let i = 0; i < 3; i++) await rig.app.scheduler.tick()
    await outboxSettled(rig)
    expect(invitesTo(channelId).filter((c) => c.args.users === 'UGUEST')).toHaveLength(1)
    expect(rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DU1' && String(c.args.text).includes('<@UGUEST>'))).toHaveLength(1)
    // A person named later who can be invited is.
    await withDatabase(rig, (prisma) => prisma.task.create({
      data: { campaignId, teamId: 'T1', title: 'Write copy', stage: 'content', startDate: '2026-12-02', dueDate: '2026-12-05', ownerId: 'U4', createdAt: new Date() },
    }))
    await rig.app.scheduler.tick()
    await rig.slack.waitFor('conversations.invite', (c) => c.args.channel === channelId && c.args.users === 'U4' && c.result?.ok === true)
    expect(rig.slack.channels.get(channelId)!.members).toContain('U4')
  })

  it('offers the owner the archive once the campaign is closed, and archives only on their press', async () => {
    const { campaignId, channelId } = await approvedWithChannel({ create: true, name: `tea-closed-${provider}` })
    await rig.app.scheduler.tick()
    expect(rig.slack.callsTo('chat.postMessage').some((c) => JSON.stringify(c.args.blocks ?? '').includes('campaign_channel_archive'))).toBe(false)
    await withDatabase(rig, (prisma) => prisma.campaign.update({ where: { id: campaignId }, data: { stage: 'closed', activeNameKey: null } }))
    await rig.app.scheduler.tick()
    const offer = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1' && JSON.stringify(c.args.blocks ?? '').includes(`"campaign_channel_archive","value":"${campaignId}"`) && c.result?.ok === true)
    await rig.app.scheduler.tick()
    expect(rig.slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks ?? '').includes(`"campaign_channel_archive","value":"${campaignId}"`))).toHaveLength(1)
    expect(rig.slack.channels.get(channelId)!.isArchived).toBe(false)
    // The approver pressing it is refused; the owner's press archives it.
    let since = rig.slack.responses.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U2', actionId: 'campaign_channel_archive', value: String(campaignId), message: { ts: offer.result.ts, channel: 'DU1' } })
    expect((await rig.slack.waitForResponse(() => true, { since })).body.text).toMatch(/Only the campaign's owner/)
    expect(rig.slack.channels.get(channelId)!.isArchived).toBe(false)
    since = rig.slack.responses.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'campaign_channel_archive', value: String(campaignId), message: { ts: offer.result.ts, channel: 'DU1' } })
    const done = await rig.slack.waitForResponse(() => true, { since })
    expect(done.body).toMatchObject({ replace_original: true })
    expect(done.body.text).toContain('is archived')
    expect(rig.slack.channels.get(channelId)!.isArchived).toBe(true)
    const stored = await withDatabase(rig, (prisma) => prisma.campaignChannel.findUniqueOrThrow({ where: { campaignId } }))
    expect(stored.archivedAt).not.toBeNull()
  })

  it('waits out a Slack outage at creation: the plan message waits for the channel and goes into it', async () => {
    rig.slack.failNext('conversations.create', { status: 500 }, { times: 2 })
    const { channelId, plan } = await approvedWithChannel({ create: true, name: `tea-outage-${provider}` })
    expect(rig.slack.callsTo('conversations.create').filter((c) => c.failed).length).toBeGreaterThanOrEqual(2)
    expect(plan.args.channel).toBe(channelId)
  })

  it('tells the owner when Slack will not create the channel, and keeps the campaign in its channel', async () => {
    rig.slack.failNext('conversations.create', { error: 'restricted_action' })
    {
      const proposal = validForm({ name: `Tea festival ${++serial}` })
      const channelsBefore = rig.slack.channels.size
      const answer = await submit(proposal, { create: true, name: `tea-refused-${provider}` })
      expect(answer.body?.response_action).not.toBe('errors')
      const card = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && JSON.stringify(c.args.blocks ?? '').includes(proposal.name), { timeoutMs: 30_000 })
      const cardMessage = rig.slack.messageAt('C1', card.result.ts)!
      const value = JSON.stringify(cardMessage.blocks).match(/"action_id":"proposal_approve","value":"(\d+):(\d+)"/)!
      const since = rig.slack.calls.length
      await rig.client.blockAction({ teamId: 'T1', userId: 'U2', actionId: 'proposal_approve', value: `${value[1]}:${value[2]}`, message: { ts: card.result.ts, channel: 'C1', blocks: cardMessage.blocks } })
      const plan = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes('plan_section_open'), { since })
      expect(plan.args.channel).toBe('C1')
      const dm = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1' && String(c.args.text).includes('did not create the channel'), { since })
      expect(dm.args.text).toContain(proposal.name)
      expect(dm.args.text).toContain('<#C1>')
      // Refused for good: tried once, not again.
      await rig.app.scheduler.tick()
      await outboxSettled(rig)
      expect(rig.slack.callsTo('conversations.create').filter((c) => c.args.name === `tea-refused-${provider}`)).toHaveLength(1)
      expect(rig.slack.channels.size).toBe(channelsBefore)
    }
  })

  it('shows the channel asked for when the proposal is revised, and the revision can withdraw it', async () => {
    const proposal = validForm({ name: `Tea festival ${++serial}` })
    await submit(proposal, { create: true, name: `tea-revised-${provider}`, isPrivate: true })
    const card = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && JSON.stringify(c.args.blocks ?? '').includes(proposal.name), { timeoutMs: 30_000 })
    const campaignId = Number(JSON.stringify(card.args.blocks).match(/"proposal_approve","value":"(\d+):/)![1])
    await withDatabase(rig, (prisma) => prisma.campaign.update({ where: { id: campaignId }, data: { stage: 'sent_back', version: { increment: 1 } } }))
    const version = (await withDatabase(rig, (prisma) => prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } }))).version
    const since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'proposal_revise', value: `${campaignId}:${version}` })
    const opened = await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })
    const blocks = JSON.stringify(opened.result.view.blocks)
    expect(blocks).toContain(`"initial_value":"tea-revised-${provider}"`)
    expect(blocks).toMatch(/"initial_options":\[\{[^\]]*"value":"create"/)
    expect(blocks).toMatch(/"initial_option":\{[^}]*\},"value":"private"/)
    const answer = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view: opened.result.view, values: { ...formValues(proposal), ...channelValues({ create: false }) } })
    expect(answer.body?.response_action).not.toBe('errors')
    const stored = await withDatabase(rig, (prisma) => prisma.campaignChannel.findUnique({ where: { campaignId } }))
    expect(stored).toBeNull()
  })

  it('posts the live digest into the campaign\'s own channel', async () => {
    const { campaignId, channelId } = await approvedWithChannel({ create: true, name: `tea-live-${provider}` })
    await withDatabase(rig, (prisma) => prisma.campaign.update({ where: { id: campaignId }, data: { stage: 'live' } }))
    const before = rig.clock.now().toISOString()
    try {
      // Friday 2026-12-11, 09:30 in Shanghai (the owner's zone): the digest's time.
      rig.clock.set('2026-12-11T01:31:00Z')
      const since = rig.slack.calls.length
      await rig.app.scheduler.tick()
      const digest = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === channelId && JSON.stringify(c.args).includes('Tea festival'))
      expect(digest.args.channel).toBe(channelId)
      // (The link under the proposal card, a reply in its thread, may still be arriving.)
      expect(rig.slack.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C1' && !c.args.thread_ts)).toHaveLength(0)
    } finally {
      await withDatabase(rig, (prisma) => prisma.campaign.update({ where: { id: campaignId }, data: { stage: 'closed', activeNameKey: null } }))
      rig.clock.set(before)
    }
  })

  it('creates nothing for a campaign that did not ask', async () => {
    const before = rig.slack.callsTo('conversations.create').length
    const { plan } = await (async () => {
      const proposal = validForm({ name: `Tea festival ${++serial}` })
      const answer = await submit(proposal, { create: false, name: 'ignored-name' })
      expect(answer.body?.response_action).not.toBe('errors')
      const card = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && JSON.stringify(c.args.blocks ?? '').includes(proposal.name), { timeoutMs: 30_000 })
      const cardMessage = rig.slack.messageAt('C1', card.result.ts)!
      const value = JSON.stringify(cardMessage.blocks).match(/"action_id":"proposal_approve","value":"(\d+):(\d+)"/)!
      const since = rig.slack.calls.length
      await rig.client.blockAction({ teamId: 'T1', userId: 'U2', actionId: 'proposal_approve', value: `${value[1]}:${value[2]}`, message: { ts: card.result.ts, channel: 'C1', blocks: cardMessage.blocks } })
      return { plan: await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes('plan_section_open'), { since }) }
    })()
    expect(plan.args.channel).toBe('C1')
    expect(rig.slack.callsTo('conversations.create')).toHaveLength(before)
    expect(visibleText(plan.args)).toContain('plan_section_open')
  })
})
