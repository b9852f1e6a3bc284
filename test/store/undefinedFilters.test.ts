// Prisma leaves out a filter whose value is `undefined`, so `where: { teamId, sourceViewId: undefined }`
// matches every campaign of the team. A view submission without a view id was once acknowledged as
// saved and silently dropped that way. The store's client refuses undefined anywhere in a query
// (Prisma's strictUndefinedChecks; Prisma.skip is the deliberate omission), on both databases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseTarget } from '../../src/config.ts'
import type { Proposal } from '../../src/domain/proposal.ts'
import { campaignStore, type CampaignStore, type OutboxFor } from '../../src/store/campaigns.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'

const at = new Date('2026-12-01T02:00:00Z')

function proposal(name: string): Proposal {
  return {
    name, theme: 'Tea for two', basicContent: 'Buy one tin, get a second at half price.',
    kind: 'own_site', platform: null, platformOther: null, timingNode: 'sales_peak', timingNote: null,
    startDate: '2026-12-10', endDate: '2026-12-24', channelId: 'C1', ownerId: 'U1', approverId: 'U2',
  }
}

const card: OutboxFor = (campaign) => [
  { teamId: campaign.teamId, dedupeKey: `proposal-card:${campaign.id}`, kind: 'post', target: campaign.channelId, campaignId: campaign.id, payload: { text: campaign.name } },
]

function targetOf(db: TestDatabase): DatabaseTarget {
  return db.provider === 'sqlite'
    ? { provider: 'sqlite', file: db.url.slice('file:'.length), url: db.url }
    : { provider: 'postgresql', url: db.url }
}

describe.each(testProviders())('undefined filters on %s', (provider) => {
  let db: TestDatabase
  let database: Database
  let campaigns: CampaignStore

  beforeEach(async () => {
    db = await freshDatabase(provider)
    database = await openDatabase(targetOf(db))
    campaigns = campaignStore(database)
  })
  afterEach(async () => {
    await database?.close()
    await db?.cleanup()
  })

  async function existingCampaign() {
    const result = await campaigns.createProposal({ teamId: 'T1', proposal: proposal('Spring tea'), createdById: 'U1', sourceViewId: 'V1', at, outbox: card })
    if (result.outcome !== 'created') throw new Error(`expected created, got ${result.outcome}`)
    return result.campaign
  }

  it('a query with an undefined filter value throws instead of dropping the filter', async () => {
    await existingCampaign()
    const prisma = database.prisma
    await expect(prisma.campaign.findFirst({ where: { teamId: 'T1', sourceViewId: undefined } })).rejects.toThrow(/undefined/)
    // Nested, in a write, and in the data of a write: the same refusal.
    await expect(prisma.campaign.count({ where: { teamId: 'T1', OR: [{ id: undefined }] } })).rejects.toThrow(/undefined/)
    await expect(prisma.outboxMessage.updateMany({ where: { teamId: undefined }, data: { status: 'failed' } })).rejects.toThrow(/undefined/)
    await expect(prisma.campaign.updateMany({ where: { teamId: 'T1' }, data: { name: undefined } })).rejects.toThrow(/undefined/)
    // Nothing was changed on the way.
    expect(await prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(1)
    expect((await prisma.campaign.findFirstOrThrow()).name).toBe('Spring tea')
  })

  it('bySourceView without a view id refuses instead of finding another campaign of the team', async () => {
    await existingCampaign()
    await expect(campaigns.bySourceView('T1', undefined as unknown as string)).rejects.toThrow()
    await expect(campaigns.bySourceView('T1', '')).rejects.toThrow()
    expect(await campaigns.bySourceView('T1', 'V2')).toBeNull()
  })

  it('createProposal without a view id is refused, not taken for a resubmission of another campaign', async () => {
    const existing = await existingCampaign()
    for (const sourceViewId of [undefined as unknown as string, '']) {
      const attempt = campaigns.createProposal({ teamId: 'T1', proposal: proposal('Autumn tea'), createdById: 'U1', sourceViewId, at, outbox: card })
      await expect(attempt).rejects.toThrow()
    }
    // Neither stored a campaign nor claimed to be the existing one.
    expect(await campaigns.list('T1')).toEqual([existing])
    expect(await database.prisma.outboxMessage.count()).toBe(1)
  })
})
