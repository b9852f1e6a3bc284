// What a person's App Home shows: their open tasks, soonest due first, and the campaigns they own,
// approve or work on, with how complete each plan is. A Home view holds at most 100 blocks, so
// both lists show their first few and say how many more there are. Pure: "today" is an argument.
import { CampaignStage, type Campaign } from './campaign.ts'
import { planSections, sectionStates, type PlanSnapshot } from './planCompleteness.ts'
import { openTasksSoonestFirst, type Task } from './tasks.ts'

/**
 * How many of each list a Home shows. A task takes two blocks (its line and its buttons), a
 * campaign one: 20 × 2 + 20 + the headers and "more" lines stay well inside 100 blocks.
 */
export const homeLimits = { tasks: 20, campaigns: 20 } as const

/** Campaigns in flight: these show on their people's Home (closed and cancelled ones do not). */
export const homeStages: readonly CampaignStage[] = [
  CampaignStage.Live, CampaignStage.Scheduled, CampaignStage.Planning, CampaignStage.Proposed,
  CampaignStage.SentBack, CampaignStage.Retrospective,
]

/** Stages whose campaign has a plan to open (it is created on approval). */
export const stagesWithPlan: ReadonlySet<CampaignStage> = new Set([
  CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live, CampaignStage.Retrospective,
])

export type HomeRole = 'owner' | 'approver' | 'tasks'

type Roles = Pick<Campaign, 'ownerId' | 'approverId'>

/** What the person is to this campaign, in that order. */
export function homeRoles(campaign: Roles, tasks: readonly Pick<Task, 'ownerId'>[], userId: string): HomeRole[] {
  const roles: HomeRole[] = []
  if (campaign.ownerId === userId) roles.push('owner')
  if (campaign.approverId === userId) roles.push('approver')
  if (tasks.some((task) => task.ownerId === userId)) roles.push('tasks')
  return roles
}

/**
 * Everyone whose Home shows this campaign: its owner and approver and every task owner, before a
 * change and after it (a reassigned task leaves one Home and joins another).
 */
export function peopleConcerned(states: ReadonlyArray<{ campaign: Roles; tasks: readonly Pick<Task, 'ownerId'>[] }>): string[] {
  const people = new Set<string>()
  for (const { campaign, tasks } of states) {
    people.add(campaign.ownerId)
    people.add(campaign.approverId)
    for (const task of tasks) people.add(task.ownerId)
  }
  return [...people]
}

/** Sections that meet what "Ready to go live" needs (warnings are advice, not gaps), of all of them. */
export function planCompleteness(plan: PlanSnapshot, today: string): { complete: number; total: number } {
  const states = sectionStates(plan, today)
  return { complete: planSections.filter((section) => states[section].state !== 'missing').length, total: planSections.length }
}

/** Campaigns in Home order: what is running or about to first, then by start date. */
export function homeCampaignOrder<C extends Pick<Campaign, 'id' | 'stage' | 'startDate'>>(campaigns: readonly C[]): C[] {
  const rank = (stage: CampaignStage) => {
    const index = homeStages.indexOf(stage)
    return index === -1 ? homeStages.length : index
  }
  return [...campaigns].sort((a, b) => rank(a.stage) - rank(b.stage) || a.startDate.localeCompare(b.startDate) || a.id - b.id)
}

/** The first `limit` of a list and how many more there are, when only the first page was read. */
export type Page<T> = { shown: T[]; more: number }

/**
 * The tasks a Home lists: open ones, soonest due first, overdue marked; `total` is how many open
 * tasks the person has in all (the store may hand over only the first ones).
 */
export function homeTasks<T extends Pick<Task, 'id' | 'status' | 'startDate' | 'dueDate'>>(
  openTasks: readonly T[], total: number, today: string, limit: number = homeLimits.tasks,
): Page<{ task: T; overdue: boolean }> {
  const shown = openTasksSoonestFirst(openTasks, today).slice(0, limit)
  return { shown, more: Math.max(0, total - shown.length) }
}
