// Modal inputs described as data: one FieldSpec becomes one input block (its block id is the
// field's name, so the domain's field errors land on it), and Slack's view.state.values are read
// back into a plain object keyed by the same names, for the domain's form checks. A choice the
// form never offered (a forged or outdated submission) is found here, once for every form, and
// refused under its field rather than read as "nothing chosen".
import type { InputBlock, PlainTextOption, RadioButtons } from '@slack/types'
import { z } from 'zod'
import type { ViewResponseAction } from '@slack/bolt'
import type { PlanFieldError } from '../../domain/plan.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { input, option, plainText } from './elements.ts'

/** Every input has one element, so one action id serves them all. */
export const fieldActionId = 'value'

type Common = { name: string; label: string; optional?: boolean; hint?: string }
export type FieldSpec =
  | Common & { kind: 'text'; maxLength: number; multiline?: boolean; placeholder?: string; initial?: string | null }
  | Common & { kind: 'select'; options: Array<{ value: string; label: string }>; initial?: string | null }
  | Common & { kind: 'radio'; options: Array<{ value: string; label: string }>; initial?: string | null }
  | Common & { kind: 'checkboxes'; options: Array<{ value: string; label: string }>; initial?: readonly string[] }
  | Common & { kind: 'multiSelect'; options: Array<{ value: string; label: string }>; initial?: readonly string[] }
  | Common & { kind: 'date'; initial?: string | null }
  | Common & { kind: 'user'; initial?: string | null }

type ChoiceSpec = Extract<FieldSpec, { options: unknown }>

/** The options a choice field shows (Slack allows 100 in a static menu): exactly what may come back. */
function optionsShown(spec: ChoiceSpec): ChoiceSpec['options'] {
  return spec.kind === 'multiSelect' || spec.kind === 'select' ? spec.options.slice(0, 100) : spec.options
}

function selected(options: PlainTextOption[], value: string | null | undefined) {
  const found = options.find((o) => o.value === value)
  return found ? { initial_option: found } : {}
}

export function fieldBlock(spec: FieldSpec): InputBlock {
  const extras = { ...(spec.hint ? { hint: spec.hint } : {}), ...(spec.optional ? { optional: true } : {}) }
  switch (spec.kind) {
    case 'text':
      return input(spec.name, spec.label, {
        type: 'plain_text_input', action_id: fieldActionId, max_length: spec.maxLength,
        ...(spec.multiline ? { multiline: true } : {}),
        ...(spec.initial ? { initial_value: spec.initial } : {}),
        ...(spec.placeholder ? { placeholder: plainText(spec.placeholder, 150) } : {}),
      }, extras)
    case 'select': {
      const options = optionsShown(spec).map((o) => option(o.label, o.value))
      return input(spec.name, spec.label, { type: 'static_select', action_id: fieldActionId, options, ...selected(options, spec.initial) }, extras)
    }
    case 'radio': {
      const options = optionsShown(spec).map((o) => option(o.label, o.value))
      const radio: RadioButtons = { type: 'radio_buttons', action_id: fieldActionId, options, ...selected(options, spec.initial) }
      return input(spec.name, spec.label, radio, extras)
    }
    case 'checkboxes': {
      const options = optionsShown(spec).map((o) => option(o.label, o.value))
      const initial = options.filter((o) => spec.initial?.includes(o.value ?? ''))
      return input(spec.name, spec.label, {
        type: 'checkboxes', action_id: fieldActionId, options, ...(initial.length > 0 ? { initial_options: initial } : {}),
      }, extras)
    }
    case 'multiSelect': {
      const options = optionsShown(spec).map((o) => option(o.label, o.value))
      const initial = options.filter((o) => spec.initial?.includes(o.value ?? ''))
      return input(spec.name, spec.label, {
        type: 'multi_static_select', action_id: fieldActionId, options, ...(initial.length > 0 ? { initial_options: initial } : {}),
      }, extras)
    }
    case 'date':
      return input(spec.name, spec.label, { type: 'datepicker', action_id: fieldActionId, ...(spec.initial ? { initial_date: spec.initial } : {}) }, extras)
    case 'user':
      return input(spec.name, spec.label, { type: 'users_select', action_id: fieldActionId, ...(spec.initial ? { initial_user: spec.initial } : {}) }, extras)
  }
}

// What Slack sends back for each element; anything else (a malformed submission) reads as empty.
const elementState = z.object({
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
}).partial()
const stateValues = z.record(z.string(), z.record(z.string(), z.unknown()))

export type FormValues = Record<string, string | string[] | null>

/** view.state.values → { name: value } for the named fields; absent or malformed reads as null. */
export function readFields(values: unknown, names: readonly string[]): FormValues {
  const parsed = stateValues.safeParse(values)
  const all = parsed.success ? parsed.data : {}
  const read: FormValues = {}
  for (const name of names) {
    const element = elementState.safeParse(all[name]?.[fieldActionId])
    const state = element.success ? element.data : {}
    read[name] = state.selected_options ? state.selected_options.map((o) => o.value)
      : state.selected_option?.value ?? state.selected_date ?? state.selected_user ?? state.value ?? null
  }
  return read
}

/**
 * The choice fields (select, radio, checkboxes, multi-select) of `fields` whose submitted value is
 * not among the options the form offered, by name (= block id). Nothing chosen is not this: it is
 * the domain's "required", or an optional field left empty.
 */
export function choicesNotOffered(values: unknown, fields: readonly FieldSpec[]): string[] {
  const choices = fields.filter((field): field is ChoiceSpec => 'options' in field)
  const read = readFields(values, choices.map((field) => field.name))
  return choices.filter((field) => {
    const value = read[field.name]
    if (value === null || value === undefined) return false
    const offered = new Set(optionsShown(field).map((o) => o.value))
    const many = field.kind === 'checkboxes' || field.kind === 'multiSelect'
    return many ? !Array.isArray(value) || value.some((v) => !offered.has(v)) : typeof value !== 'string' || !offered.has(value)
  }).map((field) => field.name)
}

/**
 * The inputs of a submitted view (its input blocks, and the fields its state carries) that are not
 * fields of the form its metadata names: then the view is another form (forged, or from an older
 * version), and errors answered on the named form's fields would land on blocks the view does not
 * have, which Slack drops: the form would silently not close.
 */
export function inputsNotInForm(view: { blocks?: readonly unknown[]; state?: { values?: unknown } }, fields: readonly FieldSpec[]): string[] {
  const known = new Set(fields.map((field) => field.name))
  const blocks = (view.blocks ?? []).flatMap((block) => {
    const { type, block_id: id } = (block ?? {}) as { type?: unknown; block_id?: unknown }
    return type === 'input' && typeof id === 'string' ? [id] : []
  })
  const parsed = stateValues.safeParse(view.state?.values)
  const inputs = new Set([...blocks, ...Object.keys(parsed.success ? parsed.data : {})])
  return [...inputs].filter((id) => !known.has(id))
}

/**
 * A form's field errors → Slack's `response_action: errors`, one message per block, in the person's
 * language. `notOffered` (blocks whose choice the form never offered, from choicesNotOffered) are
 * said as such, beside the other fields' errors, so the person sees everything wrong at once.
 */
export function fieldErrorsForSlack(
  errors: Record<string, PlanFieldError | undefined>, blockOf: (field: string) => string, m: Messages, notOffered: readonly string[] = [],
): ViewResponseAction {
  const forSlack: Record<string, string> = {}
  for (const block of notOffered) forSlack[block] = m.planFieldError('not_offered')
  for (const [field, error] of Object.entries(errors)) {
    if (error) forSlack[blockOf(field)] ??= m.planFieldError(error.code, error.max)
  }
  return { response_action: 'errors', errors: forSlack }
}
