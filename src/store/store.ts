// The store as the rest of the app sees it: one object per aggregate over one database.
import { apiKeyStore } from './apiKeys.ts'
import { calendarStore } from './calendar.ts'
import { campaignChannelStore } from './campaignChannels.ts'
import { campaignStore } from './campaigns.ts'
import type { Database } from './database.ts'
import { homeStore } from './home.ts'
import { installationStore } from './installations.ts'
import { learningStore } from './learning.ts'
import { ideaStore } from './ideas.ts'
import { lifecycleStore } from './lifecycle.ts'
import { liveReadStore } from './liveReads.ts'
import { liveTickStore } from './liveTick.ts'
import { metricStore } from './metrics.ts'
import { metricImportStore } from './metricImport.ts'
import { outboxStore } from './outbox.ts'
import { peopleStore } from './people.ts'
import { planStore } from './plans.ts'
import { portfolioStore } from './portfolio.ts'
import { retroReportStore } from './retroReport.ts'
import { retroStore } from './retro.ts'
import { settingsStore } from './settings.ts'
import { taskStore } from './tasks.ts'
import type { TokenCipher } from './tokenCipher.ts'
import { workspaceDataStore } from './workspaceData.ts'

/** `tokenCipher`: many-workspace mode, where installations keep their tokens sealed. */
export function createStore(database: Database, options: { tokenCipher?: TokenCipher } = {}) {
  const plans = planStore(database.prisma)
  return {
    campaigns: campaignStore(database),
    outbox: outboxStore(database),
    plans,
    tasks: taskStore(database.prisma),
    home: homeStore(database.prisma, plans),
    ideas: ideaStore(database.prisma),
    calendar: calendarStore(database.prisma),
    settings: settingsStore(database.prisma),
    lifecycle: lifecycleStore(database.prisma, plans),
    liveTick: liveTickStore(database.prisma, { provider: database.provider, bulkRead: database.bulkRead }),
    liveReads: liveReadStore(database.prisma),
    people: peopleStore(database.prisma),
    learning: learningStore(database.prisma),
    retroReport: retroReportStore(database.prisma, plans),
    retro: retroStore(database.prisma),
    metrics: metricStore(database.prisma),
    metricImport: metricImportStore(database),
    installations: installationStore(database.prisma, options.tokenCipher),
    workspaceData: workspaceDataStore(database.prisma),
    portfolio: portfolioStore(database.prisma, database.bulkRead, database.direct),
    apiKeys: apiKeyStore(database.prisma),
    campaignChannels: campaignChannelStore(database.prisma, plans),
    provider: database.provider,
    /** Resolves when the database answers (for /healthz). */
    ping: () => database.prisma.$queryRaw`SELECT 1`,
    close: () => database.close(),
  }
}

export type Store = ReturnType<typeof createStore>
