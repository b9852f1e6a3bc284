// The portfolio's reads (issue 17, part 3): every scheduled and live campaign of a workspace with
// its goals, its open tasks' due dates and its chosen budget scenario's totals, in five statements
// whatever the number of campaigns (no query per campaign); and the weekly summary's schedule and
// its once-a-week compare-and-set, written with its outbox row in one transaction.
import { CampaignStage } from '../domain/campaign.ts'
import type { DigestGoal } from '../domain/digest.ts'
import { isTimeZone, type IsoWeekday } from '../domain/localTime.ts'
import { defaultPaceMarginPercent, goalCurves, type GoalCurve } from '../domain/pace.ts'
import type { GoalMetric } from '../domain/plan.ts'
import type { PortfolioSource, SummarySchedule } from '../domain/portfolio.ts'
import type { BulkRead, PrismaDb } from './database.ts'
import type { DirectSql } from './directSql.ts'
import { enqueueSqlite, postgresOutboxValues, type OutboxDraft } from './outbox.ts'

export type PortfolioRead = {
  sources: PortfolioSource[]
  marginPercent: number
  /** The workspace's channel language; null = the reader's. */
  locale: string | null
}

export type SummarySettings = { channelId: string | null; weekday: IsoWeekday | null; time: string | null }

type CampaignRow = {
  id: number | string; name: string; stage: string; startDate: string; endDate: string; ownerId: string; channelId: string
  timeZone: string | null; ownerZone: string | null; currency: string | null
}
type GoalRow = {
  id: number | string; campaignId: number | string; metric: string; customMetric: string | null; unit: string | null
  targetMinor: bigint | number | string | null; targetValue: number | null
  actualMinor: bigint | number | string | null; actualValue: number | null; actualAsOf: string | null; curve: string
}
type TaskRow = { campaignId: number | string; dueDate: string; count: number | string }
type BudgetRow = { campaignId: number | string; total: bigint | number | string | null; spent: bigint | number | string | null; recorded: number | string }

const asNumber = (minor: bigint | number | string | null, value: number | null): number | null =>
  minor !== null ? Number(minor) : value === null ? null : Number(value)

const settleWeekSql = `UPDATE "WorkspaceSettings" SET "portfolioLastWeek" = ? WHERE "teamId" = ? AND ("portfolioLastWeek" IS NULL OR "portfolioLastWeek" < ?)`

const inFlight = `c."teamId" = ? AND c."stage" IN ('scheduled', 'live')`

export function portfolioStore(prisma: PrismaDb, bulkRead: BulkRead, direct: DirectSql) {
  return {
    /** Every scheduled and live campaign of the team, with what the portfolio shows of it. */
    async read(teamId: string): Promise<PortfolioRead> {
      const workspace = await prisma.workspaceSettings.findUnique({ where: { teamId }, select: { timeZone: true, paceMarginPercent: true, locale: true } })
      const [campaigns, goals, tasks, budgets] = await Promise.all([
        bulkRead(
          `SELECT c."id", c."name", c."stage", c."startDate", c."endDate", c."ownerId", c."channelId", c."timeZone",
                  p."timeZone" AS "ownerZone", pl."currency"
           FROM "Campaign" c
           LEFT JOIN "Person" p ON p."teamId" = c."teamId" AND p."userId" = c."ownerId"
           LEFT JOIN "Plan" pl ON pl."campaignId" = c."id"
           WHERE ${inFlight} ORDER BY c."id"`, [teamId],
        ) as Promise<CampaignRow[]>,
        bulkRead(
          `SELECT g."id", g."campaignId", g."metric", g."customMetric", g."unit", g."targetMinor", g."targetValue",
                  g."actualMinor", g."actualValue", g."actualAsOf", g."curve"
           FROM "Goal" g JOIN "Campaign" c ON c."id" = g."campaignId" WHERE ${inFlight} ORDER BY g."campaignId", g."position", g."id"`, [teamId],
        ) as Promise<GoalRow[]>,
        // Due dates only, counted: whether one is overdue depends on the campaign's own today.
        bulkRead(
          `SELECT t."campaignId", t."dueDate", count(*) AS "count"
           FROM "Task" t JOIN "Campaign" c ON c."id" = t."campaignId" WHERE ${inFlight} AND t."status" <> 'done'
           GROUP BY t."campaignId", t."dueDate"`, [teamId],
        ) as Promise<TaskRow[]>,
        bulkRead(
          `SELECT s."campaignId", sum(l."amountMinor") AS "total", sum(l."actualMinor") AS "spent", count(l."actualMinor") AS "recorded"
           FROM "BudgetScenario" s JOIN "Campaign" c ON c."id" = s."campaignId" LEFT JOIN "BudgetLine" l ON l."scenarioId" = s."id"
           WHERE ${inFlight} AND s."chosen" GROUP BY s."campaignId"`, [teamId],
        ) as Promise<BudgetRow[]>,
      ])
      const goalsOf = new Map<number, DigestGoal[]>()
      for (const row of goals) {
        const campaignId = Number(row.campaignId)
        const list = goalsOf.get(campaignId) ?? []
        list.push({
          id: Number(row.id), metric: row.metric as GoalMetric, customMetric: row.customMetric, unit: row.unit,
          money: row.targetMinor !== null || row.metric === 'revenue',
          target: asNumber(row.targetMinor, row.targetValue), actual: asNumber(row.actualMinor, row.actualValue) ?? 0, actualAsOf: row.actualAsOf,
          curve: (goalCurves as readonly string[]).includes(row.curve) ? (row.curve as GoalCurve) : 'linear',
        })
        goalsOf.set(campaignId, list)
      }
      const dueDatesOf = new Map<number, string[]>()
      for (const row of tasks) {
        const campaignId = Number(row.campaignId)
        const list = dueDatesOf.get(campaignId) ?? []
        for (let i = 0; i < Number(row.count); i++) list.push(row.dueDate)
        dueDatesOf.set(campaignId, list)
      }
      const budgetOf = new Map(budgets.map((row) => [Number(row.campaignId), {
        chosenTotalMinor: Number(row.total ?? 0),
        // Spend is entered only in the retrospective: while live it is usually not recorded.
        spentMinor: Number(row.recorded) > 0 ? Number(row.spent ?? 0) : null,
      }]))
      const zone = (...candidates: Array<string | null | undefined>) => candidates.find((c): c is string => !!c && isTimeZone(c)) ?? 'UTC'
      return {
        sources: campaigns.map((row) => {
          const id = Number(row.id)
          return {
            id, name: row.name, stage: row.stage === CampaignStage.Live ? CampaignStage.Live : CampaignStage.Scheduled,
            startDate: row.startDate, endDate: row.endDate, ownerId: row.ownerId, channelId: row.channelId, currency: row.currency,
            timeZone: zone(row.timeZone, workspace?.timeZone, row.ownerZone),
            goals: goalsOf.get(id) ?? [], openTaskDueDates: dueDatesOf.get(id) ?? [], budget: budgetOf.get(id) ?? null,
          }
        }),
        marginPercent: workspace?.paceMarginPercent ?? defaultPaceMarginPercent,
        locale: workspace?.locale ?? null,
      }
    },

    async summarySettings(teamId: string): Promise<SummarySettings> {
      const row = await prisma.workspaceSettings.findUnique({ where: { teamId }, select: { portfolioChannelId: true, portfolioWeekday: true, portfolioTime: true } })
      return { channelId: row?.portfolioChannelId ?? null, weekday: (row?.portfolioWeekday ?? null) as IsoWeekday | null, time: row?.portfolioTime ?? null }
    },

    async saveSummarySettings(teamId: string, settings: SummarySettings): Promise<void> {
      const data = { portfolioChannelId: settings.channelId, portfolioWeekday: settings.weekday, portfolioTime: settings.time }
      await prisma.workspaceSettings.upsert({ where: { teamId }, create: { teamId, ...data }, update: data })
    },

    /** Workspaces that chose a summary channel, with their schedule. */
    async summarySchedules(): Promise<Array<{ teamId: string; schedule: SummarySchedule }>> {
      const rows = await prisma.workspaceSettings.findMany({
        where: { portfolioChannelId: { not: null } },
        select: { teamId: true, timeZone: true, portfolioChannelId: true, portfolioWeekday: true, portfolioTime: true, portfolioLastWeek: true },
      })
      return rows.map((row) => ({
        teamId: row.teamId,
        schedule: {
          channelId: row.portfolioChannelId, weekday: (row.portfolioWeekday ?? null) as IsoWeekday | null, time: row.portfolioTime,
          timeZone: row.timeZone && isTimeZone(row.timeZone) ? row.timeZone : null, lastWeek: row.portfolioLastWeek,
        },
      }))
    },

    /**
     * Settles the week's summary once: marks the week (only if no instance did) and writes its
     * outbox row (none in a quiet week), all or nothing. The row's ids, or null when the week
     * was settled already (by another instance or an earlier pass).
     */
    async settleSummaryWeek(teamId: string, week: string, draft: OutboxDraft | null, now: Date): Promise<number[] | null> {
      // Straight through the driver (directSql.ts): on SQLite a Prisma transaction held open across
      // awaits would keep a second instance in the same process waiting on the lock it cannot free.
      if (direct.provider === 'sqlite') {
        return direct.transaction((sql) => {
          const settled = sql.run(settleWeekSql, week, teamId, week)
          if (settled !== 1) return null
          return draft ? enqueueSqlite(sql, [draft], now) : []
        })
      }
      const [at, rows] = postgresOutboxValues(draft ? [draft] : [], now)
      // One statement: the week is marked and the row written together, or neither.
      const [result] = await direct.query<{ settled: number; ids: number[] | null }>('portfolio-settle-week',
        `WITH "settled" AS (
           UPDATE "WorkspaceSettings" SET "portfolioLastWeek" = $3
           WHERE "teamId" = $4 AND ("portfolioLastWeek" IS NULL OR "portfolioLastWeek" < $3) RETURNING "teamId"
         ), "inserted" AS (
           INSERT INTO "OutboxMessage" ("teamId", "dedupeKey", "kind", "target", "updatesKey", "campaignId", "payload", "nextAttemptAt", "createdAt")
           SELECT e.row->>'teamId', e.row->>'dedupeKey', e.row->>'kind', e.row->>'target', e.row->>'updatesKey', (e.row->>'campaignId')::int,
                  e.row->>'payload', (e.row->>'nextAttemptAt')::timestamp(3), $1::timestamp(3)
           FROM json_array_elements($2::json) AS e(row) WHERE EXISTS (SELECT 1 FROM "settled")
           RETURNING "id"
         )
         SELECT (SELECT count(*) FROM "settled")::int AS "settled", (SELECT array_agg("id") FROM "inserted") AS "ids"`,
        [at, rows, week, teamId],
      )
      if (!result || Number(result.settled) !== 1) return null
      return (result.ids ?? []).map(Number)
    },
  }
}

export type PortfolioStore = ReturnType<typeof portfolioStore>
