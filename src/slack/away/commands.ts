// `/campaign away <YYYY-MM-DD>` or `/campaign away back`: reminders and prompts wait until the
// person is back (src/slack/away/changes.ts); the answer says what was done, or why not and how to write it.
import { setAwayFrom } from './changes.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import type { CommandContext } from '../commandContext.ts'

export async function awayCommand(context: CommandContext): Promise<void> {
  const { services, command, person, m, rest } = context
  const answer = await setAwayFrom(services, command.team_id, person, rest, m)
  await context.respond(ephemeral(answer.text))
}
