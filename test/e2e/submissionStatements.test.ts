// What one proposal submission asks of the database before its card reaches Slack (issue 15): it
// ran 17 statements through Prisma (a look for an earlier submission of the same view, the name
// check, the campaign read back twice, one insert per outbox row, the claim in two steps); now the
// name check, the change with all its outbox rows (on SQLite a transaction of four inserts, on
// PostgreSQL one statement after the campaign's id), the card among them written already claimed.
// Counted at the driver, so Prisma's statements and the store's own count alike; a number, not a time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { castTheUsualPeople, formValues, openNewProposal, validForm } from '../support/proposals.ts'
import { countStatements } from '../support/statements.ts'

// The card is written claimed for the process that posts it at once, so no claim follows (it did: 8 and 4).
const expected = {
  // name check; BEGIN IMMEDIATE, campaign, proposal, transition, outbox rows (the card claimed), COMMIT
  sqlite: 7,
  // name check; the campaign's id, then campaign, proposal, transition and outbox rows (the card claimed) in one
  postgresql: 3,
} as const

describe.each(testProviders())('a proposal submission on %s', (provider) => {
  let rig: Rig
  // No background sweep during the count: the dispatcher sleeps until a row falls due.
  beforeEach(async () => {
    rig = await startRig(provider, { pollMs: 60_000 })
    castTheUsualPeople(rig)
  })
  afterEach(async () => rig.close())

  it(`stores the campaign with its posts, its card claimed, in ${expected[provider]} statements, then records the card sent in one`, async () => {
    const view = await openNewProposal(rig)
    const form = validForm()
    // The scheduler's pass at start-up, done before counting (this queues behind it).
    await rig.app.scheduler.tick()
    const counter = countStatements(provider)
    let beforeCard = -1
    const isCard = (args: Record<string, any>) => args.channel === form.channelId && JSON.stringify(args.blocks ?? '').includes('proposal_decision')
    const post = (rig.slack as unknown as { handlers: Map<string, (args: Record<string, any>) => unknown> }).handlers.get('chat.postMessage')!
    rig.slack.setHandler('chat.postMessage', (args) => {
      if (isCard(args) && beforeCard < 0) beforeCard = counter.count
      return post(args) as never
    })
    try {
      const answer = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: formValues(form) })
      expect(answer.status).toBe(200)
      expect(answer.body).toBeNull()
    } finally {
      counter.stop()
    }
    expect(beforeCard, counter.sql.join('\n')).toBe(expected[provider])
    // After the post: the card recorded sent (one statement), then the follow-ups' claim.
    expect(counter.sql[beforeCard], counter.sql.join('\n')).toMatch(/^UPDATE "OutboxMessage" SET "status" = 'sent'/)
  })
})
