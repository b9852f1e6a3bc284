// `/campaign retro <campaign>` opens the retro form; `/campaign report <campaign>` shows the compiled report.
import { openRetroForm } from './actions.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { reportAnswer } from '../retroReport/answer.ts'
import { oneCampaign, type CommandContext } from '../commandContext.ts'

/** `/campaign retro <campaign>`: the person's retro form, or why not (not ended, compiled, not a participant). */
export async function retroCommand(context: CommandContext): Promise<void> {
  const { services, command, m } = context
  const found = await oneCampaign(services, command.team_id, context.rest.trim(), m, m.retro.usage)
  if ('answer' in found) return void (await context.respond(ephemeral(found.answer)))
  await openRetroForm(services, context.client, command.trigger_id, command.team_id, found.campaign.id, context.person, context.respond)
}

/** `/campaign report <campaign>`: the compiled report again, or who has answered so far (and Compile report now). */
export async function reportCommand(context: CommandContext): Promise<void> {
  const { services, command, m } = context
  const found = await oneCampaign(services, command.team_id, context.rest.trim(), m, m.retroReport.command.usage)
  if ('answer' in found) return void (await context.respond(ephemeral(found.answer)))
  // A long report is several messages, as in the channel (a response_url takes five).
  for (const message of await reportAnswer(services, found.campaign, context.person, m)) {
    await context.respond(ephemeral(message.blocks.length > 0 ? message : { text: message.text }))
  }
}
