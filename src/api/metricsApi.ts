// The figures API (issue 17): POST /api/v1/metrics saves one goal's figure for a day, sent by a
// script with a workspace's API key; GET /api/v1/openapi.json describes it. Served on PORT beside
// /slack/events in HTTP mode and beside /healthz in Socket Mode, never through Slack's signature
// check: the bearer key is its authentication, and it names the workspace.
//
// A call is answered in this order: too many failed keys from the client's address (429), the key
// (401), its limit (429), the body's type, size and
// shape (415, 413, 400), an Idempotency-Key already answered (the same answer, or 422), the
// campaign and goal in the key's workspace (404, 409), the entry's checks (400), then the save
// (201 new, 200 replaced). The save and the kept answer are one transaction; a database that does
// not answer is 503, with nothing written.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Clock } from '../clock.ts'
import type { Campaign } from '../domain/campaign.ts'
import { acceptsFigures } from '../domain/metrics.ts'
import { currencyFractionDigits } from '../domain/money.ts'
import type { RateLimit } from '../domain/rateLimit.ts'
import type { Logger } from '../logger.ts'
import { isUniqueViolation, sha256, type ApiKeyStore, type StoredAnswer } from '../store/apiKeys.ts'
import type { CampaignFigures, MetricStore } from '../store/metrics.ts'
import { failure, type ApiErrorBody, type ApiFailure } from './errors.ts'
import { createFailedAuthLimiter } from './failedAuthLimiter.ts'
import { createKeyLimiter } from './limiter.ts'
import { openApiDocument } from './openapi.ts'
import { checkRequestEntry, findGoal, readMetricRequest, type MetricRequest } from './request.ts'

export const apiPaths = { metrics: '/api/v1/metrics', openapi: '/api/v1/openapi.json' } as const
/** Every path under this is the API's (its own 404s and 405s, in JSON). */
export const apiPrefix = '/api/'
/** A figure is a few hundred bytes; anything near this is not one. */
export const maxBodyBytes = 16 * 1024
const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/

export type ApiRoute = (request: IncomingMessage, response: ServerResponse) => void

export type MetricsApiDeps = {
  apiKeys: ApiKeyStore
  metrics: Pick<MetricStore, 'figures' | 'saveEntries'>
  clock: Clock
  logger: Logger
  /** The campaign's date now in its time zone, as the Slack surfaces reckon it. */
  todayOf: (campaign: Campaign) => Promise<string>
  rateLimit?: RateLimit
  /** Failed authentications per client address (failedAuthLimiter.ts has the default). */
  failedAuthLimit?: RateLimit
  /** Told of every answer, for /metrics. */
  observer?: ApiObserver
}

/** The route an answer is counted under: one of the API's paths, or `other` (never the path a caller made up). */
export type ApiRouteLabel = (typeof apiPaths)[keyof typeof apiPaths] | 'other'
export type ApiObserver = { answered(route: ApiRouteLabel, status: number, seconds: number): void }

/** What was stored, as the API answers it: money in the currency's units, not minor units. */
export type SavedFigure = {
  entry: { id: number; campaignId: number; goalId: number; metric: string; date: string; kind: string; value: number; currency: string | null; note: string | null; source: string; version: number }
  goal: { id: number; actual: number; target: number; asOf: string | null }
  replaced: boolean
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> }

class TooLarge extends Error {}

/** The body as text, refusing more than `limit` bytes without reading it all. */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new TooLarge())
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.removeAllListeners('data')
        request.resume()
        reject(new TooLarge())
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/** The same request whatever its keys' order: what an Idempotency-Key's answer is matched by. */
function requestHash(request: MetricRequest): string {
  const sorted = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
  return sha256(`POST ${apiPaths.metrics}\n${JSON.stringify(sorted)}`)
}

function savedFigure(figures: CampaignFigures, goalId: number, date: string, edited: number): SavedFigure {
  const goal = figures.goals.find((g) => g.id === goalId)!
  const entry = goal.entries.find((e) => e.onDate === date)!
  const scale = goal.isMoney ? 10 ** currencyFractionDigits(figures.currency) : 1
  const inUnits = (value: number) => (goal.isMoney ? value / scale : value)
  return {
    entry: {
      id: entry.id, campaignId: figures.campaign.id, goalId, metric: goal.metric === 'custom' ? (goal.customMetric ?? 'custom') : goal.metric,
      date: entry.onDate, kind: entry.mode, value: inUnits(entry.value), currency: goal.isMoney ? figures.currency : null,
      note: entry.note, source: entry.source, version: entry.version,
    },
    goal: { id: goal.id, actual: inUnits(goal.actual), target: inUnits(goal.target), asOf: goal.actualAsOf },
    replaced: edited > 0,
  }
}

const errorAnswer = (f: ApiFailure): Answer => ({
  status: f.status, body: { error: { code: f.code, field: f.field ?? null, message: f.message } } satisfies ApiErrorBody, ...(f.headers ? { headers: f.headers } : {}),
})

export function createMetricsApi(deps: MetricsApiDeps): ApiRoute {
  const limiter = createKeyLimiter(deps.rateLimit)
  const failedAuth = createFailedAuthLimiter(deps.failedAuthLimit)
  const log = deps.logger.child({ source: 'api' })

  /** An answer kept for this Idempotency-Key: the same again for the same request, 422 for another. */
  const replay = (kept: StoredAnswer, hash: string): Answer => kept.requestHash === hash
    ? { status: kept.status, body: JSON.parse(kept.body) as unknown, headers: { 'idempotent-replayed': 'true' } }
    : errorAnswer(failure(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different body in the last 24 hours: use a new key for a new figure.', null))

  async function postMetric(request: IncomingMessage, context: { team?: string; key?: number }): Promise<Answer> {
    const now = deps.clock.now()
    // The connection's address: no proxy is trusted to say the client's (failedAuthLimiter.ts).
    const address = request.socket.remoteAddress ?? 'unknown'
    const wait = failedAuth.refusedFor(address, now.getTime())
    if (wait !== null) {
      return errorAnswer(failure(429, 'too_many_failed_keys', `Too many calls with a missing or wrong API key from this address: try again in ${wait} s.`, null, { 'retry-after': String(wait) }))
    }
    const authorization = request.headers.authorization ?? ''
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]
    const unauthorized = (code: 'missing_key' | 'unknown_key' | 'revoked_key', message: string) => {
      failedAuth.failed(address, now.getTime())
      return errorAnswer(failure(401, code, message, null, { 'www-authenticate': 'Bearer realm="campaign-desk"' }))
    }
    if (!bearer) return unauthorized('missing_key', 'Send the workspace API key as "Authorization: Bearer <key>" (made in /campaign settings api-keys).')
    const key = await deps.apiKeys.check(bearer, now)
    if (key.status === 'unknown') return unauthorized('unknown_key', 'This API key is not known.')
    if (key.status === 'revoked') return unauthorized('revoked_key', 'This API key was revoked.')
    context.team = key.teamId
    context.key = key.keyId

    const take = limiter.take(key.keyId, now.getTime())
    if (!take.allowed) {
      return errorAnswer(failure(429, 'rate_limited', `Too many calls with this key: try again in ${take.retryAfterSeconds} s.`, null, { 'retry-after': String(take.retryAfterSeconds) }))
    }

    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/json') return errorAnswer(failure(415, 'unsupported_media_type', 'Send the body as JSON (Content-Type: application/json).'))
    let text: string
    try {
      text = await readBody(request, maxBodyBytes)
    } catch (error) {
      if (error instanceof TooLarge) return errorAnswer(failure(413, 'body_too_large', `The body is larger than ${maxBodyBytes} bytes.`))
      throw error
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return errorAnswer(failure(400, 'invalid_json', 'The body is not valid JSON.'))
    }
    const read = readMetricRequest(json)
    if (!read.ok) return errorAnswer(failure(400, read.error.code, read.error.message, read.error.field))
    const body = read.request

    const idempotencyHeader = request.headers['idempotency-key']
    const idempotencyKey = Array.isArray(idempotencyHeader) ? idempotencyHeader[0] : idempotencyHeader
    if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
      return errorAnswer(failure(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID, say).'))
    }
    const hash = requestHash(body)
    const scope = idempotencyKey === undefined ? null : { teamId: key.teamId, keyId: key.keyId, idempotencyKey }
    if (scope) {
      const kept = await deps.apiKeys.answerFor({ ...scope, at: now })
      if (kept) return replay(kept, hash)
    }

    const figures = await deps.metrics.figures(key.teamId, body.campaignId)
    if (!figures) return errorAnswer(failure(404, 'campaign_not_found', `This workspace has no campaign ${body.campaignId}.`, 'campaignId'))
    if (!acceptsFigures(figures.campaign.stage)) {
      return errorAnswer(failure(409, 'campaign_not_accepting_figures', `The campaign is ${figures.campaign.stage}: figures are taken while it is live and in its retrospective.`, 'campaignId'))
    }
    const chosen = findGoal(figures.goals, body)
    if (!chosen.ok) {
      return errorAnswer(chosen.status === 400 ? failure(400, chosen.error.code, chosen.error.message, chosen.error.field) : failure(404, chosen.error.code, chosen.error.message, chosen.error.field))
    }
    const checked = checkRequestEntry(body, chosen.goal, figures, await deps.todayOf(figures.campaign))
    if (!checked.ok) return errorAnswer(failure(400, checked.error.code, checked.error.message, checked.error.field))

    const goalId = chosen.goal.id
    try {
      const saved = await deps.metrics.saveEntries({
        teamId: key.teamId, campaignId: figures.campaign.id, reportedBy: key.createdBy, at: now, source: 'api',
        entries: [{ goalId, entry: checked.entry }],
        ...(scope ? {
          alsoWrite: async (tx, done) => {
            const answer = savedFigure(done.figures, goalId, checked.entry.onDate, done.edited)
            await deps.apiKeys.keepAnswer(tx, { ...scope, at: now, answer: { requestHash: hash, status: answer.replaced ? 200 : 201, body: JSON.stringify(answer) } })
          },
        } : {}),
      })
      switch (saved.outcome) {
        case 'not_found': return errorAnswer(failure(404, 'campaign_not_found', `This workspace has no campaign ${body.campaignId}.`, 'campaignId'))
        case 'goal_not_found': return errorAnswer(failure(404, 'goal_not_found', `The campaign has no goal ${saved.goalId}.`, 'goalId'))
        case 'saved': {
          const answer = savedFigure(saved.figures, goalId, checked.entry.onDate, saved.edited)
          log.info({ team: key.teamId, key: key.keyId, campaign: figures.campaign.id, goal: goalId, replaced: answer.replaced }, 'api_figure_saved')
          return { status: answer.replaced ? 200 : 201, body: answer }
        }
      }
    } catch (error) {
      // The same Idempotency-Key sent twice at once: the other call's save stood, this one's was rolled back.
      if (scope && isUniqueViolation(error)) {
        const kept = await deps.apiKeys.answerFor({ ...scope, at: now })
        if (kept) return replay(kept, hash)
      }
      throw error
    }
  }

  async function answer(request: IncomingMessage, path: string, context: { team?: string; key?: number }): Promise<Answer> {
    const allowed = path === apiPaths.metrics ? 'POST' : path === apiPaths.openapi ? 'GET' : null
    if (!allowed) return errorAnswer(failure(404, 'not_found', `No API at ${path}. See ${apiPaths.openapi}.`))
    if (request.method !== allowed) return errorAnswer(failure(405, 'method_not_allowed', `${path} takes ${allowed}.`, null, { allow: allowed }))
    if (path === apiPaths.openapi) return { status: 200, body: openApiDocument }
    return postMetric(request, context)
  }

  return (request, response) => {
    const startedAt = performance.now()
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const context: { team?: string; key?: number } = {}
    answer(request, path, context).catch((error: unknown) => {
      // The database (or anything under it) did not answer: nothing was written (one transaction).
      log.error({ err: error, team: context.team, key: context.key }, 'api_request_failed')
      return errorAnswer(failure(503, 'unavailable', 'The figures could not be saved just now; nothing was changed. Try again shortly.', null, { 'retry-after': '5' }))
    }).then((result) => {
      const code = (result.body as Partial<ApiErrorBody>)?.error?.code
      const route: ApiRouteLabel = path === apiPaths.metrics || path === apiPaths.openapi ? path : 'other'
      deps.observer?.answered(route, result.status, (performance.now() - startedAt) / 1000)
      log[result.status >= 500 ? 'warn' : 'info']({ team: context.team, key: context.key, method: request.method, path, status: result.status, code, ms: Math.round(performance.now() - startedAt) }, 'api_request')
      if (response.headersSent) return
      // A refused body may still be arriving: close the connection rather than read it.
      const closing = result.status === 413 ? { connection: 'close' } : {}
      response.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...closing, ...result.headers })
      response.end(JSON.stringify(result.body))
    }, () => {})
  }
}
