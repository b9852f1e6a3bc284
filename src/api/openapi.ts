// The figures API described for its callers (OpenAPI 3.1), served at GET /api/v1/openapi.json.
// Its error lists come from errors.ts, which the handler's answers are typed by; test/api.test.ts
// checks that every route and status the handler answers is here.
import { entryModes, metricLimits } from '../domain/metrics.ts'
import { apiErrorCodes, type ApiErrorStatus } from './errors.ts'
import { metricKeys, metricRequestFields } from './request.ts'

const errorResponse = (status: ApiErrorStatus, description: string) => ({
  description: `${description} Codes: ${apiErrorCodes[status].join(', ')}.`,
  ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait before calling again.', schema: { type: 'integer' } } } } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})

const errorDescriptions: Record<ApiErrorStatus, string> = {
  400: 'The body or a header is wrong; `field` names the field.',
  401: 'No API key, an unknown one, or a revoked one.',
  404: 'No such campaign or goal in the key\'s workspace (or no such path).',
  405: 'The path does not take this method.',
  409: 'The campaign does not take figures now (before it is live, or once closed).',
  413: 'The body is larger than 16 KiB.',
  415: 'The body is not sent as application/json.',
  422: 'The Idempotency-Key was already used, within 24 hours, with a different body. Unprocessable rather than 409: the request conflicts with no state of the campaign, it reuses a key for another request (draft-ietf-httpapi-idempotency-key-header).',
  429: 'Too many calls with this key, or too many with a missing or wrong key from this address (checked before the key); wait Retry-After seconds.',
  503: 'The database did not answer; nothing was written. Try again after Retry-After seconds.',
}

const statuses = Object.keys(apiErrorCodes).map(Number) as ApiErrorStatus[]
const errorsOf = (list: readonly ApiErrorStatus[]) => Object.fromEntries(list.map((status) => [String(status), errorResponse(status, errorDescriptions[status])]))

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Campaign Desk figures API',
    version: '1.0.0',
    description: 'Send a campaign goal\'s figure for a day from a script or another system. It is saved as if typed in Slack (source "api"): pace, digest and history follow. Make a key with `/campaign settings api-keys` (workspace admins).',
  },
  servers: [{ url: '/' }],
  security: [{ apiKey: [] }],
  paths: {
    '/api/v1/metrics': {
      post: {
        operationId: 'saveFigure',
        summary: 'Save one goal\'s figure for a day (a second call for the same goal and day replaces it, keeping the old one in the history).',
        parameters: [{
          name: 'Idempotency-Key', in: 'header', required: false,
          description: 'Any unique string (a UUID). The same call again within 24 hours gets the same answer and changes nothing; a different body with the same key gets 422.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/FigureRequest' } } } },
        responses: {
          '201': { description: 'Saved: a new figure for that day.', content: { 'application/json': { schema: { $ref: '#/components/schemas/SavedFigure' } } } },
          '200': { description: 'Saved: it replaced the figure that day had.', content: { 'application/json': { schema: { $ref: '#/components/schemas/SavedFigure' } } } },
          ...errorsOf(statuses.filter((status) => status !== 405)),
        },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'openApi', summary: 'This document.', security: [],
        responses: { '200': { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } }, ...errorsOf([405]) },
      },
    },
  },
  components: {
    securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key, `cd_live_…`, shown once when made.' } },
    schemas: {
      FigureRequest: {
        type: 'object', additionalProperties: false, required: ['campaignId', 'date', 'value'],
        description: 'Name the goal by goalId or by metric, not both.',
        properties: {
          campaignId: { type: 'integer', minimum: 1 },
          goalId: { type: 'integer', minimum: 1 },
          metric: { type: 'string', description: `A goal's metric: ${metricKeys.join(', ')}, its name in English or Chinese (sign-ups, 注册数), or a custom metric's name.` },
          date: { type: 'string', format: 'date', description: 'The day (YYYY-MM-DD) in the campaign\'s window and not after its today.' },
          value: { oneOf: [{ type: 'number', minimum: 0 }, { type: 'string' }], description: 'The figure; revenue in the plan\'s currency (not cents), read as the Slack form reads it ("1,234.50").' },
          kind: { type: 'string', enum: [...entryModes], default: 'day', description: 'day: that day\'s own figure (adds up); total: the running total as of that day.' },
          note: { type: ['string', 'null'], maxLength: metricLimits.note },
        },
      },
      SavedFigure: {
        type: 'object', required: ['entry', 'goal', 'replaced'],
        properties: {
          entry: {
            type: 'object',
            properties: {
              id: { type: 'integer' }, campaignId: { type: 'integer' }, goalId: { type: 'integer' }, metric: { type: 'string' }, date: { type: 'string', format: 'date' },
              kind: { type: 'string', enum: [...entryModes] }, value: { type: 'number' }, currency: { type: ['string', 'null'] }, note: { type: ['string', 'null'] },
              source: { type: 'string', enum: ['typed', 'file', 'api'] }, version: { type: 'integer' },
            },
          },
          goal: { type: 'object', properties: { id: { type: 'integer' }, actual: { type: 'number' }, target: { type: 'number' }, asOf: { type: ['string', 'null'], format: 'date' } } },
          replaced: { type: 'boolean' },
        },
      },
      Error: {
        type: 'object', required: ['error'],
        properties: {
          error: {
            type: 'object', required: ['code', 'field', 'message'],
            properties: {
              code: { type: 'string', enum: [...new Set(statuses.flatMap((status) => apiErrorCodes[status]))] },
              field: { type: ['string', 'null'], enum: [...metricRequestFields, null] },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const
