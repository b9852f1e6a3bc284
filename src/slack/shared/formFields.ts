// Modal inputs described as data: one FieldSpec becomes one input block (its block id is the
// field's name, so the domain's field errors land on it), and Slack's view.state.values are read
// back into a plain object keyed by the same names, for the domain's form checks.
import type { InputBlock, PlainTextOption } from '@slack/types'
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
  | Common & { kind: 'checkboxes'; options: Array<{ value: string; label: string }>; initial?: readonly string[] }
  | Common & { kind: 'multiSelect'; options: Array<{ value: string; label: string }>; initial?: readonly string[] }
  | Common & { kind: 'date'; initial?: string | null }
  | Common & { kind: 'user'; initial?: string | null }

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
      const options = spec.options.map((o) => option(o.label, o.value))
      return input(spec.name, spec.label, { type: 'static_select', action_id: fieldActionId, options, ...selected(options, spec.initial) }, extras)
    }
    case 'checkboxes': {
      const options = spec.options.map((o) => option(o.label, o.value))
      const initial = options.filter((o) => spec.initial?.includes(o.value ?? ''))
      return input(spec.name, spec.label, {
        type: 'checkboxes', action_id: fieldActionId, options, ...(initial.length > 0 ? { initial_options: initial } : {}),
      }, extras)
    }
    case 'multiSelect': {
      // Slack allows 100 options in a static menu.
      const options = spec.options.slice(0, 100).map((o) => option(o.label, o.value))
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

/** A form's field errors → Slack's `response_action: errors`, one message per block, in the person's language. */
export function fieldErrorsForSlack(
  errors: Record<string, PlanFieldError | undefined>, blockOf: (field: string) => string, m: Messages,
): ViewResponseAction {
  const forSlack: Record<string, string> = {}
  for (const [field, error] of Object.entries(errors)) {
    if (error) forSlack[blockOf(field)] ??= m.planFieldError(error.code, error.max)
  }
  return { response_action: 'errors', errors: forSlack }
}
