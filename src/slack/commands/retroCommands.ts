// `/campaign retro <campaign>` opens the retro form; `/campaign report <campaign>` shows the compiled report.
// PLACEHOLDER until built: answers that it is not available yet.
import type { CommandContext } from './context.ts'

export async function retroCommand(context: CommandContext): Promise<void> {
  await context.respond({ response_type: 'ephemeral', text: 'retroCommand: not available yet' })
}

export async function reportCommand(context: CommandContext): Promise<void> {
  await context.respond({ response_type: 'ephemeral', text: 'reportCommand: not available yet' })
}
