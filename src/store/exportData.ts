// The whole of one campaign for `/campaign export`, read in one query scoped by team.
import type { CampaignExport } from '../domain/campaignExport.ts'
import type { PrismaDb } from './database.ts'

const money = (value: bigint): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount out of range: ${value}`)
  return Number(value)
}
const maybeMoney = (value: bigint | null): number | null => (value === null ? null : money(value))
const figure = (minor: bigint | null, value: number | null): number | null => (minor !== null ? money(minor) : value)

export function exportDataStore(prisma: PrismaDb) {
  return {
    async load(teamId: string, campaignId: number): Promise<CampaignExport | null> {
      const row = await prisma.campaign.findFirst({
        where: { id: campaignId, teamId },
        include: {
          proposal: true,
          plan: true,
          goals: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
          promotionItems: { orderBy: [{ onDate: 'asc' }, { id: 'asc' }] },
          effectEstimates: { orderBy: { id: 'asc' } },
          prizes: { orderBy: { id: 'asc' } },
          risks: { orderBy: { id: 'asc' } },
          budgetScenarios: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { lines: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } } },
          tasks: { orderBy: [{ startDate: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }] },
          metricEntries: { orderBy: [{ onDate: 'asc' }, { goalId: 'asc' }] },
          retros: { orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }], include: { entries: { orderBy: { id: 'asc' } } } },
        },
      })
      if (!row) return null
      const plan = row.plan
      return {
        campaign: {
          id: row.id, name: row.name, stage: row.stage, kind: row.kind, platform: row.platform, platformOther: row.platformOther,
          timingNode: row.timingNode, timingNote: row.timingNote, startDate: row.startDate, endDate: row.endDate,
          channelId: row.channelId, ownerId: row.ownerId, approverId: row.approverId,
        },
        proposal: row.proposal && {
          theme: row.proposal.theme, basicContent: row.proposal.basicContent, revision: row.proposal.revision,
          decision: row.proposal.decision, decidedById: row.proposal.decidedById, submittedAt: row.proposal.submittedAt.toISOString(),
        },
        currency: plan?.currency ?? '',
        plan: plan && {
          purpose: plan.purpose, levers: plan.levers ? plan.levers.split(',').filter(Boolean) : [], productState: plan.productState,
          targetWho: plan.targetWho, targetNeeds: plan.targetNeeds, targetAgeRange: plan.targetAgeRange, targetOccupations: plan.targetOccupations,
          targetOtherTraits: plan.targetOtherTraits, contentDescription: plan.contentDescription, contentEntryDeadline: plan.contentEntryDeadline,
          contentEligibility: plan.contentEligibility, serviceResponderId: plan.serviceResponderId, serviceFeedbackProcess: plan.serviceFeedbackProcess,
        },
        goals: row.goals.map((goal) => ({
          id: goal.id, metric: goal.metric, customMetric: goal.customMetric, unit: goal.unit, money: goal.targetMinor !== null,
          target: figure(goal.targetMinor, goal.targetValue), basisKind: goal.basisKind, basis: goal.basis, dataOwnerId: goal.dataOwnerId,
          curve: goal.curve, actual: figure(goal.actualMinor, goal.actualValue), actualAsOf: goal.actualAsOf, final: figure(goal.finalMinor, goal.finalValue),
        })),
        promotion: row.promotionItems.map((item) => ({ channel: item.channel, channelOther: item.channelOther, what: item.what, onDate: item.onDate, promoterId: item.promoterId })),
        effectEstimates: row.effectEstimates.map((e) => ({ channel: e.channel, metric: e.metric, customMetric: e.customMetric, expected: e.expected })),
        prizes: row.prizes.map((p) => ({ name: p.name, quantity: p.quantity, valueMinor: money(p.valueMinor), howGiven: p.howGiven, givenOut: p.givenOut })),
        risks: row.risks.map((r) => ({ description: r.description, likelihood: r.likelihood, impact: r.impact, mitigation: r.mitigation, ownerId: r.ownerId })),
        budgetScenarios: row.budgetScenarios.map((s) => ({
          name: s.name, chosen: s.chosen,
          lines: s.lines.map((l) => ({ category: l.category, channel: l.channel, amountMinor: money(l.amountMinor), actualMinor: maybeMoney(l.actualMinor), note: l.note })),
        })),
        tasks: row.tasks.map((t) => ({
          title: t.title, stage: t.stage, ownerId: t.ownerId, startDate: t.startDate, dueDate: t.dueDate, status: t.status,
          blockedReason: t.blockedReason, doneAt: t.doneAt ? t.doneAt.toISOString() : null,
        })),
        metricEntries: row.metricEntries.map((e) => ({ goalId: e.goalId, onDate: e.onDate, mode: e.mode, value: figure(e.valueMinor, e.value), reportedBy: e.reportedBy, note: e.note })),
        retros: row.retros.map((r) => ({
          respondentId: r.respondentId, overallEffect: r.overallEffect, biggestLesson: r.biggestLesson, wouldRunAgain: r.wouldRunAgain,
          submittedAt: r.submittedAt.toISOString(), entries: r.entries.map((e) => ({ stage: e.stage, worked: e.worked, failed: e.failed })),
        })),
      }
    },
  }
}
