// GET /healthz: is this instance doing its work? The database answers, the scheduler passed
// recently, and no outbox row has waited long past its due time. 200 with a small JSON when all
// three hold; 503 naming the one that does not. It never calls Slack: Slack being down is not this
// instance's fault, and the outbox waits it out.
import type { Clock } from '../clock.ts'

/** The scheduler ticks every minute: three missed passes mean it is stuck. */
export const schedulerStaleAfterSeconds = 180
/** A due row the dispatcher has not taken in five minutes: it is stuck (or every claim is held). */
export const outboxStaleAfterSeconds = 300
const databaseTimeoutMs = 2_000

export type HealthSources = {
  clock: Clock
  /** Resolves when the database answers a trivial query. */
  pingDatabase: () => Promise<unknown>
  /** When the scheduler's last pass ended; null before the first. */
  lastSchedulerPass: () => Date | null
  /** The due time of the oldest row still waiting to be sent, or null. */
  oldestDueOutboxRow: (now: Date) => Promise<Date | null>
  /** When this instance started: before its first pass the scheduler is given its time. */
  startedAt: Date
}

export type HealthReport = {
  status: 'ok' | 'unhealthy'
  database: { ok: boolean; error?: string }
  scheduler: { ok: boolean; lastPassSecondsAgo: number | null }
  outbox: { ok: boolean; oldestDueSecondsAgo: number | null }
  /** What is wrong, one line each (empty when healthy). */
  problems: string[]
}

const secondsBetween = (later: Date, earlier: Date) => Math.max(0, Math.round((later.getTime() - earlier.getTime()) / 1000))

export async function checkHealth(sources: HealthSources): Promise<HealthReport> {
  const now = sources.clock.now()
  const problems: string[] = []

  let database: HealthReport['database'] = { ok: true }
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      sources.pingDatabase(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${databaseTimeoutMs / 1000} s`)), databaseTimeoutMs) }),
    ])
  } catch (error) {
    // The reason, without the connection string (driver messages can carry the host, never the password).
    const reason = ((error as Error).message ?? 'unreachable').split('\n')[0]!.slice(0, 200)
    database = { ok: false, error: reason }
    problems.push(`database: ${reason}`)
  } finally {
    clearTimeout(timer)
  }

  const lastPass = sources.lastSchedulerPass()
  const passAge = lastPass ? secondsBetween(now, lastPass) : null
  const schedulerOk = passAge === null ? secondsBetween(now, sources.startedAt) <= schedulerStaleAfterSeconds : passAge <= schedulerStaleAfterSeconds
  if (!schedulerOk) problems.push(passAge === null ? 'scheduler: no pass since the start' : `scheduler: last pass ${passAge} s ago (more than ${schedulerStaleAfterSeconds} s)`)

  let outbox: HealthReport['outbox'] = { ok: database.ok, oldestDueSecondsAgo: null }
  if (database.ok) {
    try {
      const oldest = await sources.oldestDueOutboxRow(now)
      const age = oldest ? secondsBetween(now, oldest) : null
      outbox = { ok: age === null || age <= outboxStaleAfterSeconds, oldestDueSecondsAgo: age }
      if (!outbox.ok) problems.push(`outbox: a post due ${age} s ago is still waiting (more than ${outboxStaleAfterSeconds} s)`)
    } catch (error) {
      outbox = { ok: false, oldestDueSecondsAgo: null }
      problems.push(`outbox: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}`)
    }
  }

  return {
    status: problems.length === 0 ? 'ok' : 'unhealthy',
    database, scheduler: { ok: schedulerOk, lastPassSecondsAgo: passAge }, outbox, problems,
  }
}
