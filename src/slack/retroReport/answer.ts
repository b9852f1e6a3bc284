// `/campaign report <campaign>`: the compiled report again, for the person who asked only and in
// their language; before it is compiled, who has answered so far and (for the owner or an admin)
// a Compile report now button.
import type { KnownBlock } from '@slack/types'
import { CampaignStage, type Campaign } from '../../domain/campaign.ts'
import { localDate } from '../../domain/dates.ts'
import { compileRetro } from '../../domain/retroReport.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { ReportReason } from '../../i18n/retroReport.ts'
import { actions, button, section } from '../shared/elements.ts'
import { escapeMrkdwn, mentionChannel, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { reportMessages, type ReportMessage } from './message.ts'
import type { Person } from '../people.ts'
import { hasChart } from './compile.ts'
import type { Services } from '../services.ts'

export const retroReportActions = { compile: 'retro_compile' } as const

const ephemeralAnswers = 5

const reasons: readonly ReportReason[] = ['all_answered', 'deadline', 'owner']

/** May this person compile the report before everyone has answered? */
export const mayCompileEarly = (campaign: Pick<Campaign, 'ownerId'>, person: Pick<Person, 'userId' | 'isWorkspaceAdmin'>): boolean =>
  person.isWorkspaceAdmin || person.userId === campaign.ownerId

/** What `/campaign report` answers about this campaign: the report's messages, or why there is none yet. */
export async function reportAnswer(services: Services, campaign: Campaign, person: Person, m: Messages): Promise<ReportMessage[]> {
  const r = m.retroReport
  const name = escapeMrkdwn(campaign.name)
  const data = await services.store.retroReport.load(campaign.teamId, campaign.id)
  if (!data) return [{ text: m.refusal.campaignNotFound(escapeMrkdwn(String(campaign.id))), blocks: [] }]
  if (data.compiled) {
    const reason = reasons.find((candidate) => candidate === data.compiled!.reason) ?? 'deadline'
    const messages = reportMessages(compileRetro(data), m, {
      compiledOn: localDate(data.compiled.at, data.timeZone), reason,
      compiledBy: reason === 'owner' ? data.compiled.actorId : null, chartInThread: hasChart(data),
    })
    if (messages.length <= ephemeralAnswers) return messages
    // A response_url takes five answers: past them, the channel's thread has the rest.
    const rest = r.command.restInChannel(messages.length - (ephemeralAnswers - 1), mentionChannel(data.campaign.channelId))
    return [...messages.slice(0, ephemeralAnswers - 1), { text: rest, blocks: [] }]
  }
  if (data.campaign.stage !== CampaignStage.Retrospective) {
    const text = r.command.notYet(name, m.stage[data.campaign.stage as CampaignStage] ?? escapeMrkdwn(data.campaign.stage))
    return [{ text, blocks: [] }]
  }
  const report = compileRetro(data)
  const list = (ids: readonly string[]) => (ids.length === 0 ? r.command.nobody : ids.map(mentionUser).join(', '))
  const text = r.command.waiting(name, list(report.respondentIds), list(report.missingIds))
  const blocks: KnownBlock[] = [section(trusted(text))]
  if (mayCompileEarly(campaign, person)) {
    blocks.push(actions('retro_report', [button(r.command.compileNow, retroReportActions.compile, String(campaign.id), 'primary')]))
  }
  return [{ text, blocks }]
}
