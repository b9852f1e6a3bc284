// The OpenAPI document lists every route the figures API serves and every error it can answer:
// read from the handler's own source (each `failure(status, 'code')`) and from the checks whose
// codes it passes on (request.ts, the domain's entry check), so a new error left out of the
// document fails here.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { apiErrorCodes, type ApiErrorStatus } from '../../src/api/errors.ts'
import { apiPaths } from '../../src/api/metricsApi.ts'
import { openApiDocument } from '../../src/api/openapi.ts'
import type { MetricFieldErrorCode } from '../../src/domain/metrics.ts'

const source = (file: string) => readFileSync(path.resolve(import.meta.dirname, '../../src/api', file), 'utf8')
const responsesOf = (route: string, method: string) => (openApiDocument.paths as Record<string, Record<string, { responses: Record<string, { description: string }> }>>)[route]?.[method]?.responses

/** Every code the entry check of the domain can give: a code added there and not here fails tsc. */
const entryCodes: Record<MetricFieldErrorCode, null> = {
  required: null, not_a_number: null, negative: null, too_many_decimals: null, too_large: null,
  invalid_date: null, before_start: null, in_future: null, after_end: null, too_long: null,
}

describe('the OpenAPI document of the figures API', () => {
  it('is OpenAPI 3.1 with every route the handler serves, by its method', () => {
    expect(openApiDocument.openapi).toBe('3.1.0')
    expect(Object.keys(openApiDocument.paths).sort()).toEqual(Object.values(apiPaths).sort())
    expect(responsesOf(apiPaths.metrics, 'post')).toBeDefined()
    expect(responsesOf(apiPaths.openapi, 'get')).toBeDefined()
    const handler = source('metricsApi.ts')
    expect(handler).toContain("path === apiPaths.metrics ? 'POST' : path === apiPaths.openapi ? 'GET'")
  })

  it('lists the success answers and every error status and code the handler gives', () => {
    const handler = source('metricsApi.ts')
    const given = [...handler.matchAll(/failure\((\d{3}), '([a-z_]+)'/g)].map((m) => [Number(m[1]), m[2]!] as const)
    // Not vacuous: the handler's own refusals are found.
    expect(given.length).toBeGreaterThan(10)
    const fromRequest = [...source('request.ts').matchAll(/code: '([a-z_]+)'/g)].map((m) => m[1]!)
    expect(fromRequest.length).toBeGreaterThan(4)

    const codes = new Map<number, Set<string>>()
    const add = (status: number, code: string) => codes.set(status, (codes.get(status) ?? new Set()).add(code))
    for (const [status, code] of given) add(status, code)
    for (const code of Object.keys(entryCodes)) add(400, code)
    const listed = Object.values(apiErrorCodes).flat() as string[]
    for (const code of fromRequest) expect(listed, code).toContain(code)

    const metrics = responsesOf(apiPaths.metrics, 'post')!
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['200', '201']))
    for (const [status, set] of codes) {
      for (const code of set) expect(apiErrorCodes[status as ApiErrorStatus] as readonly string[], `${status} ${code}`).toContain(code)
    }
    for (const status of Object.keys(apiErrorCodes).map(Number) as ApiErrorStatus[]) {
      const documented = status === 405 ? responsesOf(apiPaths.openapi, 'get')! : metrics
      expect(documented[String(status)], String(status)).toBeDefined()
      for (const code of apiErrorCodes[status]) expect(documented[String(status)]!.description, `${status} ${code}`).toContain(code)
    }
    const enumerated = openApiDocument.components.schemas.Error.properties.error.properties.code.enum as readonly string[]
    expect([...enumerated].sort()).toEqual([...new Set(listed)].sort())
  })

  it('says the Retry-After of a 429 and a 503', () => {
    const metrics = responsesOf(apiPaths.metrics, 'post') as Record<string, { headers?: Record<string, unknown> }>
    expect(metrics['429']!.headers).toHaveProperty('Retry-After')
    expect(metrics['503']!.headers).toHaveProperty('Retry-After')
  })
})
