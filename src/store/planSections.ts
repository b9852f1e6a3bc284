// What each plan section's modal writes, as a change the plan store runs inside its transaction
// (plans.ts, changeSection): it returns true when written, or 'stale' when the person's copy was old.
import { type GoalValue, levers, type PurposeSection, type RiskValue, type ServicePlan, type TargetUsers } from '../domain/plan.ts'
import type { ContentRules, PrizeValue, PromotionItemValue } from '../domain/planPromotion.ts'
import type { BudgetScenarioValue, EffectEstimate } from '../domain/planBudget.ts'
import type { PrismaTx } from './database.ts'
import type { PlanRecord } from './planRecord.ts'

export type SectionChange = (tx: PrismaTx, campaignId: number, before: PlanRecord) => Promise<boolean | 'stale'>

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
