// A workspace that leaves: `app_uninstalled`, or `tokens_revoked` naming the bot, deletes its tokens
// at once and stops everything queued for it (store/installations.ts depart). Its campaigns stay
// DATA_RETENTION_DAYS for a reinstall; then the scheduler deletes them (jobs/retention.ts).
// Bolt runs no authorize for these two events (the token is already gone), so they always arrive.
import { installKeyOf } from '../../store/installations.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import type { Installer } from './installer.ts'

export function registerInstallEvents(listeners: Listeners, services: Services, installer: Pick<Installer, 'forget'>): void {
  const { store, clock, logger } = services

  async function leave(context: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }, why: string) {
    const key = installKeyOf({ isEnterpriseInstall: Boolean(context.isEnterpriseInstall), teamId: context.teamId ?? null, enterpriseId: context.enterpriseId ?? null })
    if (!key) return
    const departure = await store.installations.depart(key, clock.now())
    installer.forget()
    logger.info({ installation: key, why, teams: departure?.teams, stoppedPosts: departure?.stoppedRows ?? 0 }, departure ? 'workspace_left' : 'workspace_left_unknown')
  }

  listeners.event('app_uninstalled', async ({ context }) => leave(context, 'app_uninstalled'))
  listeners.event('tokens_revoked', async ({ event, context }) => {
    // Only the bot's token matters: the app keeps no user token.
    if ((event.tokens.bot ?? []).length > 0) await leave(context, 'tokens_revoked')
  })
}
