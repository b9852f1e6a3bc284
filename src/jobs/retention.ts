// What the app keeps no longer than it needs. Each scheduler pass, in both modes, forgets the
// answers kept for an Idempotency-Key past their 24 hours (in batches). With many workspaces it
// also deletes, in one transaction per workspace, the data of those that removed the app longer
// ago than DATA_RETENTION_DAYS and did not install it again; and forgets the OAuth states used more
// than an hour ago (a state lives ten minutes: an older one is refused as expired anyway).
import type { Logger } from 'pino'
import { idempotencyWindowMs, type ApiKeyStore } from '../store/apiKeys.ts'
import type { InstallationStore } from '../store/installations.ts'
import type { WorkspaceDataStore } from '../store/workspaceData.ts'

const dayMs = 86_400_000

export function createRetention(options: {
  logger: Logger
  apiKeys: Pick<ApiKeyStore, 'forgetAnswersBefore'>
  /** Many workspaces: the data of those that left goes after `days`. */
  departed?: { days: number; workspaceData: WorkspaceDataStore; installations: InstallationStore }
}) {
  const { logger, apiKeys, departed } = options
  return {
    async purge(now: Date): Promise<void> {
      const answers = await apiKeys.forgetAnswersBefore(new Date(now.getTime() - idempotencyWindowMs))
      if (answers > 0) logger.info({ answers }, 'idempotency_answers_forgotten')
      if (!departed) return
      const { days, workspaceData, installations } = departed
      const before = new Date(now.getTime() - days * dayMs)
      for (const teamId of await workspaceData.departedBefore(before)) {
        const deleted = await workspaceData.deleteAll(teamId, { withInstallation: true, ifDepartedBefore: before })
        if (deleted) logger.info({ team: teamId, retentionDays: days, ...deleted }, 'workspace_data_deleted')
      }
      await installations.forgetStatesUsedBefore(new Date(now.getTime() - 3_600_000))
    },
  }
}
