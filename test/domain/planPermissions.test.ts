import { describe, expect, it } from 'vitest'
import { CampaignStage, campaignStages, type Actor } from '../../src/domain/campaign.ts'
import type { PlanSnapshot } from '../../src/domain/planCompleteness.ts'
import {
  alreadyMovedTo, refusalToChangeTaskStatus, refusalToEditPlan, refusalToEditSection, refusalToEditTasks, refusalToMarkReady, refusalToReturnToPlanning,
} from '../../src/domain/planPermissions.ts'

const owner: Actor = { userId: 'U0OWNER', isWorkspaceAdmin: false }
const approver: Actor = { userId: 'U0APPROVER', isWorkspaceAdmin: false }
const taskOwner: Actor = { userId: 'U0DESIGN', isWorkspaceAdmin: false }
const someone: Actor = { userId: 'U0SOMEONE', isWorkspaceAdmin: false }
const admin: Actor = { userId: 'U0ADMIN', isWorkspaceAdmin: true }

const campaignIn = (stage: CampaignStage) => ({ ownerId: owner.userId, approverId: approver.userId, stage })
const task = { ownerId: taskOwner.userId }

const readyPlan: PlanSnapshot = {
  window: { startDate: '2026-04-01', endDate: '2026-04-14' },
  purpose: { purpose: 'sales', levers: ['acquisition'], productState: null },
  goals: [{ id: 1, metric: 'orders', customMetric: null, unit: null, target: 500, basisKind: 'reasoned', basis: 'Last year: 420', pastCampaignIds: [], dataOwnerId: null }],
  targetUsers: { who: 'Students', needs: 'Notebooks', ageRange: null, occupations: null, otherTraits: null },
  promotion: [{ id: 1, channel: 'email', channelOther: null, what: 'Newsletter', onDate: '2026-03-30', promoterId: 'U0PROMO' }],
  contentRules: { description: 'Buy two, get one.', entryDeadline: '2026-04-14', eligibility: 'Everyone' },
  prizes: [],
  budgetScenarios: [
    { id: 1, name: 'Lean', chosen: true, lines: [] },
    { id: 2, name: 'Bold', chosen: false, lines: [] },
  ],
  effectEstimates: [],
  risks: [{ id: 1, description: 'Stock runs out', likelihood: 'low', impact: 'high', mitigation: 'Reserve stock', ownerId: 'U0OPS' }],
  servicePlan: null,
  tasks: [{ status: 'todo', dueDate: '2026-03-20' }],
}
const unfinishedPlan: PlanSnapshot = { ...readyPlan, risks: [], tasks: [] }

const editableStages = [CampaignStage.Planning, CampaignStage.Scheduled]
const taskStages = [...editableStages, CampaignStage.Live]
const otherStagesThan = (stages: readonly CampaignStage[]) => campaignStages.filter((stage) => !stages.includes(stage))

describe('refusalToEditPlan (the plan\'s sections)', () => {
  it.each(editableStages)('owner, approver and admins edit in %s', (stage) => {
    for (const actor of [owner, approver, admin]) expect(refusalToEditPlan(campaignIn(stage), actor)).toBeNull()
  })

  it('a task owner or anyone else may look but not edit', () => {
    expect(refusalToEditPlan(campaignIn(CampaignStage.Planning), taskOwner)).toBe('not_owner_or_approver')
    expect(refusalToEditPlan(campaignIn(CampaignStage.Planning), someone)).toBe('not_owner_or_approver')
  })

  it.each(otherStagesThan(editableStages))('nobody edits the plan in %s', (stage) => {
    for (const actor of [owner, approver, admin]) expect(refusalToEditPlan(campaignIn(stage), actor)).toBe('plan_closed')
  })

  it('says who may edit before when', () => {
    expect(refusalToEditPlan(campaignIn(CampaignStage.Closed), someone)).toBe('not_owner_or_approver')
  })
})

describe('refusalToEditSection', () => {
  it('while live the promotion plan and the tasks still change; the rest is fixed', () => {
    const live = campaignIn(CampaignStage.Live)
    for (const actor of [owner, approver, admin]) {
      expect(refusalToEditSection(live, actor, 'promotion')).toBeNull()
      expect(refusalToEditSection(live, actor, 'tasks')).toBeNull()
      for (const section of ['purpose', 'goals', 'targetUsers', 'window', 'contentRules', 'budget', 'risks'] as const) {
        expect(refusalToEditSection(live, actor, section), section).toBe('plan_closed')
      }
    }
    expect(refusalToEditSection(live, taskOwner, 'promotion')).toBe('not_owner_or_approver')
  })

  it('once the campaign has ended nothing changes, each said in its own words', () => {
    expect(refusalToEditSection(campaignIn(CampaignStage.Retrospective), owner, 'promotion')).toBe('plan_closed')
    expect(refusalToEditSection(campaignIn(CampaignStage.Retrospective), owner, 'tasks')).toBe('tasks_closed')
  })
})

describe('refusalToEditTasks (add, edit, reschedule, reassign, delete)', () => {
  it.each(taskStages)('owner, approver and admins change tasks in %s', (stage) => {
    for (const actor of [owner, approver, admin]) expect(refusalToEditTasks(campaignIn(stage), actor)).toBeNull()
  })

  it('a task owner or anyone else may look but not edit', () => {
    for (const actor of [taskOwner, someone]) expect(refusalToEditTasks(campaignIn(CampaignStage.Live), actor)).toBe('not_owner_or_approver')
  })

  it.each(otherStagesThan(taskStages))('nobody changes tasks in %s', (stage) => {
    for (const actor of [owner, approver, admin]) expect(refusalToEditTasks(campaignIn(stage), actor)).toBe('tasks_closed')
  })
})

describe('refusalToChangeTaskStatus', () => {
  it.each(taskStages)('the task owner, owner, approver and admins move a task in %s', (stage) => {
    for (const actor of [taskOwner, owner, approver, admin]) expect(refusalToChangeTaskStatus(campaignIn(stage), task, actor)).toBeNull()
  })

  it('someone else may not', () => {
    expect(refusalToChangeTaskStatus(campaignIn(CampaignStage.Live), task, someone)).toBe('not_task_owner')
  })

  it.each(otherStagesThan(taskStages))('tasks stand still in %s', (stage) => {
    for (const actor of [taskOwner, owner, admin]) expect(refusalToChangeTaskStatus(campaignIn(stage), task, actor)).toBe('tasks_closed')
  })
})

describe('refusalToMarkReady', () => {
  it('the owner or an admin marks a complete plan ready from planning', () => {
    expect(refusalToMarkReady(campaignIn(CampaignStage.Planning), owner, readyPlan)).toBeNull()
    expect(refusalToMarkReady(campaignIn(CampaignStage.Planning), admin, readyPlan)).toBeNull()
  })

  it('not the approver, nor anyone else', () => {
    expect(refusalToMarkReady(campaignIn(CampaignStage.Planning), approver, readyPlan)).toEqual({ code: 'not_the_owner' })
    expect(refusalToMarkReady(campaignIn(CampaignStage.Planning), someone, readyPlan)).toEqual({ code: 'not_the_owner' })
  })

  it.each(otherStagesThan([CampaignStage.Planning]))('not from %s', (stage) => {
    expect(refusalToMarkReady(campaignIn(stage), owner, readyPlan)).toEqual({ code: 'not_in_planning' })
  })

  it('names what is missing', () => {
    expect(refusalToMarkReady(campaignIn(CampaignStage.Planning), owner, unfinishedPlan))
      .toEqual({ code: 'plan_incomplete', missing: ['risks', 'tasks'] })
  })
})

describe('alreadyMovedTo (a press someone else was quicker to)', () => {
  it('Ready finds the plan scheduled or live; an ended campaign is not "already scheduled"', () => {
    const moved = [CampaignStage.Scheduled, CampaignStage.Live]
    for (const stage of moved) expect(alreadyMovedTo(stage, CampaignStage.Scheduled), stage).toBe(true)
    for (const stage of otherStagesThan(moved)) expect(alreadyMovedTo(stage, CampaignStage.Scheduled), stage).toBe(false)
  })

  it('Back to planning finds it in planning already', () => {
    for (const stage of campaignStages) expect(alreadyMovedTo(stage, CampaignStage.Planning), stage).toBe(stage === CampaignStage.Planning)
  })
})

describe('refusalToReturnToPlanning', () => {
  it('owner, approver and admins take a scheduled campaign back to planning', () => {
    for (const actor of [owner, approver, admin]) expect(refusalToReturnToPlanning(campaignIn(CampaignStage.Scheduled), actor)).toBeNull()
  })

  it('nobody else', () => {
    expect(refusalToReturnToPlanning(campaignIn(CampaignStage.Scheduled), taskOwner)).toBe('not_owner_or_approver')
  })

  it.each(otherStagesThan([CampaignStage.Scheduled]))('only from scheduled, not %s', (stage) => {
    expect(refusalToReturnToPlanning(campaignIn(stage), owner)).toBe('not_scheduled')
  })
})
