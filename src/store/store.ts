// The store as the rest of the app sees it: one object per aggregate over one database.
import { campaignStore } from './campaigns.ts'
import type { Database } from './database.ts'
import { outboxStore } from './outbox.ts'

export function createStore(database: Database) {
  return {
    campaigns: campaignStore(database.prisma),
    outbox: outboxStore(database.prisma),
    provider: database.provider,
    close: () => database.close(),
  }
}

export type Store = ReturnType<typeof createStore>
