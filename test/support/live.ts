// Live campaigns straight in the database, for tests of the live stage and the retrospective that
// need many campaigns, tasks and goals in a given state (plan.test.ts and tasks.test.ts walk the
// forms that make them). Every row is scoped like the app's: team, campaign, plan, proposal.
import type { PrismaDb } from '../../src/store/database.ts'
import { openDatabase } from '../../src/store/database.ts'
import type { Rig } from './harness.ts'

export type SeedTask = { title?: string; stage?: string; ownerId?: string; startDate?: string; dueDate: string; status?: string; doneAt?: Date | null }
export type SeedGoal = {
  metric?: string; customMetric?: string | null; unit?: string | null; targetValue?: number | null; targetMinor?: bigint | null
  dataOwnerId?: string | null; curve?: 'linear' | 'front_loaded'
}
export type SeedCampaign = {
  teamId?: string; name?: string; channelId?: string; ownerId?: string; approverId?: string
  stage?: 'scheduled' | 'live' | 'retrospective' | 'closed'
  kind?: 'own_site' | 'platform'; platform?: string | null; purpose?: 'brand_awareness' | 'sales' | null
  startDate: string; endDate: string
  /** The campaign's own zone (an override); null = the workspace's, else its owner's. */
  timeZone?: string | null; digestTime?: string | null; promptTime?: string | null; quietDigests?: boolean | null
  currency?: string
  tasks?: SeedTask[]; goals?: SeedGoal[]
  /** Promotion items' promoters (one item per id, on the start date). */
  promoterIds?: string[]
}

let serial = 0

/** Creates the campaign (with its proposal, plan, tasks, goals and promotion items); returns its ids. */
export async function seedCampaign(prisma: PrismaDb, seed: SeedCampaign): Promise<{ campaignId: number; taskIds: number[]; goalIds: number[] }> {
  const now = new Date()
  const teamId = seed.teamId ?? 'T1'
  const name = seed.name ?? `Seeded campaign ${++serial}-${Math.random().toString(36).slice(2, 7)}`
  const stage = seed.stage ?? 'live'
  const campaign = await prisma.campaign.create({
    data: {
      teamId, name, activeNameKey: stage === 'closed' ? null : name.toLowerCase(), stage, kind: seed.kind ?? 'own_site', platform: seed.platform ?? null,
      timingNode: 'sales_peak', startDate: seed.startDate, endDate: seed.endDate, channelId: seed.channelId ?? 'C1',
      ownerId: seed.ownerId ?? 'U1', approverId: seed.approverId ?? 'U2', createdById: seed.ownerId ?? 'U1',
      timeZone: seed.timeZone ?? null, digestTime: seed.digestTime ?? null, promptTime: seed.promptTime ?? null, quietDigests: seed.quietDigests ?? null,
      proposal: { create: { theme: `${name} theme`, basicContent: 'Basic content', decision: 'approved', decidedById: seed.approverId ?? 'U2', decidedAt: now } },
      plan: { create: { currency: seed.currency ?? 'USD', purpose: seed.purpose ?? 'sales' } },
    },
    select: { id: true },
  })
  const taskIds: number[] = []
  for (const task of seed.tasks ?? []) {
    const row = await prisma.task.create({
      data: {
        campaignId: campaign.id, teamId, title: task.title ?? `Task ${taskIds.length + 1}`, stage: task.stage ?? 'content',
        startDate: task.startDate ?? seed.startDate, dueDate: task.dueDate, ownerId: task.ownerId ?? 'U1', status: task.status ?? 'todo',
        doneAt: task.doneAt ?? null, createdAt: now,
      },
      select: { id: true },
    })
    taskIds.push(row.id)
  }
  const goalIds: number[] = []
  for (const [position, goal] of (seed.goals ?? []).entries()) {
    const row = await prisma.goal.create({
      data: {
        campaignId: campaign.id, metric: goal.metric ?? 'signups', customMetric: goal.customMetric ?? null, unit: goal.unit ?? null,
        targetValue: goal.targetMinor != null ? null : (goal.targetValue ?? 1000), targetMinor: goal.targetMinor ?? null,
        basisKind: 'reasoned', basis: 'Last year plus 10 %', dataOwnerId: goal.dataOwnerId === undefined ? 'U3' : goal.dataOwnerId,
        curve: goal.curve ?? 'linear', position,
      },
      select: { id: true },
    })
    goalIds.push(row.id)
  }
  for (const promoterId of seed.promoterIds ?? []) {
    await prisma.promotionItem.create({ data: { campaignId: campaign.id, channel: 'weibo', what: 'Launch post', onDate: seed.startDate, promoterId } })
  }
  return { campaignId: campaign.id, taskIds, goalIds }
}

/** The same, on a rig's database (opened and closed around the call). */
export async function seedLiveCampaign(rig: Rig, seed: SeedCampaign): Promise<{ campaignId: number; taskIds: number[]; goalIds: number[] }> {
  const database = await openDatabase(rig.config.database)
  try {
    return await seedCampaign(database.prisma, seed)
  } finally {
    await database.close()
  }
}

/** Runs `work` with the rig's database open. */
export async function withDatabase<T>(rig: Rig, work: (prisma: PrismaDb) => Promise<T>): Promise<T> {
  const database = await openDatabase(rig.config.database)
  try {
    return await work(database.prisma)
  } finally {
    await database.close()
  }
}
