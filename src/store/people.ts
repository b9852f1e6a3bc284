// People as the scheduler knows them: each person's Slack zone and whether they left (refreshed from
// users.info by the scheduler, and marked at once when a DM to them fails for good), and the date
// they set themselves away until.
import type { PrismaDb } from './database.ts'

export type PersonRecord = {
  teamId: string
  userId: string
  timeZone: string | null
  locale: string | null
  deactivated: boolean
  awayUntil: string | null
  refreshedAt: Date | null
}

export function peopleStore(prisma: PrismaDb) {
  return {
    async find(teamId: string, userId: string): Promise<PersonRecord | null> {
      return prisma.person.findUnique({ where: { teamId_userId: { teamId, userId } } })
    },

    /** What Slack said of them just now. */
    async recordSlackFacts(teamId: string, userId: string, facts: { timeZone: string | null; locale: string | null; deactivated: boolean }, now: Date): Promise<void> {
      const data = { ...facts, refreshedAt: now, updatedAt: now }
      await prisma.person.upsert({ where: { teamId_userId: { teamId, userId } }, create: { teamId, userId, ...data }, update: data })
    },

    /** Slack refused a DM to them for good (account_inactive…): nothing more is sent them. */
    async markDeactivated(teamId: string, userId: string, now: Date): Promise<void> {
      await prisma.person.upsert({
        where: { teamId_userId: { teamId, userId } },
        create: { teamId, userId, deactivated: true, updatedAt: now },
        update: { deactivated: true, updatedAt: now },
      })
    },

    /** Away up to and including `until` (their own date); null = back. */
    async setAway(teamId: string, userId: string, until: string | null, now: Date): Promise<void> {
      await prisma.person.upsert({
        where: { teamId_userId: { teamId, userId } },
        create: { teamId, userId, awayUntil: until, updatedAt: now },
        update: { awayUntil: until, updatedAt: now },
      })
    },
  }
}

export type PeopleStore = ReturnType<typeof peopleStore>
