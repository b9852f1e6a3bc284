// The words both export formats share: enumerations in the reader's language, people by name, and
// the proposal and plan laid out as rows. Keys the catalogue does not know are shown as stored.
import type { CampaignExport } from '../domain/campaignExport.ts'
import type { Messages } from '../i18n/catalogue.ts'

export type PlanRow = { section: string; item: string; detail: string | null; who: string | null; date: string | null; amountMinor?: number | null }

const named = <T extends Record<string, string>>(names: T, key: string | null | undefined): string =>
  key == null ? '' : (names as Record<string, string>)[key] ?? key

export function exportLabels(data: CampaignExport, m: Messages, names: ReadonlyMap<string, string>) {
  const t = m.learning.export
  const person = (userId: string) => names.get(userId) ?? userId
  const metric = (key: string, custom: string | null) => (key === 'custom' && custom ? custom : named(m.names.metric, key))
  const channel = (key: string, other: string | null) => (key === 'other' && other ? other : named(m.names.channel, key))
  const { campaign, proposal, plan } = data
  const platform = campaign.platform === 'other' && campaign.platformOther ? campaign.platformOther : named(m.platform, campaign.platform)
  const form = m.proposalModal

  const proposalFields: Array<[string, string]> = [
    [form.name.label, campaign.name],
    [form.theme.label, proposal?.theme ?? ''],
    [form.basicContent.label, proposal?.basicContent ?? ''],
    [form.kind.label, named(m.kind, campaign.kind)],
    [form.platform.label, platform],
    [form.timingNode.label, named(m.timingNode, campaign.timingNode) + (campaign.timingNote ? ` — ${campaign.timingNote}` : '')],
    [form.startDate.label, campaign.startDate],
    [form.endDate.label, campaign.endDate],
    [form.owner.label, person(campaign.ownerId)],
    [form.approver.label, person(campaign.approverId)],
    [t.stage, named(m.stage, campaign.stage)],
  ]

  const planRows: PlanRow[] = []
  const section = m.plan.section
  if (plan) {
    const f = m.forms
    if (plan.purpose) planRows.push({ section: section.purpose, item: f.purpose.purpose, detail: named(m.names.purpose, plan.purpose), who: null, date: null })
    if (plan.levers.length > 0) planRows.push({ section: section.purpose, item: f.purpose.levers, detail: plan.levers.map((l) => named(m.names.lever, l)).join(', '), who: null, date: null })
    if (plan.productState) planRows.push({ section: section.purpose, item: f.purpose.productState, detail: plan.productState, who: null, date: null })
    const target = f.targetUsers
    for (const [item, detail] of [[target.who, plan.targetWho], [target.needs, plan.targetNeeds], [target.ageRange, plan.targetAgeRange], [target.occupations, plan.targetOccupations], [target.otherTraits, plan.targetOtherTraits]] as const) {
      if (detail) planRows.push({ section: section.targetUsers, item, detail, who: null, date: null })
    }
    planRows.push({ section: section.window, item: f.window.start, detail: null, who: null, date: campaign.startDate })
    planRows.push({ section: section.window, item: f.window.end, detail: null, who: null, date: campaign.endDate })
    for (const item of data.promotion) planRows.push({ section: section.promotion, item: channel(item.channel, item.channelOther), detail: item.what, who: person(item.promoterId), date: item.onDate })
    const rules = f.contentRules
    if (plan.contentDescription) planRows.push({ section: section.contentRules, item: rules.description, detail: plan.contentDescription, who: null, date: null })
    if (plan.contentEntryDeadline) planRows.push({ section: section.contentRules, item: rules.entryDeadline, detail: null, who: null, date: plan.contentEntryDeadline })
    if (plan.contentEligibility) planRows.push({ section: section.contentRules, item: rules.eligibility, detail: plan.contentEligibility, who: null, date: null })
    for (const prize of data.prizes) {
      const given = prize.givenOut === null ? '' : ` · ${t.givenOut}: ${prize.givenOut}`
      planRows.push({ section: rules.prizes, item: prize.name, detail: `× ${prize.quantity} · ${prize.howGiven}${given}`, who: null, date: null, amountMinor: prize.valueMinor })
    }
    for (const estimate of data.effectEstimates) {
      planRows.push({ section: f.estimate.title, item: channel(estimate.channel, null), detail: `${estimate.expected} ${metric(estimate.metric, estimate.customMetric)}`, who: null, date: null })
    }
    for (const risk of data.risks) {
      planRows.push({ section: section.risks, item: risk.description, detail: `${f.risk.likelihood}: ${named(m.names.level, risk.likelihood)} · ${f.risk.impact}: ${named(m.names.level, risk.impact)} · ${f.risk.mitigation}: ${risk.mitigation}`, who: person(risk.ownerId), date: null })
    }
    if (plan.serviceFeedbackProcess) planRows.push({ section: f.servicePlan.title, item: f.servicePlan.feedbackProcess, detail: plan.serviceFeedbackProcess, who: plan.serviceResponderId ? person(plan.serviceResponderId) : null, date: null })
  }

  return {
    person, metric, channel, proposalFields, planRows,
    basisKind: (key: string) => named(m.names.basisKind, key),
    workStage: (key: string) => named(m.workStage, key),
    taskStatus: (key: string) => named(m.taskStatus, key),
    category: (key: string) => named(m.names.category, key),
    wouldRunAgain: (key: string) => named(t.wouldRunAgain, key),
  }
}

export type ExportLabels = ReturnType<typeof exportLabels>
