// Whether the app can post in a proposal's channel is asked of Slack once and remembered while the
// answer is yes (slack/proposal/channelReach.ts): a second Slack round trip on every submission
// was most of a submission's wait on the bench (issue 15). A no is never remembered, and a channel
// that turns unreachable meanwhile is found when the card is posted, then asked about again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { proposalBlockIds } from '../../src/slack/proposal/modal.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { castTheUsualPeople, openNewProposal, propose, submitForm, validForm } from '../support/proposals.ts'

describe.each(testProviders())('the proposal channel check on %s', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
  })
  afterEach(async () => rig.close())

  const infoCalls = (channel: string) => rig.slack.callsTo('conversations.info').filter((c) => c.args.channel === channel).length

  it('asks Slack about a channel once for several proposals into it', async () => {
    await propose(rig, validForm({ name: 'Spring tea' }))
    await propose(rig, validForm({ name: 'Summer tea' }))
    await propose(rig, validForm({ name: 'Autumn tea' }))
    expect(infoCalls('C1')).toBe(1)
  })

  it('asks again about a private channel it was refused, and takes it once the app is invited', async () => {
    const secret = rig.slack.addChannel({ id: 'G1', name: 'secret', isPrivate: true, members: ['U1', 'U2'] })
    const refused = await submitForm(rig, await openNewProposal(rig), validForm({ channelId: 'G1' }))
    expect(refused.body.errors[proposalBlockIds.channelId]).toMatch(/invite me/)
    secret.members.push(rig.slack.botUserId)
    const card = await propose(rig, validForm({ channelId: 'G1' }))
    expect(card.channel).toBe('G1')
    expect(infoCalls('G1')).toBe(2)
  })

  it('a channel archived after it was checked: the proposal is saved, the modal says it is not posted, and the next one is refused in the form', async () => {
    const launches = rig.slack.addChannel({ id: 'C2', name: 'launches', members: ['U1', 'U2', rig.slack.botUserId] })
    await propose(rig, validForm({ name: 'Spring tea', channelId: 'C2' }))
    launches.isArchived = true

    const saved = await submitForm(rig, await openNewProposal(rig), validForm({ name: 'Summer tea', channelId: 'C2' }))
    expect(saved.status).toBe(200)
    expect(saved.body.response_action).toBe('update')
    expect(JSON.stringify(saved.body.view)).toMatch(/saved/i)
    expect(infoCalls('C2')).toBe(1)

    const refused = await submitForm(rig, await openNewProposal(rig), validForm({ name: 'Autumn tea', channelId: 'C2' }))
    expect(refused.body.errors[proposalBlockIds.channelId]).toBeDefined()
    expect(infoCalls('C2')).toBe(2)
  })
})
