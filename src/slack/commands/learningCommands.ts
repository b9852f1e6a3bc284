// `/campaign export <campaign>` uploads the workbook and Markdown; `/campaign lessons [purpose | kind | platform]` lists past lessons.
// PLACEHOLDER until built: answers that it is not available yet.
import type { CommandContext } from './context.ts'

export async function exportCommand(context: CommandContext): Promise<void> {
  await context.respond({ response_type: 'ephemeral', text: 'exportCommand: not available yet' })
}

export async function lessonsCommand(context: CommandContext): Promise<void> {
  await context.respond({ response_type: 'ephemeral', text: 'lessonsCommand: not available yet' })
}
