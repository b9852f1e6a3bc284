// App Home bench: a person with 200 open tasks across 20 campaigns opens the Home tab; measured
// from POSTing the signed app_home_opened event to its views.publish reaching the fake Slack.
// n=200 timed after 20 warm-ups, one at a time, in this process (fake Slack on loopback, the app on
// a free port, SQLite in a temporary directory). Run alone with `npx tsx bench/home.ts`;
// bench/run.ts may call benchHome() too.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { startCampaignDesk } from '../src/campaignDesk.ts'
import { parseConfig } from '../src/config.ts'
import { createLogger } from '../src/logger.ts'
import { startFakeSlack } from '../test/support/fakeSlack.ts'
import { busyPerson, seedCampaigns } from '../test/support/home.ts'
import { signSlackRequest } from '../test/support/slackRequests.ts'
import { tapFake } from './probe.ts'
import { send, team, type Prepared } from './requests.ts'
import { summarize } from './stats.ts'

const WARMUP = 20
const RUNS = 200
const CAMPAIGNS = 20
const TASKS_PER_CAMPAIGN = 10

const botToken = 'xoxb-bench-token'
const signingSecret = 'bench-signing-secret-0123456789'
const now = new Date('2026-12-01T02:00:00Z')
const person = 'UHOME'

export type HomeBench = { medianMs: number; p99Ms: number; n: number; blocks: number }

/** app_home_opened as Slack sends it, signed before the clock starts. */
function homeOpened(eventId: string): Prepared {
  const body = JSON.stringify({
    token: 'legacy-verification-token', team_id: team.id, api_app_id: 'A0CAMPAIGN', type: 'event_callback', event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user: person, channel: `D${person}`, tab: 'home', event_ts: `${Date.now() / 1000}` },
    authorizations: [{ team_id: team.id, user_id: 'UBOT', is_bot: true, enterprise_id: null, is_enterprise_install: false }],
  })
  return { body, headers: { 'content-type': 'application/json', ...signSlackRequest(signingSecret, body) } }
}

export async function benchHome(options: { runs?: number } = {}): Promise<HomeBench> {
  const runs = options.runs ?? RUNS
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-home-'))
  const fake = await startFakeSlack({ botToken })
  let app: Awaited<ReturnType<typeof startCampaignDesk>> | null = null
  try {
    for (const id of [person, 'UOWN', 'UAPP']) fake.addUser({ id, teamId: team.id })
    fake.addChannel({ id: 'C1', name: 'campaigns', members: [fake.botUserId] })
    const config = parseConfig({
      SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl,
      PORT: '0', DATABASE_URL: `file:${path.join(tmp, 'home.db')}`, LOG_LEVEL: 'silent',
    })
    app = await startCampaignDesk(config, { clock: { now: () => now }, logger: createLogger('silent'), dispatcher: { pollMs: 1000 } })
    await seedCampaigns(config, busyPerson(person, {
      campaigns: CAMPAIGNS, perCampaign: TASKS_PER_CAMPAIGN, ownerId: 'UOWN', approverId: 'UAPP', prefix: 'Bench', language: 'en',
    }), now, team.id)

    const probe = tapFake(fake, ['views.publish'])
    let blocks = 0
    const once = async (i: number): Promise<number> => {
      // Forget what the fake remembers (outside the timed part), so it does not grow.
      fake.reset()
      fake.views.clear()
      fake.homeTabs.clear()
      fake.homePublished.length = 0
      probe.clear()
      const request = homeOpened(`EvBenchHome${i}`)
      const published = probe.next('views.publish', (a) => a.user_id === person)
      const t0 = performance.now()
      const res = await send(app!.url!, request)
      const doneAt = await published
      if (res.status !== 200) throw new Error(`bench: app_home_opened answered ${res.status} ${res.text.slice(0, 300)}`)
      await new Promise((resolve) => setImmediate(resolve))
      blocks = fake.homeTabs.get(person)?.blocks?.length ?? 0
      return doneAt - t0
    }
    for (let i = 0; i < WARMUP; i++) await once(-1 - i)
    const times: number[] = []
    for (let i = 0; i < runs; i++) times.push(await once(i))
    if (probe.refusals.length > 0) throw new Error(`bench: the fake Slack refused views.publish: ${probe.refusals.slice(0, 3).join(', ')}`)
    const { median, p99 } = summarize(times)
    return { medianMs: median, p99Ms: p99, n: runs, blocks }
  } finally {
    await app?.stop()
    await fake.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchHome()
  process.stdout.write(
    `App Home, ${CAMPAIGNS * TASKS_PER_CAMPAIGN} open tasks across ${CAMPAIGNS} campaigns, app_home_opened → views.publish, ` +
      `n=${r.n} after ${WARMUP} warm-up, node ${process.version}, SQLite: median ${r.medianMs.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms (${r.blocks} blocks)\n`,
  )
}
