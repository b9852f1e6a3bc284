// Walking the plan of stage 2 like a person would: approve a proposal, open a section from the
// plan message, push a form from a section modal, fill it in and submit.
import { expect } from 'vitest'
import type { Rig } from './harness.ts'
import { propose, validForm, type ProposalForm } from './proposals.ts'
import { datePicked, optionPicked, plainText, userPicked, type StateValues } from './slackRequests.ts'

/** Proposes and approves a campaign; returns its id and the plan message Slack holds. */
export async function approvedCampaign(rig: Rig, form: Partial<ProposalForm> = {}): Promise<{ campaignId: number; planTs: string }> {
  const card = await propose(rig, validForm(form))
  const cardMessage = rig.slack.messageAt(card.channel, card.ts)!
  const approve = JSON.stringify(cardMessage.blocks).match(/"action_id":"proposal_approve","value":"(\d+):(\d+)"/)!
  const since = rig.slack.calls.length
  await rig.client.blockAction({ teamId: 'T1', userId: form.approverId ?? 'U2', actionId: 'proposal_approve', value: `${approve[1]}:${approve[2]}`, message: { ts: card.ts, channel: card.channel, blocks: cardMessage.blocks } })
  const plan = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes('plan_section_open'), { since })
  return { campaignId: Number(approve[1]), planTs: plan.result.ts }
}

export function planMessageOf(rig: Rig, ts: string, channel = 'C1') {
  return rig.slack.messageAt(channel, ts)!
}

/** The latest content of the plan message, once an edit matching `predicate` has reached Slack. */
export async function planMessageWhen(rig: Rig, ts: string, predicate: (text: string) => boolean) {
  await rig.slack.waitFor('chat.update', (c) => c.args.ts === ts && c.result?.ok === true && predicate(JSON.stringify(c.args.blocks)))
  return planMessageOf(rig, ts)
}

/** Clicks a section's Open button on the plan message; returns the modal Slack opened. */
export async function openSection(rig: Rig, campaignId: number, section: string, planTs: string, userId = 'U1') {
  const since = rig.slack.calls.length
  const answer = await rig.client.blockAction({ teamId: 'T1', userId, actionId: 'plan_section_open', value: `${campaignId}:${section}`, message: { ts: planTs, channel: 'C1' } })
  expect(answer.status).toBe(200)
  const opened = await rig.slack.waitFor('views.open', (c) => !c.failed, { since })
  expect(opened.result?.ok, JSON.stringify(opened.result)).toBe(true)
  return opened.result.view as Record<string, any>
}

/** Clicks a button inside a modal (e.g. Add); returns the modal pushed on top. */
export async function clickInModal(rig: Rig, view: Record<string, any>, actionId: string, value: string, userId = 'U1') {
  const since = rig.slack.calls.length
  await rig.client.blockAction({ teamId: 'T1', userId, actionId, value, view: { id: view.id, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, hash: view.hash } })
  const pushed = await rig.slack.waitFor('views.push', (c) => !c.failed, { since })
  expect(pushed.result?.ok, JSON.stringify(pushed.result)).toBe(true)
  return pushed.result.view as Record<string, any>
}

/** Chooses an item's overflow option (edit, delete, choose) in a section modal. */
export async function itemMenu(rig: Rig, view: Record<string, any>, optionValue: string, userId = 'U1') {
  return rig.client.blockAction({
    teamId: 'T1', userId, actionId: 'plan_item_menu', view: { id: view.id, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata },
    action: { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'x' }, value: optionValue } },
  })
}

/** The value of an item's overflow option in a section modal: its form, and the operation. */
export function menuOption(view: Record<string, any>, form: string, operation: string): string {
  for (const block of view.blocks as Array<{ accessory?: { type: string; options?: Array<{ value: string }> } }>) {
    if (block.accessory?.type !== 'overflow') continue
    for (const option of block.accessory.options ?? []) {
      const request = JSON.parse(option.value) as { f: string; o: string }
      if (request.f === form && request.o === operation) return option.value
    }
  }
  throw new Error(`no ${operation} option for a ${form} in ${JSON.stringify(view.blocks).slice(0, 400)}`)
}

export const text = (value: string | null) => ({ value: plainText(value) })
export const pick = (value: string) => ({ value: optionPicked(value) })
export const date = (value: string) => ({ value: datePicked(value) })
export const user = (value: string) => ({ value: userPicked(value) })
export const checks = (...values: string[]) => ({ value: { type: 'checkboxes', selected_options: values.map((v) => ({ value: v, text: { type: 'plain_text', text: v } })) } })

export async function submit(rig: Rig, view: Record<string, any>, values: StateValues, userId = 'U1') {
  return rig.client.viewSubmission({ teamId: 'T1', userId, view, values })
}

/** A section modal's Add button request for a form. */
export const addRequest = (campaignId: number, form: string) => JSON.stringify({ c: campaignId, f: form, i: null })

/** Values of each plan form that pass, for a campaign from 2026-12-10 to 2026-12-24. */
export const goodValues = {
  purpose: (): StateValues => ({ purpose: pick('sales'), levers: checks('acquisition', 'exposure'), productState: text('New tea range, little known.') }),
  goal: (target = '10000'): StateValues => ({ metric: pick('visits'), target: text(target), unit: text('visits'), basisKind: pick('reasoned'), basis: text('Last Double 11 brought 8,000 visits; we add a KOL.'), dataOwnerId: user('U3') }),
  targetUsers: (): StateValues => ({ who: text('Young office workers who drink tea'), needs: text('A cheap treat to share') }),
  promotionItem: (onDate = '2026-12-08'): StateValues => ({ channel: pick('weibo'), what: text('Teaser post'), onDate: date(onDate), promoterId: user('U3') }),
  contentRules: (): StateValues => ({ description: text('Buy one tin, get the second at half price.'), entryDeadline: date('2026-12-20'), eligibility: text('Registered users, one entry each.') }),
  scenario: (name: string, amounts: string[]): StateValues => {
    const values: StateValues = { name: text(name) }
    amounts.forEach((amount, i) => {
      values[`lines.${i}.category`] = pick('promotion')
      values[`lines.${i}.channel`] = pick('weibo')
      values[`lines.${i}.amount`] = text(amount)
    })
    return values
  },
  risk: (): StateValues => ({ description: text('Server overload at launch'), likelihood: pick('medium'), impact: pick('high'), mitigation: text('Scale up the day before'), ownerId: user('U1') }),
}
