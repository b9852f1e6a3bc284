// A hostile or confused client: correctly signed requests whose bodies are not what Slack sends,
// requests no listener handles (a modal or a button from an older version of the app), and text
// with control characters. No request may end the process; a malformed one is answered 400, an
// unhandled one is acked at once (200, never Bolt's 404 after 3 s), and the person who is waiting
// is told what to do, in their language.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appStopMs, exitWithin, freePort, killLeftoverApps, processTestMs, readyLine, startAppProcess } from '../support/appProcess.ts'
import { checkView } from '../support/blockKitLimits.ts'
import { openDatabase } from '../../src/store/database.ts'
import { testProviders } from '../support/databases.ts'
import { startFakeSlack } from '../support/fakeSlack.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { inspect } from '../support/inspect.ts'
import { castTheUsualPeople, openNewProposal, propose, submitForm, validForm } from '../support/proposals.ts'
import { AppClient, type SlackResponse } from '../support/slackRequests.ts'

const FORM = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'

const interactivity = (rig: Rig, payload: unknown): Promise<SlackResponse> =>
  rig.client.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM)

const person = (userId: string, teamId = 'T1') => ({ id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId })

function viewSubmission(rig: Rig, view: unknown, fields: Record<string, unknown> = {}) {
  return {
    type: 'view_submission', token: 'legacy-verification-token', team: { id: 'T1', domain: 'acme' },
    enterprise: null, is_enterprise_install: false, user: person('U1'), api_app_id: 'A0CAMPAIGN',
    trigger_id: rig.slack.newTriggerId(), view, response_urls: [], ...fields,
  }
}

function blockActions(rig: Rig, actions: unknown, fields: Record<string, unknown> = {}) {
  return {
    type: 'block_actions', token: 'legacy-verification-token', team: { id: 'T1', domain: 'acme' },
    enterprise: null, is_enterprise_install: false, user: person('U1'), api_app_id: 'A0CAMPAIGN',
    trigger_id: rig.slack.newTriggerId(), response_url: rig.slack.newResponseUrl(),
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: false },
    channel: { id: 'C1', name: 'campaigns' }, actions, ...fields,
  }
}

const oldButton = (actionId: string) => ({
  type: 'button', action_id: actionId, block_id: 'actions', value: '1:0', action_ts: '1700000000.000200',
})

const eventCallback = (event: unknown, fields: Record<string, unknown> = {}) => JSON.stringify({
  token: 'legacy-verification-token', team_id: 'T1', api_app_id: 'A0CAMPAIGN', type: 'event_callback',
  event_id: `Ev${Math.random().toString(16).slice(2)}`, event_time: 1_700_000_000, event,
  authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, enterprise_id: null, is_enterprise_install: false }],
  ...fields,
})

/** Theme and basic content, as the database holds them. */
async function storedProposals(rig: Rig) {
  const database = await openDatabase(rig.config.database)
  try {
    return await database.prisma.proposal.findMany({ select: { theme: true, basicContent: true }, orderBy: { id: 'asc' } })
  } finally {
    await database.close()
  }
}

/** The process is alive and still serves a person: `/campaign help` is answered in the ack. */
async function stillAnswersHelp(rig: Rig) {
  const help = await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'help' })
  expect(help.status).toBe(200)
  expect(help.body.text).toContain('/campaign new')
}

describe.each(testProviders())('malformed and unexpected requests on %s', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U9', teamId: 'T1', name: 'li', locale: 'zh-CN' })
  })
  afterEach(async () => rig.close())

  describe('a body that is not an object is refused with 400, and the app lives on', () => {
    it.each([
      ['payload=null', FORM],
      ['payload=5', FORM],
      ['payload=%22text%22', FORM],
      ['payload=%5B%5D', FORM],
      ['payload=%7Bnot%20json', FORM],
      ['null', JSON_TYPE],
      ['[]', JSON_TYPE],
      ['"text"', JSON_TYPE],
      ['42', JSON_TYPE],
      ['{not json', JSON_TYPE],
    ])('%s (%s)', async (body, contentType) => {
      const answer = await rig.client.send(body, contentType)
      expect(answer.status).toBe(400)
      await stillAnswersHelp(rig)
    })
  })

  describe('a body without the fields its type needs is refused with 400, never 500', () => {
    const cases: Array<[string, (rig: Rig) => unknown]> = [
      ['view_submission with view null', (r) => viewSubmission(r, null)],
      ['view_submission without view', (r) => { const { view: _, ...rest } = viewSubmission(r, {}); return rest }],
      ['view_submission whose view has no id', (r) => viewSubmission(r, { callback_id: 'campaign_proposal', state: { values: {} } })],
      ['view_submission whose view has no state', (r) => viewSubmission(r, { id: 'V1', callback_id: 'campaign_proposal' })],
      ['view_submission without user', (r) => viewSubmission(r, { id: 'V1', callback_id: 'campaign_proposal', state: { values: {} } }, { user: undefined })],
      ['view_submission with user null', (r) => viewSubmission(r, { id: 'V1', callback_id: 'campaign_proposal', state: { values: {} } }, { user: null })],
      ['view_submission with response_urls null', (r) => viewSubmission(r, { id: 'V1', callback_id: 'campaign_proposal', state: { values: {} } }, { response_urls: null })],
      ['view_submission with neither team nor user team', (r) => viewSubmission(r, { id: 'V1', callback_id: 'campaign_proposal', state: { values: {} } }, { team: null, user: { id: 'U1' } })],
      ['block_actions without user', (r) => blockActions(r, [oldButton('proposal_approve')], { user: undefined })],
      ['block_actions with actions not a list', (r) => blockActions(r, 'proposal_approve')],
      ['block_actions with an action that is null', (r) => blockActions(r, [null])],
      ['block_actions with channel null', (r) => blockActions(r, [oldButton('proposal_approve')], { channel: null })],
      ['view_closed with view null', (r) => ({ ...viewSubmission(r, null), type: 'view_closed' })],
      ['shortcut without user', (r) => ({ type: 'shortcut', callback_id: 'x', team: { id: 'T1' }, trigger_id: r.slack.newTriggerId() })],
    ]
    it.each(cases)('%s', async (_name, build) => {
      const answer = await interactivity(rig, build(rig))
      expect(answer.status).toBe(400)
      await stillAnswersHelp(rig)
    })

    it.each([
      ['without user_id', { user_id: '' }],
      ['with two commands', { command: ['/campaign', '/campaign'] }],
    ])('a slash command %s', async (_name, change) => {
      const form = new URLSearchParams({
        token: 't', command: '/campaign', text: 'help', response_url: rig.slack.newResponseUrl(), trigger_id: rig.slack.newTriggerId(),
        user_id: 'U1', user_name: 'u1', team_id: 'T1', team_domain: 'acme', channel_id: 'C1', channel_name: 'campaigns', api_app_id: 'A0CAMPAIGN',
      })
      for (const [key, value] of Object.entries(change)) {
        form.delete(key)
        for (const one of [value].flat()) if (one !== '') form.append(key, one)
      }
      const answer = await rig.client.send(form.toString(), FORM)
      expect(answer.status).toBe(400)
      await stillAnswersHelp(rig)
    })

    it.each([
      ['event null', null],
      ['event a string', 'message'],
      ['event without type', { user: 'U1' }],
      ['event user null', { type: 'reaction_added', user: null }],
      ['event channel null', { type: 'channel_created', channel: null }],
      ['event item null', { type: 'reaction_added', user: 'U1', item: null }],
    ])('an event_callback with %s', async (_name, event) => {
      const answer = await rig.client.send(eventCallback(event), JSON_TYPE)
      expect(answer.status).toBe(400)
      await stillAnswersHelp(rig)
    })

    it('an event_callback whose authorizations hold null', async () => {
      const answer = await rig.client.send(eventCallback({ type: 'reaction_added', user: 'U1' }, { authorizations: [null] }), JSON_TYPE)
      expect(answer.status).toBe(400)
      await stillAnswersHelp(rig)
    })
  })

  describe('what no listener handles is acked at once (200, not 404 after 3 s)', () => {
    it.each([
      ['an empty object', () => ({})],
      ['an unknown type', () => ({ type: 'mystery', user: person('U1'), team: { id: 'T1' } })],
      ['a shortcut nobody registered', (r: Rig) => ({ type: 'shortcut', callback_id: 'old_shortcut', team: { id: 'T1' }, user: person('U1'), trigger_id: r.slack.newTriggerId() })],
      ['view_closed', (r: Rig) => ({ ...viewSubmission(r, { id: 'V1', callback_id: 'campaign_proposal', state: { values: {} } }), type: 'view_closed' })],
    ])('%s', async (_name, build) => {
      const answer = await interactivity(rig, build(rig))
      expect(answer.status).toBe(200)
      expect(answer.body).toBeNull()
    })

    it('an empty JSON object and an event callback without event', async () => {
      expect((await rig.client.send('{}', JSON_TYPE)).status).toBe(200)
      expect((await rig.client.send(JSON.stringify({ type: 'event_callback', team_id: 'T1' }), JSON_TYPE)).status).toBe(200)
      expect((await rig.client.send(JSON.stringify({ type: 'app_rate_limited', team_id: 'T1', minute_rate_limited: 1 }), JSON_TYPE)).status).toBe(200)
    })

    it('an event type the app does not listen to', async () => {
      const answer = await rig.client.send(eventCallback({ type: 'reaction_added', user: 'U1', reaction: 'tea', item: { type: 'message', channel: 'C1', ts: '1.2' } }), JSON_TYPE)
      expect(answer.status).toBe(200)
    })

    it('url_verification is still answered with its challenge', async () => {
      const answer = await rig.client.send(JSON.stringify({ token: 't', type: 'url_verification', challenge: 'c-123' }), JSON_TYPE)
      expect(answer).toEqual({ status: 200, body: { challenge: 'c-123' } })
    })

    it('a modal from an older version is answered with a small modal saying what to do', async () => {
      for (const view of [
        { id: 'VOLD1', callback_id: 'campaign_proposal_v0', state: { values: {} } },
        { id: 'VOLD2', state: { values: {} } },
        { id: 'VOLD3', callback_id: '', state: { values: {} } },
      ]) {
        const answer = await interactivity(rig, viewSubmission(rig, view))
        expect(answer.status).toBe(200)
        expect(answer.body.response_action).toBe('update')
        expect(checkView(answer.body.view)).toBeNull()
        const text = JSON.stringify(answer.body.view.blocks)
        expect(text).toContain('older version of Campaign Desk')
        expect(text).toContain('/campaign new')
      }
      expect(await inspect(rig).then((found) => found.campaigns)).toHaveLength(0)
    })

    it('… in the person\'s language', async () => {
      const answer = await interactivity(rig, viewSubmission(rig, { id: 'VOLD', callback_id: 'campaign_proposal_v0', state: { values: {} } }, { user: person('U9') }))
      expect(answer.body.response_action).toBe('update')
      expect(checkView(answer.body.view)).toBeNull()
      const text = JSON.stringify(answer.body.view)
      expect(text).toContain('旧版本')
      expect(text).toContain('/campaign new')
    })

    it('a button from an older version is acked and the person told, privately, what to do', async () => {
      const payload = blockActions(rig, [oldButton('proposal_archive_v0')])
      const answer = await interactivity(rig, payload)
      expect(answer.status).toBe(200)
      expect(answer.body).toBeNull()
      const told = await rig.slack.waitForResponse((r) => r.id === (payload.response_url as string).split('/').pop())
      expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false })
      expect(told.body.text).toContain('older version of Campaign Desk')
      expect(told.body.text).toContain('/campaign show')
    })

    it('… in the person\'s language, and an empty actions list the same way', async () => {
      const payload = blockActions(rig, [], { user: person('U9') })
      const answer = await interactivity(rig, payload)
      expect(answer.status).toBe(200)
      const told = await rig.slack.waitForResponse((r) => r.id === (payload.response_url as string).split('/').pop())
      expect(told.body.text).toContain('旧版本')
    })

    it('an unknown slash command is answered in the ack with what to use instead', async () => {
      const answer = await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', command: '/campaigns', text: 'list' })
      expect(answer.status).toBe(200)
      expect(answer.body.response_type).toBe('ephemeral')
      expect(answer.body.text).toContain('/campaign help')
    })

    it('the buttons and modal of this version still reach their listeners', async () => {
      const view = await openNewProposal(rig)
      const answer = await submitForm(rig, view, validForm())
      expect(answer.status).toBe(200)
      expect(answer.body).toBeNull()
      expect(await inspect(rig).then((found) => found.campaigns)).toHaveLength(1)
    })
  })

  describe('control characters in text', () => {
    it('are removed before they are stored: the same value on SQLite and PostgreSQL', async () => {
      const view = await openNewProposal(rig)
      const answer = await submitForm(rig, view, validForm({
        name: 'Tea\u0000 fest\u0007ival\u001b',
        theme: 'Tea\r\nfor\rtwo\u0000\u007f\u0085',
        basicContent: 'Buy one tin,\tget a second at half price.\u0000 Share a photo to win a tea set.',
        timingNote: '\u0000',
      }))
      expect(answer.status).toBe(200)
      // Saved (the modal closes, or on a slow run says the card will follow), not refused.
      expect(answer.body?.response_action ?? 'closed').not.toBe('errors')
      const [campaign] = (await inspect(rig)).campaigns
      expect(campaign).toMatchObject({ name: 'Tea festival', timingNote: null })
      expect(await storedProposals(rig)).toEqual([{
        theme: 'Tea\nfor\ntwo',
        basicContent: 'Buy one tin,\tget a second at half price. Share a photo to win a tea set.',
      }])
    })

    it('a NUL in "/campaign show" is answered normally', async () => {
      await propose(rig)
      const responseUrl = rig.slack.newResponseUrl()
      const answer = await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'show Double\u0000 11 tea', responseUrl })
      expect(answer.status).toBe(200)
      const shown = await rig.slack.waitForResponse((r) => r.id === responseUrl.split('/').pop())
      expect(JSON.stringify(shown.body)).toContain('Double 11 tea festival')
    })

    it('a NUL in every id of a button click changes nothing and breaks nothing', async () => {
      const payload = blockActions(rig, [oldButton('proposal_approve\u0000')], { user: person('U2\u0000'), team: { id: 'T1\u0000' } })
      const answer = await interactivity(rig, payload)
      expect(answer.status).toBe(200)
      const told = await rig.slack.waitForResponse((r) => r.id === (payload.response_url as string).split('/').pop())
      // The cleaned click is a real approve click on a campaign that does not exist.
      expect(told.body.text).not.toMatch(/database/)
      await stillAnswersHelp(rig)
    })
  })
})

describe('Socket Mode takes the same shape check and fallback', () => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig('sqlite', { socketMode: true })
    castTheUsualPeople(rig)
    await rig.slack.socketMode.waitForConnection()
  })
  afterEach(async () => rig.close())

  it('a malformed interaction is acked empty and the app goes on', async () => {
    const ack = await rig.slack.socketMode.send('interactive', viewSubmission(rig, null))
    expect(ack.payload ?? {}).toEqual({})
    const stale = await rig.slack.socketMode.send('interactive', viewSubmission(rig, { id: 'VOLD', callback_id: 'campaign_proposal_v0', state: { values: {} } }))
    expect(stale.payload.response_action).toBe('update')
    expect(JSON.stringify(stale.payload.view)).toContain('/campaign new')
  })
})

describe('the real process (src/main.ts)', () => {
  afterEach(killLeftoverApps)

  it('answers a signed `payload=null` and a JSON `null` with 400, logs one line each, and lives on', async () => {
    const slack = await startFakeSlack({ botToken: 'xoxb-test' })
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-malformed-'))
    const port = await freePort()
    const child = startAppProcess({
      SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: '0123456789abcdef', SLACK_API_URL: slack.apiUrl,
      PORT: String(port), DATABASE_URL: `file:${path.join(dir, 'cd.db')}`, LOG_LEVEL: 'info',
    }, { cwd: dir })
    const alive = () => child.process.exitCode === null && child.process.signalCode === null
    try {
      await readyLine(child)
      const client = new AppClient({ baseUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: '0123456789abcdef', slack })
      expect((await client.send('payload=null', FORM)).status).toBe(400)
      expect((await client.send('null', JSON_TYPE)).status).toBe(400)
      // Still alive, and still serving: a help command is answered.
      expect(alive()).toBe(true)
      const help = await client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'help' })
      expect(help.status).toBe(200)
      expect(help.body.text).toContain('/campaign new')
      expect(alive()).toBe(true)

      const malformed = child.stdout().split('\n').filter((line) => line.includes('"slack_request_malformed"'))
      expect(malformed, child.stdout()).toHaveLength(2)
      for (const line of malformed) expect(JSON.parse(line)).toMatchObject({ status: 400 })
      // stderr holds only the few lines meant for a person, no stack trace.
      expect(child.stderr()).not.toMatch(/^\s+at |Error/m)

      child.process.kill('SIGTERM')
      expect((await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).code).toBe(0)
    } finally {
      await slack.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, processTestMs)
})
