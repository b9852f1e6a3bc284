// A task finished or rescheduled cancels its deadline reminders still waiting in the outbox, in
// the same transaction as the change (Slack down, say: they must not go out when it is back), and
// resets what the planner remembers of them; doneAt follows the status. On both databases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseTarget } from '../../src/config.ts'
import { campaignStages } from '../../src/domain/campaign.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { enqueue } from '../../src/store/outbox.ts'
import type { SectionChange } from '../../src/store/planSections.ts'
import { createStore, type Store } from '../../src/store/store.ts'
import { taskSectionChanges } from '../../src/store/tasks.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'
import { seedCampaign } from '../support/live.ts'

const at = new Date('2026-12-08T15:00:00Z')

function targetOf(db: TestDatabase): DatabaseTarget {
  return db.provider === 'sqlite' ? { provider: 'sqlite', file: db.url.slice('file:'.length), url: db.url } : { provider: 'postgresql', url: db.url }
}

describe.each(testProviders())('a task\'s pending reminders on %s', (provider) => {
  let db: TestDatabase
  let database: Database
  let store: Store

  beforeEach(async () => {
    db = await freshDatabase(provider)
    database = await openDatabase(targetOf(db))
    store = createStore(database)
  })
  afterEach(async () => {
    await database?.close()
    await db?.cleanup()
  })

  const reminderRow = (taskId: number, day: string) => ({
    teamId: 'T1', dedupeKey: `reminder:${taskId}:${day}`, kind: 'dm' as const, target: 'U3', payload: { text: '' },
  })
  const statusOf = async (taskId: number, day: string) =>
    (await database.prisma.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `reminder:${taskId}:${day}` } })).status
  const task = (id: number) => database.prisma.task.findUniqueOrThrow({ where: { id } })
  const change = (campaignId: number, apply: SectionChange) =>
    store.plans.changeSection({ teamId: 'T1', campaignId, section: 'tasks', actorId: 'U1', at, outbox: () => [], stages: campaignStages, change: apply })

  it('finishing a task supersedes its pending reminders only, stamps doneAt, and reopening clears it', async () => {
    const { campaignId, taskIds: [a, b] } = await seedCampaign(database.prisma, {
      startDate: '2026-12-01', endDate: '2026-12-20', tasks: [{ dueDate: '2026-12-09', ownerId: 'U3' }, { dueDate: '2026-12-09', ownerId: 'U3' }],
    })
    await database.prisma.$transaction((tx) => enqueue(tx, [reminderRow(a!, '2026-12-07'), reminderRow(a!, '2026-12-08'), reminderRow(b!, '2026-12-08')], at))
    await database.prisma.outboxMessage.updateMany({ where: { dedupeKey: `reminder:${a}:2026-12-07` }, data: { status: 'sent' } })

    expect((await change(campaignId, taskSectionChanges.setStatus(a!, () => ({ status: 'done', blockedReason: null }), at))).outcome).toBe('changed')
    expect(await statusOf(a!, '2026-12-08')).toBe('superseded')
    expect((await database.prisma.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `reminder:${a}:2026-12-08` } })).lastError).toBe('task_done')
    expect(await statusOf(a!, '2026-12-07')).toBe('sent')
    expect(await statusOf(b!, '2026-12-08')).toBe('pending')
    expect((await task(a!)).doneAt?.toISOString()).toBe(at.toISOString())

    await change(campaignId, taskSectionChanges.setStatus(a!, () => ({ status: 'todo', blockedReason: null }), at))
    expect((await task(a!)).doneAt).toBeNull()
  })

  it('a new due date supersedes the pending reminders and forgets the last reminder and the snooze; another edit does not', async () => {
    const { campaignId, taskIds: [a] } = await seedCampaign(database.prisma, { startDate: '2026-12-01', endDate: '2026-12-20', tasks: [{ dueDate: '2026-12-09', ownerId: 'U3' }] })
    await database.prisma.task.update({ where: { id: a! }, data: { lastReminderOn: '2026-12-08', snoozedUntil: '2026-12-10' } })
    await database.prisma.$transaction((tx) => enqueue(tx, [reminderRow(a!, '2026-12-08')], at))
    const value = (dueDate: string, title = 'Task 1') => ({ title, stage: 'content' as const, ownerId: 'U3', startDate: '2026-12-01', dueDate })

    expect((await change(campaignId, taskSectionChanges.edit(a!, 0, value('2026-12-09', 'Renamed')))).outcome).toBe('changed')
    expect(await statusOf(a!, '2026-12-08')).toBe('pending')
    expect(await task(a!)).toMatchObject({ lastReminderOn: '2026-12-08', snoozedUntil: '2026-12-10' })

    expect((await change(campaignId, taskSectionChanges.edit(a!, 1, value('2026-12-11')))).outcome).toBe('changed')
    expect(await statusOf(a!, '2026-12-08')).toBe('superseded')
    expect(await task(a!)).toMatchObject({ dueDate: '2026-12-11', lastReminderOn: null, snoozedUntil: null })
  })
})
