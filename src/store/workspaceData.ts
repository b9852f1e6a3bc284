// Everything the app keeps about one workspace, deleted in one transaction: when a workspace that
// left has waited DATA_RETENTION_DAYS without installing the app again (the scheduler asks), or
// when its admin asks for it. A campaign takes its plan, tasks, goals, figures, retros and the rest
// with it (ON DELETE CASCADE); the rows keyed by team alone are deleted by team.
import type { PrismaDb } from './database.ts'

/** How many of each thing went: what the admin is told. */
export type DeletedWorkspaceData = {
  campaigns: number
  ideas: number
  brainstormRounds: number
  people: number
  outboxRows: number
  settings: number
  installations: number
}

export function workspaceDataStore(prisma: PrismaDb) {
  return {
    /**
     * Deletes all of a workspace's data; its installation too when `withInstallation` (it left for
     * good). With `ifDepartedBefore`, only if it still has not come back: null when it reinstalled meanwhile.
     */
    async deleteAll(teamId: string, options: { withInstallation: boolean; ifDepartedBefore?: Date }): Promise<DeletedWorkspaceData | null> {
      return prisma.$transaction(async (tx) => {
        if (options.ifDepartedBefore) {
          const installation = await tx.installation.findUnique({ where: { installKey: `team:${teamId}` }, select: { uninstalledAt: true } })
          if (!installation?.uninstalledAt || installation.uninstalledAt >= options.ifDepartedBefore) return null
        }
        const outboxRows = (await tx.outboxMessage.deleteMany({ where: { teamId } })).count
        await tx.ideaBoard.deleteMany({ where: { teamId } })
        const ideas = (await tx.idea.deleteMany({ where: { teamId } })).count
        const brainstormRounds = (await tx.brainstormRound.deleteMany({ where: { teamId } })).count
        await tx.campaignChannel.deleteMany({ where: { teamId } })
        const campaigns = (await tx.campaign.deleteMany({ where: { teamId } })).count
        await tx.task.deleteMany({ where: { teamId } })
        const people = (await tx.person.deleteMany({ where: { teamId } })).count
        const settings = (await tx.workspaceSettings.deleteMany({ where: { teamId } })).count
        // API keys take their kept answers with them (ON DELETE CASCADE).
        await tx.apiKey.deleteMany({ where: { teamId } })
        let installations = 0
        if (options.withInstallation) {
          installations = (await tx.installation.deleteMany({ where: { installKey: `team:${teamId}` } })).count
          await tx.orgWorkspace.deleteMany({ where: { teamId } })
        }
        return { campaigns, ideas, brainstormRounds, people, outboxRows, settings, installations }
      })
    },

    /** How much there is of what deleteAll deletes (what the admin is shown first). */
    async counts(teamId: string): Promise<Omit<DeletedWorkspaceData, 'installations'>> {
      const [campaigns, ideas, brainstormRounds, people, outboxRows, settings] = await Promise.all([
        prisma.campaign.count({ where: { teamId } }), prisma.idea.count({ where: { teamId } }),
        prisma.brainstormRound.count({ where: { teamId } }), prisma.person.count({ where: { teamId } }),
        prisma.outboxMessage.count({ where: { teamId } }), prisma.workspaceSettings.count({ where: { teamId } }),
      ])
      return { campaigns, ideas, brainstormRounds, people, outboxRows, settings }
    },

    /** Workspaces that left before `before` and did not come back: their data is due for deletion. */
    async departedBefore(before: Date): Promise<string[]> {
      const rows = await prisma.installation.findMany({
        where: { uninstalledAt: { lt: before }, teamId: { not: null }, isEnterpriseInstall: false },
        select: { teamId: true },
      })
      return rows.map((row) => row.teamId!)
    },
  }
}

export type WorkspaceDataStore = ReturnType<typeof workspaceDataStore>
