// GET /healthz and GET /metrics on PORT, in both modes: beside /slack/events in HTTP mode (the
// receiver's routes), on a small server of their own in Socket Mode, so a container platform can
// probe and scrape either.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Logger } from '../logger.ts'
import { checkHealth, type HealthSources } from './health.ts'
import type { Telemetry } from './metrics.ts'

export type Route = (request: IncomingMessage, response: ServerResponse) => void

export function operationsRoutes(health: HealthSources, telemetry: Telemetry, logger: Logger): Record<string, Route> {
  return {
    '/healthz': (_request, response) => {
      checkHealth(health).then((report) => {
        if (report.status !== 'ok') logger.warn({ problems: report.problems }, 'health_check_failed')
        response.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        response.end(JSON.stringify(report))
      }, (error: Error) => {
        logger.error({ err: error }, 'health_check_crashed')
        if (!response.headersSent) response.writeHead(500).end()
      })
    },
    '/metrics': (_request, response) => {
      telemetry.scrape().then(({ contentType, body }) => {
        response.writeHead(200, { 'content-type': contentType })
        response.end(body)
      }, (error: Error) => {
        logger.error({ err: error }, 'metrics_failed')
        if (!response.headersSent) response.writeHead(500).end()
      })
    },
  }
}

/** Socket Mode: the routes on their own server at `port` (any other path: 404), and the figures API under its prefix. */
export function serveOperations(port: number, routes: Record<string, Route>, api?: { prefix: string; route: Route }): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (api && path.startsWith(api.prefix)) return api.route(request, response)
    const route = request.method === 'GET' ? routes[path] : undefined
    if (route) return route(request, response)
    response.writeHead(404).end()
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}
