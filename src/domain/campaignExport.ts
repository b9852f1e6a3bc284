// A whole campaign as the export writes it out (`/campaign export`): every part of every stage,
// plain values only. Money is in integer minor units of `currency`, like everywhere else.
export type CampaignExport = {
  campaign: {
    id: number; name: string; stage: string; kind: string; platform: string | null; platformOther: string | null
    timingNode: string; timingNote: string | null; startDate: string; endDate: string
    channelId: string; ownerId: string; approverId: string
  }
  proposal: { theme: string; basicContent: string; revision: number; decision: string | null; decidedById: string | null; submittedAt: string } | null
  currency: string
  plan: {
    purpose: string | null; levers: string[]; productState: string | null
    targetWho: string | null; targetNeeds: string | null; targetAgeRange: string | null; targetOccupations: string | null; targetOtherTraits: string | null
    contentDescription: string | null; contentEntryDeadline: string | null; contentEligibility: string | null
    serviceResponderId: string | null; serviceFeedbackProcess: string | null
  } | null
  goals: Array<{
    id: number; metric: string; customMetric: string | null; unit: string | null
    /** Money goals (revenue) in minor units. */
    money: boolean; target: number | null; basisKind: string; basis: string; dataOwnerId: string | null; curve: string
    actual: number | null; actualAsOf: string | null; final: number | null
  }>
  promotion: Array<{ channel: string; channelOther: string | null; what: string; onDate: string; promoterId: string }>
  effectEstimates: Array<{ channel: string; metric: string; customMetric: string | null; expected: number }>
  prizes: Array<{ name: string; quantity: number; valueMinor: number; howGiven: string; givenOut: number | null }>
  risks: Array<{ description: string; likelihood: string; impact: string; mitigation: string; ownerId: string }>
  budgetScenarios: Array<{ name: string; chosen: boolean; lines: Array<{ category: string; channel: string | null; amountMinor: number; actualMinor: number | null; note: string | null }> }>
  tasks: Array<{ title: string; stage: string; ownerId: string; startDate: string; dueDate: string; status: string; blockedReason: string | null; doneAt: string | null }>
  metricEntries: Array<{ goalId: number; onDate: string; mode: string; value: number | null; reportedBy: string; note: string | null }>
  retros: Array<{
    respondentId: string; overallEffect: number; biggestLesson: string; wouldRunAgain: string; submittedAt: string
    entries: Array<{ stage: string; worked: string | null; failed: string | null }>
  }>
}

/** Everyone the export names, to be shown by name rather than by Slack id. */
export function peopleNamed(data: CampaignExport): string[] {
  const ids = new Set<string>([data.campaign.ownerId, data.campaign.approverId])
  if (data.proposal?.decidedById) ids.add(data.proposal.decidedById)
  if (data.plan?.serviceResponderId) ids.add(data.plan.serviceResponderId)
  for (const goal of data.goals) if (goal.dataOwnerId) ids.add(goal.dataOwnerId)
  for (const item of data.promotion) ids.add(item.promoterId)
  for (const risk of data.risks) ids.add(risk.ownerId)
  for (const task of data.tasks) ids.add(task.ownerId)
  for (const entry of data.metricEntries) ids.add(entry.reportedBy)
  for (const retro of data.retros) ids.add(retro.respondentId)
  return [...ids]
}
