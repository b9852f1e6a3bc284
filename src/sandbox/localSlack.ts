// A local stand-in for Slack's Web API over real HTTP: the app talks to it with its real WebClient
// (SLACK_API_URL). The end-to-end tests use it, and so does the sandbox (src/sandbox/), so the page
// shows what the app really sent. It keeps a small workspace (users, channels, messages, views),
// refuses what Slack refuses (Block Kit limits, membership, trigger ids; see docs/SLACK.md) and can
// be told to fail. Only node built-ins, so it stays independent of the code under test.
// It also plays Socket Mode: apps.connections.open hands out a ws:// URL on the same server, where a
// minimal RFC 6455 WebSocket (text frames, ping → pong, close handshake) carries the envelopes.
// File uploads go as WebClient.filesUploadV2 does them: files.getUploadURLExternal hands out an
// upload_url on this server, the bytes are POSTed there, files.completeUploadExternal shares them.
// Rate limits are off unless a test turns them on (enforceRateLimits): then it answers 429 as Slack.
// OAuth installs (enableOAuth): GET /oauth/v2/authorize approves for a workspace and redirects with a
// code, oauth.v2.access exchanges it (or a refresh token) for a token of that workspace, and each call
// is answered as that token's workspace (auth.test, users and channels of its own team only);
// uninstall(teamId) revokes its tokens as Slack does.
import { createHash, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { checkMessage, checkView, NO_TEXT } from './blockKitLimits.ts'

export interface LocalSlackOptions {
  /** When set, every call must carry this bearer token (else `invalid_auth`). */
  botToken?: string
  /** The app-level token (xapp-…) apps.connections.open wants; unset → any xapp- token. */
  appToken?: string
  teamId?: string // 'T1'
  teamName?: string // 'Acme'
  botUserId?: string // 'UBOT'
  botId?: string // 'BBOT'
  botName?: string // 'campaigndesk'
  /** How long a trigger id stays usable; Slack's is 3 s. */
  triggerTtlMs?: number
}

export type Failure = { status: number } | { error: string } | { rateLimited: number } | { hang: true }

export interface ApiCall {
  method: string
  args: Record<string, any>
  token?: string
  at: number
  /** Set when an injected failure, or an enforced rate limit, answered this call. */
  failed?: boolean
  /** The JSON it answered (absent for HTTP-level failures; the text for an upload_url POST). */
  result?: any
  /** The Retry-After (seconds) of a 429 answer. */
  retryAfter?: number
}

export interface RateLimits {
  /** chat.postMessage into one channel, per second once the burst is spent (Slack: about 1). Default 1. */
  perChannelPerSecond?: number
  /** How many chat.postMessage calls into one channel may go back to back (Slack: "short bursts"). Default 3. */
  burst?: number
  /** Calls per minute per method across the workspace, over TIER_LIMITS_PER_MINUTE. */
  perMethodPerMinute?: Record<string, number>
  /** Now, in ms since the epoch or as a Date (e.g. a test clock's `now`); default Date.now. */
  clock?: () => number | Date
}

/**
 * The least each method's tier promises (docs/SLACK.md; Tier 3 ≥ 50/min, Tier 4 ≥ 100/min), used when
 * rate limits are enforced. chat.postMessage's workspace-wide limit is not documented: none unless given.
 */
export const TIER_LIMITS_PER_MINUTE: Readonly<Record<string, number>> = {
  // A campaign's own channel: Tier 2 (≥ 20/min) for create, archive and list; Tier 3 for invite.
  'conversations.create': 20, 'conversations.archive': 20, 'conversations.list': 20, 'conversations.invite': 50,
  'chat.update': 50, 'chat.scheduleMessage': 50, 'conversations.info': 50, 'conversations.join': 50, 'conversations.open': 50,
  'chat.postEphemeral': 100, 'views.open': 100, 'views.push': 100, 'views.update': 100, 'views.publish': 100, 'users.info': 100,
  'files.getUploadURLExternal': 100, 'files.completeUploadExternal': 100,
}

/** The `method` under which POSTs to an upload_url are recorded and can be told to fail. */
export const UPLOAD_URL = 'upload_url'

export interface ResponseUrlPost { id: string; body: any; at: number }
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api'
/** A message the app sent over the socket: its ack of an envelope, `{ envelope_id, payload? }`. */
export interface SocketModeAck { envelope_id: string; payload?: any; at: number }
export interface WaitOptions { timeoutMs?: number; since?: number }

export interface SlackUser {
  id: string; teamId: string; name: string; realName: string; locale: string; tz: string
  isBot: boolean; deleted: boolean; isAdmin: boolean; isOwner: boolean
}
/** `teamId`: the workspace it belongs to; unset: every workspace's (one-workspace tests). */
export interface SlackChannel { id: string; name: string; isPrivate: boolean; isArchived: boolean; members: string[]; teamId?: string }

/** A workspace that can install the app by OAuth (the default one, `teamId`, is always there). */
export interface SlackWorkspace { teamId: string; teamName: string; enterpriseId?: string; enterpriseName?: string }
/** A token oauth.v2.access issued: whose, and whether it still works. */
export interface IssuedToken { token: string; kind: 'bot' | 'refresh'; teamId: string; revoked: boolean; expiresAt: number | null }
export interface OAuthSettings {
  clientId: string
  clientSecret: string
  /** Where Slack sends the browser back (the app's Redirect URL): /slack/oauth_redirect on the app. */
  redirectUrl: string
  /** Token rotation on: tokens expire this many seconds after they are issued, and come with a refresh token. */
  tokenRotationSeconds?: number
}
/**
 * `files` (ids) is set on the message a files.completeUploadExternal share posts; `user` on a message
 * a person typed (postAsPerson), absent on the bot's.
 */
export interface SlackMessage { channel: string; ts: string; text?: string; blocks?: unknown[]; threadTs?: string; edited: boolean; files?: string[]; user?: string }
/** A file whose upload was completed (files.completeUploadExternal), shared or kept private. */
export interface SlackFile {
  id: string
  filename: string
  title: string
  bytes: Buffer
  /** The `length` given to files.getUploadURLExternal. */
  declaredLength: number
  altText: string | null
  /** Where it was shared (null: kept private), the thread, and the ts of the message that shared it. */
  channel: string | null
  threadTs: string | null
  ts: string | null
  initialComment: string | null
  uploadedBy: string
  /** Read from the PNG header (IHDR); null when the bytes are not a PNG. */
  png: { width: number; height: number } | null
}
export interface SlackEphemeral { channel: string; user: string; ts: string; text?: string; blocks?: unknown[] }

type Args = Record<string, any>
type Result = Record<string, any>
/** Whose token made the call: its workspace. */
type Caller = { teamId: string; teamName: string; oauth: boolean }
export type Handler = (args: Args) => Result

const ok = (fields: Result = {}): Result => ({ ok: true, ...fields })
const err = (error: string, extra: Result = {}): Result => ({ ok: false, error, ...extra })
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v)
const VIEW_MAX_BYTES = 250 * 1024

export async function startLocalSlack(opts: LocalSlackOptions = {}): Promise<LocalSlack> {
  const slack = new LocalSlack(opts)
  await slack.listen()
  return slack
}

export class LocalSlack {
  readonly teamId: string
  readonly teamName: string
  readonly botUserId: string
  readonly botId: string
  readonly botName: string
  readonly botToken: string | undefined
  readonly appToken: string | undefined
  readonly triggerTtlMs: number
  baseUrl = ''
  apiUrl = ''

  readonly calls: ApiCall[] = []
  readonly responses: ResponseUrlPost[] = []
  readonly users = new Map<string, SlackUser>()
  readonly channels = new Map<string, SlackChannel>()
  readonly messages: SlackMessage[] = []
  readonly ephemerals: SlackEphemeral[] = []
  readonly views = new Map<string, Record<string, any>>()
  /** Each user's current Home tab, and every views.publish that succeeded, oldest first. */
  readonly homeTabs = new Map<string, Record<string, any>>()
  readonly homePublished: Array<{ userId: string; view: Record<string, any>; at: number }> = []
  readonly files: SlackFile[] = []
  /** Every call answered 429 because it went over an enforced rate limit (also in `calls`). */
  readonly rateLimited: ApiCall[] = []
  /** OAuth (enableOAuth): the workspaces that can install, the tokens issued, every authorize page asked for. */
  readonly workspaces = new Map<string, SlackWorkspace>()
  readonly issued = new Map<string, IssuedToken>()
  readonly authorizeRequests: Array<{ url: URL; at: number }> = []
  oauth: OAuthSettings | null = null
  private readonly codes = new Map<string, { teamId: string; userId: string; scopes: string; used: boolean }>()
  /** The workspace of the token of the call being answered (handlers run synchronously). */
  private caller: Caller | undefined

  private readonly server = createServer((req, res) => void this.onRequest(req, res))
  private readonly sockets = new Set<Socket>()
  private readonly hung = new Set<ServerResponse>()
  private readonly waiters = new Set<{ check: () => void; fail: (e: Error) => void }>()
  private readonly changeListeners = new Set<() => void>()
  private failures: Array<{ method: string; failure: Failure; remaining: number }> = []
  private readonly triggers = new Map<string, { issuedAt: number; used: boolean }>()
  private readonly responseUrlIds = new Set<string>()
  private readonly handlers = new Map<string, Handler>()
  private readonly inviteRefusals = new Map<string, string>()
  private counter = 0
  private readonly tickets = new Set<string>()
  private rateLimits: { perChannelPerSecond: number; burst: number; perMethodPerMinute: Record<string, number>; now: () => number } | null = null
  /** Per channel, a token bucket of chat.postMessage calls; per method, when its calls of the last minute came. */
  private readonly channelBuckets = new Map<string, { tokens: number; at: number }>()
  private readonly methodCalls = new Map<string, number[]>()
  /** Uploads begun with files.getUploadURLExternal, by file id; `bytes` once POSTed to the upload_url. */
  private readonly uploads = new Map<string, { id: string; key: string; filename: string; declaredLength: number; altText: string | null; bytes: Buffer | null; completed: boolean }>()

  /** Socket Mode, as Slack's side of the WebSocket (docs/SLACK.md). */
  readonly socketMode = {
    /** Every WebSocket the app opened, oldest first. */
    connections: [] as SocketModeSocket[],
    /** Every message the app sent over a socket (its acks). */
    received: [] as SocketModeAck[],
    /** Sends an envelope on the newest open socket; resolves with the app's ack of it (5 s). */
    send: (type: EnvelopeType, payload: Record<string, unknown>, opts: { acceptsResponsePayload?: boolean; timeoutMs?: number } = {}): Promise<SocketModeAck> => {
      const socket = this.socketMode.connections.findLast((c) => c.open)
      if (!socket) return Promise.reject(new Error('local Slack: no open Socket Mode connection'))
      const envelopeId = randomUUID()
      const since = this.socketMode.received.length
      socket.sendJson({
        envelope_id: envelopeId, type, payload,
        // As Slack: interactions and commands may carry a response in the ack, events may not.
        accepts_response_payload: opts.acceptsResponsePayload ?? type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
      })
      return this.waitIn(this.socketMode.received, (m) => m.envelope_id === envelopeId, { timeoutMs: opts.timeoutMs ?? 20_000, since }, `an ack of ${type} envelope ${envelopeId}`)
    },
    /** Resolves with the first open socket (that has been sent hello) from index `since`. */
    waitForConnection: (opts: number | WaitOptions = {}): Promise<SocketModeSocket> =>
      this.waitIn(this.socketMode.connections, (c) => c.open, opts, 'a Socket Mode connection'),
    /** Resolves with the first closed socket from index `since`; `closeCode` is the app's (1000 = a clean close). */
    waitForClose: (opts: number | WaitOptions = {}): Promise<SocketModeSocket> =>
      this.waitIn(this.socketMode.connections, (c) => !c.open, opts, 'a Socket Mode connection to close'),
    /** Slack's "please reconnect" (e.g. before it recycles the host). */
    disconnect: (reason = 'refresh_requested'): void => {
      for (const c of this.socketMode.connections) if (c.open) c.sendJson({ type: 'disconnect', reason, debug_info: { host: 'local' } })
    },
  }

  constructor(opts: LocalSlackOptions = {}) {
    this.teamId = opts.teamId ?? 'T1'
    this.teamName = opts.teamName ?? 'Acme'
    this.botUserId = opts.botUserId ?? 'UBOT'
    this.botId = opts.botId ?? 'BBOT'
    this.botName = opts.botName ?? 'campaigndesk'
    this.botToken = opts.botToken
    this.appToken = opts.appToken
    this.triggerTtlMs = opts.triggerTtlMs ?? 3000
    this.addUser({ id: this.botUserId, name: this.botName, isBot: true })
    for (const [method, handler] of Object.entries(this.defaultHandlers())) this.handlers.set(method, handler)
    // Track sockets so close() does not wait for keep-alive or hung connections.
    this.server.on('connection', (s) => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head))
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
    const { port } = this.server.address() as AddressInfo
    this.baseUrl = `http://127.0.0.1:${port}`
    this.apiUrl = `${this.baseUrl}/api/`
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w.fail(new Error('local Slack closed'))
    this.waiters.clear()
    for (const c of this.socketMode.connections) c.terminate()
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  // ---- workspace ----
  addUser(u: { id: string; teamId?: string; name?: string; realName?: string; locale?: string; tz?: string; isBot?: boolean; deleted?: boolean; isAdmin?: boolean; isOwner?: boolean }): SlackUser {
    const name = u.name ?? u.id.toLowerCase()
    const user: SlackUser = {
      id: u.id, teamId: u.teamId ?? this.teamId, name, realName: u.realName ?? name, locale: u.locale ?? 'en-US',
      tz: u.tz ?? 'Asia/Shanghai', isBot: u.isBot ?? false, deleted: u.deleted ?? false, isAdmin: u.isAdmin ?? false, isOwner: u.isOwner ?? false,
    }
    this.users.set(user.id, user)
    return user
  }

  /** conversations.invite refuses this person with this error (a guest: user_is_restricted; cant_invite…). */
  refuseInvites(userId: string, code = 'user_is_restricted'): void {
    this.inviteRefusals.set(userId, code)
  }

  /** Include `slack.botUserId` in `members` to make the bot a member. */
  addChannel(c: { id: string; name: string; isPrivate?: boolean; isArchived?: boolean; members?: string[]; teamId?: string }): SlackChannel {
    const channel: SlackChannel = { id: c.id, name: c.name, isPrivate: c.isPrivate ?? false, isArchived: c.isArchived ?? false, members: [...(c.members ?? [])], ...(c.teamId ? { teamId: c.teamId } : {}) }
    this.channels.set(channel.id, channel)
    return channel
  }

  /** A message a person typed into a channel or DM (the app is not told: it subscribes to no message events). */
  postAsPerson(m: { channel: string; user: string; text: string; threadTs?: string }): SlackMessage {
    const message: SlackMessage = { channel: m.channel, ts: this.newTs(), text: m.text, edited: false, user: m.user, ...(m.threadTs ? { threadTs: m.threadTs } : {}) }
    this.messages.push(message)
    this.changed()
    return message
  }

  /** The message as the Web API (and an interaction payload) shows it. */
  messageJson(m: SlackMessage): Record<string, any> {
    const author = m.user === undefined ? { user: this.botUserId, bot_id: this.botId } : { user: m.user }
    return { type: 'message', ...author, ts: m.ts, text: m.text ?? '', ...(m.blocks ? { blocks: m.blocks } : {}), ...(m.threadTs ? { thread_ts: m.threadTs } : {}) }
  }

  messageAt(channel: string, ts: string): SlackMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts)
  }

  messagesIn(channel: string): SlackMessage[] {
    return this.messages.filter((m) => m.channel === channel)
  }

  /** The view most recently opened or pushed (handy to submit it). */
  lastView(): Record<string, any> | undefined {
    return [...this.views.values()].filter((v) => v.type === 'modal').at(-1)
  }

  /** Answer (or override) a Web API method with a test's own handler. */
  setHandler(method: string, handler: Handler): void {
    this.handlers.set(method, handler)
  }

  // ---- triggers and response URLs ----
  /** A trigger id this Slack accepts once, for `triggerTtlMs` (3 s) from now. */
  newTriggerId(): string {
    const id = `${++this.counter}.${Date.now()}.${Math.random().toString(16).slice(2, 14)}`
    this.triggers.set(id, { issuedAt: Date.now(), used: false })
    return id
  }

  newResponseUrl(): string {
    const id = `R${++this.counter}`
    this.responseUrlIds.add(id)
    return `${this.baseUrl}/response/${id}`
  }

  // ---- recorded calls ----
  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method)
  }

  /** Resolves with the first call to `method` (from index `since`, default 0) matching `predicate`. */
  waitFor(method: string, predicate: (c: ApiCall) => boolean = () => true, opts: number | WaitOptions = {}): Promise<ApiCall> {
    return this.waitIn(this.calls, (c) => c.method === method && predicate(c), opts, `a call to ${method}`)
  }

  waitForResponse(predicate: (r: ResponseUrlPost) => boolean = () => true, opts: number | WaitOptions = {}): Promise<ResponseUrlPost> {
    return this.waitIn(this.responses, predicate, opts, 'a POST to a response_url')
  }

  /** Resolves with the first Home tab view published to `userId` (from index `since` of `homePublished`) matching `predicate`. */
  waitForHome(userId: string, predicate: (view: Record<string, any>) => boolean = () => true, opts: number | WaitOptions = {}): Promise<Record<string, any>> {
    return this.waitIn(this.homePublished, (p) => p.userId === userId && predicate(p.view), opts, `a Home tab published to ${userId}`).then((p) => p.view)
  }

  /** Resolves with the first completed file upload (from index `since` of `files`) matching `predicate`. */
  waitForFile(predicate: (f: SlackFile) => boolean = () => true, opts: number | WaitOptions = {}): Promise<SlackFile> {
    return this.waitIn(this.files, predicate, opts, 'a completed file upload')
  }

  /** Forgets calls, response_url posts and failure rules; keeps users, channels, messages, views and rate limits. */
  reset(): void {
    this.calls.length = 0
    this.responses.length = 0
    this.rateLimited.length = 0
    this.clearFailures()
  }

  // ---- rate limits ----
  /**
   * From now on, answers HTTP 429 with Retry-After (whole seconds, at least 1) as Slack does when the app
   * posts into one channel faster than `perChannelPerSecond` after a `burst`, or calls a method more
   * than its limit per minute. Calls answered 429 do not count. Calling it again starts afresh.
   */
  enforceRateLimits(limits: RateLimits = {}): void {
    const clock = limits.clock ?? Date.now
    this.rateLimits = {
      perChannelPerSecond: limits.perChannelPerSecond ?? 1,
      burst: limits.burst ?? 3,
      perMethodPerMinute: { ...TIER_LIMITS_PER_MINUTE, ...limits.perMethodPerMinute },
      now: () => { const t = clock(); return t instanceof Date ? t.getTime() : t },
    }
    this.channelBuckets.clear()
    this.methodCalls.clear()
  }

  stopEnforcingRateLimits(): void {
    this.rateLimits = null
  }

  /** The Retry-After (seconds) if this call is over a limit; else counts it against the limits and returns undefined. */
  private overRateLimit(method: string, args: Args): number | undefined {
    const limits = this.rateLimits
    if (!limits) return undefined
    const now = limits.now()
    let waitMs = 0
    const perMinute = limits.perMethodPerMinute[method]
    const lastMinute = perMinute === undefined ? undefined : (this.methodCalls.get(method) ?? []).filter((at) => now - at < 60_000)
    if (perMinute !== undefined && lastMinute!.length >= perMinute) waitMs = lastMinute![0]! + 60_000 - now
    let bucket: { tokens: number; at: number } | undefined
    if (method === 'chat.postMessage') {
      const where = this.postable(args.channel)
      const channel = 'id' in where ? where.id : String(args.channel)
      bucket = this.channelBuckets.get(channel) ?? { tokens: limits.burst, at: now }
      bucket.tokens = Math.min(limits.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * limits.perChannelPerSecond)
      bucket.at = now
      this.channelBuckets.set(channel, bucket)
      if (bucket.tokens < 1) waitMs = Math.max(waitMs, ((1 - bucket.tokens) / limits.perChannelPerSecond) * 1000)
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000))
    if (lastMinute) this.methodCalls.set(method, [...lastMinute, now])
    if (bucket) bucket.tokens -= 1
    return undefined
  }

  // ---- failure injection ----
  failNext(method: string, failure: Failure, { times = 1 }: { times?: number } = {}): void {
    this.failures.push({ method, failure, remaining: times })
  }

  failAlways(method: string, failure: Failure): void {
    this.failures.push({ method, failure, remaining: Infinity })
  }

  /** How many requests a `hang` failure holds open right now (not answered, not cut off). */
  hangingRequests(): number {
    return this.hung.size
  }

  /** Drops the rules; hung requests are cut off (the client sees a network error, as when a connection drops). */
  clearFailures(): void {
    this.failures = []
    for (const res of this.hung) res.socket?.destroy()
    this.hung.clear()
  }

  // ---- HTTP ----
  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.baseUrl)
      const raw = await readBody(req)
      if (url.pathname.startsWith('/api/')) return this.onApi(url.pathname.slice('/api/'.length), url, req, res, raw.toString('utf8'))
      if (url.pathname.startsWith('/response/')) return this.onResponseUrl(url.pathname.slice('/response/'.length), res, raw.toString('utf8'))
      if (url.pathname.startsWith('/upload/v1/')) return this.onUpload(url.pathname.slice('/upload/v1/'.length), req, res, raw)
      if (url.pathname.startsWith('/files-pri/')) return this.onFileDownload(url.pathname.slice('/files-pri/'.length), req, res)
      if (url.pathname === '/oauth/v2/authorize' && req.method === 'GET') return this.onAuthorize(url, res)
      send(res, 404, err('not_found'))
    } catch (e) {
      // A bug in this stand-in should be loud, not look like a Slack answer.
      send(res, 500, err('local_slack_crashed', { detail: String(e) }))
    }
  }

  private onApi(method: string, url: URL, req: IncomingMessage, res: ServerResponse, raw: string): void {
    const args: Args = { ...Object.fromEntries(url.searchParams), ...parseBody(raw, req.headers['content-type'] ?? '') }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined)
    const call: ApiCall = { method, args, at: Date.now(), ...(token === undefined ? {} : { token }) }
    if (this.answerInjectedFailure(call, res)) return
    const retryAfter = this.overRateLimit(method, args)
    if (retryAfter !== undefined) {
      Object.assign(call, { failed: true, retryAfter, result: err('ratelimited') })
      this.record(this.rateLimited, call)
      this.record(this.calls, call)
      return send(res, 429, call.result, { 'Retry-After': String(retryAfter) })
    }
    call.result = this.answer(method, args, token)
    this.record(this.calls, call)
    send(res, 200, call.result)
  }

  /** Answers `call` as the first matching failure rule says, recording it; false when no rule applies. */
  private answerInjectedFailure(call: ApiCall, res: ServerResponse): boolean {
    const failure = this.takeFailure(call.method)
    if (!failure) return false
    call.failed = true
    if ('error' in failure) call.result = err(failure.error)
    if ('rateLimited' in failure) call.retryAfter = failure.rateLimited
    this.record(this.calls, call)
    if ('hang' in failure) {
      this.hung.add(res)
      res.on('close', () => this.hung.delete(res))
    } else if ('rateLimited' in failure) {
      send(res, 429, err('ratelimited'), { 'Retry-After': String(failure.rateLimited) })
    } else if ('status' in failure) {
      send(res, failure.status, err('injected_http_error'))
    } else {
      send(res, 200, call.result)
    }
    return true
  }

  /**
   * The POST of a file's bytes to an upload_url. Slack's upload service takes raw bytes or a multipart
   * form, answers 200 (`OK - <bytes>`) on success and any other status on failure; it needs no token.
   */
  private onUpload(key: string, req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const upload = [...this.uploads.values()].find((u) => u.key === key && !u.completed)
    const received = uploadedFile(raw, req.headers['content-type'] ?? '')
    const call: ApiCall = { method: UPLOAD_URL, args: { file_id: upload?.id, length: received?.bytes.length, ...(received?.filename ? { filename: received.filename } : {}) }, at: Date.now() }
    if (this.answerInjectedFailure(call, res)) return
    let status = 200
    call.result = received ? `OK - ${received.bytes.length}` : 'no file in the request'
    if (!upload) [status, call.result] = [404, 'no such upload (unknown, or already completed)']
    else if (received) upload.bytes = received.bytes
    else status = 400
    this.record(this.calls, call)
    sendText(res, status, call.result)
  }

  private onResponseUrl(id: string, res: ServerResponse, raw: string): void {
    if (!this.responseUrlIds.has(id)) return send(res, 404, err('no_such_response_url'))
    let body: any = raw
    try { body = JSON.parse(raw) } catch { /* keep the text */ }
    this.record(this.responses, { id, body, at: Date.now() })
    send(res, 200, ok())
  }

  private takeFailure(method: string): Failure | undefined {
    const rule = this.failures.find((r) => r.remaining > 0 && (r.method === method || r.method === '*'))
    if (!rule) return undefined
    rule.remaining -= 1
    return rule.failure
  }

  private record<T>(list: T[], item: T): void {
    list.push(item)
    this.recheck()
  }

  private recheck(): void {
    for (const w of [...this.waiters]) w.check()
    for (const listener of [...this.changeListeners]) listener()
  }

  /**
   * Calls `listener` after every call answered, response_url POST, upload and Socket Mode message,
   * and after changes made through this object (postAsPerson, changed()); returns the unsubscribe.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  /** Tells the onChange listeners that something they show changed outside a Web API call. */
  changed(): void {
    this.recheck()
  }

  // ---- Socket Mode ----
  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.baseUrl)
    const ticket = url.searchParams.get('ticket') ?? ''
    const key = req.headers['sec-websocket-key']
    if (url.pathname !== '/socket-mode' || !this.tickets.delete(ticket) || req.headers.upgrade?.toLowerCase() !== 'websocket' || !key) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64')
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
    const ws = new SocketModeSocket(socket, (text) => {
      let message: any
      try { message = JSON.parse(text) } catch { return }
      if (typeof message?.envelope_id === 'string') this.record(this.socketMode.received, { envelope_id: message.envelope_id, ...(message.payload === undefined ? {} : { payload: message.payload }), at: Date.now() })
    }, () => this.recheck())
    ws.sendJson({ type: 'hello', num_connections: 1, debug_info: { host: 'local', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0CAMPAIGN' } })
    this.record(this.socketMode.connections, ws)
    if (head.length > 0) ws.feed(head)
  }

  private waitIn<T>(list: T[], predicate: (x: T) => boolean, opts: number | WaitOptions, what: string): Promise<T> {
    const { timeoutMs = 20_000, since = 0 } = typeof opts === 'number' ? { timeoutMs: opts } : opts
    const find = () => list.slice(since).find(predicate)
    const found = find()
    if (found !== undefined) return Promise.resolve(found)
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        check: () => { const f = find(); if (f !== undefined) { done(); resolve(f) } },
        fail: (e: Error) => { done(); reject(e) },
      }
      const timer = setTimeout(() => {
        const seen = this.calls.map((c) => c.method + (c.failed ? '(failed)' : c.result?.ok === false ? `(${c.result.error})` : '')).join(', ')
        waiter.fail(new Error(`local Slack: no ${what} within ${timeoutMs} ms; calls so far: ${seen || 'none'}`))
      }, timeoutMs)
      const done = () => { clearTimeout(timer); this.waiters.delete(waiter) }
      this.waiters.add(waiter)
    })
  }

  // ---- the Web API ----
  private answer(method: string, args: Args, token: string | undefined): Result {
    if (method === 'apps.connections.open') {
      // The one method that takes the app-level token, and only it.
      if (token === undefined) return err('not_authed')
      if (this.appToken !== undefined ? token !== this.appToken : !token.startsWith('xapp-')) return err('invalid_auth')
      return this.handlers.get(method)!(args)
    }
    // The code exchange and the refresh authenticate with the app's client id and secret.
    if (method === 'oauth.v2.access') return this.exchange(args)
    const issued = token === undefined ? undefined : this.issued.get(token)
    if (issued) {
      if (issued.revoked || issued.kind !== 'bot') return err(issued.revoked ? 'token_revoked' : 'invalid_auth')
      if (issued.expiresAt !== null && Date.now() >= issued.expiresAt) return err('token_expired')
    } else {
      if (this.botToken !== undefined && token === undefined) return err('not_authed')
      if ((this.botToken !== undefined || this.oauth) && token !== this.botToken) return err('invalid_auth')
    }
    const handler = this.handlers.get(method)
    if (!handler) return err('unknown_method')
    const workspace = issued ? this.workspaces.get(issued.teamId) : undefined
    this.caller = issued ? { teamId: issued.teamId, teamName: workspace?.teamName ?? issued.teamId, oauth: true } : undefined
    try {
      return handler(args)
    } finally {
      this.caller = undefined
    }
  }

  // ---- OAuth installs ----
  /** Turns on installing by OAuth, for the app with these credentials. */
  enableOAuth(settings: OAuthSettings): void {
    this.oauth = settings
  }

  /** A workspace that can install the app (and its people: addUser with its teamId). */
  addWorkspace(w: { teamId: string; teamName?: string; enterpriseId?: string; enterpriseName?: string }): SlackWorkspace {
    const workspace: SlackWorkspace = { teamId: w.teamId, teamName: w.teamName ?? w.teamId, ...(w.enterpriseId ? { enterpriseId: w.enterpriseId } : {}), ...(w.enterpriseName ? { enterpriseName: w.enterpriseName } : {}) }
    this.workspaces.set(w.teamId, workspace)
    return workspace
  }

  /** The bot tokens issued to a workspace (newest last), and whether each still works. */
  tokensOf(teamId: string): IssuedToken[] {
    return [...this.issued.values()].filter((t) => t.teamId === teamId && t.kind === 'bot')
  }

  /** The app is removed from the workspace: every token of it stops working (the app is sent app_uninstalled separately). */
  uninstall(teamId: string): void {
    for (const t of this.issued.values()) if (t.teamId === teamId) t.revoked = true
  }

  /**
   * Slack's authorize page, as if the person chose the workspace in `team` and pressed Allow (or,
   * with `cancel=1`, Cancel): a redirect to the app's Redirect URL with a one-time code and the state.
   */
  private onAuthorize(url: URL, res: ServerResponse): void {
    this.record(this.authorizeRequests, { url, at: Date.now() })
    const oauth = this.oauth
    if (!oauth || url.searchParams.get('client_id') !== oauth.clientId) return sendText(res, 400, 'invalid_client_id')
    const back = new URL(url.searchParams.get('redirect_uri') ?? oauth.redirectUrl)
    const state = url.searchParams.get('state')
    if (state !== null) back.searchParams.set('state', state)
    if (url.searchParams.get('cancel') === '1') {
      back.searchParams.set('error', 'access_denied')
    } else {
      const teamId = url.searchParams.get('team') ?? this.teamId
      if (teamId !== this.teamId && !this.workspaces.has(teamId)) return sendText(res, 400, `no workspace ${teamId}`)
      const code = `code-${randomUUID()}`
      this.codes.set(code, { teamId, userId: url.searchParams.get('user') ?? 'U1', scopes: url.searchParams.get('scope') ?? '', used: false })
      back.searchParams.set('code', code)
    }
    res.writeHead(302, { location: back.toString() })
    res.end()
  }

  /** oauth.v2.access: a code (once) or a refresh token for a token of its workspace. */
  private exchange(a: Args): Result {
    const oauth = this.oauth
    if (!oauth) return err('unknown_method')
    if (a.client_id !== oauth.clientId) return err('invalid_client_id')
    if (a.client_secret !== oauth.clientSecret) return err('bad_client_secret')
    const rotation = oauth.tokenRotationSeconds
    const issue = (teamId: string, kind: IssuedToken['kind']) => {
      const token = `${kind === 'bot' ? 'xoxb' : 'xoxe-1'}-${teamId}-${++this.counter}-${randomUUID().replace(/-/g, '')}`
      this.issued.set(token, { token, kind, teamId, revoked: false, expiresAt: kind === 'bot' && rotation ? Date.now() + rotation * 1000 : null })
      return token
    }
    if (a.grant_type === 'refresh_token') {
      const refresh = this.issued.get(String(a.refresh_token))
      if (!refresh || refresh.kind !== 'refresh' || refresh.revoked) return err('invalid_refresh_token')
      return ok({ access_token: issue(refresh.teamId, 'bot'), token_type: 'bot', refresh_token: refresh.token, expires_in: rotation ?? 43_200, team: { id: refresh.teamId }, bot_user_id: this.botUserId })
    }
    const grant = this.codes.get(String(a.code))
    if (!grant || grant.used) return err('invalid_code')
    grant.used = true
    const workspace = this.workspaces.get(grant.teamId) ?? { teamId: this.teamId, teamName: this.teamName }
    return ok({
      access_token: issue(grant.teamId, 'bot'), token_type: 'bot', scope: grant.scopes, bot_user_id: this.botUserId, app_id: 'A0CAMPAIGN',
      team: { id: workspace.teamId, name: workspace.teamName },
      enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId, name: workspace.enterpriseName ?? workspace.enterpriseId } : null,
      is_enterprise_install: false,
      authed_user: { id: grant.userId },
      ...(rotation ? { refresh_token: issue(grant.teamId, 'refresh'), expires_in: rotation } : {}),
    })
  }

  private defaultHandlers(): Record<string, Handler> {
    return {
      'apps.connections.open': () => {
        const ticket = randomUUID()
        this.tickets.add(ticket)
        return ok({ url: `${this.baseUrl.replace(/^http/, 'ws')}/socket-mode?ticket=${ticket}&app_id=A0CAMPAIGN` })
      },

      'auth.test': () => {
        const team = this.caller ?? { teamId: this.teamId, teamName: this.teamName }
        return ok({ url: `https://${team.teamName.toLowerCase()}.slack.com/`, team: team.teamName, team_id: team.teamId, user: this.botName, user_id: this.botUserId, bot_id: this.botId, is_enterprise_install: false })
      },

      // One page holds the whole (small) workspace; the cursor is always empty.
      'users.list': (a) => ok({
        members: [...this.users.values()].filter((u) => u.teamId === (a.team_id ?? u.teamId)).map((u) => this.userJson(u, truthy(a.include_locale))),
        response_metadata: { next_cursor: '' },
      }),

      'users.info': (a) => {
        const u = this.users.get(a.user)
        // A workspace's token sees only its own people.
        if (u && this.caller && u.teamId !== this.caller.teamId) return err('user_not_found')
        return u ? ok({ user: this.userJson(u, truthy(a.include_locale)) }) : err('user_not_found')
      },

      'conversations.info': (a) => {
        if (typeof a.channel === 'string' && a.channel.startsWith('D')) return ok({ channel: { id: a.channel, is_im: true, user: a.channel.slice(1), is_member: true, is_archived: false } })
        const c = this.channels.get(a.channel)
        // A private channel the bot is not in is invisible to it, as in Slack.
        return c && this.visible(c) ? ok({ channel: this.channelJson(c) }) : err('channel_not_found')
      },

      'conversations.join': (a) => {
        const c = this.channels.get(a.channel)
        if (!c || !this.visible(c)) return err('channel_not_found')
        if (c.isPrivate) return err('method_not_supported_for_channel_type')
        if (c.isArchived) return err('is_archived')
        const already = c.members.includes(this.botUserId)
        if (!already) c.members.push(this.botUserId)
        return ok({ channel: this.channelJson(c), ...(already ? { warning: 'already_in_channel' } : {}) })
      },

      'conversations.open': (a) => {
        if (typeof a.channel === 'string') return ok({ channel: { id: a.channel } })
        const ids = String(a.users ?? '').split(',').map((s) => s.trim()).filter(Boolean)
        if (ids.length === 0) return err('users_list_not_supplied')
        if (ids.some((id) => !this.users.has(id))) return err('user_not_found')
        if (ids.length === 1) return ok({ channel: { id: `D${ids[0]}` } })
        // A group DM: a private channel with the bot in it.
        const id = `G${[...ids].sort().join('')}`
        if (!this.channels.has(id)) this.addChannel({ id, name: `mpdm-${ids.join('--')}`, isPrivate: true, members: [...ids, this.botUserId] })
        return ok({ channel: { id } })
      },

      // ---- A campaign's own channel (issue 17): list, create, invite, archive, as Slack answers them.
      // Tests make a name taken with addChannel (a private channel without the bot is taken but not
      // listed, as in Slack), and a person uninvitable with refuseInvites(userId, code).
      'conversations.list': (a) => {
        const types = String(a.types ?? 'public_channel').split(',').map((t) => t.trim())
        const listed = [...this.channels.values()].filter((c) => this.visible(c) && !c.id.startsWith('G')
          && types.includes(c.isPrivate ? 'private_channel' : 'public_channel') && !(truthy(a.exclude_archived) && c.isArchived))
        const from = Number(a.cursor || 0)
        const limit = Math.max(1, Math.min(Number(a.limit || 100), 1000))
        const next = from + limit < listed.length ? String(from + limit) : ''
        return ok({ channels: listed.slice(from, from + limit).map((c) => this.channelJson(c)), response_metadata: { next_cursor: next } })
      },

      // The channels the bot is in (issue 15: the start-up's channel prefetch), paged as conversations.list.
      'users.conversations': (a) => {
        const types = String(a.types ?? 'public_channel').split(',').map((t) => t.trim())
        const listed = [...this.channels.values()].filter((c) => this.visible(c) && !c.id.startsWith('G') && c.members.includes(this.botUserId)
          && types.includes(c.isPrivate ? 'private_channel' : 'public_channel') && !(truthy(a.exclude_archived) && c.isArchived))
        const from = Number(a.cursor || 0)
        const limit = Math.max(1, Math.min(Number(a.limit || 100), 1000))
        const next = from + limit < listed.length ? String(from + limit) : ''
        return ok({ channels: listed.slice(from, from + limit).map((c) => this.channelJson(c)), response_metadata: { next_cursor: next } })
      },

      'conversations.create': (a) => {
        const name = String(a.name ?? '')
        if (name === '') return err('invalid_name_required')
        if ([...name].length > 80) return err('invalid_name_maxlength')
        if (/[.\s]/.test(name)) return err('invalid_name_punctuation')
        if (!/^[a-z0-9_-]+$/.test(name)) return err('invalid_name_specials')
        const team = this.caller?.teamId
        if ([...this.channels.values()].some((c) => c.name === name && (c.teamId === undefined || team === undefined || c.teamId === team))) return err('name_taken')
        const isPrivate = truthy(a.is_private)
        const id = `${isPrivate ? 'G' : 'C'}NEW${String(++this.counter).padStart(6, '0')}`
        const channel = this.addChannel({ id, name, isPrivate, members: [this.botUserId], ...(team ? { teamId: team } : {}) })
        return ok({ channel: this.channelJson(channel) })
      },

      'conversations.invite': (a) => {
        const c = this.channels.get(a.channel)
        if (!c || !this.visible(c)) return err('channel_not_found')
        if (c.isArchived) return err('is_archived')
        if (!c.members.includes(this.botUserId)) return err('not_in_channel')
        const ids = String(a.users ?? '').split(',').map((id) => id.trim()).filter(Boolean)
        if (ids.length === 0) return err('no_user')
        for (const id of ids) {
          const refusal = this.inviteRefusals.get(id)
          if (refusal) return err(refusal)
          const user = this.users.get(id)
          if (!user) return err('user_not_found')
          if (user.deleted) return err('user_disabled')
          if (id === this.botUserId) return err('cant_invite_self')
          if (c.members.includes(id)) return err('already_in_channel')
        }
        c.members.push(...ids)
        return ok({ channel: this.channelJson(c) })
      },

      'conversations.archive': (a) => {
        const c = this.channels.get(a.channel)
        if (!c || !this.visible(c)) return err('channel_not_found')
        if (c.isArchived) return err('already_archived')
        if (!c.members.includes(this.botUserId)) return err('not_in_channel')
        c.isArchived = true
        return ok()
      },

      'chat.postMessage': (a) => {
        const where = this.postable(a.channel)
        if ('refusal' in where) return where.refusal
        const bad = this.refuseMessage(a)
        if (bad) return bad
        const msg: SlackMessage = { channel: where.id, ts: this.newTs(), edited: false, ...this.content(a.text, a.blocks) }
        if (a.thread_ts) msg.threadTs = String(a.thread_ts)
        this.messages.push(msg)
        return ok({ channel: msg.channel, ts: msg.ts, message: this.messageJson(msg) })
      },

      'chat.update': (a) => {
        const id = this.resolveChannelId(a.channel)
        if (!id) return err('channel_not_found')
        const msg = this.messageAt(id, String(a.ts))
        if (!msg) return err('message_not_found')
        const next = { text: a.text ?? msg.text, blocks: a.blocks === undefined ? msg.blocks : a.blocks }
        const bad = this.refuseMessage(next)
        if (bad) return bad
        Object.assign(msg, this.content(next.text, next.blocks), { edited: true })
        return ok({ channel: msg.channel, ts: msg.ts, text: msg.text ?? '', message: this.messageJson(msg) })
      },

      // Any message in a channel the bot can see: its ts is not looked up.
      'chat.getPermalink': (a) => {
        const c = this.channels.get(a.channel)
        if (!(typeof a.channel === 'string' && a.channel.startsWith('D')) && (!c || !this.visible(c))) return err('channel_not_found')
        if (typeof a.message_ts !== 'string' || !/^\d+\.\d+$/.test(a.message_ts)) return err('message_not_found')
        return ok({ channel: a.channel, permalink: `https://${this.teamName.toLowerCase()}.slack.com/archives/${a.channel}/p${a.message_ts.replace('.', '')}` })
      },

      'chat.postEphemeral': (a) => {
        const where = this.postable(a.channel)
        if ('refusal' in where) return where.refusal
        const c = this.channels.get(where.id)
        if (c && !c.members.includes(a.user)) return err('user_not_in_channel')
        const bad = this.refuseMessage(a)
        if (bad) return bad
        const ts = this.newTs()
        this.ephemerals.push({ channel: where.id, user: String(a.user), ts, ...this.content(a.text, a.blocks) })
        return ok({ message_ts: ts })
      },

      'files.getUploadURLExternal': (a) => {
        const missing = ['filename', 'length'].filter((k) => a[k] === undefined || a[k] === '')
        if (missing.length > 0) return invalidArguments(...missing.map((k) => `[ERROR] missing required field: ${k}`))
        const length = Number(a.length)
        if (!Number.isInteger(length) || length < 0) return invalidArguments(`[ERROR] length must be a whole number of bytes (got ${String(a.length)})`)
        // Slack documents alt_txt; WebClient 8.2 sends it as alt_text.
        const altText = [a.alt_txt, a.alt_text].find((t) => typeof t === 'string') as string | undefined
        if (altText !== undefined && [...altText].length > 1000) return err('alt_txt_too_large')
        const id = `F${String(++this.counter).padStart(10, '0')}`
        const key = randomUUID()
        this.uploads.set(id, { id, key, filename: String(a.filename), declaredLength: length, altText: altText ?? null, bytes: null, completed: false })
        return ok({ upload_url: `${this.baseUrl}/upload/v1/${key}`, file_id: id })
      },

      'files.completeUploadExternal': (a) => this.completeUpload(a),
      ...this.personFileHandlers(),

      'views.open': (a) => this.openView(a),
      'views.push': (a) => this.openView(a),

      'views.update': (a) => {
        const old = a.view_id ? this.views.get(a.view_id) : [...this.views.values()].find((v) => a.external_id && v.external_id === a.external_id)
        if (!old) return err('not_found')
        if (a.hash !== undefined && a.hash !== old.hash) return err('hash_conflict')
        const view = parseMaybe(a.view)
        const bad = this.refuseView(view)
        if (bad) return bad
        const stored = { ...view, id: old.id, hash: this.newHash(), team_id: this.teamId, bot_id: this.botId, state: { values: {} }, root_view_id: old.root_view_id }
        this.views.set(old.id, stored)
        return ok({ view: stored })
      },

      'views.publish': (a) => {
        // Slack's answer to a missing or unknown user: invalid_arguments, "invalid `user_id`".
        if (typeof a.user_id !== 'string' || !this.users.has(a.user_id)) return invalidArguments('invalid `user_id`')
        const view = parseMaybe(a.view)
        const bad = this.refuseView(view) ?? (view.type === 'home' ? undefined : invalidArguments("/view/type: views.publish takes a 'home' view"))
        if (bad) return bad
        const current = this.homeTabs.get(a.user_id)
        if (a.hash !== undefined && a.hash !== '' && current && a.hash !== current.hash) return err('hash_conflict')
        const id = current?.id ?? this.newViewId()
        const stored = { ...view, id, hash: this.newHash(), team_id: this.teamId, app_id: 'A0CAMPAIGN', bot_id: this.botId, state: { values: {} }, root_view_id: id, previous_view_id: null }
        this.views.set(id, stored)
        this.homeTabs.set(a.user_id, stored)
        this.record(this.homePublished, { userId: a.user_id, view: stored, at: Date.now() })
        return ok({ view: stored })
      },
    }
  }

  /**
   * A view a view_submission's answer put up (`response_action: update` replaces `replacing`,
   * `push` stacks a new one on `replacing`): checked as views.update / views.push would be.
   */
  placeView(view: unknown, how: { update: string } | { pushOnto: string }): { view: Record<string, any> } | { refused: string } {
    const bad = this.refuseView(view)
    if (bad) return { refused: String(bad.response_metadata?.messages?.[0] ?? bad.error) }
    const under = this.views.get('update' in how ? how.update : how.pushOnto)
    const id = 'update' in how ? how.update : this.newViewId()
    const stored = {
      ...(view as Record<string, any>), id, hash: this.newHash(), team_id: this.teamId, app_id: 'A0CAMPAIGN', bot_id: this.botId, state: { values: {} },
      root_view_id: under?.root_view_id ?? id, previous_view_id: 'update' in how ? (under?.previous_view_id ?? null) : (under?.id ?? null),
    }
    this.views.set(id, stored)
    this.changed()
    return { view: stored }
  }

  private openView(a: Args): Result {
    const view = parseMaybe(a.view)
    const bad = this.refuseView(view)
    if (bad) return bad
    const trigger = this.triggers.get(a.trigger_id)
    if (!trigger) return err('invalid_trigger_id')
    if (trigger.used) return err('trigger_exchanged')
    if (Date.now() - trigger.issuedAt > this.triggerTtlMs) return err('expired_trigger_id')
    trigger.used = true
    const id = this.newViewId()
    const stored = { ...view, id, hash: this.newHash(), team_id: this.teamId, app_id: 'A0CAMPAIGN', bot_id: this.botId, state: { values: {} }, root_view_id: id, previous_view_id: null }
    this.views.set(id, stored)
    return ok({ view: stored })
  }

  // ---- files people share (issue 17: figures imported from a file) ----
  /**
   * A file a person uploaded: through a modal's file input (no channel), or shared in a channel
   * (a message of theirs carries it). The app reads it with files.info / files.list and downloads
   * its url_private with its bot token (Authorization: Bearer), as Slack documents.
   */
  addPersonFile(f: { user: string; filename: string; bytes: Buffer; channel?: string; title?: string }): SlackFile {
    const id = `F${String(++this.counter).padStart(10, '0')}`
    const ts = f.channel ? this.newTs() : null
    if (f.channel && ts) this.messages.push({ channel: f.channel, ts, edited: false, text: '', files: [id], user: f.user })
    const file: SlackFile = {
      id, filename: f.filename, title: f.title ?? f.filename, bytes: f.bytes, declaredLength: f.bytes.length, altText: null,
      channel: f.channel ?? null, threadTs: null, ts, initialComment: null, uploadedBy: f.user, png: pngDimensions(f.bytes),
    }
    this.record(this.files, file)
    return file
  }

  /**
   * A person's file as Slack puts it in a view_submission's state for a file_input element
   * (`files: [{id, name, filetype, url_private, …}]`): the sandbox's page uploads, then submits this.
   */
  fileInputValue(id: string): Result | null {
    const file = this.files.find((f) => f.id === id)
    return file ? { ...this.personFileJson(file), user_team: this.teamId } : null
  }

  private personFileJson(f: SlackFile): Result {
    const url = `${this.baseUrl}/files-pri/${this.teamId}-${f.id}/${encodeURIComponent(f.filename)}`
    return {
      ...this.fileJson(f), url_private: url, url_private_download: `${url}?download=1`,
      channels: f.channel ? [f.channel] : [], timestamp: f.ts ? Math.floor(Number(f.ts)) : Math.floor(Date.now() / 1000),
    }
  }

  private personFileHandlers(): Record<string, Handler> {
    return {
      'files.info': (a) => {
        const file = this.files.find((f) => f.id === a.file)
        return file ? ok({ file: this.personFileJson(file) }) : err('file_not_found')
      },
      // Newest first, as Slack lists them; `channel` and `user` filter, `count` pages (first page only here).
      'files.list': (a) => {
        const count = Math.max(1, Math.min(Number(a.count ?? 100) || 100, 1000))
        const matching = this.files.filter((f) => (!a.channel || f.channel === a.channel) && (!a.user || f.uploadedBy === a.user)).reverse()
        return ok({ files: matching.slice(0, count).map((f) => this.personFileJson(f)), paging: { count, total: matching.length, page: 1, pages: Math.ceil(matching.length / count) || 1 } })
      },
    }
  }

  /** GET url_private: the bytes, to a bearer of a valid bot token only (recorded as `files.download` calls). */
  private onFileDownload(rest: string, req: IncomingMessage, res: ServerResponse): void {
    const id = /^[^-]+-(F[0-9A-Z]+)\//.exec(rest)?.[1]
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const call: ApiCall = { method: 'files.download', args: { file: id }, at: Date.now(), ...(bearer === undefined ? {} : { token: bearer }) }
    if (this.answerInjectedFailure(call, res)) return
    const file = this.files.find((f) => f.id === id)
    const authorized = bearer !== undefined && this.answer('auth.test', {}, bearer).ok === true
    call.result = authorized && file ? ok({ bytes: file.bytes.length }) : err(authorized ? 'file_not_found' : 'not_authed')
    this.record(this.calls, call)
    // Slack answers a missing or bad token with its login page (HTML, 200 after a redirect); a 403 here says the same plainly.
    if (!authorized) return sendText(res, 403, 'not authed')
    if (!file) return sendText(res, 404, 'file not found')
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) })
    res.end(file.bytes)
  }

  /**
   * Slack's documentation names no error codes for a bad file id, bytes that never arrived or a length
   * that differs from the declared one: it answers file_not_found / invalid_arguments, with a
   * message saying which. It can be called once per file; the share obeys chat.postMessage's rules.
   */
  private completeUpload(a: Args): Result {
    const list = parseMaybe(a.files)
    if (!Array.isArray(list) || list.length === 0 || !list.every((f) => isObject(f) && typeof f.id === 'string')) {
      return invalidArguments('[ERROR] files must be a JSON array of {id, title?}')
    }
    const uploads = []
    for (const f of list as Array<{ id: string; title?: unknown }>) {
      const upload = this.uploads.get(f.id)
      if (!upload || upload.completed) return err('file_not_found', { response_metadata: { messages: [`${f.id}: no such upload, or it was already completed`] } })
      if (!upload.bytes) return err('file_not_found', { response_metadata: { messages: [`${f.id}: nothing was POSTed to its upload_url`] } })
      if (upload.bytes.length !== upload.declaredLength) return invalidArguments(`${f.id}: ${upload.bytes.length} bytes uploaded, ${upload.declaredLength} declared`)
      uploads.push({ upload, bytes: upload.bytes, title: typeof f.title === 'string' && f.title !== '' ? f.title : upload.filename })
    }
    const target = a.channel_id ?? a.channels
    let channel: string | null = null
    if (target !== undefined && target !== '') {
      if (String(target).includes(',')) return invalidArguments('this Slack shares a file into one channel at a time')
      const where = this.postable(String(target))
      if ('refusal' in where) return where.refusal
      channel = where.id
    }
    // Slack ignores blocks when there is an initial_comment.
    const initialComment = typeof a.initial_comment === 'string' && a.initial_comment !== '' ? a.initial_comment : null
    const blocks = initialComment === null ? parseMaybe(a.blocks) : undefined
    if (blocks != null) {
      const reason = checkMessage({ blocks })
      if (reason && reason !== NO_TEXT) return err('invalid_blocks', { errors: [reason], response_metadata: { messages: [reason] } })
    }
    const threadTs = channel !== null && a.thread_ts ? String(a.thread_ts) : null
    const ts = channel === null ? null : this.newTs()
    if (channel !== null && ts !== null) {
      this.messages.push({ channel, ts, edited: false, ...this.content(initialComment ?? undefined, blocks), ...(threadTs ? { threadTs } : {}), files: uploads.map((u) => u.upload.id) })
    }
    const files = uploads.map(({ upload, bytes, title }): SlackFile => {
      upload.completed = true
      return {
        id: upload.id, filename: upload.filename, title, bytes, declaredLength: upload.declaredLength, altText: upload.altText,
        channel, threadTs, ts, initialComment, uploadedBy: this.botUserId, png: pngDimensions(bytes),
      }
    })
    for (const file of files) this.record(this.files, file)
    return ok({ files: files.map((f) => this.fileJson(f)) })
  }

  // ---- helpers ----
  private refuseView(view: unknown): Result | undefined {
    const reason = checkView(view)
    if (reason) return err('invalid_arguments', { response_metadata: { messages: [reason] } })
    if (Buffer.byteLength(JSON.stringify(view)) > VIEW_MAX_BYTES) return err('view_too_large')
    return undefined
  }

  private refuseMessage(a: { text?: unknown; blocks?: unknown }): Result | undefined {
    const reason = checkMessage({ text: typeof a.text === 'string' ? a.text : undefined, blocks: parseMaybe(a.blocks) })
    if (reason === NO_TEXT) return err('no_text')
    if (reason) return err('invalid_blocks', { errors: [reason], response_metadata: { messages: [reason] } })
    return undefined
  }

  private content(text: unknown, blocks: unknown): { text?: string; blocks?: unknown[] } {
    const b = parseMaybe(blocks)
    return {
      // Slack cuts the top-level text past 40,000 characters.
      ...(typeof text === 'string' ? { text: text.slice(0, 40_000) } : {}),
      ...(Array.isArray(b) ? { blocks: b } : {}),
    }
  }

  /** Where chat.postMessage/postEphemeral may post: DMs always; channels only with the bot in them. */
  private postable(channel: unknown): { id: string } | { refusal: Result } {
    const no = (error: string) => ({ refusal: err(error) })
    if (typeof channel !== 'string' || channel === '') return no('channel_not_found')
    if (channel.startsWith('D')) return { id: channel }
    if (/^[UW]/.test(channel)) return this.users.has(channel) ? { id: `D${channel}` } : no('channel_not_found')
    const c = this.channels.get(channel) ?? [...this.channels.values()].find((x) => x.name === channel.replace(/^#/, ''))
    if (!c || !this.visible(c)) return no('channel_not_found')
    if (c.isArchived) return no('is_archived')
    if (!c.members.includes(this.botUserId)) return no('not_in_channel')
    return { id: c.id }
  }

  private resolveChannelId(channel: unknown): string | undefined {
    if (typeof channel !== 'string') return undefined
    if (channel.startsWith('D') || this.channels.has(channel)) return channel
    return undefined
  }

  private visible(c: SlackChannel): boolean {
    // A workspace's token sees only its own channels.
    if (c.teamId !== undefined && this.caller && c.teamId !== this.caller.teamId) return false
    return !c.isPrivate || c.members.includes(this.botUserId)
  }

  private channelJson(c: SlackChannel): Result {
    return { id: c.id, name: c.name, is_channel: !c.isPrivate, is_group: false, is_im: false, is_private: c.isPrivate, is_member: c.members.includes(this.botUserId), is_archived: c.isArchived, num_members: c.members.length }
  }

  private userJson(u: SlackUser, withLocale: boolean): Result {
    return {
      id: u.id, team_id: u.teamId, name: u.name, real_name: u.realName, deleted: u.deleted, is_bot: u.isBot,
      is_admin: u.isAdmin, is_owner: u.isOwner, tz: u.tz, tz_offset: tzOffsetSeconds(u.tz),
      profile: { real_name: u.realName, display_name: u.name, ...(u.isBot ? { bot_id: this.botId } : {}) },
      ...(withLocale ? { locale: u.locale } : {}),
    }
  }

  /** As Slack answers files.completeUploadExternal: it shares asynchronously, so `shares` and `channels` are still empty. */
  private fileJson(f: SlackFile): Result {
    const created = Math.floor(Date.now() / 1000)
    const extension = /\.([^.]+)$/.exec(f.filename)?.[1]?.toLowerCase() ?? ''
    return {
      id: f.id, created, timestamp: created, name: f.filename, title: f.title, user: f.uploadedBy, size: f.bytes.length,
      mimetype: f.png ? 'image/png' : 'application/octet-stream', filetype: f.png ? 'png' : extension || 'binary',
      is_external: false, is_public: false, ...(f.altText !== null ? { alt_txt: f.altText } : {}),
      ...(f.png ? { original_w: f.png.width, original_h: f.png.height } : {}),
      permalink: `https://${this.teamName.toLowerCase()}.slack.com/files/${f.uploadedBy}/${f.id}/${encodeURIComponent(f.filename)}`,
      shares: {}, channels: [], groups: [], ims: [],
    }
  }

  /** Unique, increasing message timestamps: 1700000000.000100, .000200, … */
  newTs(): string {
    const micros = ++this.counter * 100
    return `${1_700_000_000 + Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`
  }

  private newViewId(): string {
    return `V${String(++this.counter).padStart(10, '0')}`
  }

  private newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.h${++this.counter}`
  }
}

/**
 * The server end of one WebSocket (RFC 6455), just enough for Socket Mode: unfragmented or
 * fragmented text frames in, text frames out, pings answered with pongs, the close handshake.
 */
export class SocketModeSocket {
  open = true
  /** The status code of the app's close frame (1000 = normal); undefined if it just dropped. */
  closeCode: number | undefined
  private buffer = Buffer.alloc(0)
  private fragments: Buffer[] = []

  constructor(private readonly socket: Duplex, private readonly onText: (text: string) => void, private readonly onClosed: () => void) {
    socket.on('data', (chunk: Buffer) => this.feed(chunk))
    socket.on('error', () => {})
    socket.on('close', () => { this.open = false; this.onClosed() })
  }

  sendJson(message: unknown): void {
    this.write(0x1, Buffer.from(JSON.stringify(message)))
  }

  /** Drops the TCP connection without a close handshake. */
  terminate(): void {
    this.socket.destroy()
  }

  feed(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk])
    for (;;) {
      const b = this.buffer
      if (b.length < 2) return
      let length = b[1]! & 0x7f
      let offset = 2
      if (length === 126) { if (b.length < 4) return; length = b.readUInt16BE(2); offset = 4 }
      else if (length === 127) { if (b.length < 10) return; length = Number(b.readBigUInt64BE(2)); offset = 10 }
      const masked = (b[1]! & 0x80) !== 0
      const mask = masked ? b.subarray(offset, offset + 4) : undefined
      if (masked) offset += 4
      if (b.length < offset + length) return
      const payload = Buffer.from(b.subarray(offset, offset + length))
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!
      this.buffer = b.subarray(offset + length)
      this.onFrame((b[0]! & 0x80) !== 0, b[0]! & 0x0f, payload)
    }
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === 0x9) return this.write(0xa, payload) // ping → pong, echoing its data
    if (opcode === 0xa) return
    if (opcode === 0x8) {
      this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005
      this.write(0x8, payload.subarray(0, 2)) // answer the close handshake, then hang up
      this.open = false
      this.socket.end()
      this.onClosed()
      return
    }
    this.fragments.push(payload)
    if (!fin) return
    const whole = Buffer.concat(this.fragments)
    this.fragments = []
    this.onText(whole.toString('utf8'))
  }

  private write(opcode: number, payload: Buffer): void {
    if (!this.open || this.socket.destroyed) return
    const n = payload.length
    const header = Buffer.alloc(n < 126 ? 2 : n < 65536 ? 4 : 10)
    header[0] = 0x80 | opcode
    if (n < 126) header[1] = n
    else if (n < 65536) { header[1] = 126; header.writeUInt16BE(n, 2) }
    else { header[1] = 127; header.writeBigUInt64BE(BigInt(n), 2) }
    this.socket.write(Buffer.concat([header, payload]))
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** WebClient sends forms with nested objects (blocks, view…) JSON-encoded; other clients may send JSON. */
function parseBody(raw: string, contentType: string): Args {
  if (raw === '') return {}
  if (contentType.includes('application/json')) {
    const parsed: unknown = JSON.parse(raw)
    return typeof parsed === 'object' && parsed !== null ? (parsed as Args) : {}
  }
  if (contentType.includes('multipart/form-data')) return {} // file uploads are not played
  const args: Args = {}
  for (const [key, value] of new URLSearchParams(raw)) args[key] = PLAIN_STRING_ARGS.has(key) ? value : parseMaybe(value)
  return args
}

/** Arguments that are text, never JSON, even when they look like it (a comment "[1]" stays a string). */
const PLAIN_STRING_ARGS = new Set(['text', 'initial_comment', 'filename', 'title', 'alt_txt', 'alt_text'])

/**
 * The file in a POST to an upload_url: WebClient sends multipart/form-data with the bytes in a part
 * named `body`; curl -F sends a part with a filename; anything else is taken as the raw bytes.
 */
function uploadedFile(raw: Buffer, contentType: string): { bytes: Buffer; filename?: string } | undefined {
  if (!contentType.includes('multipart/form-data')) return { bytes: raw }
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  if (!boundary) return undefined
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  const parts: Array<{ name: string | undefined; filename: string | undefined; bytes: Buffer }> = []
  for (let at = raw.indexOf(delimiter); at !== -1;) {
    const start = at + delimiter.length
    if (raw.subarray(start, start + 2).toString('latin1') === '--') break // the closing delimiter
    const next = raw.indexOf(delimiter, start)
    if (next === -1) break
    const part = raw.subarray(start + 2, next - 2) // drop the CRLF after this delimiter and before the next
    const split = part.indexOf('\r\n\r\n')
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8')
      parts.push({ name: /\bname="([^"]*)"/i.exec(headers)?.[1], filename: /\bfilename="([^"]*)"/i.exec(headers)?.[1], bytes: Buffer.from(part.subarray(split + 4)) })
    }
    at = next
  }
  const file = parts.find((p) => p.name === 'body') ?? parts.find((p) => p.filename !== undefined) ?? parts.find((p) => p.name === 'file')
  return file && { bytes: file.bytes, ...(file.filename ? { filename: file.filename } : {}) }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from a PNG's first chunk, IHDR (right after the 8-byte signature); null if not a PNG. */
export function pngDimensions(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** A JSON-encoded object or array back to itself; anything else unchanged. */
function parseMaybe(value: unknown): any {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

function invalidArguments(...messages: string[]): Result {
  return err('invalid_arguments', { response_metadata: { messages } })
}

function tzOffsetSeconds(tz: string): number {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? ''
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(name)
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0
  } catch {
    return 0
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return
  const json = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(json)), ...headers })
  res.end(json)
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) })
  res.end(text)
}
