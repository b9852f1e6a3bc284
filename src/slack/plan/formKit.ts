// What every plan form is and is given (PlanForm, FormContext), and the small readers the forms
// share. The forms themselves: forms.ts (and the promotion and budget forms beside it).
import type { Campaign } from '../../domain/campaign.ts'
import { currencyFractionDigits, type FormCheck, type GoalMetric } from '../../domain/plan.ts'
import type { PlanSection } from '../../domain/planCompleteness.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import type { SectionChange } from '../../store/planSections.ts'
import type { PlanLearning } from '../learning/blocks.ts'
import { type FieldSpec, type FormValues, readFields } from '../shared/formFields.ts'


export const planFormKeys = [
  'purpose', 'goal', 'targetUsers', 'window', 'promotionItem', 'contentRules', 'prize', 'scenario', 'estimate', 'risk', 'servicePlan',
] as const
export type PlanFormKey = (typeof planFormKeys)[number]

export type FormContext = {
  m: Messages
  record: PlanRecord
  today: string
  /** Other campaigns of the workspace a goal's basis may name. */
  pastCampaigns: readonly Pick<Campaign, 'id' | 'name'>[]
  /** What similar closed campaigns reached and learned (the goal form's suggestions, the section modals' lessons). */
  learning?: PlanLearning
}

/** What a form carries besides its item: the budget form's number of line slots, an estimate's channel. */
export type FormExtra = {
  slots?: number; channel?: string
  /** How many times Use as basis was pressed, and for which metric: the goal's basis fields are keyed anew so Slack shows the filled-in values. */
  basis?: number; basisMetric?: GoalMetric
}

export type PlanForm = {
  key: PlanFormKey
  section: PlanSection
  title: (m: Messages) => string
  /** The value edited, for the prefill and the stamp; null for a new item; undefined when the item is gone. */
  current: (record: PlanRecord, itemId: number | null, extra: FormExtra) => unknown
  fields: (context: FormContext, current: unknown, extra: FormExtra) => FieldSpec[]
  /** Slack's state values → the raw input of the domain check. */
  read: (values: unknown, context: FormContext, extra: FormExtra) => unknown
  check: (raw: unknown, context: FormContext) => FormCheck<unknown, string>
  save: (value: unknown, itemId: number | null, context: FormContext) => SectionChange
  /** A block id for an error the domain reports on a field this form does not show. */
  errorBlock?: (field: string, context: FormContext, extra: FormExtra) => string
}

export const options = <K extends string>(keys: readonly K[], names: Record<K, string>) => keys.map((key) => ({ value: key, label: names[key] }))
export const digitsOf = (record: PlanRecord) => currencyFractionDigits(record.currency)
export const text = (values: FormValues, name: string) => {
  const value = values[name]
  return typeof value === 'string' ? value : ''
}
export const single = (values: FormValues, name: string) => {
  const value = values[name]
  return typeof value === 'string' ? value : null
}
export const plain = (names: readonly string[]) => (values: unknown) => readFields(values, names)
