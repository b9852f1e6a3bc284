// The retrospective's reads and writes: the campaigns in their retrospective with everything the
// scheduler's step looks at (a fixed handful of queries, never one per campaign), one person's
// retro form with what prefills it, saving a retro (one per person, with the owner's actuals, in
// one transaction, refused once the report is compiled), and the prompt and the reminder each
// written once: a compare-and-set on the campaign's day marker with its outbox rows.
import { CampaignStage } from '../domain/campaign.ts'
import { effectiveSettings } from '../domain/liveSettings.ts'
import { localDateIn } from '../domain/localTime.ts'
import { personKey } from '../domain/livePlanner.ts'
import {
  everyoneAnswered, retroParticipants, retroStages,
  type RetroAnswer, type RetroActuals, type RetroCandidate, type RetroStage, type WouldRunAgain,
} from '../domain/retro.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { enqueue, type OutboxDraft } from './outbox.ts'
import { campaignOverridesSelect, toWorkspaceSettings, workspaceSettingsSelect } from './settings.ts'

/** A participant as the step sees them: whether they may be messaged today. */
export type RetroPerson = { deactivated: boolean; awayUntil: string | null; timeZone: string | null }

export type RetroStepCandidate = RetroCandidate & {
  name: string
  /** Workspace channel language, if an admin set one. */
  locale: string | null
  people: ReadonlyMap<string, RetroPerson>
}

export type RetroFormGoal = {
  id: number; metric: string; customMetric: string | null; unit: string | null; money: boolean
  target: number | null; actual: number | null; final: number | null
}
export type RetroFormLine = { id: number; category: string; channel: string | null; amountMinor: number; actualMinor: number | null }
export type RetroFormPrize = { id: number; name: string; quantity: number; givenOut: number | null }

export type SavedRetro = RetroAnswer & { version: number; submittedAt: Date; updatedAt: Date }

/** Everything a person's retro form shows, as things are now. */
export type RetroForm = {
  campaign: {
    id: number; teamId: string; name: string; stage: CampaignStage; ownerId: string; channelId: string
    endDate: string; reportCompiledAt: Date | null
  }
  currency: string
  participants: string[]
  stages: RetroStage[]
  mine: SavedRetro | null
  goals: RetroFormGoal[]
  /** The chosen budget scenario's lines (none chosen: the first scenario's). */
  lines: RetroFormLine[]
  prizes: RetroFormPrize[]
}

export type RetroSaved =
  | { outcome: 'saved'; version: number; allAnswered: boolean }
  | { outcome: 'stale'; version: number }
  | { outcome: 'not_participant' }
  | { outcome: 'not_open'; stage: CampaignStage; compiled: boolean }
  | { outcome: 'not_found' }

function groupByCampaign<T extends { campaignId: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const group = groups.get(row.campaignId)
    if (group) group.push(row)
    else groups.set(row.campaignId, [row])
  }
  return groups
}

/** Campaigns the scheduler's step looks at: in their retrospective, report not compiled. */
const retrospectiveOpen = { stage: CampaignStage.Retrospective as string, reportCompiledAt: null }

const asNumber = (minor: bigint | null, value: number | null): number | null => (minor !== null ? Number(minor) : value)

/**
 * The campaign whose retro is being saved, locked (a write on its row) so that a compile and a save
 * never cross; or why it cannot take answers: not there, or not (any longer) in its retrospective.
 */
async function openRetroIn(tx: PrismaTx, input: { teamId: string; campaignId: number; at: Date }) {
  const campaign = await tx.campaign.findFirst({
    where: { id: input.campaignId, teamId: input.teamId },
    select: { id: true, teamId: true, stage: true, ownerId: true, approverId: true, reportCompiledAt: true },
  })
  if (!campaign) return { outcome: 'not_found' as const }
  const { count } = await tx.campaign.updateMany({
    where: { id: campaign.id, stage: CampaignStage.Retrospective, reportCompiledAt: null }, data: { updatedAt: input.at },
  })
  if (count === 0) return { outcome: 'not_open' as const, stage: campaign.stage as CampaignStage, compiled: campaign.reportCompiledAt !== null }
  return { outcome: 'open' as const, campaign }
}

export function retroStore(prisma: PrismaDb) {
  /** Participants of these campaigns, from the campaign rows and three batched reads. */
  async function participantsOf(
    db: Pick<PrismaDb, 'task' | 'goal' | 'promotionItem'>, campaigns: readonly { id: number; ownerId: string; approverId: string }[],
    /** Which campaigns' rows to read: by a filter on the campaign (many), else by their ids (a few). */
    campaignFilter?: typeof retrospectiveOpen,
  ): Promise<Map<number, { participants: string[]; stages: string[] }>> {
    const which = campaignFilter ? { campaign: campaignFilter } : { campaignId: { in: campaigns.map((campaign) => campaign.id) } }
    const tasks = await db.task.findMany({ where: which, select: { campaignId: true, ownerId: true, stage: true }, distinct: ['campaignId', 'ownerId', 'stage'] })
    const goals = await db.goal.findMany({ where: which, select: { campaignId: true, dataOwnerId: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] })
    const promoters = await db.promotionItem.findMany({ where: which, select: { campaignId: true, promoterId: true }, orderBy: { id: 'asc' } })
    const byCampaign = new Map<number, { participants: string[]; stages: string[] }>()
    const tasksOf = groupByCampaign(tasks)
    const goalsOf = groupByCampaign(goals)
    const promotersOf = groupByCampaign(promoters)
    for (const campaign of campaigns) {
      const own = <T>(groups: Map<number, T[]>) => groups.get(campaign.id) ?? []
      const campaignTasks = own(tasksOf)
      byCampaign.set(campaign.id, {
        participants: retroParticipants({
          ownerId: campaign.ownerId, approverId: campaign.approverId,
          taskOwnerIds: campaignTasks.map((task) => task.ownerId),
          dataOwnerIds: own(goalsOf).map((goal) => goal.dataOwnerId),
          promoterIds: own(promotersOf).map((item) => item.promoterId),
        }),
        stages: campaignTasks.map((task) => task.stage),
      })
    }
    return byCampaign
  }

  /** Whether everyone who can still answer has, inside a transaction. */
  async function allAnsweredIn(tx: PrismaTx, campaign: { id: number; teamId: string; ownerId: string; approverId: string }): Promise<boolean> {
    const { participants } = (await participantsOf(tx, [campaign])).get(campaign.id)!
    const answered = await tx.retro.findMany({ where: { campaignId: campaign.id }, select: { respondentId: true } })
    const gone = await tx.person.findMany({ where: { teamId: campaign.teamId, userId: { in: participants }, deactivated: true }, select: { userId: true } })
    return everyoneAnswered(participants, answered.map((row) => row.respondentId), gone.map((row) => row.userId))
  }

  /** The owner's final figures, each on its own row of this campaign (an id of another campaign changes nothing). */
  async function writeActuals(tx: PrismaTx, campaignId: number, actuals: RetroActuals): Promise<void> {
    for (const goal of actuals.goals) {
      const data = goal.money
        ? { finalMinor: goal.final === null ? null : BigInt(goal.final), finalValue: null }
        : { finalValue: goal.final, finalMinor: null }
      await tx.goal.updateMany({ where: { id: goal.id, campaignId }, data })
    }
    for (const line of actuals.lines) {
      await tx.budgetLine.updateMany({
        where: { id: line.id, scenario: { campaignId } }, data: { actualMinor: line.actualMinor === null ? null : BigInt(line.actualMinor) },
      })
    }
    for (const prize of actuals.prizes) {
      await tx.prize.updateMany({ where: { id: prize.id, campaignId }, data: { givenOut: prize.givenOut } })
    }
  }

  return {
    /** Every campaign in its retrospective whose report is not compiled, with what the step needs. */
    async candidates(): Promise<{ campaigns: RetroStepCandidate[]; waitingForZone: number }> {
      // Rows of those campaigns are read by a filter on the campaign, never a list of ids: a few
      // thousand ids would pass SQLite's limit of bound variables.
      const rows = await prisma.campaign.findMany({
        where: retrospectiveOpen,
        select: {
          id: true, teamId: true, name: true, ownerId: true, approverId: true, channelId: true, endDate: true,
          retroPromptOn: true, retroReminderOn: true, ...campaignOverridesSelect,
        },
        orderBy: { id: 'asc' },
      })
      if (rows.length === 0) return { campaigns: [], waitingForZone: 0 }
      const teamIds = [...new Set(rows.map((row) => row.teamId))]
      const workspaces = await prisma.workspaceSettings.findMany({ where: { teamId: { in: teamIds } }, select: { teamId: true, ...workspaceSettingsSelect } })
      const ended = await prisma.stageTransition.findMany({
        where: { campaign: retrospectiveOpen, toStage: CampaignStage.Retrospective }, select: { campaignId: true, at: true }, orderBy: { at: 'asc' },
      })
      const answers = await prisma.retro.findMany({ where: { campaign: retrospectiveOpen }, select: { campaignId: true, respondentId: true } })
      const involved = await participantsOf(prisma, rows, retrospectiveOpen)
      const people = await prisma.person.findMany({
        where: { teamId: { in: teamIds } },
        select: { teamId: true, userId: true, timeZone: true, deactivated: true, awayUntil: true },
      })
      const peopleByKey = new Map<string, RetroPerson>(people.map((row) => [personKey(row.teamId, row.userId), row]))
      // Read once per workspace: its campaigns share one list of its own days.
      const byTeam = new Map(workspaces.map((row) => [row.teamId, toWorkspaceSettings(row)]))
      const answersOf = groupByCampaign(answers)
      // The first move to the retrospective is the end (transitions come oldest first).
      const endedAtOf = new Map<number, Date>()
      for (const transition of ended) if (!endedAtOf.has(transition.campaignId)) endedAtOf.set(transition.campaignId, transition.at)
      const campaigns: RetroStepCandidate[] = []
      let waitingForZone = 0
      for (const row of rows) {
        const workspace = byTeam.get(row.teamId) ?? null
        const ownerZone = peopleByKey.get(personKey(row.teamId, row.ownerId))?.timeZone ?? null
        // As the live stage: a campaign whose zone is unknown waits rather than prompt by the wrong morning.
        if (!row.timeZone && !workspace?.timeZone && !ownerZone) {
          waitingForZone++
          continue
        }
        const settings = effectiveSettings(workspace, {
          timeZone: row.timeZone, digestTime: row.digestTime, promptTime: row.promptTime, quietDigests: row.quietDigests,
        }, ownerZone)
        // Ended early: its last day is the day it was ended.
        const endedAt = endedAtOf.get(row.id)
        const endedOn = endedAt ? localDateIn(endedAt, settings.timeZone) : null
        const { participants } = involved.get(row.id)!
        const teamPeople = new Map(participants.flatMap((userId) => {
          const person = peopleByKey.get(personKey(row.teamId, userId))
          return person ? [[userId, person] as const] : []
        }))
        campaigns.push({
          id: row.id, teamId: row.teamId, name: row.name, ownerId: row.ownerId, channelId: row.channelId,
          endDate: endedOn && endedOn < row.endDate ? endedOn : row.endDate,
          settings, retroPromptOn: row.retroPromptOn, retroReminderOn: row.retroReminderOn,
          participants,
          answered: (answersOf.get(row.id) ?? []).map((answer) => answer.respondentId),
          gone: participants.filter((userId) => teamPeople.get(userId)?.deactivated),
          locale: workspace?.locale ?? null,
          people: teamPeople,
        })
      }
      return { campaigns, waitingForZone }
    },

    /**
     * Marks the prompt (or the reminder) as sent on `day` and writes its rows, once: a second
     * instance, or a later tick, finds the marker set and writes nothing. Rows whose key is
     * already there (an away notice the live stage wrote) are left as they are. Ids written.
     */
    async recordStep(input: { teamId: string; campaignId: number; kind: 'prompt' | 'reminder'; day: string; drafts: OutboxDraft[]; at: Date }): Promise<number[] | null> {
      return prisma.$transaction(async (tx) => {
        const marker = input.kind === 'prompt'
          ? { where: { retroPromptOn: null }, data: { retroPromptOn: input.day } }
          : { where: { retroPromptOn: { not: null }, retroReminderOn: null }, data: { retroReminderOn: input.day } }
        const { count } = await tx.campaign.updateMany({
          where: { id: input.campaignId, teamId: input.teamId, stage: CampaignStage.Retrospective, reportCompiledAt: null, ...marker.where },
          data: marker.data,
        })
        if (count === 0) return null
        const keys = input.drafts.map((draft) => draft.dedupeKey)
        const existing = new Set((await tx.outboxMessage.findMany({ where: { teamId: input.teamId, dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map((row) => row.dedupeKey))
        return enqueue(tx, input.drafts.filter((draft) => !existing.has(draft.dedupeKey)), input.at)
      })
    },

    /** One person's retro form of a campaign: the campaign, the questions and what prefills them. */
    async form(teamId: string, campaignId: number, respondentId: string): Promise<RetroForm | null> {
      const campaign = await prisma.campaign.findFirst({
        where: { id: campaignId, teamId },
        select: {
          id: true, teamId: true, name: true, stage: true, ownerId: true, approverId: true, channelId: true, endDate: true, reportCompiledAt: true,
          plan: { select: { currency: true } },
        },
      })
      if (!campaign) return null
      const involved = (await participantsOf(prisma, [campaign])).get(campaign.id)!
      const mine = await prisma.retro.findUnique({
        where: { campaignId_respondentId: { campaignId, respondentId } },
        include: { entries: true },
      })
      const goals = await prisma.goal.findMany({ where: { campaignId }, orderBy: [{ position: 'asc' }, { id: 'asc' }] })
      const scenarios = await prisma.budgetScenario.findMany({
        where: { campaignId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { lines: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
      })
      const scenario = scenarios.find((candidate) => candidate.chosen) ?? scenarios[0]
      const prizes = await prisma.prize.findMany({ where: { campaignId }, orderBy: { id: 'asc' } })
      return {
        campaign: {
          id: campaign.id, teamId: campaign.teamId, name: campaign.name, stage: campaign.stage as CampaignStage, ownerId: campaign.ownerId,
          channelId: campaign.channelId, endDate: campaign.endDate, reportCompiledAt: campaign.reportCompiledAt,
        },
        currency: campaign.plan?.currency ?? 'USD',
        participants: involved.participants,
        stages: retroStages(involved.stages),
        mine: mine && {
          overallEffect: mine.overallEffect, biggestLesson: mine.biggestLesson, wouldRunAgain: mine.wouldRunAgain as WouldRunAgain,
          entries: mine.entries.map((entry) => ({ stage: entry.stage as RetroStage, worked: entry.worked, failed: entry.failed })),
          version: mine.version, submittedAt: mine.submittedAt, updatedAt: mine.updatedAt,
        },
        goals: goals.map((goal) => ({
          id: goal.id, metric: goal.metric, customMetric: goal.customMetric, unit: goal.unit, money: goal.metric === 'revenue',
          target: asNumber(goal.targetMinor, goal.targetValue), actual: asNumber(goal.actualMinor, goal.actualValue), final: asNumber(goal.finalMinor, goal.finalValue),
        })),
        lines: (scenario?.lines ?? []).map((line) => ({
          id: line.id, category: line.category, channel: line.channel, amountMinor: Number(line.amountMinor),
          actualMinor: line.actualMinor === null ? null : Number(line.actualMinor),
        })),
        prizes: prizes.map((prize) => ({ id: prize.id, name: prize.name, quantity: prize.quantity, givenOut: prize.givenOut })),
      }
    },

    /**
     * Saves one person's retro (a second save replaces the first and bumps its version) and, for
     * the owner, the actuals, in one transaction; refused once the report is compiled. The
     * campaign row is locked first, so a compile and a save never cross.
     */
    async save(input: {
      teamId: string; campaignId: number; respondentId: string; expectedVersion: number | null; answer: RetroAnswer; actuals: RetroActuals | null; at: Date
    }): Promise<RetroSaved> {
      return prisma.$transaction(async (tx) => {
        const opened = await openRetroIn(tx, input)
        if (opened.outcome !== 'open') return opened
        const { campaign } = opened
        const { participants } = (await participantsOf(tx, [campaign])).get(campaign.id)!
        if (!participants.includes(input.respondentId)) return { outcome: 'not_participant' as const }

        const key = { campaignId_respondentId: { campaignId: campaign.id, respondentId: input.respondentId } }
        const existing = await tx.retro.findUnique({ where: key, select: { id: true, version: true } })
        // A form opened before another save of the same retro (in another window, say) is out of date.
        if (existing && existing.version !== input.expectedVersion) {
          return { outcome: 'stale' as const, version: existing.version }
        }
        const fields = { overallEffect: input.answer.overallEffect, biggestLesson: input.answer.biggestLesson, wouldRunAgain: input.answer.wouldRunAgain, updatedAt: input.at }
        const retro = existing
          ? await tx.retro.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 } }, select: { id: true, version: true } })
          : await tx.retro.create({ data: { campaignId: campaign.id, respondentId: input.respondentId, ...fields, submittedAt: input.at }, select: { id: true, version: true } })
        await tx.retroEntry.deleteMany({ where: { retroId: retro.id } })
        const entries = input.answer.entries.filter((entry) => entry.worked || entry.failed)
        if (entries.length > 0) {
          await tx.retroEntry.createMany({ data: entries.map((entry) => ({ retroId: retro.id, stage: entry.stage, worked: entry.worked, failed: entry.failed })) })
        }
        if (input.actuals && input.respondentId === campaign.ownerId) await writeActuals(tx, campaign.id, input.actuals)
        return { outcome: 'saved' as const, version: retro.version, allAnswered: await allAnsweredIn(tx, campaign) }
      })
    },

    /** The owner's actuals alone (their second page, when the form could not hold them). */
    async saveActuals(input: { teamId: string; campaignId: number; ownerId: string; actuals: RetroActuals; at: Date }): Promise<
      | { outcome: 'saved'; allAnswered: boolean } | { outcome: 'not_owner' }
      | { outcome: 'not_open'; stage: CampaignStage; compiled: boolean } | { outcome: 'not_found' }
    > {
      return prisma.$transaction(async (tx) => {
        const opened = await openRetroIn(tx, input)
        if (opened.outcome !== 'open') return opened
        const { campaign } = opened
        if (campaign.ownerId !== input.ownerId) return { outcome: 'not_owner' as const }
        await writeActuals(tx, campaign.id, input.actuals)
        return { outcome: 'saved' as const, allAnswered: await allAnsweredIn(tx, campaign) }
      })
    },
  }
}

export type RetroStore = ReturnType<typeof retroStore>
