// What operators see on GET /metrics: Prometheus text from prom-client. Requests by kind and
// outcome, acknowledgement latency, outbox rows by status, deliveries by outcome, 429s and retries,
// scheduler pass duration, installed workspaces, figures API calls by route and status and their
// duration, and Node's own process metrics. Every label value
// comes from a fixed list (a kind of request, an outcome, a status): never user text, never a token.
import client from 'prom-client'
import type { ApiObserver } from '../api/metricsApi.ts'
import type { DeliveryObserver } from '../jobs/dispatcher.ts'
import type { SchedulerObserver } from '../jobs/scheduler.ts'

/** The kinds of request Slack sends, as the label says them; anything else is `other`. */
const requestKinds = new Set(['command', 'block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'block_suggestion', 'event'])
export type RequestOutcome = 'ok' | 'error' | 'unhandled' | 'not_installed' | 'unavailable'

export function requestKindOf(body: { command?: unknown; type?: unknown; event?: unknown }): string {
  if (body.command !== undefined) return 'command'
  if (body.event !== undefined) return 'event'
  return typeof body.type === 'string' && requestKinds.has(body.type) ? body.type : 'other'
}

export type Telemetry = ReturnType<typeof createTelemetry>

export function createTelemetry(sources: {
  /** Outbox rows by status, counted when scraped. */
  outboxByStatus: () => Promise<Record<string, number>>
  /** Installed workspaces now (one with SLACK_BOT_TOKEN). */
  installedWorkspaces: () => Promise<number>
}) {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })

  const requests = new client.Counter({
    name: 'campaign_desk_slack_requests_total', help: 'Requests from Slack, by kind and outcome', labelNames: ['kind', 'outcome'] as const, registers: [registry],
  })
  const ackSeconds = new client.Histogram({
    name: 'campaign_desk_slack_ack_seconds', help: 'Time from a request arriving to its acknowledgement (Slack waits 3 s)',
    labelNames: ['kind'] as const, buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5], registers: [registry],
  })
  const apiRequests = new client.Counter({
    name: 'campaign_desk_api_requests_total', help: 'Figures API calls, by route (other: a path it does not serve) and HTTP status', labelNames: ['route', 'status'] as const, registers: [registry],
  })
  const apiSeconds = new client.Histogram({
    name: 'campaign_desk_api_request_seconds', help: 'Time from a figures API call arriving to its answer',
    labelNames: ['route'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  })
  const deliveries = new client.Counter({
    name: 'campaign_desk_deliveries_total', help: 'Outbox rows the dispatcher handled, by outcome', labelNames: ['outcome'] as const, registers: [registry],
  })
  const rateLimited = new client.Counter({
    name: 'campaign_desk_slack_rate_limited_total', help: 'Deliveries Slack answered with HTTP 429 (waited for Retry-After)', registers: [registry],
  })
  const retries = new client.Counter({
    name: 'campaign_desk_delivery_retries_total', help: 'Deliveries put back for a later attempt, by reason', labelNames: ['reason'] as const, registers: [registry],
  })
  const passSeconds = new client.Histogram({
    name: 'campaign_desk_scheduler_pass_seconds', help: 'Duration of a scheduler pass',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [registry],
  })
  const lastPass = new client.Gauge({
    name: 'campaign_desk_scheduler_last_pass_timestamp_seconds', help: 'When the last scheduler pass ended (Unix time)', registers: [registry],
  })
  new client.Gauge({
    name: 'campaign_desk_outbox_rows', help: 'Outbox rows by status', labelNames: ['status'] as const, registers: [registry],
    async collect() {
      this.reset()
      for (const [status, count] of Object.entries(await sources.outboxByStatus())) this.set({ status }, count)
    },
  })
  new client.Gauge({
    name: 'campaign_desk_installed_workspaces', help: 'Workspaces with the app installed now', registers: [registry],
    async collect() {
      this.set(await sources.installedWorkspaces())
    },
  })

  const delivery: DeliveryObserver = {
    delivered: (outcome) => deliveries.inc({ outcome }),
    rateLimited: () => rateLimited.inc(),
    retried: (reason) => retries.inc({ reason }),
  }
  const scheduler: SchedulerObserver = {
    passed: (seconds, endedAt) => {
      passSeconds.observe(seconds)
      lastPass.set(endedAt.getTime() / 1000)
    },
  }

  const api: ApiObserver = {
    answered: (route, status, seconds) => {
      apiRequests.inc({ route, status: String(status) })
      apiSeconds.observe({ route }, seconds)
    },
  }

  return {
    registry,
    delivery,
    scheduler,
    api,
    request(kind: string, outcome: RequestOutcome): void {
      requests.inc({ kind, outcome })
    },
    acked(kind: string, seconds: number): void {
      ackSeconds.observe({ kind }, seconds)
    },
    /** The Prometheus text and its content type. */
    async scrape(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
  }
}
