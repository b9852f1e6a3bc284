// The import's two modals: the upload (a file input, pushed from the Enter figures modal) and the
// preview (per goal and day what will be recorded, and the rows that will not be, with why). The
// preview fits Block Kit's limits for any file: counts per goal, the first days and the first
// refused rows, and how many more. Its metadata names the campaign, the file and a digest of what
// it shows will be written; the confirmation reads the file again and records only that.
import { createHash } from 'node:crypto'
import type { KnownBlock, ModalView } from '@slack/types'
import { z } from 'zod'
import { importWrites, summariseByGoal, type ImportGoal, type ImportPlan, type ImportRules, type PlannedDay, type StoredDay } from '../../domain/metricImport.ts'
import { mayEnterGoal, type MetricActor } from '../../domain/metrics.ts'
import { currencyFractionDigits } from '../../domain/money.ts'
import { messagesFor, supportedLocales, type Messages } from '../../i18n/catalogue.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import type { CampaignFigures, LiveGoal } from '../../store/metrics.ts'
import { context, input, plainText, section } from '../shared/elements.ts'
import { goalFigure, goalNameMrkdwn } from '../shared/goalFigures.ts'
import { recordId } from '../shared/recordIds.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { maxFileMegabytes, type FigureFile } from './fileRows.ts'

export const importModalIds = {
  upload: 'metric_import_upload',
  confirm: 'metric_import_confirm',
  fileBlock: 'import_file',
  fileAction: 'file',
  previewBlock: 'import_preview',
} as const

/** What the preview shows, bounded for any file: 40 goals, 6 days each, 15 refused rows. */
const shown = { goals: 40, daysPerGoal: 6, refused: 15 } as const

const uploadMetadata = z.object({ c: recordId })
const confirmMetadata = z.object({ c: recordId, f: z.string().regex(/^F[A-Z0-9]{2,}$/), d: z.string().regex(/^[0-9a-f]{32}$/) })
export type ConfirmMetadata = z.infer<typeof confirmMetadata>

export const readUploadMetadata = (text: string | undefined) => readViewMetadata(uploadMetadata, text)
export const readConfirmMetadata = (text: string | undefined) => readViewMetadata(confirmMetadata, text)

/** The file's writes as a short digest: equal digests, equal writes. */
export function writesDigest(plan: ImportPlan): string {
  return createHash('sha256').update(importWrites(plan)).digest('hex').slice(0, 32)
}

/** Every name a goal goes by: its metric in each language and its key, or a custom metric's own name. */
function goalNames(goal: LiveGoal): string[] {
  if (goal.metric === 'custom') return goal.customMetric ? [goal.customMetric] : []
  return [goal.metric, ...supportedLocales.map((locale) => messagesFor(locale).names.metric[goal.metric])]
}

export function importRules(figures: CampaignFigures, actor: MetricActor, today: string): ImportRules {
  const goals: ImportGoal[] = figures.goals.map((goal) => ({
    id: goal.id, names: goalNames(goal), isMoney: goal.isMoney, mayEnter: mayEnterGoal(goal, figures.campaign, actor),
  }))
  return {
    goals, currencyFractionDigits: currencyFractionDigits(figures.currency), campaignStart: figures.campaign.startDate,
    campaignEnd: figures.campaign.endDate, today,
  }
}

export function storedDays(figures: CampaignFigures): StoredDay[] {
  return figures.goals.flatMap((goal) => goal.entries.map((entry) => ({ goalId: goal.id, onDate: entry.onDate, mode: entry.mode, value: entry.value })))
}

export function uploadModal(figures: CampaignFigures, m: Messages): ModalView {
  return {
    type: 'modal',
    callback_id: importModalIds.upload,
    title: plainText(m.metricImport.upload.title, 24),
    submit: plainText(m.metricImport.upload.submit, 24),
    close: plainText(m.metricImport.upload.close, 24),
    private_metadata: JSON.stringify({ c: figures.campaign.id }),
    blocks: [
      section(trusted(m.metricImport.upload.intro(escapeMrkdwn(figures.campaign.name)))),
      input(importModalIds.fileBlock, m.metricImport.upload.file, {
        type: 'file_input', action_id: importModalIds.fileAction, filetypes: ['csv', 'xlsx'], max_files: 1,
      } as never, { hint: m.metricImport.upload.fileHint }),
    ],
  }
}

/** The file chosen in the upload modal: its id, or null when none. */
export function chosenFileId(values: unknown): string | null {
  const files = (values as Record<string, Record<string, { files?: Array<{ id?: unknown }> }>> | undefined)?.[importModalIds.fileBlock]?.[importModalIds.fileAction]?.files
  const id = Array.isArray(files) ? files[0]?.id : undefined
  return typeof id === 'string' && /^F[A-Z0-9]{2,}$/.test(id) ? id : null
}

/** Why a file gives no preview at all, in words; null when it does. */
export function fileProblemText(file: FigureFile, plan: ImportPlan | null, m: Messages): string | null {
  const p = m.metricImport.fileProblem
  const name = escapeMrkdwn(file.name)
  if (!file.ok) {
    switch (file.problem) {
      case 'not_spreadsheet': return p.notSpreadsheet(name)
      case 'too_big': return p.tooBig(name, maxFileMegabytes)
      case 'unreadable': return p.unreadable(name)
      case 'download': return p.download
    }
  }
  const problem = plan?.problem
  if (!problem) return null
  switch (problem.code) {
    case 'empty': return p.empty
    case 'too_many_rows': return p.tooManyRows(problem.max)
    case 'missing_columns': return p.missingColumns(problem.columns)
  }
}

function dayLine(day: PlannedDay, goal: LiveGoal, currency: string, m: Messages): string {
  const figure = goalFigure(goal, day.value, currency, m)
  if (day.change === 'correction' && day.previous) {
    const before = goalFigure(goal, day.previous.value, currency, m)
    return m.metricImport.preview.correction(day.onDate, figure, day.mode, day.previous.mode === 'total' ? `${before} (total)` : before)
  }
  return m.metricImport.preview.day(day.onDate, figure, day.mode)
}

export function previewModal(input_: { figures: CampaignFigures; plan: ImportPlan; fileName: string; fileId: string; m: Messages; changed?: boolean }): ModalView {
  const { figures, plan, m } = input_
  const p = m.metricImport.preview
  const summaries = summariseByGoal(plan)
  const total = (pick: (s: (typeof summaries)[number]) => number) => summaries.reduce((sum, s) => sum + pick(s), 0)
  const added = total((s) => s.added)
  const corrected = total((s) => s.corrected)
  const blocks: KnownBlock[] = []
  if (input_.changed) blocks.push(context(trusted(`:arrows_counterclockwise: ${m.metricImport.changed}`)))
  blocks.push(section(trusted(p.heading(escapeMrkdwn(figures.campaign.name), escapeMrkdwn(input_.fileName), plan.rows)), importModalIds.previewBlock))
  blocks.push(section(trusted(p.summary(added, corrected, total((s) => s.unchanged), plan.rejected.length))))

  for (const summary of summaries.slice(0, shown.goals)) {
    const goal = figures.goals.find((g) => g.id === summary.goalId)!
    // Corrections first: they change what was recorded; unchanged days are only counted.
    const changing = summary.days.filter((day) => day.change !== 'unchanged').sort((a, b) => Number(b.change === 'correction') - Number(a.change === 'correction'))
    const lines = [p.goal(goalNameMrkdwn(goal, m), summary.added, summary.corrected, summary.unchanged)]
    lines.push(...changing.slice(0, shown.daysPerGoal).map((day) => `• ${dayLine(day, goal, figures.currency, m)}`))
    if (changing.length > shown.daysPerGoal) lines.push(p.moreDays(changing.length - shown.daysPerGoal))
    blocks.push(section(trusted(lines.join('\n'))))
  }
  if (added + corrected === 0) blocks.push(section(trusted(p.nothingToRecord)))

  if (plan.rejected.length > 0) {
    const lines = [p.refusedHeading(plan.rejected.length)]
    lines.push(...plan.rejected.slice(0, shown.refused).map((row) => p.refusedRow(row.row, p.reason(row.reason, row.otherRow), escapeMrkdwn(row.text.replaceAll('`', "'")))))
    blocks.push(section(trusted(lines.join('\n'))))
    if (plan.rejected.length > shown.refused) blocks.push(context(trusted(p.moreRefused(plan.rejected.length - shown.refused))))
  }

  const metadata: ConfirmMetadata = { c: figures.campaign.id, f: input_.fileId, d: writesDigest(plan) }
  return {
    type: 'modal',
    callback_id: importModalIds.confirm,
    title: plainText(p.title, 24),
    // Nothing to record: no button that would record nothing.
    ...(added + corrected > 0 ? { submit: plainText(p.submit, 24) } : {}),
    close: plainText(p.close, 24),
    private_metadata: JSON.stringify(metadata),
    blocks,
  }
}
