// Bolt's InstallationStore contract (@slack/oauth: storeInstallation, fetchInstallation,
// deleteInstallation) over the database's installations (store/installations.ts), by team and by
// enterprise for org-wide installs. What was fetched is kept a minute, so a busy workspace does not
// read and decrypt its token on every request; a change made here forgets it at once, one made by
// another instance is seen within the minute (and a token Slack revoked fails there anyway).
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth'
import { LRUCache } from 'lru-cache'
import type { Clock } from '../../clock.ts'
import { installKeyOf, type InstallationStore as Installations, type WorkspaceInstall } from '../../store/installations.ts'

/** No installation serves the workspace of this request: it never installed the app, or removed it. */
export class NotInstalled extends Error {
  override name = 'NotInstalled'
}

export const isNotInstalled = (error: unknown): boolean => {
  const e = error as { original?: unknown } | null
  return error instanceof NotInstalled || e?.original instanceof NotInstalled
}

/** Bolt's Installation as the database keeps it. */
export function toWorkspaceInstall(installation: Installation): WorkspaceInstall {
  const isEnterpriseInstall = Boolean(installation.isEnterpriseInstall)
  const installKey = installKeyOf({ isEnterpriseInstall, teamId: installation.team?.id, enterpriseId: installation.enterprise?.id })
  if (!installKey) throw new Error('the installation names neither its workspace nor its organisation')
  const bot = installation.bot
  // The app asks for bot scopes only: an installation without a bot token is of no use to it.
  if (!bot?.token) throw new Error('the installation carries no bot token')
  return {
    installKey,
    teamId: installation.team?.id ?? null,
    teamName: installation.team?.name ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    enterpriseName: installation.enterprise?.name ?? null,
    enterpriseUrl: installation.enterpriseUrl ?? null,
    isEnterpriseInstall,
    appId: installation.appId ?? null,
    installerUserId: installation.user?.id ?? null,
    bot: {
      id: bot.id ?? null, userId: bot.userId ?? null, scopes: bot.scopes ?? [], token: bot.token,
      refreshToken: bot.refreshToken ?? null, expiresAt: bot.expiresAt ?? null,
    },
  }
}

function toInstallation(install: WorkspaceInstall): Installation<'v2', boolean> {
  return {
    team: install.isEnterpriseInstall || !install.teamId ? undefined : { id: install.teamId, ...(install.teamName ? { name: install.teamName } : {}) },
    enterprise: install.enterpriseId ? { id: install.enterpriseId, ...(install.enterpriseName ? { name: install.enterpriseName } : {}) } : undefined,
    user: { id: install.installerUserId ?? '', token: undefined, scopes: undefined },
    bot: {
      id: install.bot.id ?? '', userId: install.bot.userId ?? '', scopes: install.bot.scopes, token: install.bot.token,
      ...(install.bot.refreshToken ? { refreshToken: install.bot.refreshToken } : {}),
      ...(install.bot.expiresAt !== null ? { expiresAt: install.bot.expiresAt } : {}),
    },
    ...(install.appId ? { appId: install.appId } : {}),
    ...(install.enterpriseUrl ? { enterpriseUrl: install.enterpriseUrl } : {}),
    isEnterpriseInstall: install.isEnterpriseInstall,
    tokenType: 'bot',
    authVersion: 'v2',
  } as Installation<'v2', boolean>
}

export type CachedInstallations = InstallationStore & {
  /** Forgets what was fetched (after a change here: an install, a departure). */
  forget(): void
}

export function databaseInstallationStore(installations: Installations, clock: Clock, options: { ttlMs?: number } = {}): CachedInstallations {
  const cache = new LRUCache<string, WorkspaceInstall>({ max: 5_000, ttl: options.ttlMs ?? 60_000 })

  return {
    async storeInstallation(installation) {
      await installations.save(toWorkspaceInstall(installation), clock.now())
      cache.clear()
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      // An org-wide install is found by its organisation; a workspace by its own install, else its organisation's.
      const key = query.isEnterpriseInstall ? `enterprise:${query.enterpriseId}` : `team:${query.teamId}`
      let install = cache.get(key)
      if (!install) {
        const found = query.isEnterpriseInstall
          ? query.enterpriseId ? await installations.find(`enterprise:${query.enterpriseId}`) : null
          : query.teamId ? await installations.findForTeam(query.teamId) : null
        if (!found) throw new NotInstalled(`no installation for ${key}`)
        install = found
        cache.set(key, install)
      }
      return toInstallation(install)
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = installKeyOf({ isEnterpriseInstall: query.isEnterpriseInstall, teamId: query.teamId, enterpriseId: query.enterpriseId })
      if (key) await installations.depart(key, clock.now())
      cache.clear()
    },

    forget: () => cache.clear(),
  }
}
