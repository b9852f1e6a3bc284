// What the app keeps of a workspace that left (many workspaces): nothing after DATA_RETENTION_DAYS.
// Each scheduler pass deletes, in one transaction per workspace, the data of those that removed the
// app longer ago than that and did not install it again; and forgets the OAuth states used more than
// an hour ago (a state lives ten minutes: an older one is refused as expired anyway).
import type { Logger } from 'pino'
import type { InstallationStore } from '../store/installations.ts'
import type { WorkspaceDataStore } from '../store/workspaceData.ts'

const dayMs = 86_400_000

export function createRetention(options: { days: number; workspaceData: WorkspaceDataStore; installations: InstallationStore; logger: Logger }) {
  const { days, workspaceData, installations, logger } = options
  return {
    async purge(now: Date): Promise<void> {
      const before = new Date(now.getTime() - days * dayMs)
      for (const teamId of await workspaceData.departedBefore(before)) {
        const deleted = await workspaceData.deleteAll(teamId, { withInstallation: true, ifDepartedBefore: before })
        if (deleted) logger.info({ team: teamId, retentionDays: days, ...deleted }, 'workspace_data_deleted')
      }
      await installations.forgetStatesUsedBefore(new Date(now.getTime() - 3_600_000))
    },
  }
}
