// The plan's forms, one per thing a person edits: each says what it edits (for the prefill and
// the stale-copy stamp), which fields it shows, how the domain checks it and what saving writes.
// One generic modal builder and one submission handler (submission.ts) serve them all; what a form is:
// formKit.ts; the promotion and budget forms: promotionForms.ts, budgetForms.ts.
import { basisKinds, checkGoal, checkPurpose, checkRisk, checkServicePlan, checkTargetUsers, checkWindow, goalMetrics, levels, levers, moneyInputText, planLimits, purposes } from '../../domain/plan.ts'
import { goalCurves } from '../../domain/pace.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { sectionChanges } from '../../store/planSections.ts'
import { basisTextOf, type PlanLearning } from '../learning/blocks.ts'
import { type FieldSpec, readFields } from '../shared/formFields.ts'
import { digitsOf, type FormContext, type FormExtra, options, plain, type PlanForm, type PlanFormKey, text } from './formKit.ts'
import { contentRules, prize, promotionItem } from './promotionForms.ts'
import { estimate, scenario } from './budgetForms.ts'


const purpose: PlanForm = {
  key: 'purpose', section: 'purpose',
  title: (m) => m.forms.titles.purpose,
  current: (record) => record.snapshot.purpose,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['purpose']
    return [
      { kind: 'select', name: 'purpose', label: m.forms.purpose.purpose, options: options(purposes, m.names.purpose), initial: value?.purpose ?? null },
      { kind: 'checkboxes', name: 'levers', label: m.forms.purpose.levers, options: options(levers, m.names.lever), initial: value?.levers ?? [] },
      { kind: 'text', name: 'productState', label: m.forms.purpose.productState, hint: m.forms.purpose.productStateHint, maxLength: planLimits.productState, multiline: true, optional: true, initial: value?.productState ?? null },
    ]
  },
  read: plain(['purpose', 'levers', 'productState']),
  check: (raw) => checkPurpose(raw),
  save: (value, _item, { record }) => sectionChanges.purpose(value as never, record.currency),
}

const goal: PlanForm = {
  key: 'goal', section: 'goals',
  title: (m) => m.forms.titles.goal,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.goals.find((g) => g.id === itemId)),
  fields: ({ m, record, pastCampaigns, learning }, current, extra) => {
    const value = current as PlanRecord['snapshot']['goals'][number] | null
    const b = basisFields(extra)
    const used = usedSuggestion(learning, extra, pastCampaigns, record)
    const isMoney = value?.metric === 'revenue'
    const targetText = value ? (isMoney ? moneyInputText(value.target, digitsOf(record)) : String(value.target)) : null
    const fields: FieldSpec[] = [
      { kind: 'select', name: b('metric'), label: m.forms.goal.metric, options: options(goalMetrics, m.names.metric), initial: used?.metric ?? value?.metric ?? null },
      { kind: 'text', name: 'customMetric', label: m.forms.goal.customMetric, hint: m.forms.goal.customMetricHint, maxLength: planLimits.customMetric, optional: true, initial: value?.customMetric ?? null },
      { kind: 'text', name: 'target', label: m.forms.goal.target, hint: `${m.forms.goal.targetHint} ${m.forms.currencyHint(record.currency)}`, maxLength: 24, initial: targetText },
      { kind: 'text', name: 'unit', label: m.forms.goal.unit, hint: m.forms.goal.unitHint, maxLength: planLimits.unit, optional: true, initial: value?.unit ?? null },
      { kind: 'select', name: b('basisKind'), label: m.forms.goal.basisKind, options: options(basisKinds, m.names.basisKind), initial: used ? 'past_campaigns' : value?.basisKind ?? 'reasoned' },
      { kind: 'text', name: b('basis'), label: m.forms.goal.basis, hint: m.forms.goal.basisHint, maxLength: planLimits.basis, multiline: true, initial: used ? basisTextOf(used, record.currency, m, planLimits.basis) : value?.basis ?? null },
    ]
    const choices = pastCampaigns.filter((c) => c.id !== record.campaign.id).map((c) => ({ value: String(c.id), label: `#${c.id} ${c.name}` }))
    if (choices.length > 0) {
      const initial = used ? used.campaigns.map((c) => String(c.id)) : (value?.pastCampaignIds ?? []).map(String)
      fields.push({ kind: 'multiSelect', name: b('pastCampaignIds'), label: m.names.basisKind.past_campaigns, options: choices, optional: true, initial })
    }
    fields.push({ kind: 'user', name: 'dataOwnerId', label: m.forms.goal.dataOwner, hint: m.forms.goal.dataOwnerHint, optional: true, initial: value?.dataOwnerId ?? null })
    fields.push({ kind: 'select', name: 'curve', label: m.metrics.curve.label, hint: m.metrics.curve.hint, options: options(goalCurves, m.metrics.curve.options), initial: value?.curve ?? 'linear' })
    return fields
  },
  read: (values, _context, extra) => {
    const b = basisFields(extra)
    const keyed = readFields(values, ['metric', 'customMetric', 'target', 'unit', 'basisKind', 'basis', 'pastCampaignIds', 'dataOwnerId', 'curve'].map(b))
    const read = Object.fromEntries(Object.entries(keyed).map(([name, v]) => [name.split('~')[0]!, v]))
    return { ...read, pastCampaignIds: Array.isArray(read.pastCampaignIds) ? read.pastCampaignIds : [] }
  },
  check: (raw, { record, pastCampaigns }) => {
    const checked = checkGoal(raw, digitsOf(record))
    // Only campaigns the form offered: a forged id, another workspace's, or one gone meanwhile is not a basis.
    const offered = new Set(pastCampaigns.filter((c) => c.id !== record.campaign.id).map((c) => c.id))
    if (checked.ok && checked.value.pastCampaignIds.some((id) => !offered.has(id))) {
      return { ok: false, errors: { pastCampaignIds: { code: 'past_campaigns_required' } } }
    }
    return checked
  },
  save: (value, itemId) => {
    const goalValue = value as Parameters<typeof sectionChanges.saveGoal>[1]
    return sectionChanges.saveGoal(itemId, goalValue, goalValue.metric === 'revenue')
  },
  errorBlock: (field, { pastCampaigns, record }, extra) =>
    basisFields(extra)(field === 'pastCampaignIds' && !pastCampaigns.some((c) => c.id !== record.campaign.id) ? 'basisKind' : field),
}

/** The goal's fields Use as basis fills in: keyed `name~n` after the n-th press (Slack keeps what was typed in a block id it has seen). */
const basisFieldNames: ReadonlySet<string> = new Set(['metric', 'basisKind', 'basis', 'pastCampaignIds'])
function basisFields(extra: FormExtra): (name: string) => string {
  return (name) => (extra.basis && basisFieldNames.has(name) ? `${name}~${extra.basis}` : name)
}

/** The suggestion Use as basis took, limited to the campaigns the form may offer; null when none. */
function usedSuggestion(learning: PlanLearning | undefined, extra: FormExtra, pastCampaigns: FormContext['pastCampaigns'], record: PlanRecord) {
  if (!extra.basis || !extra.basisMetric) return null
  const suggestion = learning?.suggestions.find((s) => s.metric === extra.basisMetric)
  const offered = new Set(pastCampaigns.filter((c) => c.id !== record.campaign.id).map((c) => c.id))
  const campaigns = suggestion?.campaigns.filter((c) => offered.has(c.id)) ?? []
  return suggestion && campaigns.length > 0 ? { ...suggestion, campaigns } : null
}

const targetUsers: PlanForm = {
  key: 'targetUsers', section: 'targetUsers',
  title: (m) => m.forms.titles.targetUsers,
  current: (record) => record.snapshot.targetUsers,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['targetUsers']
    const t = m.forms.targetUsers
    return [
      { kind: 'text', name: 'who', label: t.who, maxLength: planLimits.who, multiline: true, initial: value?.who ?? null },
      { kind: 'text', name: 'needs', label: t.needs, maxLength: planLimits.needs, multiline: true, initial: value?.needs ?? null },
      { kind: 'text', name: 'ageRange', label: t.ageRange, maxLength: planLimits.ageRange, optional: true, initial: value?.ageRange ?? null },
      { kind: 'text', name: 'occupations', label: t.occupations, maxLength: planLimits.occupations, optional: true, initial: value?.occupations ?? null },
      { kind: 'text', name: 'otherTraits', label: t.otherTraits, maxLength: planLimits.otherTraits, multiline: true, optional: true, initial: value?.otherTraits ?? null },
    ]
  },
  read: plain(['who', 'needs', 'ageRange', 'occupations', 'otherTraits']),
  check: (raw) => checkTargetUsers(raw),
  save: (value, _item, { record }) => sectionChanges.targetUsers(value as never, record.currency),
}

const window: PlanForm = {
  key: 'window', section: 'window',
  title: (m) => m.forms.titles.window,
  current: (record) => record.snapshot.window,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['window']
    return [
      { kind: 'date', name: 'startDate', label: m.forms.window.start, initial: value.startDate },
      { kind: 'date', name: 'endDate', label: m.forms.window.end, hint: m.forms.window.hint, initial: value.endDate },
    ]
  },
  read: plain(['startDate', 'endDate']),
  check: (raw, { record, today }) => checkWindow(raw, today, record.snapshot.window),
  save: (value) => {
    const { startDate, endDate } = value as { startDate: string; endDate: string }
    return sectionChanges.window(startDate, endDate)
  },
}

const risk: PlanForm = {
  key: 'risk', section: 'risks',
  title: (m) => m.forms.titles.risk,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.risks.find((r) => r.id === itemId)),
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['risks'][number] | null
    const t = m.forms.risk
    return [
      { kind: 'text', name: 'description', label: t.description, maxLength: planLimits.riskDescription, multiline: true, initial: value?.description ?? null },
      { kind: 'select', name: 'likelihood', label: t.likelihood, options: options(levels, m.names.level), initial: value?.likelihood ?? null },
      { kind: 'select', name: 'impact', label: t.impact, options: options(levels, m.names.level), initial: value?.impact ?? null },
      { kind: 'text', name: 'mitigation', label: t.mitigation, maxLength: planLimits.mitigation, multiline: true, initial: value?.mitigation ?? null },
      { kind: 'user', name: 'ownerId', label: t.owner, initial: value?.ownerId ?? null },
    ]
  },
  read: plain(['description', 'likelihood', 'impact', 'mitigation', 'ownerId']),
  check: (raw) => checkRisk(raw),
  save: (value, itemId) => sectionChanges.saveRisk(itemId, value as never),
}

const servicePlan: PlanForm = {
  key: 'servicePlan', section: 'risks',
  title: (m) => m.forms.titles.servicePlan,
  current: (record) => record.snapshot.servicePlan,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['servicePlan']
    return [
      { kind: 'user', name: 'responderId', label: m.forms.servicePlan.responder, initial: value?.responderId ?? null },
      { kind: 'text', name: 'feedbackProcess', label: m.forms.servicePlan.feedbackProcess, maxLength: planLimits.feedbackProcess, multiline: true, initial: value?.feedbackProcess ?? null },
    ]
  },
  read: plain(['responderId', 'feedbackProcess']),
  check: (raw) => checkServicePlan(raw),
  save: (value, _item, { record }) => sectionChanges.servicePlan(value as never, record.currency),
}

export const planForms: Record<PlanFormKey, PlanForm> = {
  purpose, goal, targetUsers, window, promotionItem, contentRules, prize, scenario, estimate, risk, servicePlan,
}

/** Forms that edit one thing per campaign (no item id). */
export const singletonForms: ReadonlySet<PlanFormKey> = new Set(['purpose', 'targetUsers', 'window', 'contentRules', 'servicePlan', 'estimate'])
