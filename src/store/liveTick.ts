// The live stage's reads and writes for one scheduler pass: everything the planner needs in a fixed
// handful of queries (campaigns, workspaces' settings, people, open tasks, task tallies, goals —
// batched by joins, never one query per campaign, so 10,000 campaigns cost what 100 do), and what
// the planner found due written in one transaction: the outbox rows (a multi-row insert that skips
// keys already there, so a second instance writing the same plan adds nothing) and the planner's
// memory of what it wrote (last digest, reminder, prompt and alert days), one statement each.
import { CampaignStage } from '../domain/campaign.ts'
import { effectiveSettings } from '../domain/liveSettings.ts'
import {
  personKey, type DueItem, type LivePlan, type LiveSnapshot, type PlannedCampaign, type PlannedPerson,
} from '../domain/livePlanner.ts'
import { defaultPaceMarginPercent, goalCurves, type GoalCurve } from '../domain/pace.ts'
import type { PrismaDb } from './database.ts'
import { campaignOverridesSelect, toWorkspaceSettings, workspaceSettingsSelect } from './settings.ts'

export type LiveTickOptions = {
  provider: 'sqlite' | 'postgresql'
}

/** Where each due item is posted: a channel, or a person's DM. */
export function outboxTargetOf(item: DueItem): { kind: 'post' | 'dm'; target: string } {
  switch (item.kind) {
    case 'digest':
    case 'pace_alert':
      return { kind: 'post', target: item.channelId }
    default:
      return { kind: 'dm', target: item.userId }
  }
}

const activeStages = [CampaignStage.Scheduled, CampaignStage.Live]

/** Dates that can still be "today" somewhere on earth, and the reminders' look-ahead past them. */
function dueHorizon(now: Date): string {
  // UTC+14 is the earliest zone; a reminder's lead is at most 14 working days (about 20 calendar
  // days, more around long holidays): 40 days covers it.
  return new Date(now.getTime() + 14 * 3_600_000 + 40 * 86_400_000).toISOString().slice(0, 10)
}

const asNumber = (minor: bigint | null, value: number | null): number | null =>
  minor !== null ? Number(minor) : value

export function liveTickStore(prisma: PrismaDb, options: LiveTickOptions) {
  const sqlite = options.provider === 'sqlite'
  // DateTime as each provider stores it: Prisma writes SQLite's as ISO text with an offset.
  const stamp = (at: Date) => (sqlite ? at.toISOString().replace('Z', '+00:00') : at.toISOString())

  /** UPDATE <table> SET <columns from JSON> FROM a JSON array of rows, matched on id: one statement. */
  async function updateFromJson(
    tx: Pick<PrismaDb, '$executeRawUnsafe'>, table: 'Campaign' | 'Task' | 'Goal', columns: readonly string[], rows: readonly Record<string, unknown>[],
  ): Promise<void> {
    if (rows.length === 0) return
    const json = JSON.stringify(rows)
    if (sqlite) {
      const sets = columns.map((column) => `"${column}" = json_extract(j.value, '$.${column}')`).join(', ')
      await tx.$executeRawUnsafe(`UPDATE "${table}" SET ${sets} FROM json_each(?) AS j WHERE "${table}"."id" = json_extract(j.value, '$.id')`, json)
    } else {
      const sets = columns.map((column) => `"${column}" = x."${column}"`).join(', ')
      const shape = ['"id" int', ...columns.map((column) => `"${column}" text`)].join(', ')
      await tx.$executeRawUnsafe(`UPDATE "${table}" AS t SET ${sets} FROM json_to_recordset($1::json) AS x(${shape}) WHERE t."id" = x."id"`, json)
    }
  }

  return {
    /** Everything the live planner looks at, read at `now`. */
    async snapshot(now: Date): Promise<LiveSnapshot & { unknownOwnerZones: number }> {
      const campaigns = await prisma.campaign.findMany({
        where: { stage: { in: activeStages } },
        select: {
          id: true, teamId: true, stage: true, startDate: true, endDate: true, ownerId: true, channelId: true, pausedAt: true,
          lastDigestOn: true, lastDigestState: true, ...campaignOverridesSelect,
        },
        orderBy: { id: 'asc' },
      })
      const workspaces = await prisma.workspaceSettings.findMany({ select: { teamId: true, paceMarginPercent: true, ...workspaceSettingsSelect } })
      const people = await prisma.person.findMany({
        select: { teamId: true, userId: true, timeZone: true, deactivated: true, awayUntil: true },
      })
      const horizon = dueHorizon(now)
      const openTasks = await prisma.task.findMany({
        where: { campaign: { stage: { in: activeStages }, pausedAt: null }, status: { not: 'done' }, dueDate: { lte: horizon } },
        select: { id: true, campaignId: true, ownerId: true, dueDate: true, lastReminderOn: true, snoozedUntil: true },
      })
      const tallies = await prisma.task.groupBy({
        by: ['campaignId', 'status'],
        where: { campaign: { stage: CampaignStage.Live, pausedAt: null } },
        _count: { _all: true },
      })
      const goals = await prisma.goal.findMany({
        where: { campaign: { stage: CampaignStage.Live, pausedAt: null } },
        select: {
          id: true, campaignId: true, dataOwnerId: true, targetMinor: true, targetValue: true, actualMinor: true, actualValue: true,
          actualAsOf: true, curve: true, lastPromptOn: true, lastAlertOn: true,
        },
      })

      const peopleByKey = new Map<string, PlannedPerson>(people.map((row) => [personKey(row.teamId, row.userId), row]))
      const byTeam = new Map(workspaces.map((row) => [row.teamId, row]))
      let unknownOwnerZones = 0
      const planned: PlannedCampaign[] = []
      for (const row of campaigns) {
        const workspace = byTeam.get(row.teamId)
        const ownerZone = peopleByKey.get(personKey(row.teamId, row.ownerId))?.timeZone ?? null
        // A campaign whose zone is still unknown (owner not yet looked up) waits for a later pass
        // rather than posting by the wrong midnight.
        if (!row.timeZone && !workspace?.timeZone && !ownerZone) {
          unknownOwnerZones++
          continue
        }
        planned.push({
          id: row.id, teamId: row.teamId, stage: row.stage as CampaignStage, paused: row.pausedAt !== null,
          startDate: row.startDate, endDate: row.endDate, ownerId: row.ownerId, channelId: row.channelId,
          lastDigestOn: row.lastDigestOn, lastDigestState: row.lastDigestState,
          settings: {
            ...effectiveSettings(toWorkspaceSettings(workspace ?? null), {
              timeZone: row.timeZone, digestTime: row.digestTime, promptTime: row.promptTime, quietDigests: row.quietDigests,
            }, ownerZone),
            paceMarginPercent: workspace?.paceMarginPercent ?? defaultPaceMarginPercent,
          },
        })
      }
      const talliesByCampaign = new Map<number, { campaignId: number; done: number; total: number }>()
      for (const row of tallies) {
        const tally = talliesByCampaign.get(row.campaignId) ?? { campaignId: row.campaignId, done: 0, total: 0 }
        tally.total += row._count._all
        if (row.status === 'done') tally.done += row._count._all
        talliesByCampaign.set(row.campaignId, tally)
      }
      return {
        campaigns: planned,
        openTasks,
        tallies: [...talliesByCampaign.values()],
        goals: goals.map((goal) => ({
          id: goal.id, campaignId: goal.campaignId, dataOwnerId: goal.dataOwnerId,
          target: asNumber(goal.targetMinor, goal.targetValue),
          actual: asNumber(goal.actualMinor, goal.actualValue) ?? 0,
          actualAsOf: goal.actualAsOf,
          curve: (goalCurves as readonly string[]).includes(goal.curve) ? (goal.curve as GoalCurve) : 'linear',
          lastPromptOn: goal.lastPromptOn, lastAlertOn: goal.lastAlertOn,
        })),
        people: peopleByKey,
        unknownOwnerZones,
      }
    },

    /**
     * Writes a plan: the outbox rows of its items (those whose key is already there are skipped)
     * and the days it settled, in one transaction. The ids of the rows this call added, for the
     * dispatcher to deliver now; another instance that wrote the same plan first leaves none.
     */
    async record(plan: LivePlan, now: Date): Promise<number[]> {
      if (plan.items.length === 0 && plan.quietDigests.length === 0) return []
      const rows = plan.items.map((item) => ({
        teamId: item.teamId, dedupeKey: item.key, campaignId: item.campaignId, ...outboxTargetOf(item),
        // Rendered when delivered (src/slack/live/): it shows things as they are then, and a
        // reminder for a task finished meanwhile is dropped instead of sent.
        payload: JSON.stringify({ text: '', live: item }),
      }))
      return prisma.$transaction(async (tx) => {
        let inserted: { id: number }[] = []
        if (rows.length > 0) {
          const json = JSON.stringify(rows)
          inserted = sqlite
            ? await tx.$queryRawUnsafe<{ id: number }[]>(
                `INSERT INTO "OutboxMessage" ("teamId", "dedupeKey", "campaignId", "kind", "target", "payload", "nextAttemptAt", "createdAt")
                 SELECT json_extract(value, '$.teamId'), json_extract(value, '$.dedupeKey'), json_extract(value, '$.campaignId'),
                        json_extract(value, '$.kind'), json_extract(value, '$.target'), json_extract(value, '$.payload'), ?, ?
                 FROM json_each(?) WHERE true
                 ON CONFLICT ("teamId", "dedupeKey") DO NOTHING RETURNING "id"`,
                stamp(now), stamp(now), json,
              )
            : await tx.$queryRawUnsafe<{ id: number }[]>(
                `INSERT INTO "OutboxMessage" ("teamId", "dedupeKey", "campaignId", "kind", "target", "payload", "nextAttemptAt", "createdAt")
                 SELECT x."teamId", x."dedupeKey", x."campaignId", x."kind", x."target", x."payload", $1::timestamp(3), $1::timestamp(3)
                 FROM json_to_recordset($2::json) AS x("teamId" text, "dedupeKey" text, "campaignId" int, "kind" text, "target" text, "payload" text)
                 ON CONFLICT ("teamId", "dedupeKey") DO NOTHING RETURNING "id"`,
                stamp(now), json,
              )
        }
        const digests = [
          ...plan.items.flatMap((item) => (item.kind === 'digest' ? [{ id: item.campaignId, lastDigestOn: item.day, lastDigestState: item.state }] : [])),
          ...plan.quietDigests.map((quiet) => ({ id: quiet.campaignId, lastDigestOn: quiet.day, lastDigestState: quiet.state })),
        ]
        await updateFromJson(tx, 'Campaign', ['lastDigestOn', 'lastDigestState'], digests)
        await updateFromJson(tx, 'Task', ['lastReminderOn'], plan.items.flatMap((item) => (item.kind === 'reminder' ? [{ id: item.taskId, lastReminderOn: item.day }] : [])))
        await updateFromJson(tx, 'Goal', ['lastPromptOn'], plan.items.flatMap((item) => (item.kind === 'metric_prompt' ? item.goalIds.map((id) => ({ id, lastPromptOn: item.day })) : [])))
        await updateFromJson(tx, 'Goal', ['lastAlertOn'], plan.items.flatMap((item) => (item.kind === 'pace_alert' ? [{ id: item.goalId, lastAlertOn: item.day }] : [])))
        return inserted.map((row) => Number(row.id))
      })
    },

    /** People the scheduler should ask Slack about: concerned by an active campaign and never (or long ago) looked up. */
    async peopleToRefresh(now: Date, olderThanMs: number, limit: number): Promise<{ teamId: string; userId: string }[]> {
      const stale = new Date(now.getTime() - olderThanMs)
      const known = await prisma.person.findMany({ where: { refreshedAt: { gte: stale } }, select: { teamId: true, userId: true } })
      const fresh = new Set(known.map((row) => personKey(row.teamId, row.userId)))
      const wanted: { teamId: string; userId: string }[] = []
      const add = (teamId: string, userId: string | null) => {
        if (!userId || wanted.length >= limit) return
        const key = personKey(teamId, userId)
        if (fresh.has(key)) return
        fresh.add(key)
        wanted.push({ teamId, userId })
      }
      // Campaign owners first: their zone decides when a campaign's day begins.
      for (const row of await prisma.campaign.findMany({ where: { stage: { in: activeStages } }, select: { teamId: true, ownerId: true } })) add(row.teamId, row.ownerId)
      if (wanted.length < limit) {
        for (const row of await prisma.task.findMany({ where: { campaign: { stage: { in: activeStages } }, status: { not: 'done' } }, select: { teamId: true, ownerId: true }, distinct: ['teamId', 'ownerId'] })) add(row.teamId, row.ownerId)
      }
      if (wanted.length < limit) {
        for (const row of await prisma.goal.findMany({ where: { campaign: { stage: CampaignStage.Live } }, select: { dataOwnerId: true, campaign: { select: { teamId: true } } } })) add(row.campaign.teamId, row.dataOwnerId)
      }
      return wanted
    },
  }
}

export type LiveTickStore = ReturnType<typeof liveTickStore>
