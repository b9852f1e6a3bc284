// Stage 2, before go-live: which sections of the plan are done, missing or carry warnings, and which
// are still missing before the campaign may be marked ready. Pure: "today" comes as an argument.
// ── Completeness ────────────────────────────────────────────────────────────────────────────────
import { type CampaignWindow, isWithin, lengthWarning } from './dates.ts'
import { isOverdue, type Task } from './tasks.ts'
import { type ContentRules, type Prize, type PromotionChannel, promotionChannels, type PromotionItem } from './planPromotion.ts'
import { type BudgetScenario, type EffectEstimate, promotionSpendByChannel, scenarioTotal } from './planBudget.ts'
import { type Goal, levers, planLimits, type PurposeSection, type Risk, type ServicePlan, type TargetUsers } from './plan.ts'

/** The plan's sections in display order. */
export const planSections = [
  'purpose', 'goals', 'targetUsers', 'window', 'promotion', 'contentRules', 'budget', 'risks', 'tasks',
] as const
export type PlanSection = (typeof planSections)[number]

export type PlanWarning =
  | 'window_too_short'
  | 'window_too_long'
  | 'goal_without_data_owner'
  | 'promotion_after_window'
  | 'deadline_outside_window'
  | 'budget_single_scenario'
  | 'budget_none_chosen'
  | 'budget_several_chosen'
  | 'channel_without_estimate'
  | 'prizes_over_budget'
  | 'no_service_plan'
  | 'task_overdue'
  | 'task_blocked'

/**
 * 'missing': the section does not yet meet what "Ready to go live" needs (its warnings may say
 * why); 'warnings': complete, with advice; 'done': complete.
 */
export type SectionState = { state: 'done' | 'missing' | 'warnings'; warnings: PlanWarning[] }

/** Everything planned for one campaign, as the store reads it. */
export type PlanSnapshot = {
  window: CampaignWindow
  purpose: PurposeSection | null
  goals: readonly Goal[]
  targetUsers: TargetUsers | null
  promotion: readonly PromotionItem[]
  contentRules: ContentRules | null
  prizes: readonly Prize[]
  budgetScenarios: readonly BudgetScenario[]
  effectEstimates: readonly EffectEstimate[]
  risks: readonly Risk[]
  servicePlan: ServicePlan | null
  tasks: readonly Pick<Task, 'status' | 'dueDate'>[]
}

const isMissing: Record<PlanSection, (plan: PlanSnapshot) => boolean> = {
  purpose: (plan) => plan.purpose === null || plan.purpose.levers.length === 0,
  goals: (plan) => !plan.goals.some((goal) => goal.basis.trim() !== ''),
  targetUsers: (plan) => plan.targetUsers === null,
  window: () => false,
  promotion: (plan) => plan.promotion.length === 0,
  contentRules: (plan) => plan.contentRules === null,
  budget: (plan) =>
    plan.budgetScenarios.length < planLimits.scenarios.min || chosenScenarios(plan).length !== 1,
  risks: (plan) => plan.risks.length === 0,
  tasks: (plan) => plan.tasks.length === 0,
}

const warningsOf: Record<PlanSection, (plan: PlanSnapshot, today: string) => PlanWarning[]> = {
  purpose: () => [],
  goals: (plan) => (plan.goals.some((goal) => !goal.dataOwnerId) ? ['goal_without_data_owner'] : []),
  targetUsers: () => [],
  window: (plan) => {
    const warning = lengthWarning(plan.window.startDate, plan.window.endDate)
    return warning ? [warning.kind === 'too_short' ? 'window_too_short' : 'window_too_long'] : []
  },
  promotion: (plan) =>
    plan.promotion.some((item) => item.onDate > plan.window.endDate) ? ['promotion_after_window'] : [],
  contentRules: (plan) =>
    plan.contentRules && !isWithin(plan.contentRules.entryDeadline, plan.window) ? ['deadline_outside_window'] : [],
  budget: budgetWarnings,
  risks: (plan) => (plan.servicePlan ? [] : ['no_service_plan']),
  tasks: (plan, today) => [
    ...(plan.tasks.some((task) => isOverdue(task, today)) ? ['task_overdue' as const] : []),
    ...(plan.tasks.some((task) => task.status === 'blocked') ? ['task_blocked' as const] : []),
  ],
}

function budgetWarnings(plan: PlanSnapshot): PlanWarning[] {
  const warnings: PlanWarning[] = []
  const chosen = chosenScenarios(plan)
  if (plan.budgetScenarios.length === 1) warnings.push('budget_single_scenario')
  if (plan.budgetScenarios.length > 0 && chosen.length === 0) warnings.push('budget_none_chosen')
  if (chosen.length > 1) warnings.push('budget_several_chosen')
  const estimated = new Set(plan.effectEstimates.map((estimate) => estimate.channel))
  if (channelsInUse(plan).some((channel) => !estimated.has(channel))) warnings.push('channel_without_estimate')
  if (chosen.length === 1 && prizesCostMore(plan.prizes, scenarioTotal(chosen[0]!).byCategory.prizes)) {
    warnings.push('prizes_over_budget')
  }
  return warnings
}

/** Each section's state on `today`. */
export function sectionStates(plan: PlanSnapshot, today: string): Record<PlanSection, SectionState> {
  const states = {} as Record<PlanSection, SectionState>
  for (const section of planSections) {
    const warnings = warningsOf[section](plan, today)
    const state = isMissing[section](plan) ? 'missing' : warnings.length > 0 ? 'warnings' : 'done'
    states[section] = { state, warnings }
  }
  return states
}

/** The sections "Ready to go live" still needs, in display order; empty = ready. */
export function missingForReady(plan: PlanSnapshot): PlanSection[] {
  return planSections.filter((section) => isMissing[section](plan))
}

function chosenScenarios(plan: PlanSnapshot): BudgetScenario[] {
  return plan.budgetScenarios.filter((scenario) => scenario.chosen)
}

/** Channels the promotion plan uses or any scenario spends on, in channel order. */
function channelsInUse(plan: PlanSnapshot): PromotionChannel[] {
  const used = new Set<PromotionChannel>(plan.promotion.map((item) => item.channel))
  for (const scenario of plan.budgetScenarios) for (const channel of promotionSpendByChannel(scenario).keys()) used.add(channel)
  return promotionChannels.filter((channel) => used.has(channel))
}

function prizesCostMore(prizes: readonly Prize[], budgetMinor: number): boolean {
  // quantity × value may pass MAX_SAFE_INTEGER, so this sum is exact in BigInt.
  const cost = prizes.reduce((sum, prize) => sum + BigInt(prize.quantity) * BigInt(prize.valueMinor), 0n)
  return cost > BigInt(budgetMinor)
}
