// Several instances of the app on one database, as a team on PostgreSQL runs it: each post goes
// out once, whichever instance took the request and whichever dispatcher sweeps first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { inspect } from '../support/inspect.ts'
import { castTheUsualPeople, formValues, openNewProposal, validForm } from '../support/proposals.ts'
import { outboxSettled } from '../support/settle.ts'

describe.each(testProviders())('two instances on one %s database', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
  })
  afterEach(async () => rig.close())

  it('posts each card once while both dispatchers retry the same outbox', async () => {
    const second = await rig.startAnotherInstance()
    rig.slack.failAlways('chat.postMessage', { status: 503 })
    // Five proposals, alternating between the instances, all saved while Slack is down.
    for (let i = 0; i < 5; i += 1) {
      const client = i % 2 === 0 ? rig.client : second.client
      const view = await openNewProposal(rig)
      const answer = await client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: formValues(validForm({ name: `Campaign ${i}` })) })
      expect(answer.body.response_action).toBe('update')
    }
    // Let both dispatchers fail a few rounds (every card tried at least twice), then bring Slack back.
    const failedPosts = () => rig.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok !== true).length
    await rig.slack.waitFor('chat.postMessage', () => failedPosts() >= 10, { timeoutMs: 60_000 })
    rig.slack.clearFailures()
    // Every row is sent once it is out: a row marked sent is never claimed again, so nothing can
    // follow; then count what Slack received.
    await allOutboxRowsSent(5 * 2)
    const cards = rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C1' && c.result?.ok === true)
    expect(cards.map((c) => JSON.stringify(c.args.blocks).match(/Campaign \d/)?.[0]).sort()).toEqual(['Campaign 0', 'Campaign 1', 'Campaign 2', 'Campaign 3', 'Campaign 4'])
    const reviewDms = rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DU2' && c.result?.ok === true)
    expect(reviewDms).toHaveLength(5)
  })

  /** Waits (up to a minute) until the card and DM rows, `count` of them at least, are all sent. */
  async function allOutboxRowsSent(count: number): Promise<void> {
    for (const deadline = Date.now() + 60_000; ;) {
      const { outbox } = await inspect(rig)
      const posts = outbox.filter((row) => row.kind === 'post' || row.kind === 'dm')
      if (posts.length >= count && posts.every((row) => row.status === 'sent')) return
      if (Date.now() > deadline) throw new Error(`outbox rows not all sent after a minute: ${JSON.stringify(posts.map((row) => [row.dedupeKey, row.status]))}`)
      await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true, { timeoutMs: 250, since: rig.slack.calls.length }).catch(() => {})
    }
  }

  // PostgreSQL only: SQLite serves one instance (README), and two SQLite connections in one test
  // process would block each other's event loop in better-sqlite3's synchronous busy wait.
  if (provider === 'postgresql') it('a double click landing on two instances makes one transition', async () => {
    const second = await rig.startAnotherInstance()
    const view = await openNewProposal(rig)
    await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: formValues(validForm()) })
    const card = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C1' && c.result?.ok === true)
    const approve = (card.args.blocks as any[]).find((b) => b.type === 'actions').elements[0]
    const clickOn = (client: typeof rig.client) => client.blockAction({
      teamId: 'T1', userId: 'U2', actionId: approve.action_id, value: approve.value, responseUrl: rig.slack.newResponseUrl(), channelId: 'C1',
    })
    await Promise.all([clickOn(rig.client), clickOn(second.client)])
    // The owner gets the decision and the task-template offer, each once, and the plan message opens once.
    const offersTemplate = (c: { args: Record<string, any> }) => JSON.stringify(c.args.blocks ?? '').includes('task_template_accept')
    await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1' && c.result?.ok === true && !offersTemplate(c))
    await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1' && c.result?.ok === true && offersTemplate(c))
    await outboxSettled(rig)
    const dms = rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DU1' && c.result?.ok === true)
    expect(dms.filter((c) => !offersTemplate(c))).toHaveLength(1)
    expect(dms.filter(offersTemplate)).toHaveLength(1)
    expect(rig.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes('plan_section_open'))).toHaveLength(1)
    expect(rig.slack.callsTo('chat.update').filter((c) => c.result?.ok === true)).toHaveLength(1)
  })
})
