// The campaign store against real databases (SQLite and PostgreSQL): one transaction per change
// together with its outbox rows, one campaign per Slack view, one name per team among campaigns in
// flight, team scoping, and compare-and-set decisions and revisions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Campaign } from '../../src/domain/campaign.ts'
import type { Proposal } from '../../src/domain/proposal.ts'
import { campaignStore, type CampaignStore, type OutboxFor } from '../../src/store/campaigns.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import type { OutboxDraft } from '../../src/store/outbox.ts'
import type { DatabaseTarget } from '../../src/config.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'

const submittedAt = new Date('2026-12-01T02:00:00Z')
const decidedAt = new Date('2026-12-01T03:30:00Z')
const revisedAt = new Date('2026-12-02T08:15:00Z')

function proposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    name: 'Double 11 tea festival',
    theme: 'Tea for two',
    basicContent: 'Buy one tin, get a second at half price. Share a photo to win a tea set.',
    kind: 'own_site',
    platform: null,
    platformOther: null,
    timingNode: 'sales_peak',
    timingNote: null,
    startDate: '2026-12-10',
    endDate: '2026-12-24',
    channelId: 'C1',
    ownerId: 'U1',
    approverId: 'U2',
    ...overrides,
  }
}

/** The posts a proposal causes, keyed by the campaign's id and revision as the app does. */
const cardAndDm: OutboxFor = (campaign) => [
  { teamId: campaign.teamId, dedupeKey: `proposal-card:${campaign.id}:r${campaign.proposal.revision}`, kind: 'post', target: campaign.channelId, campaignId: campaign.id, payload: { text: `card ${campaign.name}` } },
  { teamId: campaign.teamId, dedupeKey: `dm-approver:${campaign.id}:r${campaign.proposal.revision}`, kind: 'dm', target: campaign.approverId, campaignId: campaign.id, payload: { text: `review ${campaign.name}` } },
]

const decisionPosts: OutboxFor = (campaign) => [
  { teamId: campaign.teamId, dedupeKey: `card-update:${campaign.id}:v${campaign.version}`, kind: 'update', target: campaign.channelId, updatesKey: `proposal-card:${campaign.id}:r${campaign.proposal.revision}`, campaignId: campaign.id, payload: { text: `decided ${campaign.stage}` } },
  { teamId: campaign.teamId, dedupeKey: `dm-owner:${campaign.id}:v${campaign.version}`, kind: 'dm', target: campaign.ownerId, campaignId: campaign.id, payload: { text: `decision ${campaign.stage}` } },
]

const none: OutboxFor = () => []

function targetOf(db: TestDatabase): DatabaseTarget {
  return db.provider === 'sqlite'
    ? { provider: 'sqlite', file: db.url.slice('file:'.length), url: db.url }
    : { provider: 'postgresql', url: db.url }
}

describe.each(testProviders())('campaign store on %s', (provider) => {
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

  const counts = async () => ({
    campaigns: await database.prisma.campaign.count(),
    proposals: await database.prisma.proposal.count(),
    transitions: await database.prisma.stageTransition.count(),
    outbox: await database.prisma.outboxMessage.count(),
  })

  async function create(overrides: Partial<Proposal> = {}, options: { teamId?: string; viewId?: string; outbox?: OutboxFor; at?: Date } = {}) {
    return campaigns.createProposal({
      teamId: options.teamId ?? 'T1',
      proposal: proposal(overrides),
      createdById: 'U1',
      sourceViewId: options.viewId ?? `V-${overrides.name ?? 'default'}-${options.teamId ?? 'T1'}`,
      at: options.at ?? submittedAt,
      outbox: options.outbox ?? cardAndDm,
    })
  }

  async function created(overrides: Partial<Proposal> = {}, options: Parameters<typeof create>[1] = {}): Promise<Campaign> {
    const result = await create(overrides, options)
    if (result.outcome !== 'created') throw new Error(`expected created, got ${result.outcome}`)
    return result.campaign
  }

  describe('createProposal', () => {
    it('stores the campaign, its proposal, the first transition and the outbox rows in one go', async () => {
      let seen: Campaign | undefined
      const result = await create({}, {
        viewId: 'V1',
        outbox: (campaign) => {
          seen = campaign
          return cardAndDm(campaign)
        },
      })
      expect(result.outcome).toBe('created')
      if (result.outcome !== 'created') return
      const { campaign, outboxIds } = result

      // The callback got the campaign as stored, with its id.
      expect(seen).toBeDefined()
      expect(seen!.id).toBe(campaign.id)
      expect(campaign.id).toBeGreaterThan(0)
      expect(campaign).toMatchObject({
        teamId: 'T1', name: 'Double 11 tea festival', stage: 'proposed', kind: 'own_site', platform: null,
        timingNode: 'sales_peak', startDate: '2026-12-10', endDate: '2026-12-24', channelId: 'C1',
        ownerId: 'U1', approverId: 'U2', createdById: 'U1', version: 0,
      })
      expect(campaign.createdAt.toISOString()).toBe(submittedAt.toISOString())
      expect(campaign.proposal).toEqual({
        theme: 'Tea for two', basicContent: proposal().basicContent, revision: 1,
        decision: null, decidedById: null, decidedAt: null, sendBackReason: null,
      })

      const row = await database.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id }, include: { proposal: true } })
      expect(row.activeNameKey).toBe('double 11 tea festival')
      expect(row.sourceViewId).toBe('V1')
      expect(row.proposal?.submittedAt.toISOString()).toBe(submittedAt.toISOString())

      const transitions = await database.prisma.stageTransition.findMany({ where: { campaignId: campaign.id } })
      expect(transitions).toHaveLength(1)
      expect(transitions[0]).toMatchObject({ fromStage: null, toStage: 'proposed', actorId: 'U1', reason: null })
      expect(transitions[0]!.at.toISOString()).toBe(submittedAt.toISOString())

      const outbox = await database.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })
      expect(outbox.map((o) => o.id)).toEqual(outboxIds)
      expect(outbox.map((o) => ({ key: o.dedupeKey, kind: o.kind, target: o.target, campaignId: o.campaignId, status: o.status, teamId: o.teamId }))).toEqual([
        { key: `proposal-card:${campaign.id}:r1`, kind: 'post', target: 'C1', campaignId: campaign.id, status: 'pending', teamId: 'T1' },
        { key: `dm-approver:${campaign.id}:r1`, kind: 'dm', target: 'U2', campaignId: campaign.id, status: 'pending', teamId: 'T1' },
      ])
      for (const o of outbox) {
        expect(o.nextAttemptAt.toISOString()).toBe(submittedAt.toISOString())
        expect(o.createdAt.toISOString()).toBe(submittedAt.toISOString())
        expect(o.attempts).toBe(0)
      }
      expect(JSON.parse(outbox[0]!.payload)).toEqual({ text: 'card Double 11 tea festival' })
    })

    it('stores nothing when the outbox callback throws', async () => {
      await expect(create({}, { viewId: 'V1', outbox: () => { throw new Error('rendering failed') } })).rejects.toThrow('rendering failed')
      expect(await counts()).toEqual({ campaigns: 0, proposals: 0, transitions: 0, outbox: 0 })
      expect(await campaigns.bySourceView('T1', 'V1')).toBeNull()
      // The name and the view are still free.
      expect(await campaigns.isNameTaken('T1', 'Double 11 tea festival')).toBe(false)
      expect((await create({}, { viewId: 'V1' })).outcome).toBe('created')
    })

    it('stores nothing when the outbox rows clash on a dedupeKey', async () => {
      const twice: OutboxFor = (campaign) => [
        { teamId: campaign.teamId, dedupeKey: `proposal-card:${campaign.id}`, kind: 'post', target: 'C1', payload: { text: 'one' } },
        { teamId: campaign.teamId, dedupeKey: `proposal-card:${campaign.id}`, kind: 'post', target: 'C1', payload: { text: 'two' } },
      ]
      await create({}, { viewId: 'V1', outbox: twice }).catch(() => undefined)
      expect(await counts()).toEqual({ campaigns: 0, proposals: 0, transitions: 0, outbox: 0 })
      expect((await create({}, { viewId: 'V1' })).outcome).toBe('created')
    })

    it('does not report an outbox dedupeKey clash as a name clash', async () => {
      // The name is free: a clash among the posts is a fault of the caller, not something to tell
      // the person as "this name is taken" (they could never submit the proposal at all).
      const clashing: OutboxFor = (campaign) => [
        { teamId: campaign.teamId, dedupeKey: 'same-key', kind: 'post', target: 'C1', payload: { text: 'one' } },
        { teamId: campaign.teamId, dedupeKey: 'same-key', kind: 'post', target: 'C1', payload: { text: 'two' } },
      ]
      const outcome = await create({}, { viewId: 'V1', outbox: clashing }).then((r) => r.outcome, () => 'rejected')
      expect(outcome).toBe('rejected')
      expect(await counts()).toEqual({ campaigns: 0, proposals: 0, transitions: 0, outbox: 0 })
    })

    it('a second submission of the same view finds the first campaign', async () => {
      const first = await created({}, { viewId: 'V1' })
      const second = await create({ name: 'Another name' }, { viewId: 'V1' })
      expect(second.outcome).toBe('duplicate_submission')
      if (second.outcome !== 'duplicate_submission') return
      expect(second.campaign.id).toBe(first.id)
      expect(second.campaign.name).toBe('Double 11 tea festival')
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 1, outbox: 2 })
    })

    it('the same view submitted twice at once makes one campaign', async () => {
      const results = await Promise.all([
        create({}, { viewId: 'V1' }),
        create({}, { viewId: 'V1' }),
      ])
      const outcomes = results.map((r) => r.outcome).sort()
      expect(outcomes).toEqual(['created', 'duplicate_submission'])
      const ids = results.map((r) => (r.outcome === 'name_taken' ? null : r.campaign.id))
      expect(ids[0]).toBe(ids[1])
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 1, outbox: 2 })
    })

    // Two connections in ONE process: PostgreSQL only. SQLite is for one running instance (README),
    // and better-sqlite3's busy wait is synchronous, so a second connection in the same process
    // waiting for the first one's write lock blocks the very event loop that would commit it.
    if (provider === 'postgresql') it('two app instances receiving the same view or the same name at once: one campaign each time', async () => {
      const other = await openDatabase(targetOf(db))
      try {
        const elsewhere = campaignStore(other)
        const input = (name: string, viewId: string) => ({ teamId: 'T1', proposal: proposal({ name }), createdById: 'U1', sourceViewId: viewId, at: submittedAt, outbox: cardAndDm })
        for (let round = 0; round < 5; round += 1) {
          const sameView = await Promise.all([campaigns.createProposal(input(`View ${round}`, `VV${round}`)), elsewhere.createProposal(input(`View ${round}`, `VV${round}`))])
          expect(sameView.map((r) => r.outcome).sort(), `round ${round}`).toEqual(['created', 'duplicate_submission'])
          const sameName = await Promise.all([campaigns.createProposal(input(`Name ${round}`, `VA${round}`)), elsewhere.createProposal(input(`NAME  ${round}`, `VB${round}`))])
          expect(sameName.map((r) => r.outcome).sort(), `round ${round}`).toEqual(['created', 'name_taken'])
        }
        expect(await counts()).toEqual({ campaigns: 10, proposals: 10, transitions: 10, outbox: 20 })
      } finally {
        await other.close()
      }
    })

    it('a name is taken in the team whatever its case and spacing', async () => {
      const first = await created({ name: 'Double 11 tea festival' }, { viewId: 'V1' })
      const second = await create({ name: '  DOUBLE 11   Tea  Festival ' }, { viewId: 'V2' })
      expect(second).toEqual({ outcome: 'name_taken' })
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 1, outbox: 2 })
      expect(await campaigns.isNameTaken('T1', 'double 11 TEA festival')).toBe(true)
      expect(await campaigns.isNameTaken('T1', 'Double 11 tea festival', first.id)).toBe(false)
      expect(await campaigns.isNameTaken('T1', 'Something else')).toBe(false)
      expect(await campaigns.isNameTaken('T2', 'Double 11 tea festival')).toBe(false)
    })

    it('isNameTaken with exceptCampaignId still sees the other holders', async () => {
      const a = await created({ name: 'Spring sale' }, { viewId: 'V1' })
      const b = await created({ name: 'Summer sale' }, { viewId: 'V2' })
      expect(await campaigns.isNameTaken('T1', 'spring sale', a.id)).toBe(false)
      expect(await campaigns.isNameTaken('T1', 'spring sale', b.id)).toBe(true)
      expect(await campaigns.isNameTaken('T1', 'summer  SALE', a.id)).toBe(true)
    })

    it('the same name in another team is fine', async () => {
      const t1 = await created({}, { teamId: 'T1', viewId: 'V1' })
      const t2 = await created({}, { teamId: 'T2', viewId: 'V2' })
      expect(t2.id).not.toBe(t1.id)
      expect(t2.teamId).toBe('T2')
      expect(await database.prisma.campaign.count()).toBe(2)
    })

    it('two proposals of one name at once: exactly one wins', async () => {
      const results = await Promise.all([
        create({ name: 'Mid-autumn mooncakes' }, { viewId: 'V1' }),
        create({ name: 'mid-autumn  MOONCAKES' }, { viewId: 'V2' }),
      ])
      expect(results.map((r) => r.outcome).sort()).toEqual(['created', 'name_taken'])
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 1, outbox: 2 })
    })
  })

  describe('reading', () => {
    it('never returns another team\'s campaigns', async () => {
      const mine = await created({ name: 'Mine' }, { teamId: 'T1', viewId: 'V1' })
      const theirs = await created({ name: 'Theirs' }, { teamId: 'T2', viewId: 'V2' })

      expect((await campaigns.byId('T1', mine.id))?.name).toBe('Mine')
      expect(await campaigns.byId('T1', theirs.id)).toBeNull()
      expect(await campaigns.byId('T2', mine.id)).toBeNull()
      expect(await campaigns.bySourceView('T1', 'V2')).toBeNull()
      expect((await campaigns.bySourceView('T2', 'V2'))?.id).toBe(theirs.id)

      expect((await campaigns.list('T1')).map((c) => c.id)).toEqual([mine.id])
      expect((await campaigns.list('T2')).map((c) => c.id)).toEqual([theirs.id])
      expect(await campaigns.list('T3')).toEqual([])

      expect(await campaigns.find('T1', String(theirs.id))).toEqual([])
      expect(await campaigns.find('T1', `#${theirs.id}`)).toEqual([])
      expect(await campaigns.find('T1', 'Theirs')).toEqual([])
      expect(await campaigns.find('T1', 'the')).toEqual([])
      expect((await campaigns.find('T2', 'Theirs')).map((c) => c.id)).toEqual([theirs.id])
    })

    it('lists by start date, then id', async () => {
      const late = await created({ name: 'Late', startDate: '2027-01-10', endDate: '2027-01-20' }, { viewId: 'V1' })
      const early = await created({ name: 'Early', startDate: '2026-12-05', endDate: '2026-12-20' }, { viewId: 'V2' })
      const alsoEarly = await created({ name: 'Also early', startDate: '2026-12-05', endDate: '2026-12-19' }, { viewId: 'V3' })
      expect((await campaigns.list('T1')).map((c) => c.id)).toEqual([early.id, alsoEarly.id, late.id])
    })

    it('finds by id, #id, exact name and part of a name', async () => {
      const tea = await created({ name: 'Tea festival' }, { viewId: 'V1' })
      const teaSet = await created({ name: 'Tea festival set' }, { viewId: 'V2' })
      const coffee = await created({ name: 'Coffee week' }, { viewId: 'V3' })

      expect((await campaigns.find('T1', String(coffee.id))).map((c) => c.id)).toEqual([coffee.id])
      expect((await campaigns.find('T1', `#${coffee.id}`)).map((c) => c.id)).toEqual([coffee.id])
      expect((await campaigns.find('T1', `  #${tea.id}  `)).map((c) => c.id)).toEqual([tea.id])
      // Exact name wins over the longer names containing it, whatever the case.
      expect((await campaigns.find('T1', 'TEA FESTIVAL')).map((c) => c.id)).toEqual([tea.id])
      expect((await campaigns.find('T1', '  tea   festival ')).map((c) => c.id)).toEqual([tea.id])
      // A part of several names finds them all (newest first).
      expect((await campaigns.find('T1', 'festiv')).map((c) => c.id)).toEqual([teaSet.id, tea.id])
      expect((await campaigns.find('T1', 'WEEK')).map((c) => c.id)).toEqual([coffee.id])
      expect(await campaigns.find('T1', 'nothing like it')).toEqual([])
      expect(await campaigns.find('T1', '#999999')).toEqual([])
    })
  })

  describe('decide', () => {
    it('approves once, from the version the approver saw', async () => {
      const campaign = await created({}, { viewId: 'V1' })
      const approved = await campaigns.decide({ planCurrency: 'CNY',
        teamId: 'T1', campaignId: campaign.id, expectedVersion: campaign.version, decision: 'approve',
        actorId: 'U2', reason: null, at: decidedAt, outbox: decisionPosts,
      })
      expect(approved.outcome).toBe('changed')
      if (approved.outcome !== 'changed') return
      expect(approved.campaign.stage).toBe('planning')
      expect(approved.campaign.version).toBe(campaign.version + 1)
      expect(approved.campaign.proposal.decision).toBe('approved')
      expect(approved.campaign.proposal.decidedById).toBe('U2')
      expect(approved.campaign.proposal.decidedAt?.toISOString()).toBe(decidedAt.toISOString())
      expect(approved.campaign.proposal.sendBackReason).toBeNull()
      expect(approved.outboxIds).toHaveLength(2)

      const stored = await campaigns.byId('T1', campaign.id)
      expect(stored).toEqual(approved.campaign)

      const transitions = await database.prisma.stageTransition.findMany({ where: { campaignId: campaign.id }, orderBy: { id: 'asc' } })
      expect(transitions.map((t) => [t.fromStage, t.toStage, t.actorId])).toEqual([[null, 'proposed', 'U1'], ['proposed', 'planning', 'U2']])
      expect(transitions[1]!.at.toISOString()).toBe(decidedAt.toISOString())

      const outbox = await database.prisma.outboxMessage.findMany({ where: { id: { in: approved.outboxIds } }, orderBy: { id: 'asc' } })
      expect(outbox.map((o) => o.dedupeKey)).toEqual([`card-update:${campaign.id}:v1`, `dm-owner:${campaign.id}:v1`])
      expect(outbox[0]!.updatesKey).toBe(`proposal-card:${campaign.id}:r1`)
      expect(outbox.every((o) => o.nextAttemptAt.toISOString() === decidedAt.toISOString())).toBe(true)

      // A second click from the old version changes nothing.
      let called = false
      const again = await campaigns.decide({ planCurrency: 'CNY',
        teamId: 'T1', campaignId: campaign.id, expectedVersion: campaign.version, decision: 'approve',
        actorId: 'U2', reason: null, at: revisedAt, outbox: (c) => { called = true; return decisionPosts(c) },
      })
      expect(again.outcome).toBe('stale')
      if (again.outcome !== 'stale') return
      expect(again.campaign.stage).toBe('planning')
      expect(again.campaign.version).toBe(1)
      expect(called).toBe(false)
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 2, outbox: 4 })
    })

    it('a decision from the current version on an already decided campaign is stale', async () => {
      const campaign = await created({}, { viewId: 'V1' })
      const first = await campaigns.decide({ planCurrency: 'CNY', teamId: 'T1', campaignId: campaign.id, expectedVersion: 0, decision: 'approve', actorId: 'U2', reason: null, at: decidedAt, outbox: none })
      expect(first.outcome).toBe('changed')
      // Even with the version it now has, a planned campaign is no longer a proposal to decide on.
      const second = await campaigns.decide({ planCurrency: 'CNY', teamId: 'T1', campaignId: campaign.id, expectedVersion: 1, decision: 'send_back', actorId: 'U2', reason: 'no', at: decidedAt, outbox: none })
      expect(second.outcome).toBe('stale')
      expect(await database.prisma.stageTransition.count()).toBe(2)
    })

    it('two decisions at once: exactly one is made', async () => {
      const campaign = await created({}, { viewId: 'V1' })
      const results = await Promise.all([
        campaigns.decide({ planCurrency: 'CNY', teamId: 'T1', campaignId: campaign.id, expectedVersion: 0, decision: 'approve', actorId: 'U2', reason: null, at: decidedAt, outbox: decisionPosts }),
        campaigns.decide({ planCurrency: 'CNY', teamId: 'T1', campaignId: campaign.id, expectedVersion: 0, decision: 'send_back', actorId: 'U2', reason: 'Too late for the season', at: decidedAt, outbox: decisionPosts }),
      ])
      expect(results.map((r) => r.outcome).sort()).toEqual(['changed', 'stale'])
      const winner = results.find((r) => r.outcome === 'changed')!
      const loser = results.find((r) => r.outcome === 'stale')!
      if (winner.outcome !== 'changed' || loser.outcome !== 'stale') return
      expect(loser.campaign.stage).toBe(winner.campaign.stage)
      expect(loser.campaign.version).toBe(1)
      const stored = await campaigns.byId('T1', campaign.id)
      expect(stored?.stage).toBe(winner.campaign.stage)
      expect(stored?.proposal.decision).toBe(winner.campaign.stage === 'planning' ? 'approved' : 'sent_back')
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 2, outbox: 4 })
    })

    // Two connections in ONE process: PostgreSQL only. SQLite is for one running instance (README),
    // and better-sqlite3's busy wait is synchronous, so a second connection in the same process
    // waiting for the first one's write lock blocks the very event loop that would commit it.
    if (provider === 'postgresql') it('two app instances deciding at once on two connections: exactly one decision each time', async () => {
      const other = await openDatabase(targetOf(db))
      try {
        const elsewhere = campaignStore(other)
        for (let round = 0; round < 5; round += 1) {
          const campaign = await created({ name: `Round ${round}` }, { viewId: `V${round}` })
          const results = await Promise.all([
            campaigns.decide({ planCurrency: 'CNY', teamId: 'T1', campaignId: campaign.id, expectedVersion: 0, decision: 'approve', actorId: 'U2', reason: null, at: decidedAt, outbox: decisionPosts }),
            elsewhere.decide({ planCurrency: 'CNY', teamId: 'T1', campaignId: campaign.id, expectedVersion: 0, decision: 'send_back', actorId: 'U2', reason: 'No', at: decidedAt, outbox: decisionPosts }),
          ])
          expect(results.map((r) => r.outcome).sort(), `round ${round}`).toEqual(['changed', 'stale'])
          expect(await database.prisma.stageTransition.count({ where: { campaignId: campaign.id } })).toBe(2)
          expect(await database.prisma.outboxMessage.count({ where: { campaignId: campaign.id } })).toBe(4)
        }
      } finally {
        await other.close()
      }
    })

    it('another team cannot decide', async () => {
      const campaign = await created({}, { viewId: 'V1' })
      const result = await campaigns.decide({ planCurrency: 'CNY', teamId: 'T2', campaignId: campaign.id, expectedVersion: 0, decision: 'approve', actorId: 'U2', reason: null, at: decidedAt, outbox: decisionPosts })
      expect(result).toEqual({ outcome: 'not_found' })
      const stored = await campaigns.byId('T1', campaign.id)
      expect(stored?.stage).toBe('proposed')
      expect(stored?.version).toBe(0)
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 1, outbox: 2 })
    })

    it('an unknown campaign is not_found', async () => {
      const result = await campaigns.decide({ planCurrency: 'CNY', teamId: 'T1', campaignId: 4242, expectedVersion: 0, decision: 'approve', actorId: 'U2', reason: null, at: decidedAt, outbox: decisionPosts })
      expect(result).toEqual({ outcome: 'not_found' })
    })
  })

  describe('send back and revise', () => {
    async function sentBack(overrides: Partial<Proposal> = {}, viewId = 'V1'): Promise<Campaign> {
      const campaign = await created(overrides, { viewId })
      const result = await campaigns.decide({ planCurrency: 'CNY',
        teamId: 'T1', campaignId: campaign.id, expectedVersion: campaign.version, decision: 'send_back',
        actorId: 'U2', reason: 'Make the offer clearer', at: decidedAt, outbox: decisionPosts,
      })
      if (result.outcome !== 'changed') throw new Error(`expected changed, got ${result.outcome}`)
      return result.campaign
    }

    it('a sent-back proposal is revised and goes before the approver again', async () => {
      const back = await sentBack()
      expect(back.stage).toBe('sent_back')
      expect(back.version).toBe(1)
      expect(back.proposal).toMatchObject({ decision: 'sent_back', decidedById: 'U2', sendBackReason: 'Make the offer clearer', revision: 1 })
      // A sent-back campaign still holds its name.
      expect(await campaigns.isNameTaken('T1', 'double 11 tea festival')).toBe(true)

      const revised = await campaigns.revise({
        teamId: 'T1', campaignId: back.id, expectedVersion: back.version,
        proposal: proposal({ name: 'Double 12 tea festival', theme: 'Tea for three', startDate: '2026-12-12', endDate: '2026-12-26' }),
        actorId: 'U1', at: revisedAt, outbox: cardAndDm,
      })
      expect(revised.outcome).toBe('changed')
      if (revised.outcome !== 'changed') return
      expect(revised.campaign).toMatchObject({ stage: 'proposed', version: 2, name: 'Double 12 tea festival', startDate: '2026-12-12', endDate: '2026-12-26' })
      expect(revised.campaign.proposal).toMatchObject({ theme: 'Tea for three', revision: 2, decision: null, decidedById: null, decidedAt: null })
      expect(await campaigns.byId('T1', back.id)).toEqual(revised.campaign)

      const row = await database.prisma.campaign.findUniqueOrThrow({ where: { id: back.id }, include: { proposal: true } })
      expect(row.activeNameKey).toBe('double 12 tea festival')
      expect(row.proposal?.submittedAt.toISOString()).toBe(revisedAt.toISOString())
      // The old name is free again, the new one taken.
      expect(await campaigns.isNameTaken('T1', 'Double 11 tea festival')).toBe(false)
      expect(await campaigns.isNameTaken('T1', 'Double 12 tea festival')).toBe(true)

      const transitions = await database.prisma.stageTransition.findMany({ where: { campaignId: back.id }, orderBy: { id: 'asc' } })
      expect(transitions.map((t) => [t.fromStage, t.toStage, t.actorId])).toEqual([
        [null, 'proposed', 'U1'], ['proposed', 'sent_back', 'U2'], ['sent_back', 'proposed', 'U1'],
      ])
      expect(transitions[1]!.reason).toBe('Make the offer clearer')
      expect(transitions[2]!.at.toISOString()).toBe(revisedAt.toISOString())

      const keys = (await database.prisma.outboxMessage.findMany({ where: { id: { in: revised.outboxIds } }, orderBy: { id: 'asc' } })).map((o) => o.dedupeKey)
      expect(keys).toEqual([`proposal-card:${back.id}:r2`, `dm-approver:${back.id}:r2`])
      expect(await database.prisma.outboxMessage.count()).toBe(6)

      // The revision can be decided on again, from its new version.
      const approved = await campaigns.decide({ planCurrency: 'CNY', teamId: 'T1', campaignId: back.id, expectedVersion: 2, decision: 'approve', actorId: 'U2', reason: null, at: revisedAt, outbox: none })
      expect(approved.outcome).toBe('changed')
    })

    it('revising a campaign that was not sent back is stale', async () => {
      const campaign = await created({}, { viewId: 'V1' })
      const result = await campaigns.revise({
        teamId: 'T1', campaignId: campaign.id, expectedVersion: campaign.version, proposal: proposal({ theme: 'Changed' }),
        actorId: 'U1', at: revisedAt, outbox: cardAndDm,
      })
      expect(result.outcome).toBe('stale')
      if (result.outcome !== 'stale') return
      expect(result.campaign.proposal.theme).toBe('Tea for two')
      expect(result.campaign.version).toBe(0)
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 1, outbox: 2 })
    })

    it('revising from an old version is stale, and from another team not_found', async () => {
      const back = await sentBack()
      const old = await campaigns.revise({ teamId: 'T1', campaignId: back.id, expectedVersion: 0, proposal: proposal(), actorId: 'U1', at: revisedAt, outbox: cardAndDm })
      expect(old.outcome).toBe('stale')
      const foreign = await campaigns.revise({ teamId: 'T2', campaignId: back.id, expectedVersion: back.version, proposal: proposal(), actorId: 'U1', at: revisedAt, outbox: cardAndDm })
      expect(foreign).toEqual({ outcome: 'not_found' })
      expect((await campaigns.byId('T1', back.id))?.stage).toBe('sent_back')
      expect(await counts()).toEqual({ campaigns: 1, proposals: 1, transitions: 2, outbox: 4 })
    })

    it('revising to a name another campaign in flight holds is name_taken, and changes nothing', async () => {
      await created({ name: 'Coffee week' }, { viewId: 'V0' })
      const back = await sentBack({ name: 'Tea week' }, 'V1')
      const before = await counts()
      const result = await campaigns.revise({
        teamId: 'T1', campaignId: back.id, expectedVersion: back.version,
        proposal: proposal({ name: ' COFFEE  week', theme: 'Changed theme' }),
        actorId: 'U1', at: revisedAt, outbox: cardAndDm,
      })
      expect(result).toEqual({ outcome: 'name_taken' })
      expect(await campaigns.byId('T1', back.id)).toEqual(back)
      const row = await database.prisma.campaign.findUniqueOrThrow({ where: { id: back.id } })
      expect(row.activeNameKey).toBe('tea week')
      expect(await counts()).toEqual(before)
      // And the revision still goes through under a free name.
      const retry = await campaigns.revise({
        teamId: 'T1', campaignId: back.id, expectedVersion: back.version, proposal: proposal({ name: 'Tea week' }),
        actorId: 'U1', at: revisedAt, outbox: cardAndDm,
      })
      expect(retry.outcome).toBe('changed')
    })
  })
})
