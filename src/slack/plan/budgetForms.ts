// The plan's forms for a budget scenario (its lines in slots) and the effect estimate (see forms.ts
// for the table of all forms and formKit.ts for what a form is).
import { type FormCheck, moneyInputText, planLimits } from '../../domain/plan.ts'
import { promotionChannels } from '../../domain/planPromotion.ts'
import { budgetCategories, checkBudgetScenario, checkEffectEstimate, estimateMetrics, refusalToAddScenario } from '../../domain/planBudget.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { sectionChanges } from '../../store/planSections.ts'
import { type FieldSpec, readFields } from '../shared/formFields.ts'
import { digitsOf, options, plain, type PlanForm, single, text } from './formKit.ts'


export const scenarioSlots = { initial: 5, step: 5 } as const
const lineFields = ['category', 'channel', 'amount', 'note'] as const

export const scenario: PlanForm = {
  key: 'scenario', section: 'budget',
  title: (m) => m.forms.titles.scenario,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.budgetScenarios.find((s) => s.id === itemId)),
  fields: ({ m, record }, current, extra) => {
    const value = current as PlanRecord['snapshot']['budgetScenarios'][number] | null
    const t = m.forms.scenario
    const slots = scenarioSlotCount(value?.lines.length ?? 0, extra.slots)
    const fields: FieldSpec[] = [{ kind: 'text', name: 'name', label: t.name, hint: `${m.forms.currencyHint(record.currency)} ${t.linesHint}`, maxLength: planLimits.scenarioName, initial: value?.name ?? null }]
    for (let index = 0; index < slots; index += 1) {
      const line = value?.lines[index]
      const n = index + 1
      fields.push(
        { kind: 'select', name: `lines.${index}.category`, label: `${t.line(n)} · ${t.category}`, options: options(budgetCategories, m.names.category), optional: true, initial: line?.category ?? null },
        { kind: 'select', name: `lines.${index}.channel`, label: `${t.line(n)} · ${t.channel}`, options: options(promotionChannels, m.names.channel), optional: true, initial: line?.channel ?? null },
        { kind: 'text', name: `lines.${index}.amount`, label: `${t.line(n)} · ${t.amount}`, maxLength: 24, optional: true, initial: line ? moneyInputText(line.amountMinor, digitsOf(record)) : null },
        { kind: 'text', name: `lines.${index}.note`, label: `${t.line(n)} · ${t.note}`, maxLength: planLimits.lineNote, optional: true, initial: line?.note ?? null },
      )
    }
    return fields
  },
  read: (values) => {
    // Every possible slot is read: those the modal did not show read as empty and are dropped.
    const slots = planLimits.budgetLines
    const names = ['name', ...Array.from({ length: slots }, (_, i) => lineFields.map((f) => `lines.${i}.${f}`)).flat()]
    const read = readFields(values, names)
    // Rows left empty are dropped; `slot` remembers where each kept row was, for its errors.
    const lines = []
    for (let index = 0; index < slots; index += 1) {
      const row = { category: single(read, `lines.${index}.category`), channel: single(read, `lines.${index}.channel`), amount: text(read, `lines.${index}.amount`).trim(), note: text(read, `lines.${index}.note`) }
      if (row.category || row.channel || row.amount || row.note.trim()) lines.push({ ...row, slot: index })
    }
    return { name: text(read, 'name'), lines }
  },
  check: (raw, { record }) => {
    const input = raw as { name: string; lines: Array<{ slot: number }> }
    const checked = checkBudgetScenario({ name: input.name, lines: input.lines.map(({ slot: _slot, ...line }) => line) }, digitsOf(record))
    if (checked.ok) return checked
    // The domain names a line by its place among the kept rows; the modal by its slot.
    const errors: Record<string, unknown> = {}
    for (const [field, error] of Object.entries(checked.errors)) {
      const match = /^lines\.(\d+)\.(.+)$/.exec(field)
      const slot = match ? input.lines[Number(match[1])]?.slot : undefined
      errors[slot !== undefined ? `lines.${slot}.${match![2]}` : field === 'lines' ? 'lines.0.category' : field] = error
    }
    return { ok: false, errors } as FormCheck<unknown, string>
  },
  // A fourth scenario is refused: someone added one since this form was opened (the Add button
  // is hidden at three), so the person gets the newer copy.
  save: (value, itemId, { record }) => (itemId === null && refusalToAddScenario(record.snapshot.budgetScenarios.length)
    ? async () => 'stale' as const
    : sectionChanges.saveScenario(itemId, value as never)),
}

export function scenarioSlotCount(existingLines: number, requested?: number): number {
  const wanted = Math.max(requested ?? 0, existingLines + (existingLines === 0 ? scenarioSlots.initial : 2))
  return Math.min(planLimits.budgetLines, wanted)
}

export const estimate: PlanForm = {
  key: 'estimate', section: 'budget',
  title: (m) => m.forms.titles.estimate,
  current: (record, _itemId, extra) => record.snapshot.effectEstimates.find((e) => e.channel === extra.channel) ?? null,
  fields: ({ m }, current, extra) => {
    const value = current as PlanRecord['snapshot']['effectEstimates'][number] | null
    const t = m.forms.estimate
    return [
      { kind: 'select', name: 'channel', label: t.channel, options: options(promotionChannels, m.names.channel), initial: value?.channel ?? extra.channel ?? null },
      { kind: 'select', name: 'metric', label: t.metric, options: options(estimateMetrics, m.names.metric), initial: value?.metric ?? null },
      { kind: 'text', name: 'customMetric', label: t.customMetric, maxLength: planLimits.customMetric, optional: true, initial: value?.customMetric ?? null },
      { kind: 'text', name: 'expected', label: t.expected, hint: t.expectedHint, maxLength: 24, initial: value ? String(value.expected) : null },
    ]
  },
  read: plain(['channel', 'metric', 'customMetric', 'expected']),
  check: (raw) => checkEffectEstimate(raw),
  save: (value) => sectionChanges.saveEffectEstimate(value as never),
}
