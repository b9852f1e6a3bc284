// `/campaign list` and `/campaign show`: the workspace's campaigns by stage, and one in detail.
import { stageOrder, type Campaign } from '../../domain/campaign.ts'
import { campaignLengthInDays, lengthWarning } from '../../domain/dates.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { context, fieldsSection, header, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionChannel, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { timing, whereItRuns } from '../proposal/message.ts'

// A message holds at most 50 blocks; past that, the list says how many more there are.
const maxListedPerMessage = 40

function listLine(campaign: Campaign, m: Messages): string {
  return m.list.item(campaign.id, escapeMrkdwn(campaign.name), mentionUser(campaign.ownerId), campaign.startDate, campaign.endDate)
}

export function campaignListMessage(campaigns: Campaign[], m: Messages): { text: string; blocks: Blocks } {
  if (campaigns.length === 0) return { text: m.list.empty, blocks: [section(trusted(m.list.empty))] }
  const blocks: Blocks = [header(m.list.title)]
  const textLines: string[] = [m.list.title]
  let listed = 0
  for (const stage of stageOrder) {
    const inStage = campaigns.filter((c) => c.stage === stage)
    if (inStage.length === 0 || listed >= maxListedPerMessage) continue
    const shown = inStage.slice(0, maxListedPerMessage - listed)
    listed += shown.length
    const more = inStage.length - shown.length
    const lines = shown.map((c) => listLine(c, m)).concat(more > 0 ? [`… +${more}`] : [])
    blocks.push(section(trusted(`*${m.stage[stage]}* (${inStage.length})\n${lines.join('\n')}`)))
    textLines.push(`${m.stage[stage]}: ${shown.map((c) => escapeMrkdwn(c.name)).join(', ')}`)
  }
  blocks.push(context(trusted(m.list.showHint)))
  return { text: textLines.join('\n'), blocks }
}

export function severalMatchesMessage(query: string, campaigns: Campaign[], m: Messages): { text: string; blocks: Blocks } {
  const lines = campaigns.slice(0, maxListedPerMessage).map((c) => `${listLine(c, m)} · ${m.stage[c.stage]}`)
  const lead = m.show.several(escapeMrkdwn(query))
  return { text: lead, blocks: [section(trusted(lead)), section(trusted(lines.join('\n')))] }
}

export function campaignDetailMessage(campaign: Campaign, m: Messages): { text: string; blocks: Blocks } {
  const days = campaignLengthInDays(campaign.startDate, campaign.endDate)
  const warning = lengthWarning(campaign.startDate, campaign.endDate)
  const blocks: Blocks = [
    header(`#${campaign.id} ${campaign.name}`),
    section(trusted(
      `*${m.card.theme}*\n${escapeMrkdwn(campaign.proposal.theme)}\n\n*${m.card.basicContent}*\n${escapeMrkdwn(campaign.proposal.basicContent)}`,
    )),
    fieldsSection([
      [m.show.stage, trusted(m.stage[campaign.stage])],
      [m.card.where, whereItRuns(campaign, m)],
      [m.card.timing, timing(campaign, m)],
      [m.card.window, trusted(m.card.windowValue(campaign.startDate, campaign.endDate, days))],
      [m.card.owner, mentionUser(campaign.ownerId)],
      [m.card.approver, mentionUser(campaign.approverId)],
      [m.show.createdBy, mentionUser(campaign.createdById)],
      [m.proposalModal.channel.label, mentionChannel(campaign.channelId)],
    ]),
  ]
  if (warning) blocks.push(context(trusted(m.lengthWarning(warning))))
  return { text: `#${campaign.id} ${escapeMrkdwn(campaign.name)} · ${m.stage[campaign.stage]}`, blocks }
}
