// `/campaign away <date> | back`: reminders and prompts wait until the person is back.
// PLACEHOLDER until built: answers that it is not available yet.
import type { CommandContext } from './context.ts'

export async function awayCommand(context: CommandContext): Promise<void> {
  await context.respond({ response_type: 'ephemeral', text: 'awayCommand: not available yet' })
}
