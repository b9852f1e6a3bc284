// Building proposal submissions as Slack sends them, and walking the modal like a person would.
import { expect } from 'vitest'
import { messagesFor, supportedLocales } from '../../src/i18n/catalogue.ts'
import { proposalBlockIds } from '../../src/slack/proposal/modal.ts'
import type { Rig } from './harness.ts'
import { conversationPicked, datePicked, optionPicked, plainText, userPicked, type StateValues } from './slackRequests.ts'

export type ProposalForm = {
  name: string; theme: string; basicContent: string; kind: string; platform: string | null; platformOther: string
  timingNode: string; timingNote: string; startDate: string; endDate: string; channelId: string; ownerId: string; approverId: string
}

/** A valid proposal for a rig whose clock says 2026-12-01 (Asia/Shanghai). */
export function validForm(overrides: Partial<ProposalForm> = {}): ProposalForm {
  return {
    name: 'Double 11 tea festival', theme: 'Tea for two', basicContent: 'Buy one tin, get a second at half price. Share a photo to win a tea set.',
    kind: 'own_site', platform: null, platformOther: '', timingNode: 'sales_peak', timingNote: '',
    startDate: '2026-12-10', endDate: '2026-12-24', channelId: 'C1', ownerId: 'U1', approverId: 'U2',
    ...overrides,
  }
}

export function formValues(form: ProposalForm): StateValues {
  const b = proposalBlockIds
  return {
    [b.name]: { value: plainText(form.name) },
    [b.theme]: { value: plainText(form.theme) },
    [b.basicContent]: { value: plainText(form.basicContent) },
    [b.kind]: { value: { type: 'radio_buttons', selected_option: { value: form.kind } } },
    [b.platform]: { value: form.platform ? optionPicked(form.platform) : { type: 'static_select', selected_option: null } },
    [b.platformOther]: { value: plainText(form.platformOther || null) },
    [b.timingNode]: { value: optionPicked(form.timingNode) },
    [b.timingNote]: { value: plainText(form.timingNote || null) },
    [b.startDate]: { value: datePicked(form.startDate) },
    [b.endDate]: { value: datePicked(form.endDate) },
    [b.channelId]: { value: conversationPicked(form.channelId) },
    [b.ownerId]: { value: userPicked(form.ownerId) },
    [b.approverId]: { value: userPicked(form.approverId) },
  }
}

/** The usual cast: U1 proposes, U2 approves, U3 is a bystander, C1 is a public channel with the bot in it. */
export function castTheUsualPeople(rig: Rig, teamId = 'T1'): void {
  rig.slack.addUser({ id: 'U1', teamId, name: 'olivia' })
  rig.slack.addUser({ id: 'U2', teamId, name: 'ada' })
  rig.slack.addUser({ id: 'U3', teamId, name: 'sam' })
  rig.slack.addChannel({ id: 'C1', name: 'campaigns', members: ['U1', 'U2', 'U3', rig.slack.botUserId] })
}

/** `/campaign new` → the modal Slack opened for that person. */
export async function openNewProposal(rig: Rig, userId = 'U1', teamId = 'T1', channelId = 'C1'): Promise<Record<string, any>> {
  const since = rig.slack.calls.length
  const answer = await rig.client.slashCommand({ teamId, userId, channelId, text: 'new' })
  expect(answer.status).toBe(200)
  const opened = await rig.slack.waitFor('views.open', (c) => !c.failed, { since })
  expect(opened.result?.ok).toBe(true)
  return opened.result.view
}

export async function submitForm(rig: Rig, view: Record<string, any>, form: ProposalForm, userId = 'U1', teamId = 'T1') {
  return rig.client.viewSubmission({ teamId, userId, view, values: formValues(form) })
}

/** Proposes a campaign all the way to its card in the channel; returns the card's ts. */
export async function propose(rig: Rig, form: ProposalForm = validForm(), userId = 'U1', teamId = 'T1'): Promise<{ ts: string; channel: string }> {
  const view = await openNewProposal(rig, userId, teamId, form.channelId)
  const since = rig.slack.calls.length
  const answer = await submitForm(rig, view, form, userId, teamId)
  expect(answer.status).toBe(200)
  // The modal closes once the card is out. On a loaded machine the card may take longer than the
  // app waits inside Slack's three seconds: then the modal says the proposal is saved and the card
  // follows (test/e2e/proposal.test.ts holds that case on its own). Either way the card comes.
  if (answer.body !== null) expect(supportedLocales.map((locale) => messagesFor(locale).savedModal.title)).toContain(answer.body.view?.title?.text)
  // The card, not another post to the channel that happens to land meanwhile (a plan update, say).
  const posted = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === form.channelId && JSON.stringify(c.args.blocks ?? '').includes('proposal_decision'), { since, timeoutMs: 30_000 })
  return { ts: posted.result.ts, channel: posted.result.channel }
}

/** The text of every block of a message, joined: what a reader sees. */
export function visibleText(message: { text?: string; blocks?: unknown[] } | undefined): string {
  return JSON.stringify(message?.blocks ?? []) + (message?.text ?? '')
}

/** Action ids of the buttons in a message. */
export function buttonsOf(message: { blocks?: unknown[] } | undefined): Array<{ action_id: string; value: string }> {
  const blocks = (message?.blocks ?? []) as Array<{ type: string; elements?: Array<{ type: string; action_id: string; value: string }> }>
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).filter((e) => e.type === 'button'))
}
