// The live stage's planner (issue 7): given everything the scheduler read in one pass — the
// Scheduled and Live campaigns with their settings, their open tasks, their goals, the people
// concerned and what was already written for today — what is due at this instant. Pure: the
// instant and every fact come in as arguments; the answer is a list of things to post, each with
// a key that says what, for whom and for which local day, so writing it twice writes it once.
//
// Rules (README, "Stage 3 — live"; docs/delivery.md):
// - a digest at the campaign's digest time, in its zone, on its working days, while live and not
//   paused; caught up later the same local day, never on the next; a quiet digest only when
//   something is due, overdue, behind pace or changed since the last one;
// - a task's owner is reminded at their own morning (09:00 in their zone), on working days:
//   `reminderLeadDays` working days before the due date, on it, and each working day after
//   (mentioning the campaign's owner from the second); only today's reminder is ever written,
//   so one whose day has passed is never sent late; once a day per due date, so a task moved
//   to today after its morning reminder is reminded of the new date that day;
// - a data owner is asked for today's figures at the prompt time in their zone, while the
//   campaign is live, on working days, unless every goal of theirs already has today's figure;
// - a goal more than the margin behind its pace alerts the channel once a day, from the digest time;
// - nobody away or deactivated is messaged: the campaign's owner is told once instead.
import { createHash } from 'node:crypto'
import { CampaignStage } from './campaign.ts'
import type { EffectiveSettings } from './liveSettings.ts'
import { isWorkingDay, localDateIn, localTimeIn, workingCalendarKey, type WorkingDaySettings } from './localTime.ts'
import { goalPace, type GoalCurve } from './pace.ts'

/** A person's morning, in their own zone: when deadline reminders arrive. */
export const reminderTime = '09:00'

export type PlannedSettings = EffectiveSettings & { paceMarginPercent: number }

export type PlannedCampaign = {
  id: number
  teamId: string
  stage: CampaignStage
  paused: boolean
  startDate: string
  endDate: string
  ownerId: string
  channelId: string
  settings: PlannedSettings
  lastDigestOn: string | null
  lastDigestState: string | null
}

export type PlannedTask = {
  id: number
  campaignId: number
  ownerId: string
  dueDate: string
  lastReminderOn: string | null
  snoozedUntil: string | null
}

export type PlannedGoal = {
  id: number
  campaignId: number
  dataOwnerId: string | null
  /** In the goal's units (money in minor units); null = no target. */
  target: number | null
  actual: number
  actualAsOf: string | null
  curve: GoalCurve
  lastPromptOn: string | null
  lastAlertOn: string | null
}

/** A live campaign's tasks in short: how many, how many done, the earliest open due date, the last change. */
export type TaskTally = {
  campaignId: number
  done: number
  total: number
  /** The earliest due date of a task not done; null when all are done. */
  firstOpenDue: string | null
  /** When any of its tasks last changed (ms since the epoch); 0 without tasks. */
  lastChange: number
}

export type PlannedPerson = { timeZone: string | null; deactivated: boolean; awayUntil: string | null }

export type LiveSnapshot = {
  campaigns: readonly PlannedCampaign[]
  /**
   * Open (not done) tasks of those campaigns that may be due a reminder at this instant: due up to a
   * horizon past any reminder's lead, and not reminded yet on the latest date it is anywhere on earth
   * (a task reminded on that date has had today's reminder in every zone). The rest cannot be due.
   */
  openTasks: readonly PlannedTask[]
  goals: readonly PlannedGoal[]
  tallies: readonly TaskTally[]
  /** By personKey(teamId, userId); a person not in it is here, active, in the campaign's zone. */
  people: ReadonlyMap<string, PlannedPerson>
}

export const personKey = (teamId: string, userId: string): string => `${teamId}:${userId}`

type Base = { key: string; teamId: string; campaignId: number; day: string }

export type ReminderWhen = 'before' | 'due' | 'overdue'

export type DueItem = Base & (
  | { kind: 'digest'; channelId: string; state: string }
  | {
      kind: 'reminder'; userId: string; taskId: number; dueDate: string; when: ReminderWhen
      /** Working days overdue (1 on the first working day after the due date). */
      overdueDays: number
      /** The campaign's owner to mention (from the second overdue day), if not the task's owner. */
      mentionOwnerId: string | null
      timeZone: string
    }
  | { kind: 'metric_prompt'; userId: string; goalIds: number[]; timeZone: string }
  | { kind: 'pace_alert'; channelId: string; goalId: number }
  | { kind: 'away_notice'; userId: string; awayUserId: string; awayUntil: string }
  | { kind: 'gone_notice'; userId: string; goneUserId: string }
)

export type DueKind = DueItem['kind']

export type LivePlan = {
  items: DueItem[]
  /** Quiet digests not posted today because nothing happened: remembered so the day is settled. */
  quietDigests: { campaignId: number; day: string; state: string }[]
}

// ---- working days ----------------------------------------------------------------------------

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** Working-day answers per settings, cached for the pass: 200,000 tasks share a few calendars. */
class WorkingCalendar {
  private readonly cache = new Map<string, unknown>()
  constructor(private readonly settings: WorkingDaySettings) {}

  private memo<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T
    const value = compute()
    this.cache.set(key, value)
    return value
  }

  isWorking(date: string): boolean {
    return this.memo(`w${date}`, () => isWorkingDay(date, this.settings))
  }

  /** The `n`th working day before `date` (n ≥ 1); looks back at most a year. */
  workingDaysBefore(date: string, n: number): string | null {
    return this.memo(`b${date}:${n}`, () => {
      let day = date
      for (let found = 0, steps = 0; steps < 366; steps++) {
        day = shiftDate(day, -1)
        if (this.isWorking(day) && ++found === n) return day
      }
      return null
    })
  }

  /** Working days in (from, to]. */
  workingDaysAfter(from: string, to: string): number {
    return this.memo(`a${from}:${to}`, () => {
      let count = 0
      for (let day = shiftDate(from, 1), steps = 0; day <= to && steps < 3660; day = shiftDate(day, 1), steps++) {
        if (this.isWorking(day)) count++
      }
      return count
    })
  }
}


// ---- the plan ----------------------------------------------------------------------------------

/**
 * The digest's state in short: a quiet digest is posted only when it differs from the last one.
 * Any change to a task (finished, rescheduled, reassigned, added) moves its campaign's last change.
 */
export function digestState(tally: TaskTally | undefined, goals: readonly PlannedGoal[]): string {
  const parts = [
    `t${tally?.done ?? 0}/${tally?.total ?? 0}@${tally?.lastChange ?? 0}`,
    ...goals.map((goal) => `g${goal.id}=${goal.actual}@${goal.actualAsOf ?? ''}`).sort(),
  ]
  return createHash('sha1').update(parts.join('|')).digest('base64url').slice(0, 16)
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

export function planLive(snapshot: LiveSnapshot, now: Date): LivePlan {
  const items: DueItem[] = []
  const quietDigests: LivePlan['quietDigests'] = []
  const calendars = new Map<string, WorkingCalendar>()
  const calendarFor = (settings: WorkingDaySettings) => {
    const key = workingCalendarKey(settings)
    let calendar = calendars.get(key)
    if (!calendar) calendars.set(key, (calendar = new WorkingCalendar(settings)))
    return calendar
  }
  // Local dates and times per zone, once per pass: a few zones serve thousands of rows.
  const clocks = new Map<string, { date: string; time: string }>()
  const localNow = (zone: string) => {
    let local = clocks.get(zone)
    if (!local) clocks.set(zone, (local = { date: localDateIn(now, zone), time: localTimeIn(now, zone) }))
    return local
  }
  const tasksByCampaign = groupBy(snapshot.openTasks, (task) => task.campaignId)
  const goalsByCampaign = groupBy(snapshot.goals, (goal) => goal.campaignId)
  const talliesByCampaign = new Map(snapshot.tallies.map((tally) => [tally.campaignId, tally]))
  const noticed = new Set<string>()

  /**
   * May this person be messaged today? If away or gone, the campaign's owner is told (once per
   * absence: the key carries the date they are away until) and the answer is no.
   */
  function reachable(campaign: PlannedCampaign, userId: string, day: string): boolean {
    const person = snapshot.people.get(personKey(campaign.teamId, userId))
    if (!person) return true
    const owner = snapshot.people.get(personKey(campaign.teamId, campaign.ownerId))
    const ownerReachable = userId !== campaign.ownerId && !owner?.deactivated
    const base = { teamId: campaign.teamId, campaignId: campaign.id, day, userId: campaign.ownerId }
    if (person.deactivated) {
      const key = `gone:${campaign.id}:${userId}`
      if (ownerReachable && !noticed.has(key)) items.push({ ...base, key, kind: 'gone_notice', goneUserId: userId })
      noticed.add(key)
      return false
    }
    if (person.awayUntil && person.awayUntil >= day) {
      const key = `away:${campaign.id}:${userId}:${person.awayUntil}`
      if (ownerReachable && !noticed.has(key)) items.push({ ...base, key, kind: 'away_notice', awayUserId: userId, awayUntil: person.awayUntil })
      noticed.add(key)
      return false
    }
    return true
  }

  const zoneOf = (campaign: PlannedCampaign, userId: string) =>
    snapshot.people.get(personKey(campaign.teamId, userId))?.timeZone ?? campaign.settings.timeZone

  for (const campaign of snapshot.campaigns) {
    if (campaign.paused) continue
    const settings = campaign.settings
    const calendar = calendarFor(settings)
    const live = campaign.stage === CampaignStage.Live
    const tasks = tasksByCampaign.get(campaign.id) ?? []
    const goals = goalsByCampaign.get(campaign.id) ?? []
    const here = localNow(settings.timeZone)

    // Deadline reminders: preparation happens before go-live, so Scheduled campaigns' tasks too.
    for (const task of tasks) {
      const zone = zoneOf(campaign, task.ownerId)
      const local = localNow(zone)
      const day = local.date
      if (local.time < reminderTime || task.lastReminderOn === day || !calendar.isWorking(day)) continue
      if (task.snoozedUntil && task.snoozedUntil > day) continue
      let when: ReminderWhen | null = null
      let overdueDays = 0
      if (day === task.dueDate) when = 'due'
      else if (day > task.dueDate) {
        when = 'overdue'
        overdueDays = calendar.workingDaysAfter(task.dueDate, day)
      } else if (settings.reminderLeadDays > 0 && calendar.workingDaysBefore(task.dueDate, settings.reminderLeadDays) === day) {
        when = 'before'
      }
      if (!when || !reachable(campaign, task.ownerId, day)) continue
      items.push({
        // Once a day per due date: a task moved to today after its morning reminder is reminded of the new date.
        key: `reminder:${task.id}:${day}:${task.dueDate}`, kind: 'reminder', teamId: campaign.teamId, campaignId: campaign.id, day,
        userId: task.ownerId, taskId: task.id, dueDate: task.dueDate, when, overdueDays, timeZone: zone,
        mentionOwnerId: when === 'overdue' && overdueDays >= 2 && campaign.ownerId !== task.ownerId ? campaign.ownerId : null,
      })
    }
    if (!live) continue

    // The daily digest, and the pace alerts that follow it.
    const today = here.date
    const inWindow = today >= campaign.startDate && today <= campaign.endDate
    if (inWindow && calendar.isWorking(today) && here.time >= settings.digestTime) {
      const paces = goals.map((goal) => ({
        goal,
        pace: goal.target === null ? null : goalPace({
          target: goal.target, actual: goal.actual, actualAsOf: goal.actualAsOf, startDate: campaign.startDate,
          endDate: campaign.endDate, curve: goal.curve, today,
        }, settings.paceMarginPercent),
      }))
      if (campaign.lastDigestOn !== today) {
        const tally = talliesByCampaign.get(campaign.id)
        const state = digestState(tally, goals)
        const dueOrOverdue = tally?.firstOpenDue != null && tally.firstOpenDue <= today
        const behind = paces.some(({ pace }) => pace?.status === 'behind')
        if (!settings.quietDigests || dueOrOverdue || behind || state !== campaign.lastDigestState) {
          items.push({ key: `digest:${campaign.id}:${today}`, kind: 'digest', teamId: campaign.teamId, campaignId: campaign.id, day: today, channelId: campaign.channelId, state })
        } else {
          quietDigests.push({ campaignId: campaign.id, day: today, state })
        }
      }
      for (const { goal, pace } of paces) {
        if (pace?.status !== 'behind' || goal.lastAlertOn === today) continue
        items.push({ key: `pace:${goal.id}:${today}`, kind: 'pace_alert', teamId: campaign.teamId, campaignId: campaign.id, day: today, channelId: campaign.channelId, goalId: goal.id })
      }
    }

    // Metric prompts: one DM per data owner per day, for their goals without today's figure.
    for (const [ownerId, owned] of groupBy(goals.filter((goal) => goal.dataOwnerId), (goal) => goal.dataOwnerId!)) {
      const zone = zoneOf(campaign, ownerId)
      const local = localNow(zone)
      const day = local.date
      if (local.time < settings.promptTime || day < campaign.startDate || day > campaign.endDate || !calendar.isWorking(day)) continue
      const waiting = owned.filter((goal) => goal.lastPromptOn !== day && goal.actualAsOf !== day)
      if (waiting.length === 0 || !reachable(campaign, ownerId, day)) continue
      items.push({
        key: `metric-prompt:${campaign.id}:${ownerId}:${day}`, kind: 'metric_prompt', teamId: campaign.teamId, campaignId: campaign.id, day,
        userId: ownerId, goalIds: waiting.map((goal) => goal.id), timeZone: zone,
      })
    }
  }
  // Channel posts first: the dispatcher claims rows in the order they were written, and a
  // digest everyone reads should not queue behind a morning's worth of reminder DMs.
  const channelFirst = (item: DueItem) => (item.kind === 'digest' || item.kind === 'pace_alert' ? 0 : 1)
  // (Array sort is stable: each group keeps its order.)
  return { items: items.sort((a, b) => channelFirst(a) - channelFirst(b)), quietDigests }
}
