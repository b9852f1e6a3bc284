// What App Home shows, at fixed dates: roles, who a change concerns, plan completeness, the order
// of campaigns, and the first page of tasks with how many more.
import { describe, expect, it } from 'vitest'
import { CampaignStage } from '../../src/domain/campaign.ts'
import { homeCampaignOrder, homeLimits, homeRoles, homeTasks, peopleConcerned, planCompleteness } from '../../src/domain/home.ts'
import type { PlanSnapshot } from '../../src/domain/planCompleteness.ts'
import type { Task } from '../../src/domain/tasks.ts'

const today = '2026-12-01'

function task(id: number, dueDate: string, overrides: Partial<Task> = {}): Task {
  return {
    id, campaignId: 1, title: `Task ${id}`, stage: 'content', ownerId: 'U3', startDate: '2026-11-20', dueDate,
    status: 'todo', blockedReason: null, version: 0, ...overrides,
  }
}

const emptyPlan: PlanSnapshot = {
  window: { startDate: '2026-12-10', endDate: '2026-12-24' },
  purpose: null, goals: [], targetUsers: null, promotion: [], contentRules: null, prizes: [], budgetScenarios: [],
  effectEstimates: [], risks: [], servicePlan: null, tasks: [],
}

describe('App Home', () => {
  it('names what the person is to a campaign', () => {
    const campaign = { ownerId: 'U1', approverId: 'U2' }
    expect(homeRoles(campaign, [task(1, today)], 'U1')).toEqual(['owner'])
    expect(homeRoles({ ownerId: 'U1', approverId: 'U1' }, [task(1, today, { ownerId: 'U1' })], 'U1')).toEqual(['owner', 'approver', 'tasks'])
    expect(homeRoles(campaign, [task(1, today)], 'U3')).toEqual(['tasks'])
    expect(homeRoles(campaign, [task(1, today)], 'U9')).toEqual([])
  })

  it('a change concerns the owner, the approver and every task owner before and after it, once each', () => {
    const campaign = { ownerId: 'U1', approverId: 'U2' }
    const before = { campaign, tasks: [task(1, today, { ownerId: 'U3' }), task(2, today, { ownerId: 'U1' })] }
    const after = { campaign, tasks: [task(1, today, { ownerId: 'U4' }), task(2, today, { ownerId: 'U1' })] }
    expect(peopleConcerned([before, after])).toEqual(['U1', 'U2', 'U3', 'U4'])
  })

  it('counts the sections that meet Ready, warnings included, of nine', () => {
    // The window is set by the proposal; everything else is still to write.
    expect(planCompleteness(emptyPlan, today)).toEqual({ complete: 1, total: 9 })
    // An overdue task is a warning on a complete tasks section, not a gap.
    expect(planCompleteness({ ...emptyPlan, tasks: [task(1, '2026-11-20')] }, today)).toEqual({ complete: 2, total: 9 })
  })

  it('orders campaigns live first, then scheduled, planning and proposals, each by start date', () => {
    const c = (id: number, stage: CampaignStage, startDate: string) => ({ id, stage, startDate })
    const ordered = homeCampaignOrder([
      c(1, CampaignStage.Proposed, '2026-12-05'), c(2, CampaignStage.Planning, '2026-12-20'), c(3, CampaignStage.Live, '2026-11-28'),
      c(4, CampaignStage.Planning, '2026-12-10'), c(5, CampaignStage.Scheduled, '2026-12-03'),
    ])
    expect(ordered.map((x) => x.id)).toEqual([3, 5, 4, 2, 1])
  })

  it('lists the first open tasks soonest due first, marks the overdue ones, and says how many more', () => {
    const open = Array.from({ length: 30 }, (_, i) => task(i + 1, `2026-11-${String(30 - i).padStart(2, '0')}`))
    const page = homeTasks([...open, task(99, '2026-11-01', { status: 'done' })], 200, today)
    expect(page.shown).toHaveLength(homeLimits.tasks)
    expect(page.more).toBe(200 - homeLimits.tasks)
    expect(page.shown[0]!.task.dueDate).toBe('2026-11-01')
    expect(page.shown.every(({ overdue }) => overdue)).toBe(true)
    expect(homeTasks([task(1, today), task(2, '2026-12-05')], 2, today)).toEqual({
      shown: [{ task: task(1, today), overdue: false }, { task: task(2, '2026-12-05'), overdue: false }], more: 0,
    })
  })
})
