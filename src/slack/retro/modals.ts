// The retro form (issue 8, point 2): one per person, prefilled with their earlier answer, editable
// until the report is compiled. Overall effect, what worked and what failed in each stage of work
// the campaign had tasks in, the biggest lesson, would run again; the owner's form also asks for
// the actuals (each goal's final figure, each budget line's actual spend, prizes given out).
// A modal holds at most 100 blocks: when the owner's actuals do not fit beside the questions, they
// follow on a second page (the first is saved, then replaced by the actuals).
import type { KnownBlock, ModalView } from '@slack/types'
import { z } from 'zod'
import { currencyFractionDigits, moneyInputText } from '../../domain/money.ts'
import { retroFields, retroLimits, wouldRunAgainChoices, type ActualsShape, type RetroStage } from '../../domain/retro.ts'
import type { GoalMetric } from '../../domain/plan.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { RetroForm } from '../../store/retro.ts'
import { context, plainText, section } from '../shared/elements.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import { recordId } from '../shared/recordIds.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { fieldBlock, type FieldSpec } from '../shared/formFields.ts'

export const retroModalIds = {
  formCallback: 'retro_form',
  actualsCallback: 'retro_actuals',
} as const

/** Slack's limit of blocks in a modal. */
export const modalBlockLimit = 100

/** Where the owner's actuals go: none (not the owner), on the form, or on a second page. */
export type ActualsPlacement = 'none' | 'inline' | 'next_page'

/** Blocks of the questions: intro, maybe the "you answered" note, effect, the stages' heading and two per stage, lesson, again. */
export function questionBlockCount(stages: number, answeredBefore: boolean): number {
  return 1 + (answeredBefore ? 1 : 0) + 1 + (stages > 0 ? 1 + 2 * stages : 0) + 2
}

/** Blocks of the actuals section around its inputs: its heading and its intro. */
const actualsFrame = 2

/** The actuals inputs a page of their own holds (its title line, its frame and a "showing n of m" note around them). */
export const actualsPerPage = modalBlockLimit - actualsFrame - 2

export function actualsPlacement(form: Pick<RetroForm, 'goals' | 'lines' | 'prizes'> & { stages: readonly unknown[] }, isOwner: boolean, answeredBefore: boolean): ActualsPlacement {
  if (!isOwner) return 'none'
  const actuals = form.goals.length + form.lines.length + form.prizes.length
  if (actuals === 0) return 'none'
  return questionBlockCount(form.stages.length, answeredBefore) + actualsFrame + actuals <= modalBlockLimit ? 'inline' : 'next_page'
}

/** The actuals a form asks for (on one page: at most actualsPerPage of them, goals first). */
export function actualsShape(form: RetroForm): ActualsShape {
  let room = actualsPerPage
  const take = <T>(items: readonly T[]) => {
    const taken = items.slice(0, Math.max(0, room))
    room -= taken.length
    return taken
  }
  return {
    fractionDigits: currencyFractionDigits(form.currency),
    goals: take(form.goals).map((goal) => ({ id: goal.id, money: goal.money })),
    lines: take(form.lines).map((line) => ({ id: line.id })),
    prizes: take(form.prizes).map((prize) => ({ id: prize.id, quantity: prize.quantity })),
  }
}

// ── Metadata ────────────────────────────────────────────────────────────────────────────────────

const formMetadataSchema = z.object({
  c: recordId,
  /** The version of the answer the form showed; null = a first answer. */
  v: z.number().int().nonnegative().nullable(),
  a: z.enum(['none', 'inline', 'next_page']),
})
export type RetroFormMetadata = z.infer<typeof formMetadataSchema>
export const readRetroFormMetadata = (text: string | undefined) => readViewMetadata(formMetadataSchema, text)

const actualsMetadataSchema = z.object({ c: recordId })
export const readRetroActualsMetadata = (text: string | undefined) => readViewMetadata(actualsMetadataSchema, text)

// ── The form ────────────────────────────────────────────────────────────────────────────────────

const effects = [1, 2, 3, 4, 5] as const

/** Field names of the questions for these stages (the modal's block ids). */
export function questionFieldNames(stages: readonly RetroStage[]): string[] {
  return [
    retroFields.overallEffect,
    ...stages.flatMap((stage) => [retroFields.worked(stage), retroFields.failed(stage)]),
    retroFields.biggestLesson, retroFields.wouldRunAgain,
  ]
}

export function actualsFieldNames(shape: ActualsShape): string[] {
  return [
    ...shape.goals.map((goal) => retroFields.goal(goal.id)),
    ...shape.lines.map((line) => retroFields.line(line.id)),
    ...shape.prizes.map((prize) => retroFields.prize(prize.id)),
  ]
}

/** The questions' fields, prefilled with the person's earlier answer. */
export function questionFields(form: RetroForm, m: Messages): FieldSpec[] {
  const mine = form.mine
  const entry = (stage: RetroStage) => mine?.entries.find((candidate) => candidate.stage === stage)
  const stageLabel = (stage: RetroStage) => m.workStage[stage]
  return [
    {
      kind: 'select', name: retroFields.overallEffect, label: m.retro.overallEffect,
      options: effects.map((effect) => ({ value: String(effect), label: m.retro.effect[effect] })),
      initial: mine ? String(mine.overallEffect) : null,
    },
    ...form.stages.flatMap((stage): FieldSpec[] => [
      { kind: 'text', name: retroFields.worked(stage), label: m.retro.worked(stageLabel(stage)), maxLength: retroLimits.text, multiline: true, optional: true, initial: entry(stage)?.worked ?? null },
      { kind: 'text', name: retroFields.failed(stage), label: m.retro.failed(stageLabel(stage)), maxLength: retroLimits.text, multiline: true, optional: true, initial: entry(stage)?.failed ?? null },
    ]),
    { kind: 'text', name: retroFields.biggestLesson, label: m.retro.biggestLesson, maxLength: retroLimits.text, multiline: true, initial: mine?.biggestLesson ?? null },
    {
      kind: 'select', name: retroFields.wouldRunAgain, label: m.retro.wouldRunAgain,
      options: wouldRunAgainChoices.map((choice) => ({ value: choice, label: m.retro.again[choice] })), initial: mine?.wouldRunAgain ?? null,
    },
  ]
}

/** The actuals inputs, prefilled: a goal's final figure, else its figure so far. */
function actualsFields(form: RetroForm, shape: ActualsShape, m: Messages): FieldSpec[] {
  const digits = shape.fractionDigits
  const goalIds = new Set(shape.goals.map((goal) => goal.id))
  const lineIds = new Set(shape.lines.map((line) => line.id))
  const prizeIds = new Set(shape.prizes.map((prize) => prize.id))
  const figure = (value: number | null, money: boolean, unit: string | null) =>
    value === null ? '–' : money ? m.money(value, form.currency) : `${m.number(value)}${unit ? ` ${unit}` : ''}`
  const typed = (value: number | null, money: boolean) => (value === null ? null : money ? moneyInputText(value, digits) : String(value))
  return [
    ...form.goals.filter((goal) => goalIds.has(goal.id)).map((goal): FieldSpec => {
      const metric = goal.metric === 'custom' && goal.customMetric ? goal.customMetric : (m.names.metric[goal.metric as GoalMetric] ?? goal.metric)
      return {
        kind: 'text', name: retroFields.goal(goal.id), maxLength: 40, optional: true,
        label: m.retro.goalFinal(metric, figure(goal.target, goal.money, goal.unit), figure(goal.actual, goal.money, goal.unit)),
        initial: typed(goal.final ?? goal.actual, goal.money),
      }
    }),
    ...form.lines.filter((line) => lineIds.has(line.id)).map((line): FieldSpec => {
      const category = m.names.category[line.category as keyof Messages['names']['category']] ?? line.category
      const channel = line.channel ? ` · ${m.names.channel[line.channel as keyof Messages['names']['channel']] ?? line.channel}` : ''
      return {
        kind: 'text', name: retroFields.line(line.id), maxLength: 40, optional: true,
        label: m.retro.lineActual(`${category}${channel}`, m.money(line.amountMinor, form.currency)),
        initial: typed(line.actualMinor, true),
      }
    }),
    ...form.prizes.filter((prize) => prizeIds.has(prize.id)).map((prize): FieldSpec => ({
      kind: 'text', name: retroFields.prize(prize.id), maxLength: 12, optional: true,
      label: m.retro.prizeGivenOut(prize.name, prize.quantity), initial: prize.givenOut === null ? null : String(prize.givenOut),
    })),
  ]
}

function actualsBlocks(form: RetroForm, m: Messages): { blocks: KnownBlock[]; shown: number } {
  const shape = actualsShape(form)
  const fields = actualsFields(form, shape, m)
  const total = form.goals.length + form.lines.length + form.prizes.length
  return {
    blocks: [
      section(trusted(`*${m.retro.actualsHeader}*`)),
      context(trusted(m.retro.actualsIntro)),
      ...fields.map(fieldBlock),
      ...(fields.length < total ? [context(trusted(m.retro.actualsMore(fields.length, total)))] : []),
    ],
    shown: fields.length,
  }
}

/** The retro form of one person; `when` formats the date of their earlier answer. */
export function retroFormModal(args: { form: RetroForm; respondentId: string; m: Messages; answeredOn: string | null }): ModalView {
  const { form, m } = args
  const isOwner = args.respondentId === form.campaign.ownerId
  const placement = actualsPlacement(form, isOwner, form.mine !== null)
  const fields = questionFields(form, m)
  const name = escapeMrkdwn(form.campaign.name)
  const blocks: KnownBlock[] = [context(trusted(m.retro.intro(name)))]
  if (form.mine && args.answeredOn) blocks.push(context(trusted(m.retro.editing(args.answeredOn))))
  blocks.push(fieldBlock(fields[0]!))
  if (form.stages.length > 0) blocks.push(section(trusted(`*${m.retro.stagesHeader}*`)))
  blocks.push(...fields.slice(1).map(fieldBlock))
  if (placement === 'inline') blocks.push(...actualsBlocks(form, m).blocks)
  if (placement === 'next_page') blocks.push(context(trusted(m.retro.actualsNextPage)))
  const metadata: RetroFormMetadata = { c: form.campaign.id, v: form.mine?.version ?? null, a: placement }
  return {
    type: 'modal',
    callback_id: retroModalIds.formCallback,
    private_metadata: JSON.stringify(metadata),
    title: plainText(m.retro.modalTitle, 24),
    submit: plainText(placement === 'next_page' ? m.retro.next : m.retro.save, 24),
    close: plainText(m.forms.cancel, 24),
    blocks: blocks.slice(0, modalBlockLimit),
  }
}

/** The owner's actuals on a page of their own (when they do not fit on the form). */
export function retroActualsModal(form: RetroForm, m: Messages): ModalView {
  return {
    type: 'modal',
    callback_id: retroModalIds.actualsCallback,
    private_metadata: JSON.stringify({ c: form.campaign.id }),
    title: plainText(m.retro.actualsTitle, 24),
    submit: plainText(m.retro.save, 24),
    close: plainText(m.forms.cancel, 24),
    blocks: [context(trusted(`*${escapeMrkdwn(form.campaign.name)}*`)), ...actualsBlocks(form, m).blocks].slice(0, modalBlockLimit),
  }
}
