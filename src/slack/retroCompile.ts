// Compiling a campaign's retrospective report (issue 8, point 3): called by the scheduler when
// every participant has answered or the deadline has come, right after the last retro is saved,
// and by the owner's Compile now. PLACEHOLDER until the report is built: it only logs.
import type { Services } from './services.ts'

export type CompileReason = 'all_answered' | 'deadline' | 'owner'

export type CompileOutcome = { outcome: 'compiled' | 'already' | 'not_found'; outboxIds?: number[] }

export async function compileRetroReport(
  services: Services,
  input: { teamId: string; campaignId: number; at: Date; reason: CompileReason },
): Promise<CompileOutcome> {
  services.logger.info({ team: input.teamId, campaign: input.campaignId, reason: input.reason }, 'retro_compile_requested')
  return { outcome: 'already' }
}
