// The proposal as posted in the campaign channel: what is proposed, its timing, and where the
// decision stands, with Approve / Send back while it waits.
import type { Campaign } from '../../domain/campaign.ts'
import { campaignLengthInDays, lengthWarning } from '../../domain/dates.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { actions, button, context, fieldsSection, header, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'

export const proposalActions = {
  blockId: 'proposal_decision',
  approve: 'proposal_approve',
  sendBack: 'proposal_send_back',
  revise: 'proposal_revise',
} as const

/** A button's value: the campaign and the version the person saw, so a stale click changes nothing. */
export function campaignButtonValue(campaign: Pick<Campaign, 'id' | 'version'>): string {
  return `${campaign.id}:${campaign.version}`
}

export function readCampaignButtonValue(value: string | undefined): { campaignId: number; version: number } | null {
  const match = /^(\d{1,9}):(\d{1,9})$/.exec(value ?? '')
  return match ? { campaignId: Number(match[1]), version: Number(match[2]) } : null
}

/** Slack renders this in each reader's own time zone; the fallback is for clients that cannot. */
export function slackDate(instant: Date): Mrkdwn {
  const seconds = Math.floor(instant.getTime() / 1000)
  const fallback = instant.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
  return trusted(`<!date^${seconds}^{date_short_pretty} {time}|${fallback}>`)
}

export function whereItRuns(campaign: Pick<Campaign, 'kind' | 'platform' | 'platformOther'>, m: Messages): Mrkdwn {
  if (campaign.kind === 'own_site' || !campaign.platform) return trusted(m.kind[campaign.kind])
  const platform = campaign.platform === 'other' && campaign.platformOther ? escapeMrkdwn(campaign.platformOther) : m.platform[campaign.platform]
  return trusted(`${m.kind.platform}: ${platform}`)
}

export function timing(campaign: Pick<Campaign, 'timingNode' | 'timingNote'>, m: Messages): Mrkdwn {
  const node = m.timingNode[campaign.timingNode]
  return trusted(campaign.timingNote ? `${node} — ${escapeMrkdwn(campaign.timingNote)}` : node)
}

export function proposalCard(campaign: Campaign, m: Messages): { text: string; blocks: Blocks } {
  const name = escapeMrkdwn(campaign.name)
  const days = campaignLengthInDays(campaign.startDate, campaign.endDate)
  const warning = lengthWarning(campaign.startDate, campaign.endDate)
  const blocks: Blocks = [
    header(m.card.header(campaign.name)),
    section(trusted(
      `*${m.card.theme}*\n${escapeMrkdwn(campaign.proposal.theme)}\n\n*${m.card.basicContent}*\n${escapeMrkdwn(campaign.proposal.basicContent)}`,
    )),
    fieldsSection([
      [m.card.where, whereItRuns(campaign, m)],
      [m.card.timing, timing(campaign, m)],
      [m.card.window, trusted(m.card.windowValue(campaign.startDate, campaign.endDate, days))],
      [m.card.owner, mentionUser(campaign.ownerId)],
      [m.card.approver, mentionUser(campaign.approverId)],
    ]),
  ]
  if (warning) blocks.push(context(trusted(m.lengthWarning(warning))))
  if (campaign.proposal.revision > 1) blocks.push(context(trusted(m.card.revised(campaign.proposal.revision))))
  blocks.push(section(decisionLine(campaign, m)))
  if (campaign.stage === 'proposed') {
    blocks.push(actions(proposalActions.blockId, [
      button(m.card.approve, proposalActions.approve, campaignButtonValue(campaign), 'primary'),
      button(m.card.sendBack, proposalActions.sendBack, campaignButtonValue(campaign)),
    ]))
  }
  return { text: m.card.fallback(name), blocks }
}

function decisionLine(campaign: Campaign, m: Messages): Mrkdwn {
  const { decision, decidedById, decidedAt, sendBackReason } = campaign.proposal
  if (decision === 'approved' && decidedById && decidedAt) return trusted(m.card.approved(mentionUser(decidedById), slackDate(decidedAt)))
  if (decision === 'sent_back' && decidedById && decidedAt) {
    return trusted(m.card.sentBack(mentionUser(decidedById), slackDate(decidedAt), escapeMrkdwn(sendBackReason ?? '')))
  }
  return trusted(m.card.waitingFor(mentionUser(campaign.approverId)))
}
