// Reading a campaign's plan and tasks as one PlanRecord: what the plan's query includes, and the
// rows turned into domain values (money columns are BigInt minor units; the domain sees numbers).
import type { Prisma } from '../generated/sqlite/client.ts'
import { type Goal, levers, type PurposeSection, type Risk, type ServicePlan, type TargetUsers } from '../domain/plan.ts'
import type { ContentRules, Prize, PromotionItem } from '../domain/planPromotion.ts'
import type { BudgetLine, BudgetScenario, EffectEstimate } from '../domain/planBudget.ts'
import { type PlanSection, planSections, type PlanSnapshot } from '../domain/planCompleteness.ts'
import type { Task } from '../domain/tasks.ts'
import type { Campaign } from '../domain/campaign.ts'
import { toCampaign } from './campaigns.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
export type SectionRevision = { version: number; updatedById: string | null; updatedAt: Date | null }

export type PlanRecord = {
  campaign: Campaign
  currency: string
  planRevision: number
  templateDecision: 'accepted' | 'skipped' | null
  snapshot: Omit<PlanSnapshot, 'tasks'> & { tasks: readonly Task[] }
  revisions: Record<PlanSection, SectionRevision>
  /**
   * The campaign's own channel (issue 17): null when none was asked for; `channelId` null while it
   * is asked for and not yet created. Absent where the record was built without it.
   */
  ownChannel?: { channelId: string | null; archived: boolean } | null
}

const toNumber = (value: bigint): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount out of range: ${value}`)
  return Number(value)
}
const csvIds = (text: string | null): number[] => (text ? text.split(',').filter(Boolean).map(Number) : [])

export const planInclude = {
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
  ownChannel: { select: { slackChannelId: true, archivedAt: true } },
} satisfies Prisma.CampaignInclude

type PlanRow = NonNullable<Awaited<ReturnType<typeof loadRow>>>

export function loadRow(db: PrismaDb | PrismaTx, teamId: string, campaignId: number) {
  return db.campaign.findFirst({ where: { id: campaignId, teamId }, include: planInclude })
}

export function toTask(row: PlanRow['tasks'][number]): Task {
  return {
    id: row.id, campaignId: row.campaignId, title: row.title, stage: row.stage as Task['stage'], ownerId: row.ownerId,
    startDate: row.startDate, dueDate: row.dueDate, status: row.status as Task['status'], blockedReason: row.blockedReason,
    version: row.version,
  }
}

export function toRecord(row: PlanRow, defaultCurrency: string): PlanRecord {
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
    ownChannel: row.ownChannel ? { channelId: row.ownChannel.slackChannelId, archived: row.ownChannel.archivedAt !== null } : null,
    snapshot: {
      window: { startDate: row.startDate, endDate: row.endDate },
      purpose, goals, targetUsers, promotion, contentRules, prizes, budgetScenarios, effectEstimates, risks, servicePlan,
      tasks: row.tasks.map(toTask),
    },
  }
}
