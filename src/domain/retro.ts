// The retrospective (METHOD.md stage 4, issue 8): who takes part, which stages of work a form asks
// about, the retro form's check (with the owner's actuals), and what the scheduler owes an ended
// campaign at an instant: the prompt, the one reminder, the compile. Pure: the instant and every
// fact come in as arguments.
//
// The calendar of an ended campaign, in its zone, at its digest time, on working days:
// - the prompt on the first working day after the end date (the channel and every participant);
// - the reminder two working days after the day the prompt went out, to those who have not answered;
// - the compile when every participant has answered, or else once three working days after the end
//   date have passed: the morning of the working day after the third, so the third is a whole day
//   to answer in and the reminder (on the third) is not followed by the report within the minute.
import { z } from 'zod'
import type { EffectiveSettings } from './liveSettings.ts'
import { checkForm, optionalText, requiredText, withFieldErrors, type FormCheck, type PlanFieldErrors } from './formCheck.ts'
import { isWorkingDay, localDateIn, localTimeIn, workingCalendarKey, type WorkingDaySettings } from './localTime.ts'
import { parseMeasure, parseMoney } from './money.ts'
import { workStages, type WorkStage } from './tasks.ts'

// ── Who takes part, and about what ─────────────────────────────────────────────────────────────

export type RetroPeople = {
  ownerId: string
  approverId: string
  taskOwnerIds: readonly string[]
  dataOwnerIds: readonly (string | null)[]
  promoterIds: readonly string[]
}

/** Everyone asked for a retro, each once: the owner first, then the approver, task owners, data owners, promoters. */
export function retroParticipants(people: RetroPeople): string[] {
  const all = [people.ownerId, people.approverId, ...people.taskOwnerIds, ...people.dataOwnerIds, ...people.promoterIds]
  return [...new Set(all.filter((id): id is string => !!id))]
}

/** The stages of work asked about: those the campaign had tasks in, in the method's order (the retrospective itself left out). */
export type RetroStage = Exclude<WorkStage, 'retrospective'>

export function retroStages(taskStages: readonly string[]): RetroStage[] {
  const had = new Set(taskStages)
  return workStages.filter((stage): stage is RetroStage => stage !== 'retrospective' && had.has(stage))
}

/** Has everyone who can still answer answered? People who left are not waited for. */
export function everyoneAnswered(participants: readonly string[], answered: readonly string[], gone: readonly string[] = []): boolean {
  const done = new Set(answered)
  const left = new Set(gone)
  return participants.every((userId) => done.has(userId) || left.has(userId))
}

// ── The retro form ─────────────────────────────────────────────────────────────────────────────

export const retroLimits = { text: 1000, effect: { min: 1, max: 5 }, prizesPerQuantity: 10 } as const

export const wouldRunAgainChoices = ['yes', 'with_changes', 'no'] as const
export type WouldRunAgain = (typeof wouldRunAgainChoices)[number]

/** Field names, which are also the modal's block ids: stage fields and actuals carry their stage or row id. */
export const retroFields = {
  overallEffect: 'overallEffect',
  biggestLesson: 'biggestLesson',
  wouldRunAgain: 'wouldRunAgain',
  worked: (stage: RetroStage) => `worked:${stage}`,
  failed: (stage: RetroStage) => `failed:${stage}`,
  goal: (goalId: number) => `goal:${goalId}`,
  line: (lineId: number) => `line:${lineId}`,
  prize: (prizeId: number) => `prize:${prizeId}`,
} as const

/** What the owner's actuals are about: the goals, the chosen scenario's lines, the prizes. */
export type ActualsShape = {
  /** Decimals of the plan's currency. */
  fractionDigits: number
  goals: readonly { id: number; money: boolean }[]
  lines: readonly { id: number }[]
  prizes: readonly { id: number; quantity: number }[]
}

export type RetroAnswer = {
  overallEffect: number
  biggestLesson: string
  wouldRunAgain: WouldRunAgain
  entries: { stage: RetroStage; worked: string | null; failed: string | null }[]
}

export type RetroActuals = {
  /** Goal id → final figure: money in minor units, else the measure; null = not given. */
  goals: { id: number; money: boolean; final: number | null }[]
  lines: { id: number; actualMinor: number | null }[]
  prizes: { id: number; givenOut: number | null }[]
}

export type RetroValue = { answer: RetroAnswer; actuals: RetroActuals | null }

/** The measure decimals a non-money goal's figure may carry (as its target). */
const measureDecimals = 2

const optionalAmount = z.union([z.string(), z.number()]).nullish().transform((value) => (value === null || value === undefined ? '' : String(value).trim()))

function amountField(read: (text: string) => { ok: true; value: number } | { ok: false; code: string }) {
  return optionalAmount.transform((text, context) => {
    if (text === '') return null
    const parsed = read(text)
    if (parsed.ok) return parsed.value
    context.addIssue({ code: 'custom', message: parsed.code })
    return z.NEVER
  })
}

const moneyAmount = (fractionDigits: number) => amountField((text) => {
  const parsed = parseMoney(text, fractionDigits)
  return parsed.ok ? { ok: true, value: parsed.minor } : parsed
})
const measureAmount = amountField((text) => parseMeasure(text, measureDecimals))
const wholeCount = amountField((text) => {
  const parsed = parseMeasure(text, 0)
  if (!parsed.ok) return parsed.code === 'too_many_decimals' ? { ok: false, code: 'not_a_whole_number' } : parsed
  return parsed
})

/**
 * Checks a submitted retro form (a plain object keyed by retroFields' names): the answer, and the
 * actuals when `actuals` says what they are about (the owner's form). Errors field by field.
 */
export function checkRetro(input: unknown, stages: readonly RetroStage[], actuals: ActualsShape | null): FormCheck<RetroValue, string> {
  const shape: Record<string, z.ZodType> = {
    [retroFields.overallEffect]: z.union([z.string(), z.number()], { error: 'required' })
      .transform((value) => Number(String(value).trim() || Number.NaN))
      .pipe(z.number({ error: 'required' }).int('required').min(retroLimits.effect.min, 'required').max(retroLimits.effect.max, 'required')),
    [retroFields.biggestLesson]: requiredText(retroLimits.text),
    [retroFields.wouldRunAgain]: z.enum(wouldRunAgainChoices, { error: 'required' }),
  }
  for (const stage of stages) {
    shape[retroFields.worked(stage)] = optionalText(retroLimits.text)
    shape[retroFields.failed(stage)] = optionalText(retroLimits.text)
  }
  if (actuals) Object.assign(shape, actualsSchema(actuals))
  const checked = checkForm<z.ZodType<Record<string, unknown>>, string>(z.object(shape) as never, input)
  if (!checked.ok) return { ok: false, errors: withPrizeLimits(checked.errors, actuals) }
  const v = checked.value
  const answer: RetroAnswer = {
    overallEffect: v[retroFields.overallEffect] as number,
    biggestLesson: v[retroFields.biggestLesson] as string,
    wouldRunAgain: v[retroFields.wouldRunAgain] as WouldRunAgain,
    entries: stages.map((stage) => ({
      stage, worked: (v[retroFields.worked(stage)] as string | null) ?? null, failed: (v[retroFields.failed(stage)] as string | null) ?? null,
    })),
  }
  return withFieldErrors({ answer, actuals: actuals && actualsOf(v, actuals) }, {})
}

/** The owner's actuals alone (their page of their own). */
export function checkRetroActuals(input: unknown, actuals: ActualsShape): FormCheck<RetroActuals, string> {
  const checked = checkForm<z.ZodType<Record<string, unknown>>, string>(z.object(actualsSchema(actuals)) as never, input)
  if (!checked.ok) return { ok: false, errors: withPrizeLimits(checked.errors, actuals) }
  return { ok: true, value: actualsOf(checked.value, actuals) }
}

function actualsSchema(actuals: ActualsShape): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {}
  for (const goal of actuals.goals) shape[retroFields.goal(goal.id)] = goal.money ? moneyAmount(actuals.fractionDigits) : measureAmount
  for (const line of actuals.lines) shape[retroFields.line(line.id)] = moneyAmount(actuals.fractionDigits)
  for (const prize of actuals.prizes) {
    const most = Math.max(prize.quantity, 0) * retroLimits.prizesPerQuantity
    shape[retroFields.prize(prize.id)] = wholeCount.refine((count) => count === null || count <= most, { message: 'too_large' })
  }
  return shape
}

/** A prize count over its limit says the limit ("At most 200."). */
function withPrizeLimits(errors: PlanFieldErrors<string>, actuals: ActualsShape | null): PlanFieldErrors<string> {
  const out: PlanFieldErrors<string> = { ...errors }
  for (const prize of actuals?.prizes ?? []) {
    const field = retroFields.prize(prize.id)
    if (out[field]?.code === 'too_large') out[field] = { code: 'too_many', max: prize.quantity * retroLimits.prizesPerQuantity }
  }
  return out
}

function actualsOf(v: Record<string, unknown>, actuals: ActualsShape): RetroActuals {
  return {
    goals: actuals.goals.map((goal) => ({ id: goal.id, money: goal.money, final: (v[retroFields.goal(goal.id)] as number | null) ?? null })),
    lines: actuals.lines.map((line) => ({ id: line.id, actualMinor: (v[retroFields.line(line.id)] as number | null) ?? null })),
    prizes: actuals.prizes.map((prize) => ({ id: prize.id, givenOut: (v[retroFields.prize(prize.id)] as number | null) ?? null })),
  }
}

// ── What the scheduler owes an ended campaign ──────────────────────────────────────────────────

export type RetroCandidate = {
  id: number
  teamId: string
  ownerId: string
  channelId: string
  /** The last day of the campaign: its end date, or the day it was ended early if sooner (campaign-local). */
  endDate: string
  settings: Pick<EffectiveSettings, 'timeZone' | 'digestTime'> & WorkingDaySettings
  retroPromptOn: string | null
  retroReminderOn: string | null
  participants: readonly string[]
  /** Who has answered. */
  answered: readonly string[]
  /** Participants who left the workspace: never waited for. */
  gone: readonly string[]
}

export type RetroStep =
  | { kind: 'prompt'; teamId: string; campaignId: number; day: string }
  | { kind: 'reminder'; teamId: string; campaignId: number; day: string; userIds: string[] }
  | { kind: 'compile'; teamId: string; campaignId: number; reason: 'all_answered' | 'deadline' }

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The `n`th working day after `date` (n ≥ 1); looks ahead at most a year (then the calendar day). */
export function workingDayAfter(date: string, n: number, settings: WorkingDaySettings): string {
  let day = date
  for (let found = 0, steps = 0; steps < 366; steps++) {
    day = shiftDate(day, 1)
    if (isWorkingDay(day, settings) && ++found === n) return day
  }
  return shiftDate(date, n)
}

/** The days an ended campaign's retro runs by: prompt, reminder (from the planned prompt day) and deadline. */
export function retroCalendar(endDate: string, settings: WorkingDaySettings, promptedOn: string | null = null) {
  const promptDay = workingDayAfter(endDate, 1, settings)
  return {
    promptDay,
    reminderDay: workingDayAfter(promptedOn ?? promptDay, 2, settings),
    deadlineDay: workingDayAfter(endDate, 4, settings),
  }
}

/** What is due for each campaign in its retrospective at `now`: at most one step each, compile first. */
export function dueRetroSteps(campaigns: readonly RetroCandidate[], now: Date): RetroStep[] {
  const steps: RetroStep[] = []
  // Zones and calendars are shared by many campaigns: each is worked out once per pass.
  const clocks = new Map<string, { today: string; time: string }>()
  const calendars = new Map<string, ReturnType<typeof retroCalendar>>()
  for (const campaign of campaigns) {
    const { settings } = campaign
    let clock = clocks.get(settings.timeZone)
    if (!clock) clocks.set(settings.timeZone, (clock = { today: localDateIn(now, settings.timeZone), time: localTimeIn(now, settings.timeZone) }))
    const { today, time } = clock
    // Reached: the day has begun at the digest time (or is past).
    const reached = (day: string) => today > day || (today === day && time >= settings.digestTime)
    const base = { teamId: campaign.teamId, campaignId: campaign.id }
    const calendarKey = `${workingCalendarKey(settings)}:${campaign.endDate}:${campaign.retroPromptOn ?? ''}`
    let calendar = calendars.get(calendarKey)
    if (!calendar) calendars.set(calendarKey, (calendar = retroCalendar(campaign.endDate, settings, campaign.retroPromptOn)))
    if (everyoneAnswered(campaign.participants, campaign.answered, campaign.gone)) {
      steps.push({ ...base, kind: 'compile', reason: 'all_answered' })
    } else if (reached(calendar.deadlineDay)) {
      steps.push({ ...base, kind: 'compile', reason: 'deadline' })
    } else if (campaign.retroPromptOn === null) {
      if (reached(calendar.promptDay)) steps.push({ ...base, kind: 'prompt', day: today })
    } else if (campaign.retroReminderOn === null && reached(calendar.reminderDay)) {
      const answered = new Set(campaign.answered)
      const gone = new Set(campaign.gone)
      steps.push({ ...base, kind: 'reminder', day: today, userIds: campaign.participants.filter((id) => !answered.has(id) && !gone.has(id)) })
    }
  }
  return steps
}
