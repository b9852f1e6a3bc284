// The app's installations (many workspaces, installed by OAuth): one row per workspace, or per
// Enterprise Grid organisation for an org-wide install, with its bot token and refresh token
// sealed (tokenCipher.ts) — the database never holds a token in plain text. A workspace that
// leaves (uninstall, revoked tokens) loses its tokens at once and everything it had queued stops;
// its data waits DATA_RETENTION_DAYS for a reinstall (workspaceData.ts deletes it after).
import type { PrismaDb } from './database.ts'
import type { TokenCipher } from './tokenCipher.ts'

/** Who installed: a workspace, or an organisation (org-wide install). */
export type InstallKey = `team:${string}` | `enterprise:${string}`

export const installKeyOf = (who: { isEnterpriseInstall: boolean; teamId?: string | null; enterpriseId?: string | null }): InstallKey | null => {
  if (who.isEnterpriseInstall) return who.enterpriseId ? `enterprise:${who.enterpriseId}` : null
  return who.teamId ? `team:${who.teamId}` : null
}

export type WorkspaceInstall = {
  installKey: InstallKey
  teamId: string | null
  teamName: string | null
  enterpriseId: string | null
  enterpriseName: string | null
  enterpriseUrl: string | null
  isEnterpriseInstall: boolean
  appId: string | null
  installerUserId: string | null
  bot: {
    id: string | null
    userId: string | null
    scopes: string[]
    token: string
    /** With token rotation on: the refresh token and when the token expires (UTC seconds). */
    refreshToken: string | null
    expiresAt: number | null
  }
}

type Row = Awaited<ReturnType<PrismaDb['installation']['findFirstOrThrow']>>

/** What a workspace's departure stopped. */
export type Departure = { installKey: InstallKey; teams: string[]; stoppedRows: number }

export function installationStore(prisma: PrismaDb, cipher: TokenCipher | undefined) {
  const sealer = () => {
    if (!cipher) throw new Error('installations need TOKEN_ENCRYPTION_KEY (many-workspace mode)')
    return cipher
  }
  const seal = (key: string, field: string, token: string) => sealer().seal(token, `${key}/${field}`)

  /** The row's tokens opened; a row sealed under the previous key is sealed again under the current one. */
  async function toInstall(row: Row): Promise<WorkspaceInstall | null> {
    if (row.uninstalledAt || !row.botToken) return null
    const key = row.installKey as InstallKey
    const token = sealer().open(row.botToken, `${key}/botToken`)
    const refresh = row.botRefreshToken ? sealer().open(row.botRefreshToken, `${key}/botRefreshToken`) : null
    if (token.stale || refresh?.stale) {
      // Only if nothing rewrote it meanwhile (a refresh on another instance).
      await prisma.installation.updateMany({
        where: { id: row.id, botToken: row.botToken },
        data: { botToken: seal(key, 'botToken', token.plain), botRefreshToken: refresh ? seal(key, 'botRefreshToken', refresh.plain) : null },
      })
    }
    return {
      installKey: key, teamId: row.teamId, teamName: row.teamName, enterpriseId: row.enterpriseId, enterpriseName: row.enterpriseName,
      enterpriseUrl: row.enterpriseUrl, isEnterpriseInstall: row.isEnterpriseInstall, appId: row.appId, installerUserId: row.installerUserId,
      bot: {
        id: row.botId, userId: row.botUserId, scopes: row.botScopes ? row.botScopes.split(',') : [], token: token.plain,
        refreshToken: refresh?.plain ?? null, expiresAt: row.botTokenExpiresAt,
      },
    }
  }

  return {
    /** Stores an install or a reinstall (its tokens replace the old ones), or a refreshed token. */
    async save(install: WorkspaceInstall, now: Date): Promise<void> {
      const key = install.installKey
      const fields = {
        teamId: install.teamId, teamName: install.teamName, enterpriseId: install.enterpriseId, enterpriseName: install.enterpriseName,
        enterpriseUrl: install.enterpriseUrl, isEnterpriseInstall: install.isEnterpriseInstall, appId: install.appId,
        installerUserId: install.installerUserId, botId: install.bot.id, botUserId: install.bot.userId, botScopes: install.bot.scopes.join(','),
        botToken: seal(key, 'botToken', install.bot.token),
        botRefreshToken: install.bot.refreshToken ? seal(key, 'botRefreshToken', install.bot.refreshToken) : null,
        botTokenExpiresAt: install.bot.expiresAt, updatedAt: now, uninstalledAt: null,
      }
      await prisma.installation.upsert({ where: { installKey: key }, create: { installKey: key, installedAt: now, ...fields }, update: fields })
    },

    /** The installation with its tokens, or null when there is none or it has left. */
    async find(key: InstallKey): Promise<WorkspaceInstall | null> {
      const row = await prisma.installation.findUnique({ where: { installKey: key } })
      return row ? toInstall(row) : null
    },

    /** The installation serving a workspace: its own, else its organisation's org-wide one. */
    async findForTeam(teamId: string): Promise<WorkspaceInstall | null> {
      const own = await prisma.installation.findUnique({ where: { installKey: `team:${teamId}` } })
      if (own) return toInstall(own)
      const org = await prisma.orgWorkspace.findUnique({ where: { teamId } })
      if (!org) return null
      const row = await prisma.installation.findUnique({ where: { installKey: `enterprise:${org.enterpriseId}` } })
      return row ? toInstall(row) : null
    },

    /** A workspace served by its organisation's org-wide install: its later posts use that token. */
    async recordOrgWorkspace(teamId: string, enterpriseId: string, now: Date): Promise<void> {
      await prisma.orgWorkspace.upsert({ where: { teamId }, create: { teamId, enterpriseId, seenAt: now }, update: { enterpriseId, seenAt: now } })
    },

    /**
     * The app was uninstalled or its bot token revoked: the tokens are deleted and every post still
     * waiting for its workspaces ends as `uninstalled`, in one transaction. Null when nothing was installed.
     */
    async depart(key: InstallKey, now: Date): Promise<Departure | null> {
      return prisma.$transaction(async (tx) => {
        const row = await tx.installation.findUnique({ where: { installKey: key }, select: { id: true, teamId: true, enterpriseId: true, isEnterpriseInstall: true, uninstalledAt: true } })
        if (!row) return null
        await tx.installation.update({
          where: { id: row.id },
          data: { botToken: null, botRefreshToken: null, botTokenExpiresAt: null, uninstalledAt: row.uninstalledAt ?? now, updatedAt: now },
        })
        const teams = row.isEnterpriseInstall && row.enterpriseId
          ? (await tx.orgWorkspace.findMany({ where: { enterpriseId: row.enterpriseId }, select: { teamId: true } })).map(({ teamId }) => teamId)
          : row.teamId ? [row.teamId] : []
        const stopped = await tx.outboxMessage.updateMany({
          where: { teamId: { in: teams }, status: 'pending' },
          data: { status: 'uninstalled', lastError: 'uninstalled', claimedBy: null, claimedUntil: null },
        })
        return { installKey: key, teams, stoppedRows: stopped.count }
      })
    },

    /** Workspaces that left (tokens gone), with when: the scheduler plans nothing for them. */
    async departedTeams(): Promise<Map<string, Date>> {
      const rows = await prisma.installation.findMany({ where: { uninstalledAt: { not: null }, teamId: { not: null } }, select: { teamId: true, uninstalledAt: true } })
      return new Map(rows.map((row) => [row.teamId!, row.uninstalledAt!]))
    },

    /** How many installations have tokens now (for /metrics). */
    installedCount(): Promise<number> {
      return prisma.installation.count({ where: { uninstalledAt: null, botToken: { not: null } } })
    },

    /**
     * Rewrites every token still sealed under TOKEN_ENCRYPTION_KEY_PREVIOUS under the current key
     * (at start, after a rotation). Returns how many installations were rewritten.
     */
    async resealStale(): Promise<number> {
      const rows = await prisma.installation.findMany({ where: { botToken: { not: null } } })
      let rewritten = 0
      for (const row of rows) {
        const key = row.installKey
        const token = sealer().open(row.botToken!, `${key}/botToken`)
        const refresh = row.botRefreshToken ? sealer().open(row.botRefreshToken, `${key}/botRefreshToken`) : null
        if (!token.stale && !refresh?.stale) continue
        const updated = await prisma.installation.updateMany({
          where: { id: row.id, botToken: row.botToken },
          data: { botToken: seal(key, 'botToken', token.plain), botRefreshToken: refresh ? seal(key, 'botRefreshToken', refresh.plain) : null },
        })
        rewritten += updated.count
      }
      return rewritten
    },

    /** Remembers that an OAuth state was used; false when it had been used already (a replay). */
    async useState(stateHash: string, now: Date): Promise<boolean> {
      try {
        await prisma.oAuthStateUse.create({ data: { stateHash, usedAt: now } })
        return true
      } catch (error) {
        // The unique key says another request (on any instance) used it first.
        if ((error as { code?: string }).code === 'P2002') return false
        throw error
      }
    },

    /** Forgets used states older than a state can live: they are refused as expired anyway. */
    async forgetStatesUsedBefore(before: Date): Promise<number> {
      return (await prisma.oAuthStateUse.deleteMany({ where: { usedAt: { lt: before } } })).count
    },
  }
}

export type InstallationStore = ReturnType<typeof installationStore>
