// Reads what the app wrote, straight from the database, for assertions.
import { parseConfig } from '../../src/config.ts'
import { openDatabase } from '../../src/store/database.ts'
import type { Rig } from './harness.ts'

export async function inspect(rig: Pick<Rig, 'config'>) {
  const database = await openDatabase(parseConfig({ ...rigEnv, DATABASE_URL: urlOf(rig) }).database)
  try {
    const [campaigns, transitions, outbox] = await Promise.all([
      database.prisma.campaign.findMany({ orderBy: { id: 'asc' } }),
      database.prisma.stageTransition.findMany({ orderBy: { id: 'asc' } }),
      database.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } }),
    ])
    return { campaigns, transitions, outbox }
  } finally {
    await database.close()
  }
}

const rigEnv = { SLACK_BOT_TOKEN: 'xoxb-inspect', SLACK_SIGNING_SECRET: 'inspect-secret' }

function urlOf(rig: Pick<Rig, 'config'>): string {
  return rig.config.database.url
}
