// Tokens at rest (issue 16 §2): after installs, no token is found by grep in the SQLite files or in
// a PostgreSQL dump; no log line (at debug, the chattiest) carries a token or the client secret;
// the key rotates with TOKEN_ENCRYPTION_KEY_PREVIOUS, old values rewritten under the new key; and a
// key that opens nothing stops the start with one line saying what to set.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Writable } from 'node:stream'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { startCampaignDesk, StartupError } from '../../src/campaignDesk.ts'
import { createLogger } from '../../src/logger.ts'
import { testProviders } from '../support/databases.ts'
import { oauthClient, signingSecret, startRig, type Rig } from '../support/harness.ts'
import { withDatabase } from '../support/live.ts'
import { castWorkspace, installWorkspace } from '../support/install.ts'
import { findPostgresBin } from '../support/postgres.ts'
import { AppClient } from '../support/slackRequests.ts'

const run = promisify(execFile)

/** Every secret the fake Slack issued or the app was given: none may be found at rest or in a log. */
function secretsOf(rig: Rig): string[] {
  return [...rig.slack.issued.keys(), oauthClient.clientSecret, oauthClient.stateSecret]
}

/** Everything the database holds, as bytes: the SQLite files (with the WAL), or `pg_dump`'s output. */
async function databaseBytes(rig: Rig): Promise<string> {
  if (rig.db.provider === 'sqlite') {
    const file = rig.config.database.provider === 'sqlite' ? rig.config.database.file : ''
    const dir = path.dirname(file)
    return fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name)).toString('latin1')).join('\n')
  }
  const bin = findPostgresBin()
  const pgDump = bin ? path.join(bin, 'pg_dump') : 'pg_dump'
  const { stdout } = await run(pgDump, ['--data-only', '--inserts', rig.db.url], { maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

async function installThree(rig: Rig) {
  for (const [teamId, teamName] of [['T2', 'Beta'], ['T3', 'Gamma'], ['T4', 'Delta']] as const) {
    castWorkspace(rig, teamId)
    expect((await installWorkspace(rig, { teamId, teamName })).status).toBe(200)
  }
}

/** `/campaign new` in T2: the token Slack saw on views.open. */
async function tokenServingBeta(rig: Rig): Promise<string | undefined> {
  const since = rig.slack.calls.length
  await rig.client.slashCommand({ teamId: 'T2', userId: 'U201', channelId: 'C201', text: 'new' })
  return (await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })).token
}

describe.each(testProviders())('tokens at rest on %s', (provider) => {
  let rig: Rig
  afterEach(async () => rig.close())

  it('after installs, no token is found in the database files, only sealed values', async () => {
    rig = await startRig(provider, { oauth: { tokenRotationSeconds: 43_200 } })
    await installThree(rig)
    // A request, so a refresh or a re-seal would have written too.
    await tokenServingBeta(rig)
    const rows = await withDatabase(rig, (prisma) => prisma.installation.findMany())
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      expect(row.botToken).toMatch(/^gcm1\./)
      expect(row.botRefreshToken).toMatch(/^gcm1\./)
    }
    const bytes = await databaseBytes(rig)
    expect(bytes).toContain('team:T3') // the dump is of the right database
    const secrets = secretsOf(rig)
    expect(secrets.length).toBeGreaterThanOrEqual(6 + 2)
    for (const secret of secrets) expect(bytes.includes(secret), `${secret.slice(0, 12)}… at rest`).toBe(false)
  })

  it('no log line, even at debug, carries a token or the client secret', async () => {
    const lines: string[] = []
    const logTo = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done() } })
    rig = await startRig(provider, { oauth: { tokenRotationSeconds: 3600 }, logLevel: 'debug', logTo })
    await installThree(rig)
    // With hour-long tokens every request refreshes: the refresh's request and answer are logged too.
    await tokenServingBeta(rig)
    rig.slack.failNext('oauth.v2.access', { error: 'invalid_code' })
    await installWorkspace(rig, { teamId: 'T5', teamName: 'Epsilon' })
    const log = lines.join('')
    expect(log).toContain('oauth.v2.access') // the Web API client did log its calls
    for (const secret of secretsOf(rig)) expect(log.includes(secret), `${secret.slice(0, 12)}… in the log`).toBe(false)
  })

  it('rotates the key: old values are read with TOKEN_ENCRYPTION_KEY_PREVIOUS and rewritten under the new key', async () => {
    const first = randomBytes(32)
    rig = await startRig(provider, { oauth: { encryptionKey: first.toString('base64') } })
    await installThree(rig)
    const sealedBefore = await withDatabase(rig, (prisma) => prisma.installation.findMany({ orderBy: { id: 'asc' } }))
    const second = randomBytes(32)
    const restartWith = async (encryptionKey: Buffer, previousEncryptionKey: Buffer | undefined) => {
      await rig.app.stop()
      rig.app = await startCampaignDesk({ ...rig.config, oauth: { ...rig.config.oauth!, encryptionKey, previousEncryptionKey } }, { clock: rig.clock, logger: createLogger('silent') })
      rig.client = new AppClient({ baseUrl: rig.app.url!, signingSecret, slack: rig.slack })
    }

    await restartWith(second, first)
    const sealedAfter = await withDatabase(rig, (prisma) => prisma.installation.findMany({ orderBy: { id: 'asc' } }))
    const keyIdOf = (sealed: string | null) => sealed!.split('.')[1]
    expect(new Set(sealedBefore.map((row) => keyIdOf(row.botToken))).size).toBe(1)
    for (const [index, row] of sealedAfter.entries()) {
      expect(keyIdOf(row.botToken)).not.toBe(keyIdOf(sealedBefore[index]!.botToken))
    }
    expect(await tokenServingBeta(rig)).toBe(rig.slack.tokensOf('T2')[0]!.token)

    // The old key can go now.
    await restartWith(second, undefined)
    expect(await tokenServingBeta(rig)).toBe(rig.slack.tokensOf('T2')[0]!.token)

    // A key that opens nothing stops the start, saying what to set.
    await rig.app.stop()
    const wrong = startCampaignDesk({ ...rig.config, oauth: { ...rig.config.oauth!, encryptionKey: randomBytes(32), previousEncryptionKey: undefined } }, { clock: rig.clock, logger: createLogger('silent') })
    await expect(wrong).rejects.toThrow(StartupError)
    await expect(wrong).rejects.toThrow(/^TOKEN_ENCRYPTION_KEY does not open the tokens stored in the database — set TOKEN_ENCRYPTION_KEY_PREVIOUS/)
    // close() stops rig.app again: start one that works.
    rig.app = await startCampaignDesk({ ...rig.config, oauth: { ...rig.config.oauth!, encryptionKey: second, previousEncryptionKey: undefined } }, { clock: rig.clock, logger: createLogger('silent') })
  })
})
