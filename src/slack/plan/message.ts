// The plan message: one message per campaign in its channel, edited in place as the plan changes.
// Each section of the method with its state and a one-line summary, a button per section, the
// task progress, and Ready / Back to planning / Gantt. `/campaign plan` shows the same, ephemerally.
import { CampaignStage } from '../../domain/campaign.ts'
import { campaignLengthInDays, lengthWarning } from '../../domain/dates.ts'
import { scenarioTotal } from '../../domain/planBudget.ts'
import { planSections, sectionStates, type PlanSection, type SectionState } from '../../domain/planCompleteness.ts'
import { isOverdue, progress } from '../../domain/tasks.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { actions, button, context, header, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'

export const planActions = {
  blockId: 'plan_actions',
  openSection: 'plan_section_open',
  ready: 'plan_ready',
  backToPlanning: 'plan_back_to_planning',
  gantt: 'plan_gantt',
  // The live stage (src/slack/lifecycle/actions.ts).
  startNow: 'plan_start_now',
  pause: 'plan_pause',
  resume: 'plan_resume',
  endEarly: 'plan_end_early',
  settings: 'plan_settings',
  // A campaign's own channel, asked for after approval (src/slack/campaignChannel/later.ts).
  createChannel: 'plan_create_channel',
} as const

/** A section button's value: which campaign, which section. */
export function sectionButtonValue(campaignId: number, section: PlanSection): string {
  return `${campaignId}:${section}`
}

export function readSectionButtonValue(value: string | undefined): { campaignId: number; section: PlanSection } | null {
  const match = /^(\d{1,9}):(\w+)$/.exec(value ?? '')
  if (!match || !(planSections as readonly string[]).includes(match[2]!)) return null
  return { campaignId: Number(match[1]), section: match[2] as PlanSection }
}

// A section line keeps to a few hundred characters: the message must stay small (Slack has
// refused messages of about 13k characters in all, below its documented limits).
const summaryLimit = 160
function short(text: string): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()]
  return characters.length <= summaryLimit ? characters.join('') : `${characters.slice(0, summaryLimit - 1).join('')}…`
}

export function sectionSummary(record: PlanRecord, section: PlanSection, today: string, m: Messages): Mrkdwn {
  const plan = record.snapshot
  const s = m.plan.summary
  switch (section) {
    case 'purpose':
      return plan.purpose ? trusted(s.purpose(m.names.purpose[plan.purpose.purpose], plan.purpose.levers.map((l) => m.names.lever[l]).join(', '))) : trusted(m.plan.notWritten)
    case 'goals': {
      if (plan.goals.length === 0) return trusted(m.plan.notWritten)
      const first = plan.goals.slice(0, 3).map((g) => {
        const target = g.metric === 'revenue' ? m.money(g.target, record.currency) : `${m.number(g.target)}${g.unit ? ` ${g.unit}` : ''}`
        return s.goal(g.metric === 'custom' && g.customMetric ? g.customMetric : m.names.metric[g.metric], target)
      })
      return escapeMrkdwn(short(s.goals(plan.goals.length, first)))
    }
    case 'targetUsers':
      return plan.targetUsers ? s.targetUsers(escapeMrkdwn(short(plan.targetUsers.who))) as Mrkdwn : trusted(m.plan.notWritten)
    case 'window': {
      const line = s.window(plan.window.startDate, plan.window.endDate, campaignLengthInDays(plan.window.startDate, plan.window.endDate))
      // Outside 7–28 days the stage-1 warning comes along, with its reason.
      const warning = lengthWarning(plan.window.startDate, plan.window.endDate)
      return trusted(warning ? `${line}\n${m.lengthWarning(warning)}` : line)
    }
    case 'promotion':
      return plan.promotion.length === 0 ? trusted(m.plan.notWritten)
        : trusted(s.promotion(plan.promotion.length, new Set(plan.promotion.map((p) => p.channel)).size))
    case 'contentRules':
      return plan.contentRules ? trusted(s.contentRules(escapeMrkdwn(short(plan.contentRules.description)), plan.prizes.length)) : trusted(m.plan.notWritten)
    case 'budget': {
      if (plan.budgetScenarios.length === 0) return trusted(m.plan.notWritten)
      const chosen = plan.budgetScenarios.find((scenario) => scenario.chosen)
      if (!chosen) return trusted(s.budgetNoneChosen(plan.budgetScenarios.length))
      return trusted(s.budget(escapeMrkdwn(short(chosen.name)), m.money(scenarioTotal(chosen).totalMinor, record.currency), plan.budgetScenarios.length))
    }
    case 'risks':
      return plan.risks.length === 0 ? trusted(m.plan.notWritten) : trusted(s.risks(plan.risks.length, plan.risks.filter((r) => r.impact === 'high').length))
    case 'tasks': {
      if (plan.tasks.length === 0) return trusted(m.plan.notWritten)
      const { done, total } = progress(plan.tasks)
      return trusted(s.tasks(done, total, plan.tasks.filter((task) => isOverdue(task, today)).length))
    }
  }
}

export function stateLine(state: SectionState, m: Messages): string {
  const warnings = state.warnings.map((w) => m.plan.warning[w]).join('; ')
  return `${m.plan.state[state.state]}${warnings ? ` — ${warnings}` : ''}`
}

export function planMessage(record: PlanRecord, today: string, m: Messages): { text: string; blocks: Blocks } {
  const campaign = record.campaign
  const states = sectionStates(record.snapshot, today)
  const { done, total } = progress(record.snapshot.tasks)
  const blocks: Blocks = [
    header(m.plan.header(campaign.name)),
    context(trusted(`${m.plan.stageLine(m.stage[campaign.stage])}${campaign.pausedAt ? ` (${m.lifecycle.pausedLine})` : ''} · ${m.plan.progress(done, total)} · ${m.card.owner}: ${mentionUser(campaign.ownerId)}`)),
  ]
  for (const section of planSections) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${m.plan.section[section]}* · ${stateLine(states[section], m)}\n${sectionSummary(record, section, today, m)}` },
      accessory: button(m.plan.open, planActions.openSection, sectionButtonValue(campaign.id, section)),
    })
  }
  const buttons = [button(m.plan.gantt, planActions.gantt, String(campaign.id))]
  if (campaign.stage === CampaignStage.Planning) buttons.unshift(button(m.plan.ready, planActions.ready, String(campaign.id), 'primary'))
  if (campaign.stage === CampaignStage.Scheduled) buttons.unshift(button(m.plan.backToPlanning, planActions.backToPlanning, String(campaign.id)))
  if (campaign.stage === CampaignStage.Scheduled) buttons.unshift(button(m.lifecycle.startNow, planActions.startNow, String(campaign.id)))
  if (campaign.stage === CampaignStage.Live) {
    buttons.unshift(
      campaign.pausedAt ? button(m.lifecycle.resume, planActions.resume, String(campaign.id)) : button(m.lifecycle.pause, planActions.pause, String(campaign.id)),
      button(m.lifecycle.endEarly, planActions.endEarly, String(campaign.id), 'danger'),
    )
  }
  if (campaign.stage === CampaignStage.Scheduled || campaign.stage === CampaignStage.Live) {
    buttons.push(button(m.liveSettings.button, planActions.settings, String(campaign.id)))
  }
  // No channel of its own yet, and the plan still in use: its owner (or an admin) can ask for one.
  if (record.ownChannel === null && (campaign.stage === CampaignStage.Planning || campaign.stage === CampaignStage.Scheduled || campaign.stage === CampaignStage.Live)) {
    buttons.push(button(m.campaignChannel.later.button, planActions.createChannel, String(campaign.id)))
  }
  blocks.push(actions(planActions.blockId, buttons))
  if (campaign.stage === CampaignStage.Planning) blocks.push(context(trusted(m.plan.readyHint)))
  return { text: m.plan.fallback(escapeMrkdwn(campaign.name)), blocks }
}
