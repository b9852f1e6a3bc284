// Stage 1 end to end: a person proposes a campaign with `/campaign new`, the approver decides,
// the owner revises. Only real HTTP: signed requests in, Web API calls recorded by the fake Slack.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { proposalBlockIds } from '../../src/slack/proposal/modal.ts'
import { sendBackReasonBlockId } from '../../src/slack/proposal/actions.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import {
  buttonsOf, castTheUsualPeople, openNewProposal, propose, submitForm, validForm, visibleText,
} from '../support/proposals.ts'
import { outboxSettled } from '../support/settle.ts'
import { plainText } from '../support/slackRequests.ts'

describe.each(testProviders())('stage 1 proposal on %s', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
  })
  afterEach(async () => rig.close())

  async function campaignRows() {
    const { campaigns } = await import('../support/inspect.ts').then((m) => m.inspect(rig))
    return campaigns
  }

  describe('help', () => {
    it.each(['', 'help', 'frobnicate'])('"/campaign %s" answers the person with every subcommand', async (text) => {
      const answer = await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text })
      expect(answer.status).toBe(200)
      expect(answer.body.response_type).toBe('ephemeral')
      for (const sub of ['/campaign new', '/campaign list', '/campaign show', '/campaign help']) expect(answer.body.text).toContain(sub)
      if (text === 'frobnicate') expect(answer.body.text).toContain('frobnicate')
    })
  })

  describe('proposing', () => {
    it('opens the proposal modal within the 3-second window, owner preset to the person', async () => {
      const view = await openNewProposal(rig)
      expect(view.callback_id).toBe('campaign_proposal')
      const owner = view.blocks.find((b: any) => b.block_id === proposalBlockIds.ownerId)
      expect(owner.element.initial_user).toBe('U1')
      const ids = view.blocks.map((b: any) => b.block_id).filter(Boolean)
      for (const blockId of Object.values(proposalBlockIds)) expect(ids).toContain(blockId)
    })

    it('answers bad input in the modal, field by field, and stores nothing', async () => {
      rig.slack.addUser({ id: 'UBOT2', isBot: true })
      const view = await openNewProposal(rig)
      const answer = await submitForm(rig, view, validForm({
        name: '   ', theme: 'x'.repeat(151), basicContent: 'One. Two. Three.',
        startDate: '2026-11-20', endDate: '2026-11-19', approverId: 'UBOT2', kind: 'platform', platform: null,
        timingNode: 'holiday',
      }))
      expect(answer.status).toBe(200)
      expect(answer.body.response_action).toBe('errors')
      const errors = answer.body.errors
      expect(errors[proposalBlockIds.name]).toMatch(/fill this in/)
      expect(errors[proposalBlockIds.theme]).toMatch(/150 characters/)
      expect(errors[proposalBlockIds.basicContent]).toMatch(/one or two sentences/)
      expect(rig.slack.callsTo('chat.postMessage')).toHaveLength(0)
      expect(await campaignRows()).toHaveLength(0)

      // Once the field rules pass, the rules between fields and the people are checked.
      const second = await submitForm(rig, view, validForm({ startDate: '2026-11-20', endDate: '2026-11-25', approverId: 'UBOT2', kind: 'platform', platform: null, timingNode: 'holiday' }))
      expect(second.body.errors[proposalBlockIds.startDate]).toMatch(/past/)
      expect(second.body.errors[proposalBlockIds.platform]).toMatch(/platform/)
      expect(second.body.errors[proposalBlockIds.timingNote]).toMatch(/holiday/)
      const third = await submitForm(rig, view, validForm({ startDate: '2026-12-10', endDate: '2026-12-10', approverId: 'UBOT2' }))
      expect(third.body.errors[proposalBlockIds.endDate]).toMatch(/after the start/)
      const fourth = await submitForm(rig, view, validForm({ approverId: 'UBOT2' }))
      expect(fourth.body.errors).toEqual({ [proposalBlockIds.approverId]: expect.stringMatching(/bots cannot approve/) })
      expect(await campaignRows()).toHaveLength(0)
    })

    it('refuses a deactivated or unknown approver', async () => {
      rig.slack.addUser({ id: 'UGONE', deleted: true })
      const view = await openNewProposal(rig)
      const gone = await submitForm(rig, view, validForm({ approverId: 'UGONE' }))
      expect(gone.body.errors[proposalBlockIds.approverId]).toMatch(/deactivated/)
      const unknown = await submitForm(rig, view, validForm({ approverId: 'UNOBODY' }))
      expect(unknown.body.errors[proposalBlockIds.approverId]).toMatch(/does not know/)
    })

    it('posts a valid proposal in its channel with Approve and Send back, and asks the approver', async () => {
      const card = await propose(rig)
      const message = rig.slack.messageAt(card.channel, card.ts)
      expect(visibleText(message)).toContain('Double 11 tea festival')
      expect(visibleText(message)).toContain('Tea for two')
      expect(buttonsOf(message).map((b) => b.action_id)).toEqual(['proposal_approve', 'proposal_send_back'])
      const dm = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU2')
      expect(dm.args.text).toContain('<@U1>')
      const [campaign] = await campaignRows()
      expect(campaign).toMatchObject({ name: 'Double 11 tea festival', stage: 'proposed', teamId: 'T1', ownerId: 'U1', approverId: 'U2' })
    })

    it('warns, without refusing, when the window is outside 7–28 days', async () => {
      const short = await propose(rig, validForm({ startDate: '2026-12-10', endDate: '2026-12-12' }))
      expect(visibleText(rig.slack.messageAt(short.channel, short.ts))).toMatch(/runs 3 days/)
      const long = await propose(rig, validForm({ name: 'Spring launch', startDate: '2026-12-10', endDate: '2027-02-01' }))
      expect(visibleText(rig.slack.messageAt(long.channel, long.ts))).toMatch(/tire people out/)
      const fine = await propose(rig, validForm({ name: 'Year end' }))
      expect(visibleText(rig.slack.messageAt(fine.channel, fine.ts))).not.toMatch(/:warning:/)
    })

    it('refuses a name already used by a planned or live campaign of the workspace', async () => {
      await propose(rig)
      const view = await openNewProposal(rig)
      const answer = await submitForm(rig, view, validForm({ name: '  double 11 TEA festival ' }))
      expect(answer.body.errors[proposalBlockIds.name]).toMatch(/already planned or live/)
    })

    it('escapes mrkdwn in user text: a campaign named <!channel> pings no one', async () => {
      const card = await propose(rig, validForm({ name: '<!channel> & <@U3>', theme: '<https://evil.example|click>' }))
      const raw = JSON.stringify(rig.slack.messageAt(card.channel, card.ts))
      expect(raw).not.toContain('<!channel>')
      expect(raw).toContain('&lt;!channel&gt; &amp; &lt;@U3&gt;')
      expect(raw).not.toContain('<https://evil.example')
    })

    it('joins a public channel it is not in before posting', async () => {
      rig.slack.addChannel({ id: 'C2', name: 'launches', members: ['U1'] })
      const card = await propose(rig, validForm({ channelId: 'C2' }))
      expect(card.channel).toBe('C2')
      expect(rig.slack.callsTo('conversations.join').map((c) => c.args.channel)).toContain('C2')
    })

    it('says in the modal when it cannot post in a private channel it is not in', async () => {
      rig.slack.addChannel({ id: 'G1', name: 'secret', isPrivate: true, members: ['U1'] })
      const view = await openNewProposal(rig)
      const answer = await submitForm(rig, view, validForm({ channelId: 'G1' }))
      expect(answer.body.errors[proposalBlockIds.channelId]).toMatch(/invite me/)
      expect(await campaignRows()).toHaveLength(0)
    })

    it('makes one campaign when the same view is submitted twice, even at once', async () => {
      const view = await openNewProposal(rig)
      const [first, second] = await Promise.all([submitForm(rig, view, validForm()), submitForm(rig, view, validForm())])
      expect(first.status).toBe(200)
      expect(second.status).toBe(200)
      await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C1')
      const third = await submitForm(rig, view, validForm())
      expect(third.status).toBe(200)
      expect(await campaignRows()).toHaveLength(1)
      await outboxSettled(rig)
      expect(rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C1' && !c.failed)).toHaveLength(1)
    })
  })

  describe('deciding', () => {
    async function click(userId: string, actionId: string, value: string) {
      const responseUrl = rig.slack.newResponseUrl()
      const since = rig.slack.responses.length
      const answer = await rig.client.blockAction({ teamId: 'T1', userId, actionId, value, blockId: 'proposal_decision', responseUrl, channelId: 'C1' })
      expect(answer.status).toBe(200)
      return { responseUrl, since }
    }

    it('refuses a stranger, with an explanation only they see', async () => {
      const card = await propose(rig)
      const approve = buttonsOf(rig.slack.messageAt(card.channel, card.ts))[0]!
      const { responseUrl, since } = await click('U3', approve.action_id, approve.value)
      const response = await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since })
      expect(response.body.response_type).toBe('ephemeral')
      expect(response.body.text).toMatch(/Only the approver \(<@U2>\)/)
      expect((await campaignRows())[0]!.stage).toBe('proposed')
    })

    it('approves: the card is updated in place, the owner is told, the campaign moves to planning', async () => {
      const card = await propose(rig)
      const approve = buttonsOf(rig.slack.messageAt(card.channel, card.ts))[0]!
      await click('U2', approve.action_id, approve.value)
      const update = await rig.slack.waitFor('chat.update', (c) => c.args.ts === card.ts)
      expect(update.args.channel).toBe('C1')
      const updated = rig.slack.messageAt(card.channel, card.ts)
      expect(visibleText(updated)).toMatch(/Approved by <@U2>/)
      expect(buttonsOf(updated)).toHaveLength(0)
      const dm = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1')
      expect(dm.args.text).toMatch(/approved/)
      expect((await campaignRows())[0]!.stage).toBe('planning')
    })

    it('lets a workspace admin decide too', async () => {
      rig.slack.addUser({ id: 'UADMIN', isAdmin: true })
      const card = await propose(rig)
      const approve = buttonsOf(rig.slack.messageAt(card.channel, card.ts))[0]!
      await click('UADMIN', approve.action_id, approve.value)
      await rig.slack.waitFor('chat.update', (c) => c.args.ts === card.ts)
      expect((await campaignRows())[0]!.stage).toBe('planning')
    })

    it('a double click, or two clicks at once, make one transition and one DM', async () => {
      const card = await propose(rig)
      const approve = buttonsOf(rig.slack.messageAt(card.channel, card.ts))[0]!
      await Promise.all([click('U2', approve.action_id, approve.value), click('U2', approve.action_id, approve.value)])
      await click('U2', approve.action_id, approve.value)
      // Approval DMs the owner twice: the decision, and the offer of the task template; and it
      // opens the plan message in the channel. Each exactly once.
      const offersTemplate = (c: { args: Record<string, any> }) => JSON.stringify(c.args.blocks ?? '').includes('task_template_accept')
      await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1' && !offersTemplate(c))
      await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1' && offersTemplate(c))
      await outboxSettled(rig)
      const dms = rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DU1')
      expect(dms.filter((c) => !offersTemplate(c))).toHaveLength(1)
      expect(dms.filter(offersTemplate)).toHaveLength(1)
      expect(rig.slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks ?? '').includes('plan_section_open'))).toHaveLength(1)
      expect(rig.slack.callsTo('chat.update').filter((c) => !c.failed)).toHaveLength(1)
      const { transitions } = await import('../support/inspect.ts').then((m) => m.inspect(rig))
      expect(transitions.filter((t) => t.toStage === 'planning')).toHaveLength(1)
    })

    it('sends back with a reason, the owner revises, and the same message asks the approver again', async () => {
      const card = await propose(rig)
      const sendBack = buttonsOf(rig.slack.messageAt(card.channel, card.ts))[1]!
      const since = rig.slack.calls.length
      await click('U2', sendBack.action_id, sendBack.value)
      const reasonModal = (await rig.slack.waitFor('views.open', () => true, { since })).result.view
      expect(reasonModal.callback_id).toBe('proposal_send_back')

      // A reason modal whose metadata names no campaign we could have written (forged, or past a
      // PostgreSQL integer) is answered as out of date, never as a database failure.
      for (const metadata of ['{"campaignId":2147483648,"version":0}', 'not json', '{"campaignId":1.5,"version":0}']) {
        const forged = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U2', view: { ...reasonModal, private_metadata: metadata }, values: { [sendBackReasonBlockId]: { value: plainText('Fine reason') } } })
        expect(forged.body.errors[sendBackReasonBlockId]).toMatch(/older version/)
      }
      const empty = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U2', view: reasonModal, values: { [sendBackReasonBlockId]: { value: plainText('  ') } } })
      expect(empty.body.errors[sendBackReasonBlockId]).toMatch(/fill this in/)
      const sent = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U2', view: reasonModal, values: { [sendBackReasonBlockId]: { value: plainText('Budget is missing <here>') } } })
      expect(sent.status).toBe(200)
      expect(sent.body).toBeNull()

      await rig.slack.waitFor('chat.update', (c) => c.args.ts === card.ts)
      expect(visibleText(rig.slack.messageAt(card.channel, card.ts))).toContain('Budget is missing &lt;here&gt;')
      const dm = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1')
      expect(dm.args.text).toContain('Budget is missing')
      const revise = buttonsOf(rig.slack.messages.find((m) => m.channel === 'DU1'))[0]!
      expect(revise.action_id).toBe('proposal_revise')
      expect((await campaignRows())[0]!.stage).toBe('sent_back')

      // Only the owner may revise.
      const stranger = await click('U3', revise.action_id, revise.value)
      expect((await rig.slack.waitForResponse((r) => stranger.responseUrl.endsWith(r.id), { since: stranger.since })).body.text).toMatch(/Only the owner/)

      const beforeRevise = rig.slack.calls.length
      await click('U1', revise.action_id, revise.value)
      const revisionModal = (await rig.slack.waitFor('views.open', () => true, { since: beforeRevise })).result.view
      const nameBlock = revisionModal.blocks.find((b: any) => b.block_id === proposalBlockIds.name)
      expect(nameBlock.element.initial_value).toBe('Double 11 tea festival')

      const beforeResubmit = rig.slack.calls.length
      const resubmitted = await submitForm(rig, revisionModal, validForm({ theme: 'Tea for two, with a budget' }))
      expect(resubmitted.status).toBe(200)
      expect(resubmitted.body).toBeNull()
      await rig.slack.waitFor('chat.update', (c) => c.args.ts === card.ts, { since: beforeResubmit })
      const again = rig.slack.messageAt(card.channel, card.ts)
      expect(visibleText(again)).toContain('Tea for two, with a budget')
      expect(visibleText(again)).toContain('Revision 2')
      expect(buttonsOf(again).map((b) => b.action_id)).toEqual(['proposal_approve', 'proposal_send_back'])
      const askAgain = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU2' && /revision 2/.test(c.args.text), { since: beforeResubmit })
      expect(askAgain.args.text).toContain('another look')
      // One card in the channel, edited, never a second post.
      expect(rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C1' && !c.failed)).toHaveLength(1)
      const [campaign] = await campaignRows()
      expect(campaign).toMatchObject({ stage: 'proposed' })

      // The new buttons work; the old ones are stale.
      const approveNow = buttonsOf(again)[0]!
      expect(approveNow.value).not.toBe(sendBack.value)
      await click('U2', approveNow.action_id, approveNow.value)
      await rig.slack.waitFor('chat.update', (c) => c.args.ts === card.ts && /Approved/.test(JSON.stringify(c.args.blocks)))
      expect((await campaignRows())[0]!.stage).toBe('planning')
    })
  })

  describe('looking', () => {
    it('lists campaigns by stage and shows one by id or name', async () => {
      await propose(rig)
      await propose(rig, validForm({ name: 'Double 12 snacks' }))
      const listed = await rig.client.slashCommand({ teamId: 'T1', userId: 'U3', channelId: 'C1', text: 'list', responseUrl: rig.slack.newResponseUrl() })
      expect(listed.status).toBe(200)
      const list = await rig.slack.waitForResponse((r) => /Proposed/.test(JSON.stringify(r.body)))
      expect(list.body.response_type).toBe('ephemeral')
      expect(JSON.stringify(list.body)).toContain('Double 11 tea festival')
      expect(JSON.stringify(list.body)).toContain('Double 12 snacks')

      const since = rig.slack.responses.length
      await rig.client.slashCommand({ teamId: 'T1', userId: 'U3', channelId: 'C1', text: 'show double', responseUrl: rig.slack.newResponseUrl() })
      expect(JSON.stringify((await rig.slack.waitForResponse(() => true, { since })).body)).toMatch(/Several campaigns match/)

      const [first] = await campaignRows()
      const sinceById = rig.slack.responses.length
      await rig.client.slashCommand({ teamId: 'T1', userId: 'U3', channelId: 'C1', text: `show #${first!.id}`, responseUrl: rig.slack.newResponseUrl() })
      const shown = JSON.stringify((await rig.slack.waitForResponse(() => true, { since: sinceById })).body)
      expect(shown).toContain('Double 11 tea festival')
      expect(shown).toContain('Tea for two')

      const sinceMissing = rig.slack.responses.length
      await rig.client.slashCommand({ teamId: 'T1', userId: 'U3', channelId: 'C1', text: 'show nothing-like-it', responseUrl: rig.slack.newResponseUrl() })
      expect((await rig.slack.waitForResponse(() => true, { since: sinceMissing })).body.text).toMatch(/No campaign matches/)
    })

    it('keeps two workspaces apart', async () => {
      castTheUsualPeople(rig, 'T2')
      await propose(rig)
      const since = rig.slack.responses.length
      await rig.client.slashCommand({ teamId: 'T2', userId: 'U1', channelId: 'C1', text: 'list', responseUrl: rig.slack.newResponseUrl() })
      expect((await rig.slack.waitForResponse(() => true, { since })).body.text).toMatch(/No campaigns yet/)
      // The same name is free in the other workspace.
      await propose(rig, validForm(), 'U1', 'T2')
      const rows = await campaignRows()
      expect(rows.map((r) => r.teamId).sort()).toEqual(['T1', 'T2'])
      // A button of T1's card pressed from T2 finds nothing.
      const t1 = rows.find((r) => r.teamId === 'T1')!
      const responseUrl = rig.slack.newResponseUrl()
      const sinceClick = rig.slack.responses.length
      await rig.client.blockAction({ teamId: 'T2', userId: 'U2', actionId: 'proposal_approve', value: `${t1.id}:0`, responseUrl, channelId: 'C1' })
      expect((await rig.slack.waitForResponse(() => true, { since: sinceClick })).body.text).toMatch(/No campaign matches/)
      expect((await campaignRows()).find((r) => r.id === t1.id)!.stage).toBe('proposed')
    })

    it('keeps everything across a restart on the same database', async () => {
      const card = await propose(rig)
      await rig.restart()
      const approve = buttonsOf(rig.slack.messageAt(card.channel, card.ts))[0]!
      await rig.client.blockAction({ teamId: 'T1', userId: 'U2', actionId: approve.action_id, value: approve.value, responseUrl: rig.slack.newResponseUrl(), channelId: 'C1' })
      await rig.slack.waitFor('chat.update', (c) => c.args.ts === card.ts)
      expect((await campaignRows())[0]!.stage).toBe('planning')
    })
  })

  describe('language', () => {
    it('speaks Chinese to a person whose Slack is in Chinese', async () => {
      rig.slack.addUser({ id: 'UZH', locale: 'zh-CN' })
      const view = await openNewProposal(rig, 'UZH')
      expect(view.title.text).toBe('新建活动提案')
      const answer = await submitForm(rig, view, validForm({ ownerId: 'UZH', endDate: '2026-12-09' }), 'UZH')
      expect(answer.body.errors[proposalBlockIds.endDate]).toBe('结束日期必须晚于开始日期。')
      const help = await rig.client.slashCommand({ teamId: 'T1', userId: 'UZH', channelId: 'C1', text: 'help' })
      expect(help.body.text).toContain('活动')
    })
  })
})
