// Seeding many campaigns and tasks for App Home tests and the bench, through the app's own store
// (the same transactions the listeners run), without posting anything: a hundred clicks through
// the proposal and task modals would only make the setup slow.
import type { Config } from '../../src/config.ts'
import { proposalInputSchema } from '../../src/domain/proposal.ts'
import type { WorkStage } from '../../src/domain/tasks.ts'
import { openDatabase } from '../../src/store/database.ts'
import { taskSectionChanges } from '../../src/store/tasks.ts'
import { createStore, type Store } from '../../src/store/store.ts'

export async function withStore<T>(config: Pick<Config, 'database'>, work: (store: Store) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.database)
  try {
    return await work(createStore(database))
  } finally {
    await database.close()
  }
}

export type SeedTask = { title: string; ownerId: string; dueDate: string; startDate?: string; stage?: WorkStage }

export type SeedCampaign = {
  name: string
  ownerId: string
  approverId: string
  /** Left proposed (not approved) when false. */
  approved?: boolean
  tasks?: SeedTask[]
  channelId?: string
  startDate?: string
  endDate?: string
}

/** Creates each campaign (approved unless said otherwise) with its tasks; returns their ids. */
export async function seedCampaigns(config: Pick<Config, 'database'>, campaigns: SeedCampaign[], at: Date, teamId = 'T1'): Promise<number[]> {
  return withStore(config, async (store) => {
    const ids: number[] = []
    for (const spec of campaigns) {
      const proposal = proposalInputSchema.parse({
        name: spec.name, theme: 'Seeded for App Home', basicContent: 'A campaign made by the test seed.', kind: 'own_site',
        timingNode: 'sales_peak', startDate: spec.startDate ?? '2026-12-10', endDate: spec.endDate ?? '2026-12-24',
        channelId: spec.channelId ?? 'C1', ownerId: spec.ownerId, approverId: spec.approverId,
      })
      const created = await store.campaigns.createProposal({ teamId, proposal, createdById: spec.ownerId, sourceViewId: `seed:${spec.name}`, at, outbox: () => [] })
      if (created.outcome !== 'created') throw new Error(`seed: ${spec.name} was not created (${created.outcome})`)
      const campaignId = created.campaign.id
      ids.push(campaignId)
      if (spec.approved === false) continue
      const decided = await store.campaigns.decide({
        teamId, campaignId, expectedVersion: created.campaign.version, decision: 'approve', actorId: spec.approverId, reason: null,
        at, outbox: () => [], planCurrency: 'CNY',
      })
      if (decided.outcome !== 'changed') throw new Error(`seed: ${spec.name} was not approved (${decided.outcome})`)
      if (!spec.tasks?.length) continue
      const tasks = spec.tasks
      const added = await store.plans.changeSection({
        teamId, campaignId, section: 'tasks', actorId: spec.ownerId, at, outbox: () => [],
        change: async (tx, id, before) => {
          for (const task of tasks) {
            await taskSectionChanges.add(teamId, {
              title: task.title, ownerId: task.ownerId, stage: task.stage ?? 'content', startDate: task.startDate ?? '2026-11-20', dueDate: task.dueDate,
            }, at, {})(tx, id, before)
          }
          return true
        },
      })
      if (added.outcome !== 'changed') throw new Error(`seed: tasks of ${spec.name} were not added (${added.outcome})`)
    }
    return ids
  })
}

/** A calendar date `days` after 2026-12-01 (negative: before), as the rigs' clocks start then. */
export function dayFromDecember(days: number): string {
  return new Date(Date.UTC(2026, 11, 1 + days)).toISOString().slice(0, 10)
}

/**
 * The largest Home the brief names: `campaigns` campaigns with `perCampaign` open tasks each for
 * `taskOwnerId` (due dates spread around today, some overdue), names and titles at their longest,
 * with mrkdwn's control characters in them.
 */
export function busyPerson(taskOwnerId: string, opts: { campaigns: number; perCampaign: number; ownerId: string; approverId: string; prefix: string; language: 'en' | 'zh' }): SeedCampaign[] {
  const word = opts.language === 'zh' ? '双十一茶叶节<推广>&' : 'Tea <festival> & friends '
  const long = (start: string, max: number) => (start + word.repeat(200)).slice(0, max)
  return Array.from({ length: opts.campaigns }, (_, c) => ({
    name: long(`${opts.prefix} ${c + 1} `, 80),
    ownerId: opts.ownerId,
    approverId: opts.approverId,
    tasks: Array.from({ length: opts.perCampaign }, (_, t) => ({
      title: long(`${opts.prefix} task ${c + 1}.${t + 1} `, 150),
      ownerId: taskOwnerId,
      dueDate: dayFromDecember(((c * opts.perCampaign + t) % 40) - 10),
    })),
  }))
}
