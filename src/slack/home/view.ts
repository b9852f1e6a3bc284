// The App Home tab: the person's open tasks (soonest due first, overdue marked, Start / Complete)
// and their campaigns in flight (stage, plan completeness, Open plan), with a button to propose a
// new campaign. Rendered from the database as it is now, both when the person opens the tab and
// when the outbox dispatcher refreshes it after a change (src/jobs/dispatcher.ts is given
// renderHome, so it never composes a Home itself).
import type { Button, HomeView, KnownBlock, ModalView } from '@slack/types'
import type { Clock } from '../../clock.ts'
import { localDate } from '../../domain/dates.ts'
import { homeRoles, homeTasks, planCompleteness, stagesWithPlan } from '../../domain/home.ts'
import { awayInForce } from '../../domain/reminders.ts'
import { taskTransition, type Task } from '../../domain/tasks.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { HomeData, HomeTask } from '../../store/home.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import type { Store } from '../../store/store.ts'
import { actions, button, context, header, plainText, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import { enterFiguresButton } from '../shared/enterFigures.ts'
import { planMessage } from '../plan/message.ts'
import type { PeopleDirectory } from '../people.ts'
import { taskDmActions } from '../tasks/notifications.ts'
import { portfolioHomeSection } from '../portfolio/commands.ts'

/** The Home's own buttons. A task's Start / Complete are the task DM's (taskDmActions): one path for both. */
export const homeActions = {
  newCampaign: 'home_new_campaign',
  openPlan: 'home_open_plan',
  /** Away until a date (src/slack/away/controls.ts). */
  setAway: 'home_away_set',
  clearAway: 'home_away_clear',
} as const

export function readCampaignIdValue(value: string | undefined): number | null {
  return /^\d{1,9}$/.test(value ?? '') ? Number(value) : null
}

// A task's title and blocked reason keep to a line or two: the Home lists many.
const lineLimit = 200
function short(text: string): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()]
  return characters.length <= lineLimit ? characters.join('') : `${characters.slice(0, lineLimit - 1).join('')}…`
}

function taskBlocks(task: HomeTask, overdue: boolean, m: Messages): KnownBlock[] {
  const h = m.home
  const lines = [h.task(escapeMrkdwn(short(task.title)), escapeMrkdwn(short(task.campaignName)), m.taskStatus[task.status], task.dueDate)]
  if (overdue) lines[0] += ` · ${h.overdue}`
  if (task.status === 'blocked' && task.blockedReason) lines.push(h.blocked(escapeMrkdwn(short(task.blockedReason))))
  // The tasks surface's listeners take these (src/slack/tasks/actions.ts); a refusal is told
  // in a small modal there, since a Home has no thread to answer in.
  const value = String(task.id)
  const buttons: Button[] = []
  if (taskTransition(task, 'start').ok) buttons.push(button(h.start, taskDmActions.start, value))
  if (taskTransition(task, 'complete').ok) buttons.push(button(h.complete, taskDmActions.complete, value, 'primary'))
  return [section(trusted(lines.join('\n'))), ...(buttons.length > 0 ? [actions(`home_task_${task.id}`, buttons)] : [])]
}

function campaignBlock(record: PlanRecord, userId: string, today: string, m: Messages): KnownBlock {
  const h = m.home
  const { campaign, snapshot } = record
  const details: string[] = [homeRoles(campaign, snapshot.tasks, userId).map((role) => h.role[role]).join(', ')]
  const hasPlan = stagesWithPlan.has(campaign.stage)
  if (hasPlan) {
    const { complete, total } = planCompleteness(snapshot, today)
    details.push(h.completeness(complete, total))
  }
  const tasks: readonly Task[] = snapshot.tasks
  const mine = tasks.filter((task) => task.ownerId === userId && task.status !== 'done').length
  if (mine > 0) details.push(h.yourOpenTasks(mine))
  const text = trusted(`${h.campaign(escapeMrkdwn(short(campaign.name)), m.stage[campaign.stage])}\n${details.filter(Boolean).join(' · ')}`)
  return {
    ...section(text),
    ...(hasPlan ? { accessory: button(h.openPlan, homeActions.openPlan, String(campaign.id)) } : {}),
  }
}

/** Enter figures, under a live campaign whose owner or a goal's data owner this person is. */
function figuresBlocks(record: PlanRecord, userId: string, m: Messages): KnownBlock[] {
  const { campaign, snapshot } = record
  const reports = campaign.ownerId === userId || snapshot.goals.some((goal) => goal.dataOwnerId === userId)
  if (campaign.stage !== 'live' || snapshot.goals.length === 0 || !reports) return []
  return [actions(`home_figures_${campaign.id}`, [enterFiguresButton(campaign.id, m)])]
}

/** "Away until …" (or how to go away), with its buttons. */
function awayBlocks(awayUntil: string | null, m: Messages): KnownBlock[] {
  const a = m.awaySetting
  const buttons = awayUntil
    ? [button(a.homeChange, homeActions.setAway, 'set'), button(a.homeClear, homeActions.clearAway, 'clear')]
    : [button(a.homeSet, homeActions.setAway, 'set')]
  return [context(trusted(awayUntil ? a.homeAway(awayUntil) : a.homeHere)), actions('home_away', buttons)]
}

/**
 * The Home tab of `userId` from what the store read, in the person's language and calendar;
 * `awayUntil` is the date they are away until, if still in force.
 */
export function homeView(data: HomeData, userId: string, today: string, m: Messages, awayUntil: string | null = null): HomeView {
  const h = m.home
  const blocks: Blocks = [
    header(h.title),
    context(trusted(h.intro)),
    actions('home_actions', [button(h.newCampaign, homeActions.newCampaign, 'new', 'primary')]),
    ...awayBlocks(awayUntil, m),
    { type: 'divider' },
    header(h.tasksHeader(data.openTaskCount)),
  ]
  const tasks = homeTasks(data.openTasks, data.openTaskCount, today)
  if (tasks.shown.length === 0) blocks.push(section(trusted(h.noTasks)))
  for (const { task, overdue } of tasks.shown) blocks.push(...taskBlocks(task, overdue, m))
  if (tasks.more > 0) blocks.push(context(trusted(h.moreTasks(tasks.more))))
  blocks.push({ type: 'divider' }, header(h.campaignsHeader(data.campaignCount)))
  if (data.campaigns.length === 0) blocks.push(section(trusted(h.noCampaigns)))
  for (const record of data.campaigns) blocks.push(campaignBlock(record, userId, today, m), ...figuresBlocks(record, userId, m))
  const moreCampaigns = data.campaignCount - data.campaigns.length
  if (moreCampaigns > 0) blocks.push(context(trusted(h.moreCampaigns(moreCampaigns))))
  return { type: 'home', blocks }
}

export type HomeDeps = { store: Pick<Store, 'home' | 'people' | 'portfolio'>; people: Pick<PeopleDirectory, 'person'>; clock: Clock }

/** Slack's limit on a Home view's blocks. */
const homeBlockLimit = 100

/** Reads and renders the Home of `userId` as things stand now. */
export async function renderHome(deps: HomeDeps, teamId: string, userId: string): Promise<HomeView> {
  const [person, data, known] = await Promise.all([
    deps.people.person(teamId, userId), deps.store.home.homeOf(teamId, userId), deps.store.people.find(teamId, userId),
  ])
  const today = localDate(deps.clock.now(), person.timeZone)
  const m = messagesFor(person.locale)
  const view = homeView(data, userId, today, m, awayInForce(known?.awayUntil ?? null, today))
  // The portfolio (issue 17) for workspace admins and approvers, below the rest, in the room left.
  const shows = person.isWorkspaceAdmin || data.campaigns.some((record) => record.campaign.approverId === userId)
  const portfolio = await portfolioHomeSection(deps, teamId, shows, m, homeBlockLimit - view.blocks.length)
  return { ...view, blocks: [...view.blocks, ...portfolio] }
}

/**
 * The plan of a campaign opened from the Home: the plan message's header, stage line and section
 * lines with their Open buttons (the plan's own listeners take those from a modal too). Ready and
 * Gantt stay on the plan message in the channel.
 */
export function planOverviewModal(record: PlanRecord, today: string, m: Messages): ModalView {
  const blocks = planMessage(record, today, m).blocks.filter((block) =>
    block.type !== 'actions' && !(block.type === 'context' && block.elements.some((e) => 'text' in e && e.text === m.plan.readyHint)))
  return {
    type: 'modal',
    title: plainText(m.home.planTitle, 24),
    close: plainText(m.home.close, 24),
    private_metadata: JSON.stringify({ c: record.campaign.id }),
    blocks,
  }
}

/** A small modal that says why a Home click did nothing: the Home has no thread to answer in. */
export function homeNoticeModal(text: Mrkdwn, m: Messages): ModalView {
  return { type: 'modal', title: plainText(m.home.noticeTitle, 24), close: plainText(m.home.close, 24), blocks: [section(text)] }
}
