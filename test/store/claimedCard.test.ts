// A new proposal's card is written claimed for the dispatcher that posts it at once (issue 15: one
// statement fewer before the card reaches Slack). No sweep can take it meanwhile, and should that
// process end before posting it, the card waits out the claim like any claimed row and is then
// taken by another sweep: never lost, never posted twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseTarget } from '../../src/config.ts'
import type { Proposal } from '../../src/domain/proposal.ts'
import { campaignStore, type OutboxFor } from '../../src/store/campaigns.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { outboxStore } from '../../src/store/outbox.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'

const submittedAt = new Date('2026-12-01T02:00:00Z')
const seconds = (n: number) => new Date(submittedAt.getTime() + n * 1000)
const leaseMs = 60_000

const proposal: Proposal = {
  name: 'Double 11 tea festival', theme: 'Tea for two', basicContent: 'Buy one tin, get a second at half price.',
  kind: 'own_site', platform: null, platformOther: null, timingNode: 'sales_peak', timingNote: null,
  startDate: '2026-12-10', endDate: '2026-12-24', channelId: 'C1', ownerId: 'U1', approverId: 'U2',
}

const cardAndDm: OutboxFor = (campaign) => [
  { teamId: campaign.teamId, dedupeKey: `proposal-card:${campaign.id}:r1`, kind: 'post', target: campaign.channelId, campaignId: campaign.id, payload: { text: `card ${campaign.name}`, blocks: [{ type: 'divider' }] } },
  { teamId: campaign.teamId, dedupeKey: `dm-approver:${campaign.id}:r1`, kind: 'dm', target: campaign.approverId, campaignId: campaign.id, payload: { text: `review ${campaign.name}` } },
]

function targetOf(db: TestDatabase): DatabaseTarget {
  return db.provider === 'sqlite' ? { provider: 'sqlite', file: db.url.slice('file:'.length), url: db.url } : { provider: 'postgresql', url: db.url }
}

describe.each(testProviders())('a card written claimed on %s', (provider) => {
  let db: TestDatabase
  let database: Database
  beforeEach(async () => {
    db = await freshDatabase(provider)
    database = await openDatabase(targetOf(db))
  })
  afterEach(async () => {
    await database?.close()
    await db?.cleanup()
  })

  it('is held for its dispatcher until the claim runs out, then another sweep takes it', async () => {
    const campaigns = campaignStore(database)
    const outbox = outboxStore(database)
    const result = await campaigns.createProposal({
      teamId: 'T1', proposal, createdById: 'U1', sourceViewId: 'V1', at: submittedAt, outbox: cardAndDm,
      claimFirst: { claimer: 'this-process', until: seconds(60) },
    })
    if (result.outcome !== 'created') throw new Error(`expected created, got ${result.outcome}`)
    const [cardId, dmId] = result.outboxIds

    // Written claimed: a sweep meanwhile takes only the DM.
    expect((await outbox.claimDue('another-process', seconds(1), leaseMs, 10)).map((m) => m.id)).toEqual([dmId])
    expect(await outbox.claimDue('another-process', seconds(59), leaseMs, 10)).toEqual([])
    // The process that wrote it ended without posting it: once the claim runs out, it is taken,
    // and it reads as the row the writing dispatcher was handed.
    const taken = await outbox.claimDue('another-process', seconds(61), leaseMs, 10)
    expect(taken.map((m) => m.id)).toEqual([cardId])
    expect(result.claimedFirst).toEqual(taken[0])
  })

  it('a proposal written without a claim has every row free for a sweep', async () => {
    const result = await campaignStore(database).createProposal({ teamId: 'T1', proposal, createdById: 'U1', sourceViewId: 'V2', at: submittedAt, outbox: cardAndDm })
    if (result.outcome !== 'created') throw new Error(`expected created, got ${result.outcome}`)
    expect(result.claimedFirst).toBeUndefined()
    expect((await outboxStore(database).claimDue('sweep', seconds(1), leaseMs, 10)).map((m) => m.id)).toEqual(result.outboxIds)
  })

  it('a rehearsal of the write (the start-up warm-up) stores nothing and takes no campaign id', async () => {
    const campaigns = campaignStore(database)
    await campaigns.rehearseProposal({ teamId: 'T-warm-up', proposal, createdById: 'U1', sourceViewId: 'V-warm-up', at: submittedAt, outbox: cardAndDm, claimFirst: { claimer: 'warm-up', until: submittedAt } })
    expect(await database.prisma.campaign.count()).toBe(0)
    expect(await database.prisma.outboxMessage.count()).toBe(0)
    const result = await campaigns.createProposal({ teamId: 'T1', proposal, createdById: 'U1', sourceViewId: 'V3', at: submittedAt, outbox: cardAndDm })
    if (result.outcome !== 'created') throw new Error(`expected created, got ${result.outcome}`)
    expect(result.campaign.id).toBe(1)
  })
})
