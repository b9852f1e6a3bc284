// Who may change the plan of stage 2, and when. Anyone in the workspace may look at a plan;
// the campaign's owner and approver write it; a task's owner moves that task along; workspace
// admins may do everything. Each rule returns null when allowed, or why not.
import { CampaignStage, type Actor, type Campaign } from './campaign.ts'
import { missingForReady, type PlanSection, type PlanSnapshot } from './planCompleteness.ts'
import type { Task } from './tasks.ts'

export type PlanRefusal =
  | 'not_owner_or_approver'
  | 'not_the_owner'
  | 'not_task_owner'
  | 'plan_closed'
  | 'tasks_closed'
  | 'not_in_planning'
  | 'not_scheduled'

export type ReadyRefusal =
  | { code: 'not_the_owner' | 'not_in_planning' }
  | { code: 'plan_incomplete'; missing: PlanSection[] }

type CampaignRoles = Pick<Campaign, 'ownerId' | 'approverId' | 'stage'>

/** The plan is written while planning, and may still be corrected once scheduled. */
const planEditableStages: readonly CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled]
/**
 * Work goes on while live: tasks still start, finish and get blocked, and are added, rescheduled,
 * reassigned or dropped as the campaign meets the world (the rest of the plan is closed by then).
 */
export const taskStages: readonly CampaignStage[] = [...planEditableStages, CampaignStage.Live]

function isPlanner(campaign: CampaignRoles, actor: Actor): boolean {
  return actor.isWorkspaceAdmin || actor.userId === campaign.ownerId || actor.userId === campaign.approverId
}

/** Edit the plan as a whole (a section alone: refusalToEditSection). */
export function refusalToEditPlan(campaign: CampaignRoles, actor: Actor): PlanRefusal | null {
  if (!isPlanner(campaign, actor)) return 'not_owner_or_approver'
  if (!planEditableStages.includes(campaign.stage)) return 'plan_closed'
  return null
}

/**
 * The sections that go on changing while live: the work, and the promotion that promoters adjust
 * from the figures (METHOD.md, stage 3). The rest of the plan is fixed once the campaign starts.
 */
export const sectionsOpenWhileLive: readonly PlanSection[] = ['tasks', 'promotion']

/** The stages in which a section of the plan may be changed. */
export function sectionStages(section: PlanSection): readonly CampaignStage[] {
  return sectionsOpenWhileLive.includes(section) ? taskStages : planEditableStages
}

/** Change one section (its form, its items): whoever may edit the plan, in that section's stages. */
export function refusalToEditSection(campaign: CampaignRoles, actor: Actor, section: PlanSection): PlanRefusal | null {
  if (!isPlanner(campaign, actor)) return 'not_owner_or_approver'
  if (!sectionStages(section).includes(campaign.stage)) return section === 'tasks' ? 'tasks_closed' : 'plan_closed'
  return null
}

/** Add, edit, reschedule, reassign or delete tasks: whoever may edit the plan, until the campaign has ended. */
export function refusalToEditTasks(campaign: CampaignRoles, actor: Actor): PlanRefusal | null {
  return refusalToEditSection(campaign, actor, 'tasks')
}

/** Start, complete, block or reopen a task: its owner, or whoever may edit the plan. */
export function refusalToChangeTaskStatus(campaign: CampaignRoles, task: Pick<Task, 'ownerId'>, actor: Actor): PlanRefusal | null {
  if (actor.userId !== task.ownerId && !isPlanner(campaign, actor)) return 'not_task_owner'
  if (!taskStages.includes(campaign.stage)) return 'tasks_closed'
  return null
}

/** Mark the plan ready to go live: the owner, from planning, once no section is missing. */
export function refusalToMarkReady(campaign: CampaignRoles, actor: Actor, plan: PlanSnapshot): ReadyRefusal | null {
  if (actor.userId !== campaign.ownerId && !actor.isWorkspaceAdmin) return { code: 'not_the_owner' }
  if (campaign.stage !== CampaignStage.Planning) return { code: 'not_in_planning' }
  const missing = missingForReady(plan)
  return missing.length > 0 ? { code: 'plan_incomplete', missing } : null
}

/**
 * Ready (to Scheduled) or Back to planning (to Planning) found the campaign already there or past
 * it: someone was quicker (a second press, another instance), and the person is told where the
 * plan stands rather than refused by a rule. A campaign that has ended is not "already scheduled":
 * its plan is closed, and a press on an old message is told so.
 */
export function alreadyMovedTo(stage: CampaignStage, to: typeof CampaignStage.Scheduled | typeof CampaignStage.Planning): boolean {
  if (to === CampaignStage.Planning) return stage === CampaignStage.Planning
  return ([CampaignStage.Scheduled, CampaignStage.Live] as CampaignStage[]).includes(stage)
}

/** Take a scheduled campaign back to planning: its owner or approver. */
export function refusalToReturnToPlanning(campaign: CampaignRoles, actor: Actor): PlanRefusal | null {
  if (!isPlanner(campaign, actor)) return 'not_owner_or_approver'
  if (campaign.stage !== CampaignStage.Scheduled) return 'not_scheduled'
  return null
}
