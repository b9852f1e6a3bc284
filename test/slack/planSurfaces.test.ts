// The plan's surfaces at the largest sizes a team reaches (80 tasks, 20 promotion items, 20 risks,
// 3 scenarios of 15 lines, every text at its longest) fit Slack's limits in both languages: the plan
// message, every section modal, and every form (with the budget form at its most lines).
import { describe, expect, it } from 'vitest'
import type { Campaign } from '../../src/domain/campaign.ts'
import { planLimits } from '../../src/domain/plan.ts'
import { promotionChannels } from '../../src/domain/planPromotion.ts'
import { planSections, type PlanSnapshot } from '../../src/domain/planCompleteness.ts'
import { proposalLimits } from '../../src/domain/proposal.ts'
import { workStages, type Task } from '../../src/domain/tasks.ts'
import { messagesFor, supportedLocales } from '../../src/i18n/catalogue.ts'
import { planMessage } from '../../src/slack/plan/message.ts'
import { emptyPlanRecord, planMessagePost, planMessageUpdate, templateOfferDm } from '../../src/slack/plan/notifications.ts'
import { planFormKeys, type FormContext } from '../../src/slack/plan/formKit.ts'
import { planFormModal, sectionModal } from '../../src/slack/plan/modals.ts'
import type { PlanRecord } from '../../src/store/planRecord.ts'
import { checkMessage, checkView } from '../support/blockKitLimits.ts'

const long = (length: number, char = '名') => char.repeat(length)

function campaign(): Campaign {
  return {
    id: 7, teamId: 'T1', name: long(proposalLimits.name, '<'), stage: 'planning', kind: 'platform', platform: 'weibo', platformOther: null,
    timingNode: 'sales_peak', timingNote: null, startDate: '2026-12-10', endDate: '2027-01-31', channelId: 'C1', ownerId: 'U1',
    approverId: 'U2', createdById: 'U1', version: 2, createdAt: new Date('2026-12-01T02:00:00Z'),
    proposal: { theme: 't', basicContent: 'c', revision: 1, decision: 'approved', decidedById: 'U2', decidedAt: new Date('2026-12-02T02:00:00Z'), sendBackReason: null },
  }
}

function largestPlan(): PlanRecord {
  const base = emptyPlanRecord(campaign(), 'CNY')
  const tasks: Task[] = Array.from({ length: 80 }, (_, i) => ({
    id: i + 1, campaignId: 7, title: long(150, '任'), stage: workStages[i % workStages.length]!, ownerId: `U${i}`, startDate: '2026-12-01',
    dueDate: '2026-12-05', status: (['todo', 'in_progress', 'done', 'blocked'] as const)[i % 4]!, blockedReason: i % 4 === 3 ? long(500) : null, version: 1,
  }))
  const snapshot: PlanSnapshot & { tasks: readonly Task[] } = {
    window: base.snapshot.window,
    purpose: { purpose: 'sales', levers: ['acquisition', 'activation', 'exposure'], productState: long(planLimits.productState) },
    goals: Array.from({ length: 10 }, (_, i) => ({
      id: i + 1, metric: i % 2 ? 'revenue' : 'custom', customMetric: long(planLimits.customMetric, '&'), unit: long(planLimits.unit), target: 9_007_199_254_740,
      basisKind: 'past_campaigns', basis: long(planLimits.basis, '>'), pastCampaignIds: [1, 2, 3], dataOwnerId: 'U9',
    })),
    targetUsers: { who: long(planLimits.who), needs: long(planLimits.needs), ageRange: long(planLimits.ageRange), occupations: long(planLimits.occupations), otherTraits: long(planLimits.otherTraits) },
    promotion: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, channel: promotionChannels[i % promotionChannels.length]!, channelOther: long(planLimits.channelOther), what: long(planLimits.promotionWhat), onDate: '2026-12-09', promoterId: 'U3' })),
    contentRules: { description: long(planLimits.description), entryDeadline: '2027-01-20', eligibility: long(planLimits.eligibility) },
    prizes: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: long(planLimits.prizeName), quantity: 1_000_000, valueMinor: 99_999_999, howGiven: long(planLimits.howGiven) })),
    budgetScenarios: Array.from({ length: 3 }, (_, s) => ({
      id: s + 1, name: long(planLimits.scenarioName), chosen: s === 0,
      lines: Array.from({ length: 15 }, (_, l) => ({ id: s * 100 + l, category: 'promotion' as const, channel: promotionChannels[l % 12]!, amountMinor: 123_456_789, note: long(planLimits.lineNote) })),
    })),
    effectEstimates: promotionChannels.map((channel) => ({ channel, metric: 'custom' as const, customMetric: long(planLimits.customMetric), expected: 12_345.67 })),
    risks: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, description: long(planLimits.riskDescription), likelihood: 'high' as const, impact: 'high' as const, mitigation: long(planLimits.mitigation), ownerId: 'U4' })),
    servicePlan: { responderId: 'U5', feedbackProcess: long(planLimits.feedbackProcess) },
    tasks,
  }
  return { ...base, planRevision: 42, snapshot }
}

describe.each(supportedLocales)('plan surfaces in %s', (locale) => {
  const m = messagesFor(locale)
  const record = largestPlan()
  const context: FormContext = { m, record, today: '2026-12-20', pastCampaigns: Array.from({ length: 150 }, (_, i) => ({ id: i + 100, name: long(80) })) }

  it('the plan message, posted and edited, empty and at its largest', () => {
    expect(checkMessage(planMessage(record, context.today, m))).toBeNull()
    expect(checkMessage(planMessagePost(emptyPlanRecord(campaign(), 'USD'), locale, '2026-12-01').payload)).toBeNull()
    expect(checkMessage(planMessageUpdate(record, locale, context.today).payload)).toBeNull()
    expect(checkMessage(planMessage({ ...record, campaign: { ...record.campaign, stage: 'scheduled' } }, context.today, m))).toBeNull()
    expect(checkMessage(templateOfferDm(campaign(), locale, 14).payload)).toBeNull()
    // Each state of the plan message is its own edit of the one message.
    expect(planMessageUpdate(record, locale, context.today).dedupeKey).toBe('plan-message:7:r42')
    expect(planMessageUpdate(record, locale, context.today).updatesKey).toBe('plan-message:7')
  })

  it('every section modal, for an editor and for someone who may only look', () => {
    for (const section of planSections) {
      expect(checkView(sectionModal(section, context, null)), section).toBeNull()
      expect(checkView(sectionModal(section, context, 'not_owner_or_approver')), section).toBeNull()
      expect(checkView(sectionModal(section, context, 'plan_closed')), section).toBeNull()
    }
  })

  it('every form, new and filled in, the budget form with every line slot', () => {
    for (const key of planFormKeys) {
      const itemId = ['goal', 'promotionItem', 'prize', 'scenario', 'risk'].includes(key) ? 1 : null
      expect(checkView(planFormModal(key, context, null, 'V1')), key).toBeNull()
      expect(checkView(planFormModal(key, context, itemId, 'V1', { channel: 'weibo' })), key).toBeNull()
    }
    expect(checkView(planFormModal('scenario', context, 1, 'V1', { slots: planLimits.budgetLines }))).toBeNull()
  })

  it('user text reaches Slack escaped', () => {
    const raw = JSON.stringify(planMessage(record, context.today, m))
    expect(raw).not.toContain('<<')
    expect(raw).toContain('&lt;&lt;')
  })
})
