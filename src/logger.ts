// Structured logs: one JSON line per event, with team, user and request ids where known.
// Tokens and secrets are redacted wherever they appear as fields.
import { LogLevel, type Logger as BoltLogger } from '@slack/logger'
import { pino, type Logger } from 'pino'
import type { Config } from './config.ts'

export type { Logger }

export function createLogger(level: Config['logLevel'], destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'campaign-desk' },
      redact: {
        paths: [
          'token', '*.token', 'botToken', '*.botToken', 'signingSecret', '*.signingSecret', 'appToken', 'headers.authorization',
          // OAuth: what an install or a token refresh sends and receives.
          'access_token', '*.access_token', 'refresh_token', '*.refresh_token', 'client_secret', '*.client_secret',
          'botRefreshToken', '*.botRefreshToken', 'clientSecret', '*.clientSecret', 'stateSecret', '*.stateSecret',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? process.stdout,
  )
}

const boltToPino: Record<LogLevel, Logger['level']> = {
  [LogLevel.ERROR]: 'error', [LogLevel.WARN]: 'warn', [LogLevel.INFO]: 'info', [LogLevel.DEBUG]: 'debug',
}

/**
 * Bolt's, the Socket Mode client's and the Web API client's own messages (plain strings), through
 * the same structured logger: one JSON line each, `source` saying whose. Every Slack object the
 * app constructs gets one, so nothing of theirs reaches the terminal as plain text.
 */
export function slackLogger(logger: Logger, source: string): BoltLogger {
  let child = logger.child({ source })
  // A line below LOG_LEVEL is dropped before it is built: the Web API client logs every call's
  // whole body at debug (a card, a modal: kilobytes), and joining and scanning it for secrets
  // only to drop it was CPU on every Slack call a person waits for.
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    if (!child.isLevelEnabled(level)) return
    child[level]({ detail: withoutSecrets(parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ')) }, source)
  }
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // LOG_LEVEL governs: Bolt sets INFO on every logger it is given, which would undo 'warn' or 'silent'.
    setLevel: () => {},
    getLevel: () => (Object.entries(boltToPino).find(([, p]) => p === child.level)?.[0] ?? LogLevel.INFO) as LogLevel,
    setName: (name: string) => { child = logger.child({ source: name }) },
  }
}

/**
 * The Slack clients' own lines are text, not fields, so pino's redaction cannot reach into them:
 * a token-shaped word, and the client secret and code of an OAuth exchange (the Web API client
 * logs request bodies at debug), are blanked here.
 */
export function withoutSecrets(text: string): string {
  return text
    .replace(/\bxox[a-z]?[-.][A-Za-z0-9._-]+/g, '[redacted]')
    .replace(/("?(?:client_secret|code|refresh_token|access_token)"?\s*[:=]\s*"?)[^"&\s,}]+/g, '$1[redacted]')
}

export function boltLogger(logger: Logger): BoltLogger {
  return slackLogger(logger, 'bolt')
}
