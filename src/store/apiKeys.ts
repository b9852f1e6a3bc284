// Workspace API keys (issue 17) and the answers kept for Idempotency-Key. A key is 32 random bytes
// shown once as `cd_live_<base64url>`; only its SHA-256 and its first characters are stored, so a
// leaked database holds no usable key. Every query is scoped by the team.
import { createHash, randomBytes } from 'node:crypto'
import type { PrismaDb, PrismaTx } from './database.ts'

export const apiKeyPrefix = 'cd_live_'
/** How many characters of a key are kept to tell keys apart (the prefix and 6 of the secret). */
const shownLength = apiKeyPrefix.length + 6
/** How long an Idempotency-Key's answer is kept: a client retrying within this gets the same answer. */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000

export type ApiKeyInfo = {
  id: number; name: string; prefix: string; createdBy: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null
}

/** Who a presented key is: the workspace and key it names, or why it is refused. */
export type KeyCheck = { status: 'ok'; keyId: number; teamId: string; createdBy: string } | { status: 'unknown' } | { status: 'revoked' }

export type StoredAnswer = { requestHash: string; status: number; body: string }

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** A unique index refused the row: through Prisma (P2002), better-sqlite3 or pg (23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return code === 'P2002' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505'
}

/** lastUsedAt is written at most this often per key: a burst of calls is not a burst of writes. */
const lastUsedResolutionMs = 60_000

export function apiKeyStore(prisma: PrismaDb) {
  const toInfo = (row: ApiKeyInfo): ApiKeyInfo => ({
    id: row.id, name: row.name, prefix: row.prefix, createdBy: row.createdBy, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt,
  })

  return {
    /** Makes a key; `secret` is the only time the key exists in full. */
    async create(input: { teamId: string; name: string; createdBy: string; at: Date }): Promise<{ key: ApiKeyInfo; secret: string }> {
      const secret = `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`
      const row = await prisma.apiKey.create({
        data: { teamId: input.teamId, name: input.name, keyHash: sha256(secret), prefix: secret.slice(0, shownLength), createdBy: input.createdBy, createdAt: input.at },
      })
      return { key: toInfo(row), secret }
    },

    /** The workspace's keys still in force, oldest first. */
    async active(teamId: string): Promise<ApiKeyInfo[]> {
      const rows = await prisma.apiKey.findMany({ where: { teamId, revokedAt: null }, orderBy: { id: 'asc' } })
      return rows.map(toInfo)
    },

    /** Revokes one of the workspace's keys; false when it has no such key in force. */
    async revoke(teamId: string, keyId: number, at: Date): Promise<boolean> {
      const { count } = await prisma.apiKey.updateMany({ where: { id: keyId, teamId, revokedAt: null }, data: { revokedAt: at } })
      return count > 0
    },

    /** Reads a presented key (notes when it was used); a key never made and a revoked one are told apart for the log. */
    async check(secret: string, at: Date): Promise<KeyCheck> {
      if (!secret.startsWith(apiKeyPrefix)) return { status: 'unknown' }
      const row = await prisma.apiKey.findUnique({ where: { keyHash: sha256(secret) }, select: { id: true, teamId: true, createdBy: true, revokedAt: true } })
      if (!row) return { status: 'unknown' }
      if (row.revokedAt) return { status: 'revoked' }
      await prisma.apiKey.updateMany({
        where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(at.getTime() - lastUsedResolutionMs) } }] },
        data: { lastUsedAt: at },
      })
      return { status: 'ok', keyId: row.id, teamId: row.teamId, createdBy: row.createdBy }
    },

    /** The answer kept for this key's Idempotency-Key, if given within the window. */
    async answerFor(input: { teamId: string; keyId: number; idempotencyKey: string; at: Date }): Promise<StoredAnswer | null> {
      const row = await prisma.apiIdempotency.findUnique({
        where: { teamId_apiKeyId_idempotencyKey: { teamId: input.teamId, apiKeyId: input.keyId, idempotencyKey: input.idempotencyKey } },
      })
      if (!row || row.createdAt.getTime() <= input.at.getTime() - idempotencyWindowMs) return null
      return { requestHash: row.requestHash, status: row.status, body: row.body }
    },

    /**
     * Keeps an answer, inside the transaction of the change it answers: both stand or neither. A
     * second call racing with the same key meets the unique index and its change is rolled back.
     * The key's answers older than the window go first (an expired one may be given again).
     */
    async keepAnswer(tx: PrismaTx, input: { teamId: string; keyId: number; idempotencyKey: string; answer: StoredAnswer; at: Date }): Promise<void> {
      await tx.apiIdempotency.deleteMany({ where: { apiKeyId: input.keyId, createdAt: { lte: new Date(input.at.getTime() - idempotencyWindowMs) } } })
      await tx.apiIdempotency.create({
        data: {
          teamId: input.teamId, apiKeyId: input.keyId, idempotencyKey: input.idempotencyKey,
          requestHash: input.answer.requestHash, status: input.answer.status, body: input.answer.body, createdAt: input.at,
        },
      })
    },

    /**
     * Forgets the answers kept longer than the window, of every key (a key that never writes again
     * would otherwise keep them for ever): `batchSize` rows a statement, so no statement holds the
     * table long, and at most `maxBatches` a call (the rest go at the next pass). Taken in id
     * order, oldest first: the expired rows are the first the primary key reaches. How many went.
     */
    async forgetAnswersBefore(before: Date, options: { batchSize?: number; maxBatches?: number } = {}): Promise<number> {
      const { batchSize = 500, maxBatches = 20 } = options
      let forgotten = 0
      for (let batch = 0; batch < maxBatches; batch++) {
        const rows = await prisma.apiIdempotency.findMany({ where: { createdAt: { lte: before } }, select: { id: true }, orderBy: { id: 'asc' }, take: batchSize })
        if (rows.length === 0) break
        const { count } = await prisma.apiIdempotency.deleteMany({ where: { id: { in: rows.map((row) => row.id) }, createdAt: { lte: before } } })
        forgotten += count
        if (rows.length < batchSize) break
      }
      return forgotten
    },
  }
}

export type ApiKeyStore = ReturnType<typeof apiKeyStore>
