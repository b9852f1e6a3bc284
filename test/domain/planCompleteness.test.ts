import { describe, expect, it } from 'vitest'
import { type Goal } from '../../src/domain/plan.ts'
import { type BudgetScenario } from '../../src/domain/planBudget.ts'
import { missingForReady, planSections, sectionStates, type PlanSnapshot } from '../../src/domain/planCompleteness.ts'

// Tuesday 10 March 2026, planning a campaign of 1–14 April.
const today = '2026-03-10'

const goal: Goal = {
  id: 1, metric: 'signups', customMetric: null, unit: null, target: 1500, basisKind: 'reasoned',
  basis: 'Last spring: 1,200 sign-ups', pastCampaignIds: [], dataOwnerId: 'U0DATA',
}
const scenario = (id: number, chosen: boolean, promotionMinor = 300_000, prizesMinor = 199_000): BudgetScenario => ({
  id, name: `Scenario ${id}`, chosen,
  lines: [
    { id: id * 10, category: 'promotion', channel: 'weibo', amountMinor: promotionMinor, note: null },
    { id: id * 10 + 1, category: 'prizes', channel: null, amountMinor: prizesMinor, note: null },
  ],
})

/** A plan with every section done and nothing to warn about. */
const complete: PlanSnapshot = {
  window: { startDate: '2026-04-01', endDate: '2026-04-14' },
  purpose: { purpose: 'sales', levers: ['acquisition'], productState: null },
  goals: [goal],
  targetUsers: { who: 'Students', needs: 'Cheap notebooks', ageRange: null, occupations: null, otherTraits: null },
  promotion: [{ id: 1, channel: 'weibo', channelOther: null, what: 'Teaser', onDate: '2026-03-28', promoterId: 'U0PROMO' }],
  contentRules: { description: 'Post your desk. Win a lamp.', entryDeadline: '2026-04-10', eligibility: 'Registered users' },
  prizes: [{ id: 1, name: 'Lamp', quantity: 10, valueMinor: 19_900, howGiven: 'Shipped' }],
  budgetScenarios: [scenario(1, true), scenario(2, false, 600_000)],
  effectEstimates: [{ channel: 'weibo', metric: 'visits', customMetric: null, expected: 20_000 }],
  risks: [{ id: 1, description: 'Bots', likelihood: 'medium', impact: 'high', mitigation: 'Captcha', ownerId: 'U0OPS' }],
  servicePlan: { responderId: 'U0SERVICE', feedbackProcess: 'Report in #ops' },
  tasks: [{ status: 'todo', dueDate: '2026-03-20' }, { status: 'done', dueDate: '2026-03-01' }],
}

const empty: PlanSnapshot = {
  window: complete.window, purpose: null, goals: [], targetUsers: null, promotion: [], contentRules: null, prizes: [],
  budgetScenarios: [], effectEstimates: [], risks: [], servicePlan: null, tasks: [],
}

function warningsIn(plan: PlanSnapshot, section: (typeof planSections)[number], on = today) {
  return sectionStates(plan, on)[section]
}

describe('missingForReady', () => {
  it('is empty for a complete plan, and every section is done', () => {
    expect(missingForReady(complete)).toEqual([])
    const states = sectionStates(complete, today)
    expect(Object.keys(states)).toEqual([...planSections])
    for (const section of planSections) expect(states[section]).toEqual({ state: 'done', warnings: [] })
  })

  it('lists every required section of an empty plan, in display order; the window is never missing', () => {
    expect(missingForReady(empty)).toEqual(['purpose', 'goals', 'targetUsers', 'promotion', 'contentRules', 'budget', 'risks', 'tasks'])
  })

  it.each([
    ['purpose', { purpose: null }],
    ['purpose', { purpose: { purpose: 'sales', levers: [], productState: null } }],
    ['goals', { goals: [] }],
    ['goals', { goals: [{ ...goal, basis: ' ' }] }],
    ['targetUsers', { targetUsers: null }],
    ['promotion', { promotion: [] }],
    ['contentRules', { contentRules: null }],
    ['budget', { budgetScenarios: [] }],
    ['budget', { budgetScenarios: [scenario(1, true)] }],
    ['budget', { budgetScenarios: [scenario(1, false), scenario(2, false)] }],
    ['budget', { budgetScenarios: [scenario(1, true), scenario(2, true)] }],
    ['risks', { risks: [] }],
    ['tasks', { tasks: [] }],
  ] as const)('misses %s when %j', (section, change) => {
    expect(missingForReady({ ...complete, ...change } as PlanSnapshot)).toEqual([section])
  })

  it('accepts three scenarios with one chosen', () => {
    expect(missingForReady({ ...complete, budgetScenarios: [scenario(1, false), scenario(2, false), scenario(3, true)] })).toEqual([])
  })

  it('does not need prizes or a service plan', () => {
    expect(missingForReady({ ...complete, prizes: [], servicePlan: null })).toEqual([])
  })
})

describe('sectionStates — warnings', () => {
  it('warns about a window outside 7–28 days', () => {
    expect(warningsIn({ ...complete, window: { startDate: '2026-04-01', endDate: '2026-04-03' } }, 'window'))
      .toEqual({ state: 'warnings', warnings: ['window_too_short'] })
    expect(warningsIn({ ...complete, window: { startDate: '2026-04-01', endDate: '2026-05-30' } }, 'window'))
      .toEqual({ state: 'warnings', warnings: ['window_too_long'] })
  })

  it('warns about a goal without a data owner', () => {
    expect(warningsIn({ ...complete, goals: [goal, { ...goal, id: 2, dataOwnerId: null }] }, 'goals'))
      .toEqual({ state: 'warnings', warnings: ['goal_without_data_owner'] })
  })

  it('warns when the window moved before promotion or the entry deadline', () => {
    const shorter = { ...complete, window: { startDate: '2026-04-01', endDate: '2026-04-08' } }
    expect(warningsIn(shorter, 'promotion')).toEqual({ state: 'done', warnings: [] })
    const earlier = { ...complete, window: { startDate: '2026-03-15', endDate: '2026-03-27' } }
    expect(warningsIn(earlier, 'promotion')).toEqual({ state: 'warnings', warnings: ['promotion_after_window'] })
    expect(warningsIn(earlier, 'contentRules')).toEqual({ state: 'warnings', warnings: ['deadline_outside_window'] })
    expect(warningsIn(shorter, 'contentRules')).toEqual({ state: 'warnings', warnings: ['deadline_outside_window'] })
  })

  it('explains a missing budget', () => {
    expect(warningsIn({ ...complete, budgetScenarios: [scenario(1, true)] }, 'budget'))
      .toEqual({ state: 'missing', warnings: ['budget_single_scenario'] })
    expect(warningsIn({ ...complete, budgetScenarios: [scenario(1, false), scenario(2, false)] }, 'budget'))
      .toEqual({ state: 'missing', warnings: ['budget_none_chosen'] })
    expect(warningsIn({ ...complete, budgetScenarios: [scenario(1, true), scenario(2, true)] }, 'budget'))
      .toEqual({ state: 'missing', warnings: ['budget_several_chosen'] })
    expect(warningsIn({ ...complete, budgetScenarios: [] }, 'budget')).toEqual({ state: 'missing', warnings: [] })
  })

  it('warns about a promotion channel without an effect estimate, planned or budgeted', () => {
    const planned = { ...complete, promotion: [...complete.promotion, { ...complete.promotion[0]!, id: 2, channel: 'email' as const }] }
    expect(warningsIn(planned, 'budget')).toEqual({ state: 'warnings', warnings: ['channel_without_estimate'] })
    expect(warningsIn({ ...complete, effectEstimates: [] }, 'budget')).toEqual({ state: 'warnings', warnings: ['channel_without_estimate'] })
  })

  it('warns when the prizes cost more than the chosen scenario sets aside for them', () => {
    expect(warningsIn({ ...complete, budgetScenarios: [scenario(1, true, 300_000, 198_999), scenario(2, false)] }, 'budget'))
      .toEqual({ state: 'warnings', warnings: ['prizes_over_budget'] })
    const hugePrizes = [{ id: 1, name: 'Car', quantity: 1_000_000, valueMinor: Number.MAX_SAFE_INTEGER, howGiven: 'Keys' }]
    expect(warningsIn({ ...complete, prizes: hugePrizes }, 'budget').warnings).toEqual(['prizes_over_budget'])
  })

  it('warns about risks without a customer service plan', () => {
    expect(warningsIn({ ...complete, servicePlan: null }, 'risks')).toEqual({ state: 'warnings', warnings: ['no_service_plan'] })
  })

  it('warns about an overdue task on a later day, not on its due day', () => {
    expect(warningsIn(complete, 'tasks', '2026-03-20')).toEqual({ state: 'done', warnings: [] })
    expect(warningsIn(complete, 'tasks', '2026-03-21')).toEqual({ state: 'warnings', warnings: ['task_overdue'] })
  })

  it('warns about a blocked task', () => {
    expect(warningsIn({ ...complete, tasks: [{ status: 'blocked', dueDate: '2026-03-20' }] }, 'tasks'))
      .toEqual({ state: 'warnings', warnings: ['task_blocked'] })
    expect(warningsIn({ ...complete, tasks: [{ status: 'blocked', dueDate: '2026-03-01' }] }, 'tasks'))
      .toEqual({ state: 'warnings', warnings: ['task_overdue', 'task_blocked'] })
  })

  it('warnings never stop a plan from being ready', () => {
    const warned: PlanSnapshot = {
      ...complete, window: { startDate: '2026-04-01', endDate: '2026-04-02' }, servicePlan: null, effectEstimates: [],
      goals: [{ ...goal, dataOwnerId: null }], tasks: [{ status: 'todo', dueDate: '2026-03-01' }],
    }
    expect(missingForReady(warned)).toEqual([])
  })
})
