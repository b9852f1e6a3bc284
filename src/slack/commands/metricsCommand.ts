// `/campaign metrics <campaign>`: each goal's figures so far, and a button to enter today's.
// PLACEHOLDER until built: answers that it is not available yet.
import type { CommandContext } from './context.ts'

export async function metricsCommand(context: CommandContext): Promise<void> {
  await context.respond({ response_type: 'ephemeral', text: 'metricsCommand: not available yet' })
}
