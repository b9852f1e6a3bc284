// Socket Mode end to end: the app is started with SLACK_APP_TOKEN, opens no HTTP listener, asks the
// fake Slack for a WebSocket URL (apps.connections.open, app-level token) and takes its slash
// commands and interactions as envelopes on that socket, answering each with an ack.
// The database plays no part in the transport: SQLite is enough.
import { LogLevel, WebClient } from '@slack/web-api'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appToken, botToken, startRig, type Rig } from '../support/harness.ts'
import { castTheUsualPeople, formValues, validForm, visibleText } from '../support/proposals.ts'
import type { StateValues } from '../support/slackRequests.ts'

/** The payload of a slash_commands envelope: the fields Slack would have form-encoded over HTTP. */
function slashCommand(rig: Rig, text: string, userId = 'U1', channelId = 'C1') {
  return {
    token: 'legacy-verification-token', command: '/campaign', text,
    response_url: rig.slack.newResponseUrl(), trigger_id: rig.slack.newTriggerId(),
    user_id: userId, user_name: userId.toLowerCase(), team_id: 'T1', team_domain: 'acme',
    channel_id: channelId, channel_name: channelId.toLowerCase(), api_app_id: 'A0CAMPAIGN',
    is_enterprise_install: 'false',
  }
}

/** The payload of an interactive envelope for a modal submission (as AppClient.viewSubmission builds it). */
function viewSubmission(rig: Rig, view: Record<string, any>, values: StateValues, userId = 'U1', teamId = 'T1') {
  return {
    type: 'view_submission',
    token: 'legacy-verification-token',
    team: { id: teamId, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
    api_app_id: 'A0CAMPAIGN',
    trigger_id: rig.slack.newTriggerId(),
    view: { ...view, state: { values } },
    response_urls: [],
  }
}

describe('Socket Mode', () => {
  let rig: Rig
  let closed: boolean
  beforeEach(async () => {
    rig = await startRig('sqlite', { socketMode: true })
    closed = false
    castTheUsualPeople(rig)
    await rig.slack.socketMode.waitForConnection()
  })
  afterEach(async () => {
    if (!closed) await rig.close()
  })

  it('connects with the app-level token and listens on no port of its own', async () => {
    expect(rig.app.url).toBeNull()
    expect(rig.app.port).toBeNull()
    const opened = rig.slack.callsTo('apps.connections.open')
    expect(opened).toHaveLength(1)
    expect(opened[0]).toMatchObject({ token: appToken, result: { ok: true } })
    expect(opened[0]!.result.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\?ticket=/)
    expect(rig.slack.socketMode.connections).toHaveLength(1)
    // The fake hands a URL only to the app token.
    const withBotToken = new WebClient(botToken, { slackApiUrl: rig.slack.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR })
    await expect(withBotToken.apps.connections.open()).rejects.toMatchObject({ data: { error: 'invalid_auth' } })
  })

  it('"/campaign help" is answered in the envelope ack', async () => {
    const ack = await rig.slack.socketMode.send('slash_commands', slashCommand(rig, 'help'))
    expect(ack.payload.response_type).toBe('ephemeral')
    for (const sub of ['/campaign new', '/campaign list', '/campaign show', '/campaign help']) expect(ack.payload.text).toContain(sub)
  })

  it('"/campaign new" opens the modal, and submitting it posts the card in C1', async () => {
    const command = slashCommand(rig, 'new')
    const ack = await rig.slack.socketMode.send('slash_commands', command)
    expect(ack.payload ?? {}).toEqual({})
    const opened = await rig.slack.waitFor('views.open', (c) => !c.failed)
    expect(opened).toMatchObject({ token: botToken, args: { trigger_id: command.trigger_id }, result: { ok: true } })
    const view = opened.result.view
    expect(view.callback_id).toBe('campaign_proposal')

    const since = rig.slack.calls.length
    const submitted = await rig.slack.socketMode.send('interactive', viewSubmission(rig, view, formValues(validForm())))
    // A valid form closes the modal: an empty ack, no response_action.
    expect(submitted.payload?.response_action).toBeUndefined()
    const posted = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1', { since })
    expect(visibleText(rig.slack.messageAt('C1', posted.result.ts))).toContain('Double 11 tea festival')
  })

  it('answers bad input in the modal through the ack', async () => {
    await rig.slack.socketMode.send('slash_commands', slashCommand(rig, 'new'))
    const view = (await rig.slack.waitFor('views.open', (c) => !c.failed)).result.view
    const ack = await rig.slack.socketMode.send('interactive', viewSubmission(rig, view, formValues(validForm({ name: '   ' }))))
    expect(ack.payload.response_action).toBe('errors')
    expect(Object.keys(ack.payload.errors).length).toBeGreaterThan(0)
    expect(rig.slack.callsTo('chat.postMessage')).toHaveLength(0)
  })

  it('reconnects when Slack asks it to (a disconnect message)', async () => {
    rig.slack.socketMode.disconnect('refresh_requested')
    const closed = await rig.slack.socketMode.waitForClose()
    expect(closed.closeCode).toBe(1000)
    // The client waits clientPingTimeout (5 s) before its first reconnection attempt.
    await rig.slack.socketMode.waitForConnection({ since: 1, timeoutMs: 20_000 })
    expect(rig.slack.callsTo('apps.connections.open')).toHaveLength(2)
    const ack = await rig.slack.socketMode.send('slash_commands', slashCommand(rig, 'help'))
    expect(ack.payload.text).toContain('/campaign new')
  })

  it('reconnects even when Slack fails the first reconnection attempt', async () => {
    rig.slack.failNext('apps.connections.open', { status: 500 })
    rig.slack.socketMode.disconnect('refresh_requested')
    await rig.slack.socketMode.waitForClose()
    await rig.slack.socketMode.waitForConnection({ since: 1, timeoutMs: 20_000 })
    expect(rig.slack.callsTo('apps.connections.open').filter((c) => c.failed)).toHaveLength(1)
    const ack = await rig.slack.socketMode.send('slash_commands', slashCommand(rig, 'help'))
    expect(ack.payload.text).toContain('/campaign new')
  }, 30_000)

  it('stops cleanly: closes its socket with 1000 and does not come back', async () => {
    await rig.app.stop()
    const closed = await rig.slack.socketMode.waitForClose()
    expect(closed.closeCode).toBe(1000)
    // Past the 5 s the client would wait before reconnecting, nothing asked for a new socket.
    await new Promise((resolve) => setTimeout(resolve, 5_500))
    expect(rig.slack.callsTo('apps.connections.open')).toHaveLength(1)
    expect(rig.slack.socketMode.connections.filter((c) => c.open)).toHaveLength(0)
  })

  it('rig.close() ends with the close handshake, not a dropped socket', async () => {
    const [socket] = rig.slack.socketMode.connections
    await rig.close()
    closed = true
    expect(socket!.open).toBe(false)
    expect(socket!.closeCode).toBe(1000)
  })
})
