// The prefetch after start (src/slack/prefetch.ts, issue 15): in the background, after the ready
// line, the workspace's people (users.list) and the channels the app is in (users.conversations)
// are remembered, so the first `/campaign new` and the first submission ask Slack about nobody.
// A Slack that refuses is logged once and changes nothing: people are looked up on first use, as before.
import { Writable } from 'node:stream'
import { WebClient } from '@slack/web-api'
import { afterEach, describe, expect, it } from 'vitest'
import { createPeopleDirectory, type SlackUser } from '../../src/slack/people.ts'
import { testProviders } from '../support/databases.ts'
import { startFakeSlack } from '../support/fakeSlack.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { castTheUsualPeople, propose } from '../support/proposals.ts'

/** A rig that prefetches, started once the usual people and channel exist (a restart: the rig's first start had none). */
async function preparedRig(provider: Parameters<typeof startRig>[0], lines: Array<Record<string, unknown>>, before: (rig: Rig) => void = () => {}): Promise<Rig> {
  const logTo = new Writable({ write(chunk, _encoding, done) { for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line)); done() } })
  const rig = await startRig(provider, { prefetch: true, logLevel: 'info', logTo })
  await rig.app.prefetched
  // Only the second start counts.
  lines.length = 0
  rig.slack.calls.length = 0
  castTheUsualPeople(rig)
  before(rig)
  await rig.restart()
  await rig.app.prefetched
  return rig
}

describe.each(testProviders())('the start-up prefetch on %s', (provider) => {
  let rig: Rig | null = null
  afterEach(async () => {
    await rig?.close()
    rig = null
  })

  it('knows the people and the app’s channels after start: a first proposal asks Slack about nobody', async () => {
    const lines: Array<Record<string, unknown>> = []
    rig = await preparedRig(provider, lines)
    const prefetched = lines.filter((line) => line.msg === 'prefetched')
    // The bot and U1–U3; C1, the bot's channel.
    expect(prefetched).toMatchObject([{ people: 4, channels: 1 }])
    expect(rig.slack.callsTo('users.list').map((call) => call.args)).toMatchObject([{ limit: '200', include_locale: 'true' }])
    expect(rig.slack.callsTo('users.conversations').map((call) => call.args)).toMatchObject([{ types: 'public_channel,private_channel' }])

    const since = rig.slack.calls.length
    await propose(rig)
    const asked = rig.slack.calls.slice(since).map((call) => call.method).filter((method) => method === 'users.info' || method === 'conversations.info')
    expect(asked).toEqual([])
  })

  it('a Slack error during the prefetch is logged once and changes nothing', async () => {
    const lines: Array<Record<string, unknown>> = []
    rig = await preparedRig(provider, lines, (r) => r.slack.failAlways('users.list', { error: 'internal_error' }))
    expect(lines.filter((line) => line.msg === 'prefetch_failed')).toMatchObject([{ method: 'users.list', error: 'internal_error', people: 0, channels: 0 }])
    expect(lines.filter((line) => line.msg === 'prefetched')).toEqual([])
    // Stopped at the first refusal: no second try, no channels asked for.
    expect(rig.slack.callsTo('users.list')).toHaveLength(1)
    expect(rig.slack.callsTo('users.conversations')).toEqual([])

    // People and the channel are looked up on first use, as without a prefetch.
    const since = rig.slack.calls.length
    await propose(rig)
    const asked = rig.slack.calls.slice(since).filter((call) => call.method === 'users.info').map((call) => call.args.user)
    expect(asked).toContain('U1')
    expect(rig.slack.calls.slice(since).map((call) => call.method)).toContain('conversations.info')
  })
})

describe('a person remembered from users.list', () => {
  it('is the person users.info would have told', async () => {
    const slack = await startFakeSlack({ botToken: 'xoxb-people' })
    try {
      slack.addUser({ id: 'U1', name: 'olivia' })
      slack.addUser({ id: 'U2', name: 'li', realName: 'Li Wei', locale: 'zh-CN', tz: 'Asia/Shanghai', isAdmin: true })
      slack.addUser({ id: 'U3', name: 'sam', locale: 'en-GB', tz: 'Europe/London', isOwner: true, deleted: true })
      const client = new WebClient('xoxb-people', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } })
      const listed = createPeopleDirectory(client)
      const members = (await client.users.list({ include_locale: true, limit: 200 })).members as SlackUser[]
      expect(listed.rememberFromSlack('T1', members)).toBe(4)
      slack.failAlways('users.info', { error: 'internal_error' }) // the listed directory must not ask
      const fromList = await Promise.all(['U1', 'U2', 'U3', slack.botUserId].map((id) => listed.person('T1', id)))
      slack.clearFailures()
      const askedOne = createPeopleDirectory(client)
      const fromInfo = await Promise.all(['U1', 'U2', 'U3', slack.botUserId].map((id) => askedOne.person('T1', id)))
      expect(fromList).toEqual(fromInfo)
      expect(fromInfo.map((person) => [person.locale, person.timeZone, person.isWorkspaceAdmin, person.deactivated, person.isBot]))
        .toEqual([['en', 'Asia/Shanghai', false, false, false], ['zh-CN', 'Asia/Shanghai', true, false, false], ['en', 'Europe/London', true, true, false], ['en', 'Asia/Shanghai', false, false, true]])
    } finally {
      await slack.close()
    }
  })
})
