// The live stage's reads and writes for one scheduler pass: everything the planner needs in a fixed
// handful of queries (campaigns, workspaces' settings, people, open tasks, task tallies, goals —
// batched by joins, never one query per campaign, so 10,000 campaigns cost what 100 do), and what
// the planner found due written in one transaction: the outbox rows (a multi-row insert that skips
// keys already there, so a second instance writing the same plan adds nothing) and the planner's
// memory of what it wrote (last digest, reminder, prompt and alert days), one statement each.
import { CampaignStage } from '../domain/campaign.ts'
import { defaultReminderLeadDays, effectiveSettings } from '../domain/liveSettings.ts'
import { isWorkingDay, mondayToFriday, workingCalendarKey, type WorkingDaySettings } from '../domain/localTime.ts'
import {
  personKey, type DueItem, type LivePlan, type LiveSnapshot, type PlannedCampaign, type PlannedPerson, type PlannedTask, type TaskTally,
} from '../domain/livePlanner.ts'
import { defaultPaceMarginPercent, goalCurves, type GoalCurve } from '../domain/pace.ts'
import type { BulkRead, PrismaDb } from './database.ts'
import { campaignOverridesSelect, toWorkspaceSettings, workspaceSettingsSelect } from './settings.ts'

export type LiveTickOptions = {
  provider: 'sqlite' | 'postgresql'
  bulkRead: BulkRead
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

/** Due items written per transaction. */
const recordSlice = 5_000

/** The latest date it is anywhere on earth at `now` (UTC+14). */
function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10)
}

/**
 * The last due date a reminder can be written for at `now`: a 'before' reminder comes `lead`
 * working days ahead, so the due date is at most `lead` working days after the latest date on
 * earth, in the workspace's calendar (weekends and public holidays stretch it).
 */
function dueHorizon(now: Date, calendars: readonly { lead: number; days: WorkingDaySettings }[]): string {
  let horizon = latestToday(now)
  for (const { lead, days } of calendars) {
    let day = latestToday(now)
    for (let found = 0, steps = 0; found < lead && steps < 400; steps++) {
      day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      if (isWorkingDay(day, days)) found++
    }
    if (day > horizon) horizon = day
  }
  return horizon
}

const asNumber = (minor: bigint | number | string | null, value: number | null): number | null =>
  minor !== null ? Number(minor) : value === null ? null : Number(value)

type CampaignRow = {
  id: number; teamId: string; stage: string; startDate: string; endDate: string; ownerId: string; channelId: string
  paused: boolean | number; lastDigestOn: string | null; lastDigestState: string | null
  timeZone: string | null; digestTime: string | null; promptTime: string | null; quietDigests: boolean | number | null
}
type TallyRow = { campaignId: number; status: string; count: number | string; firstDue: string | null; lastChange: string | number | null }
type GoalRow = {
  id: number; campaignId: number; dataOwnerId: string | null; targetMinor: bigint | number | string | null; targetValue: number | null
  actualMinor: bigint | number | string | null; actualValue: number | null; actualAsOf: string | null; curve: string
  lastPromptOn: string | null; lastAlertOn: string | null
}

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


  /** One slice of a plan: its outbox rows and the days it settled, in one transaction. */
  async function recordSlicePlan(plan: LivePlan, now: Date): Promise<number[]> {
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
    }, { timeout: 30_000 })
  }

  return {
    /** Everything the live planner looks at, read at `now`. */
    async snapshot(now: Date): Promise<LiveSnapshot & { unknownOwnerZones: number }> {
      // The big reads go straight through the driver (see BulkRead): plain columns, joined by SQL.
      const read = options.bulkRead
      const live = `c."stage" = 'live' AND c."pausedAt" IS NULL`
      const campaigns = (await read(
        `SELECT c."id", c."teamId", c."stage", c."startDate", c."endDate", c."ownerId", c."channelId", c."pausedAt" IS NOT NULL AS "paused",
                c."lastDigestOn", c."lastDigestState", c."timeZone", c."digestTime", c."promptTime", c."quietDigests"
         FROM "Campaign" c WHERE c."stage" IN ('scheduled', 'live') ORDER BY c."id"`,
      )) as CampaignRow[]
      const workspaces = await prisma.workspaceSettings.findMany({ select: { teamId: true, paceMarginPercent: true, ...workspaceSettingsSelect } })
      const people = await prisma.person.findMany({
        select: { teamId: true, userId: true, timeZone: true, deactivated: true, awayUntil: true },
      })
      // One horizon for every workspace (the furthest): each distinct calendar and lead, and the default's.
      // Each workspace's settings read once, so its campaigns share one list of its own days (and one cached calendar).
      const settingsByTeam = new Map(workspaces.map((row) => [row.teamId, toWorkspaceSettings(row)]))
      const calendars = [toWorkspaceSettings(null), ...settingsByTeam.values()].map((settings) => ({
        lead: settings.reminderLeadDays ?? defaultReminderLeadDays,
        days: { workingDays: settings.workingDays?.length ? settings.workingDays : mondayToFriday, country: settings.country, calendarDays: settings.calendarDays },
      }))
      const distinctCalendars = [...new Map(calendars.map((calendar) => [`${calendar.lead}:${workingCalendarKey(calendar.days)}`, calendar])).values()]
      const openTasks = (await read(
        `SELECT t."id", t."campaignId", t."ownerId", t."dueDate", t."lastReminderOn", t."snoozedUntil"
         FROM "Task" t JOIN "Campaign" c ON c."id" = t."campaignId"
         WHERE c."stage" IN ('scheduled', 'live') AND c."pausedAt" IS NULL AND t."status" <> 'done'
           AND t."dueDate" <= ? AND (t."lastReminderOn" IS NULL OR t."lastReminderOn" < ?)`,
        [dueHorizon(now, distinctCalendars), latestToday(now)],
      )) as PlannedTask[]
      const lastChange = sqlite ? `max(t."updatedAt")` : `(extract(epoch from max(t."updatedAt")) * 1000)::float8`
      const tallies = (await read(
        `SELECT t."campaignId", t."status", count(*) AS "count", min(t."dueDate") AS "firstDue", ${lastChange} AS "lastChange"
         FROM "Task" t JOIN "Campaign" c ON c."id" = t."campaignId"
         WHERE ${live} AND (c."lastDigestOn" IS NULL OR c."lastDigestOn" < ?) GROUP BY t."campaignId", t."status"`,
        // A campaign whose digest was settled on the latest date on earth has had today's everywhere.
        [latestToday(now)],
      )) as TallyRow[]
      const goals = (await read(
        `SELECT g."id", g."campaignId", g."dataOwnerId", g."targetMinor", g."targetValue", g."actualMinor", g."actualValue",
                g."actualAsOf", g."curve", g."lastPromptOn", g."lastAlertOn"
         FROM "Goal" g JOIN "Campaign" c ON c."id" = g."campaignId" WHERE ${live}`,
      )) as GoalRow[]

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
          id: row.id, teamId: row.teamId, stage: row.stage as CampaignStage, paused: Boolean(row.paused),
          startDate: row.startDate, endDate: row.endDate, ownerId: row.ownerId, channelId: row.channelId,
          lastDigestOn: row.lastDigestOn, lastDigestState: row.lastDigestState,
          settings: {
            ...effectiveSettings(settingsByTeam.get(row.teamId) ?? null, {
              timeZone: row.timeZone, digestTime: row.digestTime, promptTime: row.promptTime,
              quietDigests: row.quietDigests === null ? null : Boolean(row.quietDigests),
            }, ownerZone),
            paceMarginPercent: workspace?.paceMarginPercent ?? defaultPaceMarginPercent,
          },
        })
      }
      const talliesByCampaign = new Map<number, TaskTally>()
      for (const row of tallies) {
        const campaignId = Number(row.campaignId)
        const count = Number(row.count)
        const tally = talliesByCampaign.get(campaignId) ?? { campaignId, done: 0, total: 0, firstOpenDue: null, lastChange: 0 }
        tally.total += count
        if (row.status === 'done') tally.done += count
        else if (row.firstDue && (tally.firstOpenDue === null || row.firstDue < tally.firstOpenDue)) tally.firstOpenDue = row.firstDue
        // SQLite keeps the instant as ISO text, PostgreSQL's comes as milliseconds.
        const changed = typeof row.lastChange === 'string' ? Date.parse(row.lastChange) : Number(row.lastChange ?? 0)
        tally.lastChange = Math.max(tally.lastChange, Number.isFinite(changed) ? changed : 0)
        talliesByCampaign.set(campaignId, tally)
      }
      return {
        campaigns: planned,
        openTasks: openTasks.map((task) => ({ ...task, id: Number(task.id), campaignId: Number(task.campaignId) })),
        tallies: [...talliesByCampaign.values()],
        goals: goals.map((goal) => ({
          id: Number(goal.id), campaignId: Number(goal.campaignId), dataOwnerId: goal.dataOwnerId,
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
     * and the days it settled. The ids of the rows this call added, for the dispatcher to deliver;
     * another instance that wrote the same plan first leaves none.
     */
    async record(plan: LivePlan, now: Date): Promise<number[]> {
      // The morning a whole workspace's digests and reminders fall due is tens of thousands of rows:
      // written in slices, each slice's rows and markers in one transaction (a slice written twice
      // by two instances still adds each row once).
      const ids: number[] = []
      for (let first = 0; first === 0 || first < plan.items.length; first += recordSlice) {
        const slice = {
          items: plan.items.slice(first, first + recordSlice),
          quietDigests: first === 0 ? plan.quietDigests : [],
        }
        ids.push(...await recordSlicePlan(slice, now))
        if (plan.items.length === 0) break
      }
      return ids
    },

    /**
     * People the scheduler should ask Slack about: concerned by an active campaign (its owner first,
     * whose zone decides when its day begins; then task owners, then data owners) and never, or
     * long ago, looked up. One statement that returns at most `limit` rows: it runs every minute.
     */
    async peopleToRefresh(now: Date, olderThanMs: number, limit: number): Promise<{ teamId: string; userId: string }[]> {
      const rows = await options.bulkRead(
        `SELECT w."teamId", w."userId" FROM (
           SELECT c."teamId", c."ownerId" AS "userId", 0 AS "rank" FROM "Campaign" c WHERE c."stage" IN ('scheduled', 'live')
           UNION
           SELECT t."teamId", t."ownerId", 1 FROM "Task" t JOIN "Campaign" c ON c."id" = t."campaignId"
           WHERE c."stage" IN ('scheduled', 'live') AND t."status" <> 'done'
           UNION
           SELECT c."teamId", g."dataOwnerId", 2 FROM "Goal" g JOIN "Campaign" c ON c."id" = g."campaignId"
           WHERE c."stage" = 'live' AND g."dataOwnerId" IS NOT NULL
         ) w
         LEFT JOIN "Person" p ON p."teamId" = w."teamId" AND p."userId" = w."userId" AND p."refreshedAt" >= ?
         WHERE p."userId" IS NULL
         GROUP BY w."teamId", w."userId"
         ORDER BY min(w."rank"), w."teamId", w."userId"
         LIMIT ?`,
        [stamp(new Date(now.getTime() - olderThanMs)), limit],
      )
      return rows.map((row) => ({ teamId: String(row.teamId), userId: String(row.userId) }))
    },
  }
}

export type LiveTickStore = ReturnType<typeof liveTickStore>
