import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseEnv } from 'node:util'
import { ConfigError, defaultSqliteFile, parseConfig, readEnvironment } from '../src/config.ts'

const cwd = path.join(os.tmpdir(), 'campaign-desk-app')
const minimal = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: '0123456789abcdef' }

/** The ConfigError that parsing `env` throws (fails the test when it does not throw one). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env, cwd)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`)
}

describe('parseConfig', () => {
  it('reads a full HTTP-mode environment', () => {
    const config = parseConfig({
      ...minimal,
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
      PORT: '8080',
      DATABASE_URL: 'file:./campaigns.db',
      LOG_LEVEL: 'debug',
    }, cwd)
    expect(config).toEqual({
      slack: { botToken: 'xoxb-1-abc', signingSecret: '0123456789abcdef', appToken: undefined, apiUrl: 'http://127.0.0.1:4000/api/' },
      port: 8080,
      database: { provider: 'sqlite', file: path.join(cwd, 'campaigns.db'), url: `file:${path.join(cwd, 'campaigns.db')}` },
      logLevel: 'debug',
    })
  })

  it('needs only the two Slack secrets; everything else has a default', () => {
    const config = parseConfig(minimal, cwd)
    expect(config.slack.appToken).toBeUndefined()
    expect(config.slack.apiUrl).toBeUndefined()
    expect(config.port).toBe(3000)
    expect(config.logLevel).toBe('info')
    expect(config.database).toEqual({
      provider: 'sqlite',
      file: path.join(cwd, 'data', 'campaign-desk.db'),
      url: `file:${path.join(cwd, 'data', 'campaign-desk.db')}`,
    })
    expect(defaultSqliteFile).toBe('data/campaign-desk.db')
  })

  it('treats empty and blank values as absent', () => {
    const config = parseConfig({ ...minimal, SLACK_APP_TOKEN: '', SLACK_API_URL: '  ', PORT: '', DATABASE_URL: '', LOG_LEVEL: ' ' }, cwd)
    expect(config.slack.appToken).toBeUndefined()
    expect(config.slack.apiUrl).toBeUndefined()
    expect(config.port).toBe(3000)
    expect(config.logLevel).toBe('info')
    expect(config.database).toMatchObject({ provider: 'sqlite', file: path.join(cwd, defaultSqliteFile) })
  })

  it('trims the secrets (a pasted token often carries a space or newline)', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: ' xoxb-1-abc\n', SLACK_SIGNING_SECRET: '\t0123456789abcdef ' }, cwd)
    expect(config.slack.botToken).toBe('xoxb-1-abc')
    expect(config.slack.signingSecret).toBe('0123456789abcdef')
  })

  it('ignores variables it does not know', () => {
    expect(() => parseConfig({ ...minimal, HOME: '/root', SOMETHING_ELSE: 'x' }, cwd)).not.toThrow()
  })

  describe('DATABASE_URL', () => {
    it('file:./x.db is a SQLite file resolved against cwd', () => {
      expect(parseConfig({ ...minimal, DATABASE_URL: 'file:./x.db' }, cwd).database).toEqual({
        provider: 'sqlite', file: path.join(cwd, 'x.db'), url: `file:${path.join(cwd, 'x.db')}`,
      })
    })

    it('file:x.db and file:../x.db resolve the same way', () => {
      expect(parseConfig({ ...minimal, DATABASE_URL: 'file:x.db' }, cwd).database).toMatchObject({ file: path.join(cwd, 'x.db') })
      expect(parseConfig({ ...minimal, DATABASE_URL: 'file:../x.db' }, cwd).database).toMatchObject({ file: path.resolve(cwd, '..', 'x.db') })
    })

    it('an absolute file: path stays as it is', () => {
      const file = path.join(os.tmpdir(), 'elsewhere', 'cd.db')
      expect(parseConfig({ ...minimal, DATABASE_URL: `file:${file}` }, cwd).database).toEqual({ provider: 'sqlite', file, url: `file:${file}` })
    })

    it('postgresql:// and postgres:// are PostgreSQL, the URL untouched', () => {
      const url = 'postgresql://desk:s3cret@db.internal:5432/campaigns?schema=public'
      expect(parseConfig({ ...minimal, DATABASE_URL: url }, cwd).database).toEqual({ provider: 'postgresql', url })
      expect(parseConfig({ ...minimal, DATABASE_URL: 'postgres://desk@db/campaigns' }, cwd).database).toEqual({
        provider: 'postgresql', url: 'postgres://desk@db/campaigns',
      })
    })

    it.each(['mysql://x', 'sqlite:./x.db', './x.db', 'campaigns.db', 'http://db'])('refuses %s, naming DATABASE_URL', (url) => {
      const error = configError({ ...minimal, DATABASE_URL: url })
      expect(error.message).toMatch(/^DATABASE_URL /)
      expect(error.message).toContain('postgresql://')
    })
  })

  describe('Socket Mode or HTTP', () => {
    it('SLACK_APP_TOKEN present → appToken (Socket Mode)', () => {
      expect(parseConfig({ ...minimal, SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }, cwd).slack.appToken).toBe('xapp-1-A1-2-abc')
    })

    it('SLACK_APP_TOKEN absent → undefined (HTTP mode)', () => {
      expect(parseConfig(minimal, cwd).slack.appToken).toBeUndefined()
    })

    it('an app token that is not xapp- is refused, naming SLACK_APP_TOKEN', () => {
      const error = configError({ ...minimal, SLACK_APP_TOKEN: 'xoxb-1-abc' })
      expect(error.message).toMatch(/^SLACK_APP_TOKEN /)
      expect(error.message).toContain('App-Level Tokens')
    })
  })

  describe('PORT', () => {
    it('defaults to 3000 and reads a number', () => {
      expect(parseConfig(minimal, cwd).port).toBe(3000)
      expect(parseConfig({ ...minimal, PORT: '8080' }, cwd).port).toBe(8080)
      expect(parseConfig({ ...minimal, PORT: '0' }, cwd).port).toBe(0)
      expect(parseConfig({ ...minimal, PORT: '65535' }, cwd).port).toBe(65535)
    })

    it.each(['abc', '80a', '-1', '3000.5', '65536', '123456'])('PORT=%s is a ConfigError naming PORT', (port) => {
      const error = configError({ ...minimal, PORT: port })
      expect(error.message).toMatch(/^PORT /)
      expect(error.message).toContain('port number')
    })
  })

  describe('SLACK_API_URL', () => {
    it('gets a trailing slash', () => {
      expect(parseConfig({ ...minimal, SLACK_API_URL: 'https://slack-gov.com/api' }, cwd).slack.apiUrl).toBe('https://slack-gov.com/api/')
      expect(parseConfig({ ...minimal, SLACK_API_URL: 'http://127.0.0.1:4000/api/' }, cwd).slack.apiUrl).toBe('http://127.0.0.1:4000/api/')
    })

    it.each(['ftp://slack.example/api/', 'not a url', 'slack-gov.com/api'])('%s is refused, naming SLACK_API_URL', (url) => {
      expect(configError({ ...minimal, SLACK_API_URL: url }).message).toMatch(/^SLACK_API_URL /)
    })
  })

  describe('LOG_LEVEL', () => {
    it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts %s', (level) => {
      expect(parseConfig({ ...minimal, LOG_LEVEL: level }, cwd).logLevel).toBe(level)
    })

    it.each(['verbose', 'INFO2', '3'])('refuses %s, naming LOG_LEVEL and the levels', (level) => {
      const error = configError({ ...minimal, LOG_LEVEL: level })
      expect(error.message).toMatch(/^LOG_LEVEL /)
      expect(error.message).toContain('debug')
    })
  })

  describe('required variables', () => {
    it.each([
      ['SLACK_BOT_TOKEN', 'OAuth & Permissions'],
      ['SLACK_SIGNING_SECRET', 'Signing Secret'],
    ] as const)('without %s: a ConfigError that names it first and says where to get it', (variable, where) => {
      const env: Record<string, string | undefined> = { ...minimal }
      delete env[variable]
      const error = configError(env)
      expect(error.name).toBe('ConfigError')
      expect(error.message.startsWith(`${variable} `)).toBe(true)
      expect(error.message).toContain('missing')
      expect(error.message).toContain(where)
      expect(error.message).not.toContain('\n')
    })

    it('an undefined value counts as missing', () => {
      expect(configError({ ...minimal, SLACK_BOT_TOKEN: undefined }).message).toMatch(/^SLACK_BOT_TOKEN is missing/)
    })

    it('with nothing set, names the bot token first', () => {
      expect(configError({}).message).toMatch(/^SLACK_BOT_TOKEN /)
    })

    it.each([['SLACK_BOT_TOKEN', 'OAuth & Permissions'], ['SLACK_SIGNING_SECRET', 'Signing Secret']] as const)(
      'an empty or blank %s is missing, not malformed (an empty value counts as not set)', (variable, where) => {
        for (const value of ['', '   ', '\n']) {
          const error = configError({ ...minimal, [variable]: value })
          expect(error.problems).toEqual([expect.stringMatching(new RegExp(`^${variable} is missing — .*${where}`))])
        }
      })

    it('a bot token that does not look like one is refused', () => {
      for (const token of ['abc', 'xapp-1-abc']) {
        const error = configError({ ...minimal, SLACK_BOT_TOKEN: token })
        expect(error.message).toMatch(/^SLACK_BOT_TOKEN /)
        expect(error.message).toContain('OAuth & Permissions')
      }
    })

    it('a signing secret that is too short is refused', () => {
      const error = configError({ ...minimal, SLACK_SIGNING_SECRET: 'abc' })
      expect(error.message).toMatch(/^SLACK_SIGNING_SECRET /)
      expect(error.message).toContain('Basic Information')
    })

    it('names every variable to fix at once, one line each saying where to get it, in the order of .env.example', () => {
      const error = configError({ SLACK_SIGNING_SECRET: 'abc', PORT: 'eighty', LOG_LEVEL: 'loud', SLACK_APP_TOKEN: 'xoxb-1-abc' })
      expect(error.problems).toEqual([
        expect.stringMatching(/^SLACK_BOT_TOKEN is missing — .*OAuth & Permissions/),
        expect.stringMatching(/^SLACK_SIGNING_SECRET looks too short — .*Signing Secret/),
        expect.stringMatching(/^SLACK_APP_TOKEN must start with xapp- — .*App-Level Tokens/),
        expect.stringMatching(/^PORT must be a port number — /),
        expect.stringMatching(/^LOG_LEVEL is not a log level — .*debug/),
      ])
      expect(error.message).toBe(error.problems.join('\n'))
    })

    it('never repeats a secret value in its message', () => {
      const error = configError({ SLACK_BOT_TOKEN: 'not-a-token-ZZZ', SLACK_SIGNING_SECRET: 'x' })
      expect(error.message).not.toContain('not-a-token-ZZZ')
      const short = configError({ ...minimal, SLACK_SIGNING_SECRET: 'QQQ' })
      expect(short.message).not.toContain('QQQ')
    })
  })
})

describe('placeholders', () => {
  it.each([
    ['SLACK_BOT_TOKEN', 'xoxb-replace-me', 'OAuth & Permissions'],
    ['SLACK_BOT_TOKEN', 'xoxb-your-token', 'OAuth & Permissions'],
    ['SLACK_BOT_TOKEN', 'xoxb-<paste here>', 'OAuth & Permissions'],
    ['SLACK_SIGNING_SECRET', 'replace-with-your-signing-secret', 'Signing Secret'],
    ['SLACK_SIGNING_SECRET', 'changeme-changeme', 'Signing Secret'],
    ['SLACK_SIGNING_SECRET', 'your_signing_secret', 'Signing Secret'],
    ['SLACK_APP_TOKEN', 'xapp-replace-me', 'App-Level Tokens'],
    ['SLACK_APP_TOKEN', 'xapp-CHANGE-ME', 'App-Level Tokens'],
    ['DATABASE_URL', 'postgresql://campaign_desk:CHANGE-ME@localhost:5432/campaign_desk', 'postgresql://'],
    ['DATABASE_URL', 'postgresql://user:pass@your-host:5432/db', 'postgresql://'],
  ] as const)('%s=%s is refused as a placeholder, in one line that names it and says where to get it', (variable, value, where) => {
    const error = configError({ ...minimal, [variable]: value })
    expect(error.message).toMatch(new RegExp(`^${variable} is still a placeholder`))
    expect(error.message).toContain(where)
    expect(error.message).not.toContain('\n')
  })

  it('real-looking values pass', () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543',
      SLACK_APP_TOKEN: 'xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef',
      DATABASE_URL: 'postgresql://campaign_desk:s3cret@db.internal:5432/campaign_desk',
    }, cwd)
    expect(config.slack.appToken).toMatch(/^xapp-1-/)
    expect(config.database.provider).toBe('postgresql')
  })

  describe('the shipped .env.example', () => {
    const example = fs.readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
    const names = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'PORT', 'DATABASE_URL', 'LOG_LEVEL']
    let dir: string
    let kept: Record<string, string | undefined>

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-example-'))
      kept = Object.fromEntries(names.map((name) => [name, process.env[name]]))
      for (const name of names) delete process.env[name]
    })

    afterEach(() => {
      for (const [name, value] of Object.entries(kept)) if (value !== undefined) process.env[name] = value
      fs.rmSync(dir, { recursive: true, force: true })
    })

    it('sets only the two required variables; every optional one is commented out', () => {
      expect(Object.keys(parseEnv(example)).sort()).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'])
    })

    it('copied as .env unchanged, is refused naming both secrets at once — never Socket Mode', () => {
      fs.writeFileSync(path.join(dir, '.env'), example)
      const env = readEnvironment(dir)
      expect(env.SLACK_APP_TOKEN).toBeUndefined()
      let error: unknown
      try { parseConfig(env, dir) } catch (thrown) { error = thrown }
      expect(error).toBeInstanceOf(ConfigError)
      const problems = (error as ConfigError).problems
      expect(problems).toEqual([
        expect.stringMatching(/^SLACK_BOT_TOKEN is still a placeholder.*OAuth & Permissions/),
        expect.stringMatching(/^SLACK_SIGNING_SECRET is still a placeholder.*Signing Secret/),
      ])
      expect(problems.join('\n')).not.toMatch(/socket mode|xapp/i)
    })

    it('with only the bot token filled in, names SLACK_SIGNING_SECRET next', () => {
      fs.writeFileSync(path.join(dir, '.env'), example.replace('xoxb-replace-me', 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'))
      expect(() => parseConfig(readEnvironment(dir), dir)).toThrow(/^SLACK_SIGNING_SECRET is still a placeholder.*Signing Secret/)
    })

    it('with both filled in, starts in HTTP mode on the defaults', () => {
      fs.writeFileSync(path.join(dir, '.env'), example
        .replace('xoxb-replace-me', 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx')
        .replace('replace-with-your-signing-secret', '8f14e45fceea167a5a36dedd4bea2543'))
      const config = parseConfig(readEnvironment(dir), dir)
      expect(config.slack.appToken).toBeUndefined()
      expect(config.port).toBe(3000)
      expect(config.database).toMatchObject({ provider: 'sqlite', file: path.join(dir, defaultSqliteFile) })
    })

    it('each commented-out example value, once uncommented unchanged, is refused naming its variable', () => {
      for (const line of example.split('\n').filter((l) => /^# [A-Z_]+=/.test(l))) {
        const [name, value] = line.slice(2).split(/=(.*)/s) as [string, string]
        if (!['SLACK_APP_TOKEN', 'DATABASE_URL'].includes(name)) continue
        expect(() => parseConfig({ ...minimal, [name]: value }, dir), line).toThrow(new RegExp(`^${name} is still a placeholder`))
      }
    })
  })
})

describe('readEnvironment', () => {
  // Unusual names so that nothing else in the process environment can collide with them.
  const onlyInFile = 'CAMPAIGN_DESK_TEST_ONLY_IN_FILE'
  const inBoth = 'CAMPAIGN_DESK_TEST_IN_BOTH'
  const quoted = 'CAMPAIGN_DESK_TEST_QUOTED'
  let dir: string
  let saved: Record<string, string | undefined>

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-env-'))
    saved = { [onlyInFile]: process.env[onlyInFile], [inBoth]: process.env[inBoth], [quoted]: process.env[quoted] }
    for (const name of Object.keys(saved)) delete process.env[name]
  })

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('reads a .env file in cwd, and the real environment wins over it', () => {
    fs.writeFileSync(path.join(dir, '.env'), [
      '# Campaign Desk test',
      `${onlyInFile}=from-file`,
      `${inBoth}=from-file`,
      `${quoted}="two words"`,
      '',
    ].join('\n'))
    process.env[inBoth] = 'from-environment'

    const env = readEnvironment(dir)
    expect(env[onlyInFile]).toBe('from-file')
    expect(env[inBoth]).toBe('from-environment')
    expect(env[quoted]).toBe('two words')
    expect(env.PATH).toBe(process.env.PATH)
  })

  it('a variable set empty in the environment counts as not set: the .env value stands', () => {
    fs.writeFileSync(path.join(dir, '.env'), `${inBoth}=from-file\n${onlyInFile}=\n`)
    process.env[inBoth] = ''
    process.env[onlyInFile] = ''
    const env = readEnvironment(dir)
    expect(env[inBoth]).toBe('from-file')
    expect(env[onlyInFile] ?? '').toBe('')
  })

  it('without a .env file, is the process environment', () => {
    process.env[inBoth] = 'from-environment'
    const env = readEnvironment(dir)
    expect(env[inBoth]).toBe('from-environment')
    expect(env[onlyInFile]).toBeUndefined()
  })

  it('feeds parseConfig: a .env with the secrets is enough to start', () => {
    // The secrets come from the file only when the environment lacks them.
    const names = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SLACK_APP_TOKEN', 'SLACK_API_URL']
    const kept = Object.fromEntries(names.map((name) => [name, process.env[name]]))
    for (const name of names) delete process.env[name]
    try {
      fs.writeFileSync(path.join(dir, '.env'), 'SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET=secret-from-file\nPORT=4321\n')
      const config = parseConfig(readEnvironment(dir), dir)
      expect(config.slack.botToken).toBe('xoxb-from-file')
      expect(config.port).toBe(4321)
      expect(config.database).toMatchObject({ provider: 'sqlite', file: path.join(dir, defaultSqliteFile) })
    } finally {
      for (const [name, value] of Object.entries(kept)) if (value !== undefined) process.env[name] = value
    }
  })
})

describe('many workspaces (OAuth install)', () => {
  const key = Buffer.alloc(32, 7).toString('base64')
  const oauth = { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret-0123', SLACK_STATE_SECRET: 'state-secret-0123456789', TOKEN_ENCRYPTION_KEY: key, SLACK_SIGNING_SECRET: '0123456789abcdef' }

  it('reads the OAuth variables, without SLACK_BOT_TOKEN', () => {
    const config = parseConfig(oauth, cwd)
    expect(config.slack.botToken).toBeUndefined()
    expect(config.oauth).toEqual({
      clientId: '1111.2222', clientSecret: 'client-secret-0123', stateSecret: 'state-secret-0123456789',
      encryptionKey: Buffer.alloc(32, 7), previousEncryptionKey: undefined, dataRetentionDays: 30,
    })
  })

  it('one workspace (SLACK_BOT_TOKEN) has no OAuth part', () => {
    expect(parseConfig(minimal, cwd).oauth).toBeUndefined()
  })

  it('a missing key stops the start with one line saying how to make one', () => {
    const error = configError({ ...oauth, TOKEN_ENCRYPTION_KEY: undefined })
    expect(error.problems).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is missing — make one with `openssl rand -base64 32`/)])
  })

  it('a short or malformed key is refused without echoing it', () => {
    const short = configError({ ...oauth, TOKEN_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64') })
    expect(short.problems).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEY must be 32 bytes in base64, not 16 — make one with/)])
    const garbage = configError({ ...oauth, TOKEN_ENCRYPTION_KEY_PREVIOUS: 'not base64 at all!' })
    expect(garbage.problems).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEY_PREVIOUS is not base64 — /)])
    expect(garbage.message).not.toContain('not base64 at all!')
  })

  it('reads the previous key and the retention', () => {
    const previous = Buffer.alloc(32, 9)
    const config = parseConfig({ ...oauth, TOKEN_ENCRYPTION_KEY_PREVIOUS: previous.toString('base64'), DATA_RETENTION_DAYS: '7' }, cwd)
    expect(config.oauth?.previousEncryptionKey).toEqual(previous)
    expect(config.oauth?.dataRetentionDays).toBe(7)
    expect(configError({ ...oauth, DATA_RETENTION_DAYS: '0' }).message).toMatch(/^DATA_RETENTION_DAYS must be 1 to 3650 days/)
  })

  it('names every OAuth variable that is missing at once', () => {
    const error = configError({ SLACK_CLIENT_ID: '1111.2222', SLACK_SIGNING_SECRET: '0123456789abcdef' })
    expect(error.problems).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET is missing — .*Client Secret/),
      expect.stringMatching(/^SLACK_STATE_SECRET is missing — /),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is missing — /),
    ])
  })

  it('refuses SLACK_BOT_TOKEN together with the OAuth variables, and Socket Mode', () => {
    expect(configError({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1-abc' }).message).toMatch(/^SLACK_CLIENT_ID is set together with SLACK_BOT_TOKEN/)
    expect(configError({ ...oauth, SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }).message).toMatch(/^SLACK_APP_TOKEN is set, but installing by OAuth needs HTTP mode/)
  })
})
