// All of the environment, read once and parsed by zod into one typed Config.
// Every missing or malformed variable is named at once, one short line each saying where to get
// it — never a stack trace, and never one problem per restart.
import fs from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'
import { z } from 'zod'

export type DatabaseTarget =
  | { provider: 'sqlite'; file: string; url: string }
  | { provider: 'postgresql'; url: string }

/** Many workspaces (issue 16): the app is installed by OAuth and keeps each workspace's tokens, encrypted. */
export type OAuthConfig = {
  clientId: string
  clientSecret: string
  stateSecret: string
  /** 32 bytes: AES-256-GCM key for the tokens at rest; `previousEncryptionKey` still reads older values. */
  encryptionKey: Buffer
  previousEncryptionKey: Buffer | undefined
  /** How long a workspace that left keeps its campaigns before they are deleted. */
  dataRetentionDays: number
}

export type Config = {
  slack: {
    /** Set: one workspace (its token). Unset: many workspaces installed by OAuth (`oauth`). */
    botToken: string | undefined
    signingSecret: string
    /** Present → Socket Mode; absent → HTTP mode on `port` at /slack/events. */
    appToken: string | undefined
    /** Web API base, e.g. GovSlack or a test server; undefined → Slack's own. */
    apiUrl: string | undefined
  }
  port: number
  database: DatabaseTarget
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Present → many workspaces, installed at /slack/install (HTTP mode). */
  oauth?: OAuthConfig
}

export const defaultSqliteFile = 'data/campaign-desk.db'

const where = {
  SLACK_BOT_TOKEN: 'your Slack app → OAuth & Permissions → Bot User OAuth Token (xoxb-…)',
  SLACK_SIGNING_SECRET: 'your Slack app → Basic Information → App Credentials → Signing Secret',
  SLACK_APP_TOKEN: 'your Slack app → Basic Information → App-Level Tokens (xapp-…, scope connections:write); leave it out for HTTP mode',
  SLACK_API_URL: 'an http(s) URL ending in /api/, e.g. https://slack-gov.com/api/; leave it out for Slack',
  PORT: 'a TCP port number, e.g. 3000',
  DATABASE_URL: 'leave it out for a SQLite file, or give file:./path.db or postgresql://user:pass@host:5432/db',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  SLACK_CLIENT_ID: 'your Slack app → Basic Information → App Credentials → Client ID; for many workspaces installed by OAuth (leave SLACK_BOT_TOKEN out)',
  SLACK_CLIENT_SECRET: 'your Slack app → Basic Information → App Credentials → Client Secret',
  SLACK_STATE_SECRET: 'any long random text you choose, e.g. from `openssl rand -hex 32`; it signs the install links',
  TOKEN_ENCRYPTION_KEY: 'make one with `openssl rand -base64 32` (32 random bytes, base64) and keep it: it encrypts the workspaces\' tokens',
  TOKEN_ENCRYPTION_KEY_PREVIOUS: 'the key TOKEN_ENCRYPTION_KEY had before you rotated it (32 bytes, base64); leave it out otherwise',
  DATA_RETENTION_DAYS: 'a whole number of days, 1 to 3650 (default 30)',
} as const

/** An empty or blank value is not set, as `.env.example` and the README say: `SLACK_BOT_TOKEN=` is missing, not malformed. */
export function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== ''
}

const unsetIfBlank = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && !isSet(value) ? undefined : value), schema)

const optionalText = unsetIfBlank(z.string().trim().optional())

/** The values .env.example ships with, refused by name so that a copied file never starts half-configured. */
export const exampleValues = new Set([
  'xoxb-replace-me',
  'replace-with-your-signing-secret',
  'xapp-replace-me',
  'postgresql://campaign_desk:CHANGE-ME@localhost:5432/campaign_desk',
])

// Words of a template, never of a real credential: Slack's tokens are digits and letters after
// their prefix, signing secrets are hex.
const placeholderMarkers = /replace|your[-_]|change[-_]?me|placeholder|<[^>]*>|…/i

/** True for a value that was left as a template (`xoxb-replace-me`, `<your token>`, `changeme`…). */
export function isPlaceholder(value: string): boolean {
  return exampleValues.has(value) || placeholderMarkers.test(value)
}

const notPlaceholder = (what: string) => [(value: string | undefined) => value === undefined || !isPlaceholder(value), `is still a placeholder, not ${what}`] as const

/** 32 random bytes in base64: never echoed back, only its length. */
const encryptionKey = z.string().transform((text, context) => {
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0)
  if (bytes.length === 32) return bytes
  context.addIssue({ code: 'custom', message: bytes.length === 0 ? 'is not base64' : `must be 32 bytes in base64, not ${bytes.length}` })
  return z.NEVER
})

const environmentSchema = z.object({
  // Required unless the app is installed by OAuth (modeProblems below says which).
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-')
    .refine(...notPlaceholder('your bot token')).optional()),
  SLACK_SIGNING_SECRET: unsetIfBlank(z.string({ error: 'is missing' }).trim().min(8, 'looks too short')
    .refine(...notPlaceholder('your signing secret'))),
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-')
    .refine(...notPlaceholder('your app-level token')).optional()),
  SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  PORT: optionalText
    .pipe(z.string().regex(/^\d{1,5}$/, 'must be a port number').transform(Number).refine((port) => port <= 65535, 'must be a port number').optional())
    .transform((port) => port ?? 3000),
  DATABASE_URL: optionalText.pipe(
    z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgresql://')
      .refine(...notPlaceholder('a real database address')).optional(),
  ),
  LOG_LEVEL: optionalText
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'is not a log level').optional())
    .transform((level) => level ?? 'info'),
  SLACK_CLIENT_ID: optionalText.pipe(z.string().refine(...notPlaceholder('your client id')).optional()),
  SLACK_CLIENT_SECRET: optionalText.pipe(z.string().min(8, 'looks too short').refine(...notPlaceholder('your client secret')).optional()),
  SLACK_STATE_SECRET: optionalText.pipe(z.string().min(16, 'is too short (at least 16 characters)').refine(...notPlaceholder('a secret of your own')).optional()),
  TOKEN_ENCRYPTION_KEY: optionalText.pipe(encryptionKey.optional()),
  TOKEN_ENCRYPTION_KEY_PREVIOUS: optionalText.pipe(encryptionKey.optional()),
  DATA_RETENTION_DAYS: optionalText
    .pipe(z.string().regex(/^\d{1,4}$/, 'must be a whole number of days').transform(Number).refine((days) => days >= 1 && days <= 3650, 'must be 1 to 3650 days').optional())
    .transform((days) => days ?? 30),
})

/** The variables that choose many workspaces installed by OAuth, and what that mode needs. */
const oauthVariables = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'TOKEN_ENCRYPTION_KEY'] as const

/**
 * What the choice between one workspace (SLACK_BOT_TOKEN) and many (the OAuth variables) asks for,
 * one problem per variable: read from the raw environment, so it is said together with the rest.
 */
function modeProblems(env: Record<string, string | undefined>): Array<[string, string]> {
  const manyWorkspaces = oauthVariables.slice(0, 3).some((name) => isSet(env[name]))
  if (!manyWorkspaces) return isSet(env.SLACK_BOT_TOKEN) ? [] : [['SLACK_BOT_TOKEN', 'is missing']]
  if (isSet(env.SLACK_BOT_TOKEN)) {
    const given = oauthVariables.find((name) => isSet(env[name]))!
    return [[given, 'is set together with SLACK_BOT_TOKEN: leave SLACK_BOT_TOKEN out to serve many workspaces installed by OAuth, or the SLACK_CLIENT_… variables out for one workspace']]
  }
  const problems: Array<[string, string]> = oauthVariables.filter((name) => !isSet(env[name])).map((name) => [name, 'is missing'])
  if (isSet(env.SLACK_APP_TOKEN)) problems.push(['SLACK_APP_TOKEN', 'is set, but installing by OAuth needs HTTP mode (Slack redirects the browser to this app): leave SLACK_APP_TOKEN out'])
  return problems
}

/** Every problem of the environment, one line each (the message is those lines, joined). */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}

/** Parses the environment; throws a ConfigError naming every variable to fix, in the order of `.env.example`. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = environmentSchema.safeParse(env)
  // One line per variable (its first issue), never the value itself: it may be a secret.
  const firstIssue = new Map<string, string>()
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const variable = String(issue.path[0])
    if (!firstIssue.has(variable)) firstIssue.set(variable, issue.message)
  }
  for (const [variable, problem] of modeProblems(env)) if (!firstIssue.has(variable)) firstIssue.set(variable, problem)
  if (!parsed.success || firstIssue.size > 0) {
    const order = Object.keys(where)
    const variables = [...firstIssue.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b))
    throw new ConfigError(variables.map((variable) => `${variable} ${firstIssue.get(variable)} — ${where[variable as keyof typeof where]}`))
  }
  const e = parsed.data
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL ? withTrailingSlash(e.SLACK_API_URL) : undefined,
    },
    port: e.PORT,
    database: databaseTarget(e.DATABASE_URL, cwd),
    logLevel: e.LOG_LEVEL,
    ...(e.SLACK_BOT_TOKEN === undefined ? {
      oauth: {
        clientId: e.SLACK_CLIENT_ID!, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET!,
        encryptionKey: e.TOKEN_ENCRYPTION_KEY!, previousEncryptionKey: e.TOKEN_ENCRYPTION_KEY_PREVIOUS, dataRetentionDays: e.DATA_RETENTION_DAYS,
      },
    } : {}),
  }
}

function databaseTarget(url: string | undefined, cwd: string): DatabaseTarget {
  if (url && !url.startsWith('file:')) return { provider: 'postgresql', url }
  const file = path.resolve(cwd, url ? url.slice('file:'.length) : defaultSqliteFile)
  return { provider: 'sqlite', file, url: `file:${file}` }
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

/**
 * The process environment, with a `.env` file in `cwd` filling in what the environment lacks. A
 * variable set empty in the environment counts as not set, so the file's value stands.
 */
export function readEnvironment(cwd = process.cwd()): Record<string, string | undefined> {
  const file = path.join(cwd, '.env')
  const fromFile = fs.existsSync(file) ? parseEnv(fs.readFileSync(file, 'utf8')) : {}
  const fromProcess = Object.fromEntries(Object.entries(process.env).filter(([name, value]) => isSet(value) || !isSet(fromFile[name])))
  return { ...fromFile, ...fromProcess }
}
