// The sandbox's Slack client (src/sandbox/slackClient.ts) against a stand-in app: what it sends is
// what Slack sends (signed, the payload shapes), and what the app answers becomes what Slack shows
// — ephemeral answers to one person, response_url edits, a modal stack per person with errors under
// fields, push, update, clear, and view_closed when a view asked for it.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startLocalSlack, type LocalSlack } from '../../src/sandbox/localSlack.ts'
import { readManifest } from '../../src/sandbox/manifest.ts'
import { createSlackClient, type SlackClient } from '../../src/sandbox/slackClient.ts'
import { snapshotFor } from '../../src/sandbox/snapshot.ts'
import { AppClient, signSlackRequest } from '../../src/sandbox/slackRequests.ts'
import { seedWorkspace } from '../../src/sandbox/workspace.ts'

const secret = 'stand-in-app-signing-secret'
const owner = 'U01OLIVIA'
const approver = 'U02ADA'
const channel = 'C01CAMPAIGNS'

type Received = { payload: any; signed: boolean }
type Answer = (received: Received) => Promise<unknown> | unknown

const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'modal', callback_id: 'cb', title: { type: 'plain_text', text: title }, submit: { type: 'plain_text', text: 'Save' },
  blocks: [{ type: 'input', block_id: 'name', label: { type: 'plain_text', text: 'Name' }, element: { type: 'plain_text_input', action_id: 'value' } }], ...extra,
})

describe('the sandbox as a Slack client', () => {
  let slack: LocalSlack
  let client: SlackClient
  let server: Server
  let received: Received[]
  let answer: Answer
  const clock = { now: () => new Date('2027-03-01T09:00:00Z') }

  /** The stand-in app calls the Web API as the real one does. */
  const api = async (method: string, args: Record<string, unknown>) => {
    const response = await fetch(`${slack.apiUrl}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })
    return response.json() as Promise<any>
  }
  const seenBy = (userId: string) => snapshotFor(slack, client, userId, clock, 0)

  beforeEach(async () => {
    slack = await startLocalSlack({ teamId: 'T0SANDBOX' })
    seedWorkspace(slack)
    received = []
    answer = () => null
    server = createServer(async (request, response) => {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const raw = Buffer.concat(chunks).toString('utf8')
      const timestamp = Number(request.headers['x-slack-request-timestamp'])
      const signed = signSlackRequest(secret, raw, timestamp)['X-Slack-Signature'] === request.headers['x-slack-signature']
      const form = new URLSearchParams(raw)
      const payload = request.headers['content-type'] === 'application/json' ? JSON.parse(raw) : form.has('payload') ? JSON.parse(form.get('payload')!) : Object.fromEntries(form)
      const entry = { payload, signed }
      received.push(entry)
      const body = await answer(entry)
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(body === null || body === undefined ? '' : JSON.stringify(body))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const app = new AppClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, signingSecret: secret, slack })
    client = createSlackClient({ slack, app, manifest: readManifest(), teamId: 'T0SANDBOX', clock })
  })

  afterEach(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await slack.close()
  })

  it('runs a slash command signed, as Slack sends it; its ack body is an ephemeral answer to that person only', async () => {
    answer = () => ({ text: 'Only for *you*' })
    await client.send(owner, channel, '/campaign help me')
    expect(received).toHaveLength(1)
    expect(received[0]!.signed).toBe(true)
    expect(received[0]!.payload).toMatchObject({ command: '/campaign', text: 'help me', user_id: owner, channel_id: channel, channel_name: 'campaigns', team_id: 'T0SANDBOX' })
    const mine = seenBy(owner).conversations[channel]!
    expect(mine).toMatchObject([{ ephemeral: 'app', text: 'Only for *you*', nodes: ['Only for ', { t: 'b', c: ['you'] }] }])
    expect(seenBy(approver).conversations[channel]).toEqual([])
  })

  it('answers an unknown command itself, and keeps the read-only Messages tab to slash commands', async () => {
    await client.send(owner, channel, '/nope x')
    await client.send(owner, `D${owner}`, 'hello app')
    expect(received).toEqual([])
    expect(seenBy(owner).conversations[channel]).toMatchObject([{ ephemeral: 'slack', author: 'USLACKBOT', text: expect.stringContaining('/nope is not a valid command') }])
    expect(seenBy(owner).conversations[`D${owner}`]).toMatchObject([{ ephemeral: 'slack', text: expect.stringContaining('turned off') }])
    // Plain text in a channel is a message from that person, seen by everyone in it.
    await client.send(owner, channel, 'Ideas for spring?')
    expect(seenBy(approver).conversations[channel]).toMatchObject([{ author: owner, text: 'Ideas for spring?', ephemeral: null }])
  })

  it("opens the app's modal for the person whose trigger it used, shows errors under fields, pushes, updates and clears", async () => {
    answer = async ({ payload }) => {
      if (payload.command) await api('views.open', { trigger_id: payload.trigger_id, view: modal('First') })
      return null
    }
    await client.send(owner, channel, '/campaign new')
    let modals = seenBy(owner).modals
    expect(modals.map((m) => m.view.title.text)).toEqual(['First'])
    expect(modals[0]!.openedIn).toBe(channel)
    expect(seenBy(approver).modals).toEqual([])
    const first = modals[0]!.view.id as string

    answer = () => ({ response_action: 'errors', errors: { name: 'Too short' } })
    await client.submit(owner, first, { name: { value: { type: 'plain_text_input', value: 'x' } } })
    expect(received.at(-1)!.payload).toMatchObject({ type: 'view_submission', view: { id: first, state: { values: { name: { value: { value: 'x' } } } } } })
    expect(seenBy(owner).modals[0]!.errors).toEqual({ name: 'Too short' })

    answer = () => ({ response_action: 'push', view: modal('Second') })
    await client.submit(owner, first, {})
    modals = seenBy(owner).modals
    expect(modals.map((m) => m.view.title.text)).toEqual(['First', 'Second'])
    expect(modals[0]!.errors).toEqual({})

    answer = () => ({ response_action: 'update', view: modal('Second, updated') })
    const second = modals[1]!.view.id as string
    await client.submit(owner, second, {})
    expect(seenBy(owner).modals.map((m) => [m.view.id, m.view.title.text])).toEqual([[first, 'First'], [second, 'Second, updated']])

    // An empty answer closes the submitted view only; `clear` closes them all.
    answer = () => null
    await client.submit(owner, second, {})
    expect(seenBy(owner).modals.map((m) => m.view.title.text)).toEqual(['First'])
    answer = () => ({ response_action: 'clear' })
    await client.submit(owner, first, {})
    expect(seenBy(owner).modals).toEqual([])
  })

  it('sends view_closed when a view asked for it (notify_on_close), with is_cleared for the whole stack', async () => {
    answer = async ({ payload }) => {
      if (payload.command) await api('views.open', { trigger_id: payload.trigger_id, view: modal('Watched', { notify_on_close: true }) })
      return null
    }
    await client.send(owner, channel, '/campaign new')
    const view = seenBy(owner).modals[0]!.view
    await client.close(owner, view.id, false)
    expect(received.at(-1)!.payload).toMatchObject({ type: 'view_closed', is_cleared: false, view: { id: view.id }, user: { id: owner } })
    expect(received.at(-1)!.signed).toBe(true)
    expect(seenBy(owner).modals).toEqual([])

    await client.send(owner, channel, '/campaign new')
    await client.close(owner, seenBy(owner).modals[0]!.view.id, true)
    expect(received.at(-1)!.payload).toMatchObject({ type: 'view_closed', is_cleared: true })
  })

  it('sends block_actions from a message with its response_url; the app replaces the message through it, or answers only the clicker', async () => {
    const posted = await api('chat.postMessage', {
      channel, text: 'Card', blocks: [{ type: 'actions', block_id: 'decide', elements: [{ type: 'button', action_id: 'approve', value: '7', text: { type: 'plain_text', text: 'Approve' } }] }],
    })
    answer = async ({ payload }) => {
      await fetch(payload.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replace_original: true, text: 'Approved by Ada' }) })
      await fetch(payload.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: 'Done.' }) })
      return null
    }
    await client.act(approver, { kind: 'message', channel, ts: posted.ts }, { type: 'button', action_id: 'approve', block_id: 'decide', value: '7', text: { type: 'plain_text', text: 'Approve' } })
    expect(received[0]!.payload).toMatchObject({
      type: 'block_actions', user: { id: approver }, channel: { id: channel },
      container: { type: 'message', message_ts: posted.ts, channel_id: channel, is_ephemeral: false },
      message: { ts: posted.ts, text: 'Card' }, actions: [{ action_id: 'approve', block_id: 'decide', value: '7', type: 'button' }],
    })
    expect(seenBy(owner).conversations[channel]).toMatchObject([{ ts: posted.ts, text: 'Approved by Ada', blocks: null, edited: true }])
    expect(seenBy(approver).conversations[channel]).toMatchObject([{ ts: posted.ts, edited: true }, { ephemeral: 'app', text: 'Done.' }])
  })

  it("sends a message shortcut with the message it was used on, as message_action", async () => {
    const message = slack.postAsPerson({ channel, user: approver, text: 'A tea tasting at the office?' })
    await client.shortcut(owner, channel, message.ts, 'add_to_campaign_ideas')
    expect(received[0]!.payload).toMatchObject({
      type: 'message_action', callback_id: 'add_to_campaign_ideas', user: { id: owner }, channel: { id: channel },
      message_ts: message.ts, message: { ts: message.ts, text: 'A tea tasting at the office?', user: approver },
    })
    expect(typeof received[0]!.payload.trigger_id).toBe('string')
  })

  it('tells the app a person opened its Home tab (app_home_opened), as an event', async () => {
    await client.openAppTab(owner, 'home')
    expect(received[0]!.payload).toMatchObject({ type: 'event_callback', event: { type: 'app_home_opened', user: owner, tab: 'home', channel: `D${owner}` } })
  })
})
