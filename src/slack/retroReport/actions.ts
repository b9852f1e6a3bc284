// Compile report now (on `/campaign report`'s answer before the report is compiled): the owner or a
// workspace admin compiles it without waiting for everyone. The compile is the store's
// compare-and-set, so a double click, or the scheduler compiling at the same moment, posts it once.
import type { BlockAction, ButtonAction } from '@slack/bolt'
import { messagesFor } from '../../i18n/catalogue.ts'
import { escapeMrkdwn, mentionChannel } from '../../i18n/mrkdwn.ts'
import type { Listeners } from '../listeners.ts'
import { readRecordId } from '../shared/recordIds.ts'
import { compileRetroReport } from './compile.ts'
import { mayCompileEarly, retroReportActions } from './answer.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { ephemeral } from '../shared/ephemeral.ts'

export function registerRetroReportActions(listeners: Listeners, services: Services): void {
  listeners.action<BlockAction<ButtonAction>>(retroReportActions.compile, async ({ ack, body, action, respond }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const r = m.retroReport.command
    // The answer replaces the one with the button: it is no longer to be clicked.
    const answer = (text: string) => respond({ response_type: 'ephemeral', replace_original: true, text })
    try {
      const campaignId = readRecordId(action.value)
      const campaign = campaignId === null ? null : await services.store.campaigns.byId(teamId, campaignId)
      if (!campaign) return void (await respond(ephemeral(m.refusal.campaignNotFound(escapeMrkdwn(action.value ?? '')))))
      if (!mayCompileEarly(campaign, person)) return void (await respond(ephemeral(r.onlyOwner)))
      const name = escapeMrkdwn(campaign.name)
      const result = await compileRetroReport(services, { teamId, campaignId: campaign.id, at: services.clock.now(), reason: 'owner', actorId: person.userId })
      if (result.outcome === 'compiled') return void (await answer(r.compiledNow(name, mentionChannel(campaign.channelId))))
      if (result.outcome === 'already') return void (await answer(r.alreadyCompiled(name)))
      await answer(r.notInRetrospective(name))
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: person.userId }, 'retro_compile_failed')
      await respond(ephemeral(troubleMessage(error, m))).catch(() => {})
    }
  })
}
