// Home refreshes in the outbox (kind 'home'): the dispatcher renders the person's Home when it
// delivers (never a view composed when the row was written), publishes it with views.publish, and
// drops an older refresh when a newer one for the same person is still to come.
import type { HomeView } from '@slack/types'
import { WebClient } from '@slack/web-api'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatcher, type Dispatcher } from '../../src/jobs/dispatcher.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { enqueue, outboxStore, type OutboxDraft } from '../../src/store/outbox.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.ts'

const silent = pino({ level: 'silent' })
const clock = { now: () => new Date() }

const refresh = (userId: string, change: string): OutboxDraft => ({
  teamId: 'T1', dedupeKey: `home:${userId}:${change}`, kind: 'home', target: userId, updatesKey: `home:${userId}`, payload: { text: '' },
})

describe.each(testProviders())('Home refreshes on %s', (provider) => {
  let slack: FakeSlack
  let db: TestDatabase
  let database: Database
  let dispatcher: Dispatcher
  let client: WebClient
  /** What the person's Home says right now; the renderer reads it when asked. */
  let state = 'first'
  const renders: string[] = []
  const homeView = async (teamId: string, userId: string): Promise<HomeView> => {
    renders.push(`${teamId}:${userId}:${state}`)
    return { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${userId} sees ${state}` } }] }
  }

  beforeEach(async () => {
    slack = await startFakeSlack({ botToken: 'xoxb-test' })
    slack.addUser({ id: 'U1' })
    slack.addUser({ id: 'U2' })
    db = await freshDatabase(provider)
    database = await openDatabase(provider === 'sqlite' ? { provider, file: db.url.slice(5), url: db.url } : { provider, url: db.url })
    client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true })
    dispatcher = createDispatcher({ client, outbox: outboxStore(database), clock, logger: silent, homeView, retry: { baseMs: 20, maxMs: 50, maxAttempts: 3 } })
    state = 'first'
    renders.length = 0
  })
  afterEach(async () => {
    await dispatcher.stop()
    await database.close()
    await slack.close()
    await db.cleanup()
  })

  const add = (drafts: OutboxDraft[]) => database.prisma.$transaction((tx) => enqueue(tx, drafts, new Date()))
  const statuses = async () => (await database.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((r) => [r.dedupeKey, r.status])
  const shown = (userId: string) => slack.homeTabs.get(userId)?.blocks[0].text.text

  it('renders the Home when it delivers, not when the refresh was queued', async () => {
    const [id] = await add([refresh('U1', 'r1')])
    state = 'second'
    expect((await dispatcher.deliverNow([id!])).get(id!)).toBe('sent')
    expect(shown('U1')).toBe('U1 sees second')
    expect(renders).toEqual(['T1:U1:second'])
  })

  it('drops an older refresh while a newer one for the same person is still to come; other people are not affected', async () => {
    const ids = await add([refresh('U1', 'r1'), refresh('U2', 'r1'), refresh('U1', 'r2')])
    const outcomes = await dispatcher.deliverNow(ids)
    expect([...outcomes.values()]).toEqual(['superseded', 'sent', 'sent'])
    expect(renders).toEqual(['T1:U2:first', 'T1:U1:first'])
    expect(await statuses()).toEqual([['home:U1:r1', 'superseded'], ['home:U2:r1', 'sent'], ['home:U1:r2', 'sent']])
  })

  it('an older refresh delivered after a newer one publishes again (the newest state), never an older one', async () => {
    const [older, newer] = await add([refresh('U1', 'r1'), refresh('U1', 'r2')])
    state = 'after both'
    expect((await dispatcher.deliverNow([newer!])).get(newer!)).toBe('sent')
    // The newer one went out first, so it may have been rendered before the older change was
    // committed: the older one is not dropped, it renders what is there now.
    expect((await dispatcher.deliverNow([older!])).get(older!)).toBe('sent')
    expect(shown('U1')).toBe('U1 sees after both')
  })

  it('a refresh queued while an older render is under way is published after it, so the newest Home is what stays', async () => {
    // The first render reads the old state and is slow; meanwhile a change queues another refresh.
    // Were the two published in any order, the slow old render could land last.
    let firstRender = true
    let firstStarted!: () => void
    const started = new Promise<void>((resolve) => { firstStarted = resolve })
    const slow = createDispatcher({
      client, outbox: outboxStore(database), clock, logger: silent,
      homeView: async (teamId, userId) => {
        const view = await homeView(teamId, userId)
        if (firstRender) {
          firstRender = false
          firstStarted()
          // Held until the newer Home is out, or long enough to be sure it is being held back.
          await slack.waitForHome('U1', (v) => JSON.stringify(v).includes('new'), { timeoutMs: 300 }).catch(() => {})
        }
        return view
      },
    })
    state = 'old'
    const [older] = await add([refresh('U1', 'r1')])
    const olderDelivered = slow.deliverNow([older!])
    await started
    state = 'new'
    const [newer] = await add([refresh('U1', 'r2')])
    const newerDelivered = slow.deliverNow([newer!])
    const outcomes = await Promise.all([olderDelivered, newerDelivered])
    await slow.stop()
    expect(outcomes.map((o) => [...o.values()][0])).toEqual(['sent', 'sent'])
    expect(slack.homePublished.filter((p) => p.userId === 'U1').map((p) => p.view.blocks[0].text.text)).toEqual(['U1 sees old', 'U1 sees new'])
    expect(shown('U1')).toBe('U1 sees new')
  })

  it('a refresh for someone Slack does not know fails for good, without retrying', async () => {
    const [id] = await add([refresh('UNOBODY', 'r1')])
    expect((await dispatcher.deliverNow([id!])).get(id!)).toBe('failed')
    expect(await statuses()).toEqual([['home:UNOBODY:r1', 'failed']])
  })

  it('without a Home renderer, a refresh fails instead of retrying forever', async () => {
    await dispatcher.stop()
    dispatcher = createDispatcher({ client, outbox: outboxStore(database), clock, logger: silent })
    const [id] = await add([refresh('U1', 'r1')])
    expect((await dispatcher.deliverNow([id!])).get(id!)).toBe('failed')
  })
})
