// Requests Slack sends to the app (slash commands, interactivity, events), correctly signed and sent
// over real HTTP, so tests and the sandbox go through Bolt's own signature check and body parsing (docs/SLACK.md).
import { createHmac } from 'node:crypto'

/** `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:{ts}:{rawBody}">` plus the timestamp it signs. */
export function signSlackRequest(
  secret: string,
  body: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): { 'X-Slack-Signature': string; 'X-Slack-Request-Timestamp': string } {
  const hmac = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')
  return { 'X-Slack-Signature': `v0=${hmac}`, 'X-Slack-Request-Timestamp': String(timestampSeconds) }
}

// ---- state.values shapes, as Slack sends them in view_submission / block_actions ----
export type StateValues = Record<string, Record<string, Record<string, unknown>>>
export const stateValues = (values: StateValues): StateValues => values
export const plainText = (value: string | null) => ({ type: 'plain_text_input', value })
export const datePicked = (selected_date: string | null) => ({ type: 'datepicker', selected_date })
export const userPicked = (selected_user: string | null) => ({ type: 'users_select', selected_user })
export const conversationPicked = (selected_conversation: string | null) => ({ type: 'conversations_select', selected_conversation })
export const optionPicked = (value: string, label: string = value) => ({
  type: 'static_select',
  selected_option: { text: { type: 'plain_text', text: label }, value },
})

export interface SlackResponse {
  status: number
  /** Parsed JSON, else the text, or null when the body is empty. */
  body: any
}

export interface AppClientOptions {
  /** The app's request URL, e.g. http://127.0.0.1:PORT/slack/events */
  baseUrl: string
  signingSecret: string
  apiAppId?: string
  teamDomain?: string
  /** The bot's user id, named in Events API `authorizations` (FakeSlack's default: UBOT). */
  botUserId?: string
  /** Where to get trigger ids / response URLs when a test leaves them out (usually the FakeSlack);
   * `homeTabs` gives app_home_opened the person's current Home tab, as Slack sends it. */
  slack?: { newTriggerId(): string; newResponseUrl(): string; homeTabs?: ReadonlyMap<string, Record<string, any>> }
}

// Bolt answers 400 if the content type carries `; charset=…`, so this is sent exactly.
const FORM = 'application/x-www-form-urlencoded'

export class AppClient {
  readonly baseUrl: string
  readonly signingSecret: string
  readonly apiAppId: string
  readonly teamDomain: string
  readonly botUserId: string
  private readonly slack: AppClientOptions['slack']
  private actionCounter = 0

  constructor(opts: AppClientOptions) {
    this.baseUrl = opts.baseUrl
    this.signingSecret = opts.signingSecret
    this.apiAppId = opts.apiAppId ?? 'A0CAMPAIGN'
    this.teamDomain = opts.teamDomain ?? 'acme'
    this.botUserId = opts.botUserId ?? 'UBOT'
    this.slack = opts.slack
  }

  /** POSTs a raw body; pass `timestamp` (seconds) to sign an old request, `signature` to forge one. */
  async send(rawBody: string, contentType: string, opts: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {}): Promise<SlackResponse> {
    const signed = signSlackRequest(this.signingSecret, rawBody, opts.timestamp)
    if (opts.signature !== undefined) signed['X-Slack-Signature'] = opts.signature
    const res = await fetch(this.baseUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signed, ...opts.headers },
      body: rawBody,
    })
    const text = await res.text()
    let body: any = text === '' ? null : text
    try {
      if (text !== '') body = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body }
  }

  slashCommand(a: {
    teamId: string
    userId: string
    channelId: string
    text?: string
    command?: string
    responseUrl?: string
    triggerId?: string
    userName?: string
    channelName?: string
  }): Promise<SlackResponse> {
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      command: a.command ?? '/campaign',
      text: a.text ?? '',
      response_url: a.responseUrl ?? this.slack?.newResponseUrl() ?? 'http://127.0.0.1:9/no-response-url',
      trigger_id: a.triggerId ?? this.slack?.newTriggerId() ?? 'no-trigger-id',
      user_id: a.userId,
      user_name: a.userName ?? a.userId.toLowerCase(),
      team_id: a.teamId,
      team_domain: this.teamDomain,
      channel_id: a.channelId,
      channel_name: a.channelName ?? (a.channelId.startsWith('D') ? 'directmessage' : a.channelId.toLowerCase()),
      api_app_id: this.apiAppId,
    })
    return this.send(form.toString(), FORM)
  }

  blockAction(a: {
    teamId: string
    userId: string
    actionId: string
    value?: string
    blockId?: string
    triggerId?: string
    responseUrl?: string
    channelId?: string
    container?: Record<string, unknown>
    message?: Record<string, any>
    view?: Record<string, any>
    /** Extra fields for the action, e.g. {type:'static_select', selected_option}. */
    action?: Record<string, unknown>
    /** Current input values: put in `state` (and `view.state` for a modal). */
    values?: StateValues
  }): Promise<SlackResponse> {
    const channelId = a.channelId ?? a.message?.channel
    const container =
      a.container ??
      (a.view
        ? { type: 'view', view_id: a.view.id }
        : a.message
          ? { type: 'message', message_ts: a.message.ts, channel_id: channelId, is_ephemeral: false }
          : undefined)
    const payload: Record<string, unknown> = {
      ...this.common(a.teamId, a.userId, a.triggerId),
      type: 'block_actions',
      container,
      actions: [{
        type: 'button',
        action_id: a.actionId,
        block_id: a.blockId ?? 'actions',
        value: a.value,
        action_ts: `${(Date.now() / 1000).toFixed(3)}${String(++this.actionCounter % 1000).padStart(3, '0')}`,
        ...a.action,
      }],
    }
    // Interactions in a modal carry no response_url; the ones on messages do.
    if (!a.view) payload.response_url = a.responseUrl ?? this.slack?.newResponseUrl()
    if (channelId) payload.channel = { id: channelId, name: channelId.toLowerCase() }
    if (a.message) payload.message = { type: 'message', ...a.message }
    if (a.view) payload.view = { state: { values: {} }, ...a.view, ...(a.values ? { state: { values: a.values } } : {}) }
    if (a.values) payload.state = { values: a.values }
    return this.payload(payload)
  }

  viewSubmission(a: { teamId: string; userId: string; view: Record<string, any>; values: StateValues; triggerId?: string }): Promise<SlackResponse> {
    return this.payload({
      ...this.common(a.teamId, a.userId, a.triggerId),
      type: 'view_submission',
      view: { ...a.view, state: { values: a.values } },
      response_urls: [],
    })
  }

  /** The person closed a modal that asked for it (`notify_on_close`); `isCleared` when the whole stack went. */
  viewClosed(a: { teamId: string; userId: string; view: Record<string, any>; isCleared: boolean }): Promise<SlackResponse> {
    const { trigger_id: _noTrigger, ...common } = this.common(a.teamId, a.userId, 'none')
    return this.payload({ ...common, type: 'view_closed', view: a.view, is_cleared: a.isCleared })
  }

  /** A message shortcut (`message_action`) on a message in a channel. */
  messageShortcut(a: {
    teamId: string; userId: string; callbackId: string; channelId: string
    message: { ts: string; text?: string; user?: string }
    triggerId?: string; responseUrl?: string
  }): Promise<SlackResponse> {
    return this.payload({
      ...this.common(a.teamId, a.userId, a.triggerId),
      type: 'message_action',
      callback_id: a.callbackId,
      action_ts: `${(Date.now() / 1000).toFixed(3)}${String(++this.actionCounter % 1000).padStart(3, '0')}`,
      message_ts: a.message.ts,
      message: { type: 'message', ...a.message },
      channel: { id: a.channelId, name: a.channelId.toLowerCase() },
      response_url: a.responseUrl ?? this.slack?.newResponseUrl() ?? 'http://127.0.0.1:9/no-response-url',
    })
  }

  /** An Events API delivery (JSON). `retryNum` adds Slack's retry headers. */
  event(a: { teamId: string; event: Record<string, unknown>; eventId?: string; retryNum?: number; retryReason?: string }): Promise<SlackResponse> {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: a.teamId,
      api_app_id: this.apiAppId,
      type: 'event_callback',
      event_id: a.eventId ?? `Ev${Date.now()}${++this.actionCounter}`,
      event_time: Math.floor(Date.now() / 1000),
      event: a.event,
      authorizations: [{ team_id: a.teamId, user_id: this.botUserId, is_bot: true, enterprise_id: null, is_enterprise_install: false }],
    })
    const headers: Record<string, string> = a.retryNum === undefined
      ? {}
      : { 'X-Slack-Retry-Num': String(a.retryNum), 'X-Slack-Retry-Reason': a.retryReason ?? 'http_timeout' }
    return this.send(body, 'application/json', { headers })
  }

  /**
   * app_home_opened, as Slack sends it when a person opens the app's Home tab or its Messages tab.
   * `channel` is their DM with the app (the FakeSlack names it `D` + user id). As Slack, `view` is sent
   * only for the Home tab and only once one was published to them: by default their current Home tab
   * in the FakeSlack; pass `view` to choose one, or `view: null` for none.
   */
  appHomeOpened(a: { teamId: string; userId: string; tab: 'home' | 'messages'; channelId?: string; view?: Record<string, unknown> | null; eventId?: string }): Promise<SlackResponse> {
    const view = a.tab !== 'home' ? undefined : a.view === undefined ? this.slack?.homeTabs?.get(a.userId) : a.view ?? undefined
    return this.event({
      teamId: a.teamId,
      ...(a.eventId === undefined ? {} : { eventId: a.eventId }),
      event: { type: 'app_home_opened', user: a.userId, channel: a.channelId ?? `D${a.userId}`, tab: a.tab, event_ts: this.eventTs(), ...(view ? { view } : {}) },
    })
  }

  /** Slack's check of the Events API request URL: signed JSON; the app must answer `{challenge}`. */
  urlVerification(challenge: string = `challenge-${Date.now()}-${++this.actionCounter}`): Promise<SlackResponse> {
    return this.send(JSON.stringify({ token: 'legacy-verification-token', challenge, type: 'url_verification' }), 'application/json')
  }

  /** A unique `seconds.micros` event timestamp, as Slack's event_ts. */
  private eventTs(): string {
    const now = Date.now()
    return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000 + (++this.actionCounter % 1000)).padStart(6, '0')}`
  }

  private common(teamId: string, userId: string, triggerId?: string) {
    return {
      token: 'legacy-verification-token',
      team: { id: teamId, domain: this.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
      api_app_id: this.apiAppId,
      trigger_id: triggerId ?? this.slack?.newTriggerId() ?? 'no-trigger-id',
    }
  }

  private payload(payload: Record<string, unknown>): Promise<SlackResponse> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM)
  }
}
