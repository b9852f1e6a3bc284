// The start-up warm-up (src/slack/warmUp.ts): before the app says it is ready it runs what the
// first requests run, so the first person is answered about as fast as the hundredth (the bench
// shows that figure; a test asserts no time). What a test can hold is that it ran and that nobody
// could see it: no Slack call beyond the token check and one more look at the connection, nothing
// stored, no request in the info-level log.
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCampaignDesk, type RunningCampaignDesk } from '../../src/campaignDesk.ts'
import { parseConfig, type Config } from '../../src/config.ts'
import { createLogger } from '../../src/logger.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.ts'
import { inspect } from '../support/inspect.ts'
import { AppClient } from '../support/slackRequests.ts'

const signingSecret = 'warm-up-test-secret-0123456789'

describe.each(testProviders())('the start-up warm-up on %s', (provider) => {
  let slack: FakeSlack
  let db: TestDatabase
  let config: Config
  let app: RunningCampaignDesk | null = null
  const lines: Array<Record<string, unknown>> = []

  beforeEach(async () => {
    slack = await startFakeSlack({ botToken: 'xoxb-warm' })
    slack.addUser({ id: 'U1', name: 'ana' })
    db = await freshDatabase(provider)
    config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-warm', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl, PORT: '0', DATABASE_URL: db.url, LOG_LEVEL: 'info' })
    const out = new PassThrough()
    out.on('data', (chunk: Buffer) => { for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line)) })
    lines.length = 0
    // The prefetch after start (slack/prefetch.ts) is not the warm-up: test/e2e/prefetch.test.ts.
    app = await startCampaignDesk(config, { logger: createLogger('info', out), prefetch: false })
  })
  afterEach(async () => {
    await app?.stop()
    await slack.close()
    await db.cleanup()
  })

  it('runs before the app is ready, calls no Slack method but auth.test, stores nothing and logs one line', async () => {
    const warmed = lines.filter((line) => line.msg === 'warmed_up')
    expect(warmed).toHaveLength(1)
    expect(warmed[0]!.rounds).toBeGreaterThan(1)
    expect(lines.filter((line) => line.msg === 'warm_up_failed')).toEqual([])
    // Its requests went through the receiver, but no request line at info level says so.
    expect(lines.filter((line) => line.msg === 'slack_request')).toEqual([])
    // The token check at start, and the warm-up's look at the connection.
    expect(slack.calls.map((call) => call.method)).toEqual(['auth.test', 'auth.test'])
    const stored = await inspect({ config })
    expect(stored).toEqual({ campaigns: [], transitions: [], outbox: [] })

    // The first person is then served as usual, and looked up in Slack as usual.
    const client = new AppClient({ baseUrl: app!.url!, signingSecret, slack })
    const answer = await client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'help' })
    expect(answer.status).toBe(200)
    expect(answer.body.text).toContain('/campaign new')
    expect(slack.callsTo('users.info').map((call) => call.args.user)).toEqual(['U1'])
    expect(lines.filter((line) => line.msg === 'slack_request')).toHaveLength(1)
  })
})
