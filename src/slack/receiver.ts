// Slack's HTTP requests at /slack/events, received with Bolt's own public building blocks (signature
// check, body parsing, the ack and its 3-s timer) and one step Bolt's HTTPReceiver lacks: the body
// is checked (inbound.ts) before Bolt's App sees it. Bolt's receiver read `body.ssl_check` outside
// any try, so a signed `payload=null` was an unhandled rejection that ended the process; here a
// malformed body is answered 400 with one log line, and nothing a request holds escapes as a throw.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { HTTPModuleFunctions as http, HTTPResponseAck, type App, type Receiver, type ReceiverEvent } from '@slack/bolt'
import type { Logger as BoltLogger } from '@slack/logger'
import type { Logger } from '../logger.ts'
import { requestKindOf } from '../telemetry/metrics.ts'
import { readInbound } from './inbound.ts'

export type Route = (request: IncomingMessage, response: ServerResponse) => void

export type SlackReceiverOptions = {
  signingSecret: string
  /** Where Slack POSTs events, commands and interactions. */
  path: string
  /** GET routes beside it, e.g. /healthz. */
  routes: Record<string, Route>
  logger: Logger
  /** Bolt's ack logs through this (e.g. a request not acked within 3 s). */
  boltLogger: BoltLogger
  /**
   * Many workspaces (OAuth install): Bolt's App authorizes every request with this (it reads
   * `receiver.installer.authorize`); each request then carries `installUrl`, the install page's
   * address as this request reached us, for a workspace that has not installed the app.
   */
  installer?: { authorize: (...args: never[]) => Promise<unknown>; installPath: string }
  /** Told how long each request took to be acknowledged, by its kind (telemetry/metrics.ts). */
  onAcked?: (kind: string, seconds: number) => void
  /** Every path under `prefix`, any method, is answered by `route`: the figures API (src/api/), with its own auth. */
  api?: { prefix: string; route: Route }
}

export class SlackReceiver implements Receiver {
  private app: App | undefined
  private server: Server | undefined
  readonly installer: SlackReceiverOptions['installer']

  constructor(private readonly options: SlackReceiverOptions) {
    this.installer = options.installer
  }

  init(app: App): void {
    this.app = app
  }

  /** `host` unset: every interface, as Slack must reach it; the sandbox gives 127.0.0.1. */
  start(port: number, host?: string): Promise<Server> {
    if (this.server) return Promise.reject(new Error('the Slack receiver is already started'))
    const server = createServer((request, response) => this.route(request, response))
    // Keep idle connections longer than the proxies and clients in front usually do (a load
    // balancer's 60 s): with Node's 5 s, a client reusing a connection the app had just closed
    // got ECONNRESET.
    server.keepAliveTimeout = 65_000
    server.headersTimeout = 66_000
    this.server = server
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, ...(host === undefined ? [] : [host]), () => {
        server.off('error', reject)
        resolve(server)
      })
    })
  }

  /** Stops taking requests; those under way finish (the app counts them, see app.ts). */
  stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return Promise.resolve()
    return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
  }

  private route(request: IncomingMessage, response: ServerResponse): void {
    const path = pathOf(request.url)
    if (path === this.options.path && request.method === 'POST') {
      this.receive(request, response, performance.now()).catch((error: unknown) => {
        // Nothing above is meant to throw: if something does, it is our fault, not the client's.
        this.options.logger.error({ err: error }, 'slack_request_failed')
        if (!response.headersSent) http.buildNoBodyResponse(response, 500)
      })
      return
    }
    if (path !== null && this.options.api && path.startsWith(this.options.api.prefix)) return this.options.api.route(request, response)
    const custom = path !== null && request.method === 'GET' ? this.options.routes[path] : undefined
    if (custom) return custom(request, response)
    http.buildNoBodyResponse(response, 404)
  }

  private async receive(request: IncomingMessage, response: ServerResponse, arrivedAt: number): Promise<void> {
    const { logger } = this.options
    let buffered
    try {
      buffered = await http.parseAndVerifyHTTPRequest({ signingSecret: this.options.signingSecret }, request)
    } catch (error) {
      const tooLarge = http.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)
      const status = tooLarge ? 413 : 401
      logger.warn({ status, reason: (error as Error).message }, 'slack_request_refused')
      return http.buildNoBodyResponse(response, status)
    }

    let body: unknown
    try {
      body = http.parseHTTPRequestBody(buffered)
    } catch (error) {
      logger.warn({ status: 400, reason: `body is not JSON (${(error as Error).message})` }, 'slack_request_malformed')
      return http.buildNoBodyResponse(response, 400)
    }

    const inbound = readInbound(body)
    switch (inbound.verdict) {
      case 'malformed':
        logger.warn({ status: 400, reason: inbound.reason }, 'slack_request_malformed')
        return http.buildNoBodyResponse(response, 400)
      case 'ssl_check':
        return http.buildSSLCheckResponse(response)
      case 'url_verification':
        return http.buildUrlVerificationResponse(response, { challenge: inbound.challenge })
      case 'unroutable':
        // Bolt has no kind of listener for it and would hold it until its 3-s timeout, then 404.
        logger.info({ status: 200, kind: inbound.type }, 'slack_request_unroutable')
        return http.buildContentResponse(response, undefined)
      case 'dispatch':
        break
    }

    const checkedBody = body as ReceiverEvent['body']
    const ack = new HTTPResponseAck({
      logger: this.options.boltLogger,
      // Ack first, work after: the answer goes out when a listener acks, not when it returns.
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: checkedBody,
      httpResponse: response,
    })
    const retryNum = http.extractRetryNumFromHTTPRequest(request)
    const retryReason = http.extractRetryReasonFromHTTPRequest(request)
    const boundAck = ack.bind()
    const onAcked = this.options.onAcked
    let acked = false
    const event: ReceiverEvent = {
      body: checkedBody,
      ack: onAcked ? async (answer) => {
        if (!acked) {
          acked = true
          onAcked(requestKindOf(checkedBody as Parameters<typeof requestKindOf>[0]), (performance.now() - arrivedAt) / 1000)
        }
        return boundAck(answer)
      } : boundAck,
      ...(retryNum === undefined ? {} : { retryNum }),
      ...(retryReason === undefined ? {} : { retryReason }),
      ...(this.installer ? { customProperties: { installUrl: installUrlOf(request, this.installer.installPath) } } : {}),
    }
    try {
      await this.app?.processEvent(event)
    } catch (error) {
      logger.error({ err: error }, 'slack_request_failed')
      if (!response.headersSent) {
        ack.ack() // stops the 3-s timer: this request is answered now
        http.buildNoBodyResponse(response, 500)
      }
    }
  }
}

/** The install page as the person's Slack reached us (behind a proxy: its forwarded host and scheme). */
function installUrlOf(request: IncomingMessage, installPath: string): string | null {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim()
  const host = first(request.headers['x-forwarded-host']) ?? first(request.headers.host)
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return null
  const scheme = first(request.headers['x-forwarded-proto']) === 'http' ? 'http' : 'https'
  return `${scheme}://${host}${installPath}`
}

/** The path of a request target, or null when it is not one (`//`, garbage). */
function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname
  } catch {
    return null
  }
}
