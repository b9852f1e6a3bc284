// Structured logs: LOG_LEVEL governs Bolt's lines too, and secrets never reach the output.
import { Writable } from 'node:stream'
import { LogLevel } from '@slack/logger'
import { describe, expect, it } from 'vitest'
import { boltLogger, createLogger, slackLogger } from '../src/logger.ts'

function capture() {
  const lines: string[] = []
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(...String(chunk).trim().split('\n')); done() } })
  return { stream, lines }
}

describe('logging', () => {
  it('keeps Bolt at LOG_LEVEL even though Bolt asks for INFO', () => {
    const { stream, lines } = capture()
    const bolt = boltLogger(createLogger('warn', stream))
    bolt.setLevel(LogLevel.INFO)
    bolt.info('quiet please')
    bolt.warn('listen', new Error('boom'))
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, source: 'bolt', detail: 'listen boom' })
  })

  it('writes one JSON object per event and redacts tokens', () => {
    const { stream, lines } = capture()
    const logger = createLogger('info', stream)
    logger.info({ team: 'T1', user: 'U1', requestId: 'r1', token: 'xoxb-secret', slack: { botToken: 'xoxb-secret' } }, 'slack_request')
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain('xoxb-secret')
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'slack_request', team: 'T1', user: 'U1', requestId: 'r1', token: '[redacted]' })
  })

  it('drops a Slack client\'s line below LOG_LEVEL before building it (the Web API client logs each request body at debug)', () => {
    const { stream, lines } = capture()
    const webApi = slackLogger(createLogger('info', stream), 'web-api')
    let serialized = 0
    const body = { toJSON: () => { serialized += 1; return { channel: 'C1', token: 'xoxb-secret' } } }
    webApi.debug('http request body:', body)
    expect(serialized).toBe(0)
    webApi.info('http request body:', body)
    expect(serialized).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain('xoxb-secret')
  })

  it('says nothing when silent', () => {
    const { stream, lines } = capture()
    const logger = createLogger('silent', stream)
    logger.error('nothing')
    boltLogger(logger).error('nothing either')
    expect(lines).toHaveLength(0)
  })
})
