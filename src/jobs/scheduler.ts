// The scheduler: once a minute (and at start) it asks the domain's planners what is due at this
// instant and turns each due thing into outbox rows, written in the same transaction as the change
// that marks it done under a unique key, so a restart or a second instance changes nothing. The
// dispatcher delivers the rows. It composes no words itself: what to post is handed in.
//
// Due today: brainstorm rounds whose deadline has come (closed once, their results posted).
import cron, { type ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'
import type { Clock } from '../clock.ts'
import { dueRoundClosings } from '../domain/brainstorm.ts'
import type { BoardOutboxFor, IdeaStore, RoundResults } from '../store/ideas.ts'
import type { OutboxDraft } from '../store/outbox.ts'
import type { Dispatcher } from './dispatcher.ts'

export type SchedulerOptions = {
  ideas: IdeaStore
  dispatcher: Pick<Dispatcher, 'deliverNow'>
  clock: Clock
  logger: Logger
  /** The posts of a closing round (from slack/): its call's last edit, and its results. */
  roundClosing: { boards: BoardOutboxFor; results: (results: RoundResults) => OutboxDraft }
  /** node-cron expression; every minute. */
  every?: string
}

export function createScheduler(options: SchedulerOptions) {
  const { ideas, dispatcher, clock, logger } = options
  let task: ScheduledTask | null = null
  // Ticks run one after another in this process, each a full pass begun after the one before.
  let queue: Promise<void> = Promise.resolve()

  async function closeDueRounds(now: Date): Promise<void> {
    for (const roundId of dueRoundClosings(await ideas.openRounds(), now)) {
      const closed = await ideas.closeRound({ roundId, at: now, ...options.roundClosing })
      if (closed.outcome !== 'closed') continue
      logger.info({ team: closed.results.round.teamId, round: roundId, ideas: closed.results.total }, 'brainstorm_closed')
      void dispatcher.deliverNow(closed.outboxIds)
    }
  }

  /**
   * Everything due at the clock's now, in a pass that starts after any pass under way. Never
   * rejects: a failure is logged and the next tick tries again.
   */
  function tick(): Promise<void> {
    queue = queue.then(async () => {
      try {
        await closeDueRounds(clock.now())
      } catch (error) {
        logger.error({ err: error }, 'scheduler_tick_failed')
      }
    })
    return queue
  }

  return {
    tick,
    start(): void {
      if (task) return
      task = cron.schedule(options.every ?? '* * * * *', () => tick(), { name: 'campaign-desk-scheduler', noOverlap: true })
      void tick()
    },
    /** Stops ticking and waits for a tick under way. */
    async stop(): Promise<void> {
      await task?.destroy()
      task = null
      await queue
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>
