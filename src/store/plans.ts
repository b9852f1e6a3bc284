// The execution plan of a campaign (stage 2) and its tasks, read as one PlanRecord and changed one
// section at a time. Every change is one transaction that:
//   1. bumps the campaign's planRevision, only while the plan may change (planning or scheduled),
//   2. reads the plan as it now stands and lets the change compare what it is about to overwrite
//      with what the person's modal showed (a version stamp, or a task's version): an edit made on
//      a stale copy is refused with who changed the section last, instead of overwriting them,
//   3. applies the change, records who changed the section, then writes the outbox rows the
//      caller derives from the new record (the plan message edit, DMs, Home refreshes).
// Money columns are BigInt (integer minor units); the domain sees numbers within the safe range.
import { CampaignStage, type Campaign } from '../domain/campaign.ts'
import { type Goal, type GoalValue, type PurposeSection, type Risk, type RiskValue, type ServicePlan, type TargetUsers } from '../domain/plan.ts'
import { type ContentRules, type Prize, type PrizeValue, type PromotionItem, type PromotionItemValue } from '../domain/planPromotion.ts'
import { type BudgetLine, type BudgetScenario, type BudgetScenarioValue, type EffectEstimate } from '../domain/planBudget.ts'
import { planSections, type PlanSection, type PlanSnapshot } from '../domain/planCompleteness.ts'
import type { Task } from '../domain/tasks.ts'
import { toCampaign } from './campaigns.ts'
import type { Prisma } from '../generated/sqlite/client.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { enqueue, type OutboxDraft } from './outbox.ts'

/** Stages in which the plan may be written. */
export const planEditableStages: readonly CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled]

export type SectionRevision = { version: number; updatedById: string | null; updatedAt: Date | null }

export type PlanRecord = {
  campaign: Campaign
  currency: string
  planRevision: number
  templateDecision: 'accepted' | 'skipped' | null
  snapshot: Omit<PlanSnapshot, 'tasks'> & { tasks: readonly Task[] }
  revisions: Record<PlanSection, SectionRevision>
}

export type PlanOutboxFor = (record: PlanRecord) => OutboxDraft[]

export type PlanChanged =
  | { outcome: 'changed'; record: PlanRecord; outboxIds: number[] }
  /** The section changed since the person opened it: `record` is the newer copy. */
  | { outcome: 'stale'; record: PlanRecord; changedById: string | null }
  /** The campaign is past planning (or not yet there): nothing changed. */
  | { outcome: 'not_editable'; record: PlanRecord }
  | { outcome: 'item_not_found'; record: PlanRecord }
  | { outcome: 'not_found' }

/**
 * A change of one section, applied inside the transaction with the plan as it stands (`before`):
 * true = applied, false = the item it names is gone, 'stale' = it changed since the person saw it.
 */
export type SectionChange = (tx: PrismaTx, campaignId: number, before: PlanRecord) => Promise<boolean | 'stale'>

const toNumber = (value: bigint): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount out of range: ${value}`)
  return Number(value)
}
const csvIds = (text: string | null): number[] => (text ? text.split(',').filter(Boolean).map(Number) : [])

const planInclude = {
  proposal: true,
  plan: true,
  planSectionRevisions: true,
  goals: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
  promotionItems: { orderBy: [{ onDate: 'asc' }, { id: 'asc' }] },
  prizes: { orderBy: { id: 'asc' } },
  budgetScenarios: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { lines: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } } },
  effectEstimates: { orderBy: { id: 'asc' } },
  risks: { orderBy: { id: 'asc' } },
  tasks: { orderBy: [{ startDate: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.CampaignInclude

type PlanRow = NonNullable<Awaited<ReturnType<typeof loadRow>>>

function loadRow(db: PrismaDb | PrismaTx, teamId: string, campaignId: number) {
  return db.campaign.findFirst({ where: { id: campaignId, teamId }, include: planInclude })
}

export function toTask(row: PlanRow['tasks'][number]): Task {
  return {
    id: row.id, campaignId: row.campaignId, title: row.title, stage: row.stage as Task['stage'], ownerId: row.ownerId,
    startDate: row.startDate, dueDate: row.dueDate, status: row.status as Task['status'], blockedReason: row.blockedReason,
    version: row.version,
  }
}

function toRecord(row: PlanRow, defaultCurrency: string): PlanRecord {
  const plan = row.plan
  const revisions = Object.fromEntries(planSections.map((section) => {
    const revision = row.planSectionRevisions.find((r) => r.section === section)
    return [section, revision ? { version: revision.version, updatedById: revision.updatedById, updatedAt: revision.updatedAt } : { version: 0, updatedById: null, updatedAt: null }]
  })) as Record<PlanSection, SectionRevision>
  const goals: Goal[] = row.goals.map((g) => ({
    id: g.id, metric: g.metric as Goal['metric'], customMetric: g.customMetric, unit: g.unit,
    target: g.targetMinor !== null ? toNumber(g.targetMinor) : (g.targetValue ?? 0),
    basisKind: g.basisKind as Goal['basisKind'], basis: g.basis, pastCampaignIds: csvIds(g.pastCampaignIds), dataOwnerId: g.dataOwnerId,
    curve: g.curve === 'front_loaded' ? 'front_loaded' : 'linear',
  }))
  const promotion: PromotionItem[] = row.promotionItems.map((p) => ({
    id: p.id, channel: p.channel as PromotionItem['channel'], channelOther: p.channelOther, what: p.what, onDate: p.onDate, promoterId: p.promoterId,
  }))
  const prizes: Prize[] = row.prizes.map((p) => ({ id: p.id, name: p.name, quantity: p.quantity, valueMinor: toNumber(p.valueMinor), howGiven: p.howGiven }))
  const budgetScenarios: BudgetScenario[] = row.budgetScenarios.map((s) => ({
    id: s.id, name: s.name, chosen: s.chosen,
    lines: s.lines.map((l): BudgetLine => ({
      id: l.id, category: l.category as BudgetLine['category'], channel: l.channel as BudgetLine['channel'], amountMinor: toNumber(l.amountMinor), note: l.note,
    })),
  }))
  const effectEstimates: EffectEstimate[] = row.effectEstimates.map((e) => ({
    channel: e.channel as EffectEstimate['channel'], metric: e.metric as EffectEstimate['metric'], customMetric: e.customMetric, expected: e.expected,
  }))
  const risks: Risk[] = row.risks.map((r) => ({
    id: r.id, description: r.description, likelihood: r.likelihood as Risk['likelihood'], impact: r.impact as Risk['impact'], mitigation: r.mitigation, ownerId: r.ownerId,
  }))
  const purpose: PurposeSection | null = plan?.purpose
    ? { purpose: plan.purpose as PurposeSection['purpose'], levers: (plan.levers ?? '').split(',').filter(Boolean) as PurposeSection['levers'], productState: plan.productState }
    : null
  const targetUsers: TargetUsers | null = plan?.targetWho && plan.targetNeeds
    ? { who: plan.targetWho, needs: plan.targetNeeds, ageRange: plan.targetAgeRange, occupations: plan.targetOccupations, otherTraits: plan.targetOtherTraits }
    : null
  const contentRules: ContentRules | null = plan?.contentDescription && plan.contentEntryDeadline && plan.contentEligibility
    ? { description: plan.contentDescription, entryDeadline: plan.contentEntryDeadline, eligibility: plan.contentEligibility }
    : null
  const servicePlan: ServicePlan | null = plan?.serviceResponderId && plan.serviceFeedbackProcess
    ? { responderId: plan.serviceResponderId, feedbackProcess: plan.serviceFeedbackProcess }
    : null
  return {
    campaign: toCampaign(row),
    currency: plan?.currency ?? defaultCurrency,
    planRevision: row.planRevision,
    templateDecision: (plan?.templateDecision ?? null) as PlanRecord['templateDecision'],
    revisions,
    snapshot: {
      window: { startDate: row.startDate, endDate: row.endDate },
      purpose, goals, targetUsers, promotion, contentRules, prizes, budgetScenarios, effectEstimates, risks, servicePlan,
      tasks: row.tasks.map(toTask),
    },
  }
}

export function planStore(prisma: PrismaDb, defaultCurrency = 'CNY') {
  async function load(teamId: string, campaignId: number): Promise<PlanRecord | null> {
    const row = await loadRow(prisma, teamId, campaignId)
    return row ? toRecord(row, defaultCurrency) : null
  }

  /** Changes one section in one transaction (see the top of this file). */
  async function changeSection(input: {
    teamId: string
    campaignId: number
    section: PlanSection
    actorId: string
    at: Date
    change: SectionChange
    outbox: PlanOutboxFor
    /** Stages in which this change is allowed; the plan's editable stages by default. */
    stages?: readonly CampaignStage[]
  }): Promise<PlanChanged> {
    const stages = input.stages ?? planEditableStages
    type Abort = { abort: 'not_editable' | 'stale' | 'item_not_found' }
    try {
      return await prisma.$transaction(async (tx) => {
        // Taking the campaign row first orders concurrent changes: each sees the one before it.
        const { count } = await tx.campaign.updateMany({
          where: { id: input.campaignId, teamId: input.teamId, stage: { in: [...stages] } },
          data: { planRevision: { increment: 1 } },
        })
        if (count === 0) throw { abort: 'not_editable' } satisfies Abort
        const before = toRecord((await loadRow(tx, input.teamId, input.campaignId))!, defaultCurrency)
        const applied = await input.change(tx, input.campaignId, before)
        if (applied === 'stale') throw { abort: 'stale' } satisfies Abort
        if (!applied) throw { abort: 'item_not_found' } satisfies Abort
        await recordSectionChange(tx, input.campaignId, input.section, input.actorId, input.at)
        const row = await loadRow(tx, input.teamId, input.campaignId)
        const record = toRecord(row!, defaultCurrency)
        const outboxIds = await enqueue(tx, input.outbox(record), input.at)
        return { outcome: 'changed' as const, record, outboxIds }
      })
    } catch (error) {
      const abort = (error as Partial<Abort>)?.abort
      if (!abort) throw error
      const record = await load(input.teamId, input.campaignId)
      if (!record) return { outcome: 'not_found' }
      if (abort === 'stale') return { outcome: 'stale', record, changedById: record.revisions[input.section].updatedById }
      return { outcome: abort, record }
    }
  }

  return {
    load,
    changeSection,

    /**
     * Moves the campaign between planning and scheduled, once: a compare-and-set on the stage it
     * is expected to be in, with the transition recorded and the plan's posts in the same transaction.
     */
    async moveStage(input: {
      teamId: string; campaignId: number; from: CampaignStage; to: CampaignStage; actorId: string; at: Date; outbox: PlanOutboxFor
    }): Promise<{ outcome: 'changed'; record: PlanRecord; outboxIds: number[] } | { outcome: 'stale'; record: PlanRecord } | { outcome: 'not_found' }> {
      const changed = await prisma.$transaction(async (tx) => {
        const { count } = await tx.campaign.updateMany({
          where: { id: input.campaignId, teamId: input.teamId, stage: input.from },
          data: { stage: input.to, version: { increment: 1 }, planRevision: { increment: 1 } },
        })
        if (count === 0) return null
        await tx.stageTransition.create({ data: { campaignId: input.campaignId, fromStage: input.from, toStage: input.to, actorId: input.actorId, at: input.at } })
        const record = toRecord((await loadRow(tx, input.teamId, input.campaignId))!, defaultCurrency)
        return { outcome: 'changed' as const, record, outboxIds: await enqueue(tx, input.outbox(record), input.at) }
      })
      if (changed) return changed
      const record = await load(input.teamId, input.campaignId)
      return record ? { outcome: 'stale', record } : { outcome: 'not_found' }
    },

    /** The workspace's currency for new plans, if an admin set one. */
    async workspaceCurrency(teamId: string): Promise<string | null> {
      const settings = await prisma.workspaceSettings.findUnique({ where: { teamId }, select: { currency: true } })
      return settings?.currency ?? null
    },

    /** Campaigns of the workspace a goal's basis may name: those already run or running, newest first. */
    async pastCampaigns(teamId: string): Promise<Array<{ id: number; name: string }>> {
      return prisma.campaign.findMany({
        where: { teamId, stage: { in: [CampaignStage.Live, CampaignStage.Retrospective, CampaignStage.Closed] } },
        select: { id: true, name: true }, orderBy: { id: 'desc' }, take: 100,
      })
    },

    /** The plan's row, created on approval with the currency every amount of the campaign is in. */
    async createPlan(tx: PrismaTx, campaignId: number, currency: string): Promise<void> {
      await tx.plan.upsert({ where: { campaignId }, create: { campaignId, currency }, update: {} })
    },

    /** Records the owner's answer to the task template, once: false when it was already answered. */
    async decideTemplate(input: {
      teamId: string; campaignId: number; decision: 'accepted' | 'skipped'; actorId: string; at: Date
      tasks: Array<Omit<Task, 'id' | 'campaignId' | 'status' | 'blockedReason' | 'version'> & { templateKey: string }>
      outbox: PlanOutboxFor
    }): Promise<PlanChanged | { outcome: 'already_decided'; record: PlanRecord }> {
      const record = await load(input.teamId, input.campaignId)
      if (!record) return { outcome: 'not_found' }
      if (record.templateDecision) return { outcome: 'already_decided', record }
      const result = await changeSection({
        teamId: input.teamId, campaignId: input.campaignId, section: 'tasks', actorId: input.actorId,
        at: input.at, outbox: input.outbox,
        change: async (tx, campaignId) => {
          await tx.plan.upsert({ where: { campaignId }, create: { campaignId, currency: record.currency }, update: {} })
          const { count } = await tx.plan.updateMany({ where: { campaignId, templateDecision: null }, data: { templateDecision: input.decision } })
          if (count === 0) return false
          for (const task of input.tasks) {
            await tx.task.create({ data: { ...task, campaignId, teamId: input.teamId, createdAt: input.at } })
          }
          return true
        },
      })
      if (result.outcome === 'item_not_found') return { outcome: 'already_decided', record: result.record }
      return result
    },

    /** Several plans at once, in `campaignIds` order: one query per relation, not per campaign (App Home). */
    async loadMany(teamId: string, campaignIds: readonly number[]): Promise<PlanRecord[]> {
      if (campaignIds.length === 0) return []
      const rows = await prisma.campaign.findMany({ where: { teamId, id: { in: [...campaignIds] } }, include: planInclude })
      const records = new Map(rows.map((row) => [row.id, toRecord(row, defaultCurrency)]))
      return campaignIds.flatMap((id) => records.get(id) ?? [])
    },

    /** The plan as it stands inside a transaction, for a change made there (src/store/lifecycle.ts). */
    async loadIn(tx: PrismaTx, teamId: string, campaignId: number): Promise<PlanRecord | null> {
      const row = await loadRow(tx, teamId, campaignId)
      return row ? toRecord(row, defaultCurrency) : null
    },
  }
}

/** Who changed a section last, and how often it changed (the count is for the record). */
async function recordSectionChange(tx: PrismaTx, campaignId: number, section: PlanSection, actorId: string, at: Date): Promise<void> {
  await tx.planSectionRevision.upsert({
    where: { campaignId_section: { campaignId, section } },
    create: { campaignId, section, version: 1, updatedById: actorId, updatedAt: at },
    update: { version: { increment: 1 }, updatedById: actorId, updatedAt: at },
  })
}

// ── Section changes: what each modal's submission writes ───────────────────────────────────────

const ensurePlanRow = (tx: PrismaTx, campaignId: number, currency: string) =>
  tx.plan.upsert({ where: { campaignId }, create: { campaignId, currency }, update: {}, select: { id: true } })

export const sectionChanges = {
  purpose: (value: PurposeSection, currency: string): SectionChange => async (tx, campaignId) => {
    await ensurePlanRow(tx, campaignId, currency)
    await tx.plan.update({ where: { campaignId }, data: { purpose: value.purpose, levers: value.levers.join(','), productState: value.productState } })
    return true
  },
  targetUsers: (value: TargetUsers, currency: string): SectionChange => async (tx, campaignId) => {
    await ensurePlanRow(tx, campaignId, currency)
    await tx.plan.update({
      where: { campaignId },
      data: { targetWho: value.who, targetNeeds: value.needs, targetAgeRange: value.ageRange, targetOccupations: value.occupations, targetOtherTraits: value.otherTraits },
    })
    return true
  },
  contentRules: (value: ContentRules, currency: string): SectionChange => async (tx, campaignId) => {
    await ensurePlanRow(tx, campaignId, currency)
    await tx.plan.update({
      where: { campaignId },
      data: { contentDescription: value.description, contentEntryDeadline: value.entryDeadline, contentEligibility: value.eligibility },
    })
    return true
  },
  servicePlan: (value: ServicePlan, currency: string): SectionChange => async (tx, campaignId) => {
    await ensurePlanRow(tx, campaignId, currency)
    await tx.plan.update({ where: { campaignId }, data: { serviceResponderId: value.responderId, serviceFeedbackProcess: value.feedbackProcess } })
    return true
  },
  window: (startDate: string, endDate: string): SectionChange => async (tx, campaignId) => {
    await tx.campaign.update({ where: { id: campaignId }, data: { startDate, endDate } })
    return true
  },

  saveGoal: (goalId: number | null, value: GoalValue, isMoney: boolean): SectionChange => async (tx, campaignId) => {
    const data = {
      metric: value.metric, customMetric: value.customMetric, unit: value.unit,
      targetMinor: isMoney ? BigInt(value.target) : null, targetValue: isMoney ? null : value.target,
      basisKind: value.basisKind, basis: value.basis, pastCampaignIds: value.pastCampaignIds.length > 0 ? value.pastCampaignIds.join(',') : null,
      dataOwnerId: value.dataOwnerId,
      // A form without the curve (opened before it was offered) leaves it as it is.
      ...(value.curve ? { curve: value.curve } : {}),
    }
    if (goalId === null) {
      await tx.goal.create({ data: { ...data, campaignId, position: await tx.goal.count({ where: { campaignId } }) } })
      return true
    }
    return (await tx.goal.updateMany({ where: { id: goalId, campaignId }, data })).count === 1
  },
  deleteGoal: (goalId: number): SectionChange => async (tx, campaignId) =>
    (await tx.goal.deleteMany({ where: { id: goalId, campaignId } })).count === 1,

  savePromotionItem: (itemId: number | null, value: PromotionItemValue): SectionChange => async (tx, campaignId) => {
    if (itemId === null) {
      await tx.promotionItem.create({ data: { ...value, campaignId } })
      return true
    }
    return (await tx.promotionItem.updateMany({ where: { id: itemId, campaignId }, data: value })).count === 1
  },
  deletePromotionItem: (itemId: number): SectionChange => async (tx, campaignId) =>
    (await tx.promotionItem.deleteMany({ where: { id: itemId, campaignId } })).count === 1,

  savePrize: (prizeId: number | null, value: PrizeValue): SectionChange => async (tx, campaignId) => {
    const data = { name: value.name, quantity: value.quantity, valueMinor: BigInt(value.valueMinor), howGiven: value.howGiven }
    if (prizeId === null) {
      await tx.prize.create({ data: { ...data, campaignId } })
      return true
    }
    return (await tx.prize.updateMany({ where: { id: prizeId, campaignId }, data })).count === 1
  },
  deletePrize: (prizeId: number): SectionChange => async (tx, campaignId) =>
    (await tx.prize.deleteMany({ where: { id: prizeId, campaignId } })).count === 1,

  saveScenario: (scenarioId: number | null, value: BudgetScenarioValue): SectionChange => async (tx, campaignId) => {
    const lines = value.lines.map((line, position) => ({
      category: line.category, channel: line.channel, amountMinor: BigInt(line.amountMinor), note: line.note, position,
    }))
    if (scenarioId === null) {
      const existing = await tx.budgetScenario.count({ where: { campaignId } })
      await tx.budgetScenario.create({
        // The first scenario is chosen until the owner picks another.
        data: { campaignId, name: value.name, chosen: existing === 0, position: existing, lines: { create: lines } },
      })
      return true
    }
    const { count } = await tx.budgetScenario.updateMany({ where: { id: scenarioId, campaignId }, data: { name: value.name } })
    if (count === 0) return false
    await tx.budgetLine.deleteMany({ where: { scenarioId } })
    await tx.budgetLine.createMany({ data: lines.map((line) => ({ ...line, scenarioId })) })
    return true
  },
  deleteScenario: (scenarioId: number): SectionChange => async (tx, campaignId) =>
    (await tx.budgetScenario.deleteMany({ where: { id: scenarioId, campaignId } })).count === 1,
  chooseScenario: (scenarioId: number): SectionChange => async (tx, campaignId) => {
    const { count } = await tx.budgetScenario.updateMany({ where: { id: scenarioId, campaignId }, data: { chosen: true } })
    if (count === 0) return false
    await tx.budgetScenario.updateMany({ where: { campaignId, id: { not: scenarioId } }, data: { chosen: false } })
    return true
  },
  saveEffectEstimate: (value: EffectEstimate): SectionChange => async (tx, campaignId) => {
    const data = { metric: value.metric, customMetric: value.customMetric, expected: value.expected }
    await tx.effectEstimate.upsert({
      where: { campaignId_channel: { campaignId, channel: value.channel } },
      create: { ...data, campaignId, channel: value.channel },
      update: data,
    })
    return true
  },
  deleteEffectEstimate: (channel: string): SectionChange => async (tx, campaignId) =>
    (await tx.effectEstimate.deleteMany({ where: { campaignId, channel } })).count === 1,

  saveRisk: (riskId: number | null, value: RiskValue): SectionChange => async (tx, campaignId) => {
    if (riskId === null) {
      await tx.risk.create({ data: { ...value, campaignId } })
      return true
    }
    return (await tx.risk.updateMany({ where: { id: riskId, campaignId }, data: value })).count === 1
  },
  deleteRisk: (riskId: number): SectionChange => async (tx, campaignId) =>
    (await tx.risk.deleteMany({ where: { id: riskId, campaignId } })).count === 1,
}

/** What a person sets on a task; its status and version are the task's own (see store/tasks.ts). */
export type TaskDraft = Pick<Task, 'title' | 'stage' | 'ownerId' | 'startDate' | 'dueDate'>

export type PlanStore = ReturnType<typeof planStore>
