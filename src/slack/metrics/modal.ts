// The metric entry modal: one day (today in the campaign's zone by default, an earlier day for a
// late entry) and, per goal the person reports, its figure, whether that is the day's own figure
// or the running total, and a note. A goal left empty is skipped. Field names carry the goal's id
// (g12_value), so the domain's errors land on the right input; the metadata names the campaign and
// the goals shown, read back strictly.
import type { KnownBlock, ModalView } from '@slack/types'
import { z } from 'zod'
import { entryModes, metricLimits, type EntryMode, type MetricFieldError } from '../../domain/metrics.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { CampaignFigures, LiveGoal } from '../../store/metrics.ts'
import { context, input, plainText, section } from '../shared/elements.ts'
import { goalFigure, goalName, goalNameMrkdwn } from '../shared/goalFigures.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import { recordId } from '../shared/recordIds.ts'
import { importFiguresButton } from '../shared/importFigures.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { fieldActionId, fieldBlock, readFields, type FieldSpec } from '../shared/formFields.ts'

export { enterMetricsAction } from '../shared/enterFigures.ts'

export const metricModalIds = { callback: 'metrics_entry', onDate: 'onDate' } as const

/** 4 blocks per goal, plus the intro, the day and a line: within a modal's 100 blocks. */
export const goalsPerModal = 24

export const goalFieldBlock = (goalId: number, field: 'value' | 'mode' | 'note') => `g${goalId}_${field}`

const metadataSchema = z.object({ c: recordId, g: z.array(recordId).min(1).max(goalsPerModal) })
export type MetricModalMetadata = z.infer<typeof metadataSchema>

export function readMetricMetadata(text: string | undefined): MetricModalMetadata | null {
  return readViewMetadata(metadataSchema, text)
}

export function metricEntryModal(input_: { figures: CampaignFigures; goals: readonly LiveGoal[]; today: string; m: Messages; allGoals: number }): ModalView {
  const { figures, today, m } = input_
  const goals = input_.goals.slice(0, goalsPerModal)
  // The intro carries the file import's button as its accessory: no block of the modal's 100 is spent on it.
  const blocks: KnownBlock[] = [{ ...section(trusted(m.metrics.modal.intro(escapeMrkdwn(figures.campaign.name)))), accessory: importFiguresButton(figures.campaign.id, m) }]
  if (goals.length < input_.allGoals) blocks.push(context(trusted(m.metrics.modal.onlyYours(goals.length))))
  blocks.push(input(metricModalIds.onDate, m.metrics.modal.day, { type: 'datepicker', action_id: fieldActionId, initial_date: today }, { hint: m.metrics.modal.dayHint }))
  for (const goal of goals) {
    const name = goalName(goal, m)
    const soFar = goalFigure(goal, goal.actual, figures.currency, m)
    const target = goalFigure(goal, goal.target, figures.currency, m)
    blocks.push(section(trusted(m.metrics.modal.goalHeading(goalNameMrkdwn(goal, m), soFar, target))))
    const unit = goal.isMoney ? figures.currency : goal.unit ?? name
    blocks.push(input(goalFieldBlock(goal.id, 'value'), m.metrics.modal.value(name), {
      type: 'plain_text_input', action_id: fieldActionId, max_length: 30,
    }, { optional: true, hint: m.metrics.modal.valueHint(unit) }))
    blocks.push(fieldBlock(modeField(goal.id, m)))
    blocks.push(input(goalFieldBlock(goal.id, 'note'), m.metrics.modal.note, {
      type: 'plain_text_input', action_id: fieldActionId, max_length: metricLimits.note,
    }, { optional: true }))
  }
  const metadata: MetricModalMetadata = { c: figures.campaign.id, g: goals.map((goal) => goal.id) }
  return {
    type: 'modal',
    callback_id: metricModalIds.callback,
    title: plainText(m.metrics.modal.title, 24),
    submit: plainText(m.metrics.modal.submit, 24),
    close: plainText(m.metrics.modal.close, 24),
    private_metadata: JSON.stringify(metadata),
    blocks,
  }
}

/** Whether a goal's figure is the day's own or the running total: the day's unless chosen. */
export function modeField(goalId: number, m: Messages): FieldSpec {
  return {
    kind: 'radio', name: goalFieldBlock(goalId, 'mode'), label: m.metrics.modal.mode, optional: true, initial: entryModes[0],
    options: entryModes.map((mode) => ({ value: mode, label: m.metrics.modal.modes[mode] })),
  }
}

/** What was typed for one goal: raw, for the domain's check. */
export type TypedEntry = { goalId: number; value: string; mode: EntryMode | null; note: string; onDate: string | null }

/** view.state.values → the day and each goal's raw entry (a goal whose value is empty is left out unless it has a note). */
export function readMetricForm(values: unknown, goalIds: readonly number[]): { onDate: string | null; typed: TypedEntry[] } {
  const names = [metricModalIds.onDate, ...goalIds.flatMap((id) => [goalFieldBlock(id, 'value'), goalFieldBlock(id, 'mode'), goalFieldBlock(id, 'note')])]
  const read = readFields(values, names)
  const asText = (name: string) => (typeof read[name] === 'string' ? (read[name] as string) : '')
  const onDate = asText(metricModalIds.onDate) || null
  const typed: TypedEntry[] = []
  for (const goalId of goalIds) {
    const value = asText(goalFieldBlock(goalId, 'value')).trim()
    const note = asText(goalFieldBlock(goalId, 'note'))
    if (!value && !note.trim()) continue
    const mode = asText(goalFieldBlock(goalId, 'mode'))
    typed.push({ goalId, value, mode: (entryModes as readonly string[]).includes(mode) ? (mode as EntryMode) : null, note, onDate })
  }
  return { onDate, typed }
}

/** A field error in the person's language: the metric codes here, the amount codes the plan forms share. */
export function metricErrorText(error: MetricFieldError, m: Messages): string {
  return m.metrics.fieldError(error.code, error.max) ?? m.planFieldError(error.code as Parameters<Messages['planFieldError']>[0], error.max)
}
