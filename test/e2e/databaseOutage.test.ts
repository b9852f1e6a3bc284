// The database goes away (PostgreSQL refusing connections, as in a failover): the person is told
// in words, the modal keeps what they typed, nothing half-written remains, and it all works again
// once the database is back.
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { postgresAdminUrl } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { inspect } from '../support/inspect.ts'
import { castTheUsualPeople, openNewProposal, submitForm, validForm } from '../support/proposals.ts'

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl()! })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

describe.runIf(postgresAdminUrl() !== null)('database outage on postgresql', () => {
  let rig: Rig
  let databaseName: string
  beforeEach(async () => {
    rig = await startRig('postgresql')
    castTheUsualPeople(rig)
    databaseName = new URL(rig.db.url).pathname.slice(1)
  })
  afterEach(async () => {
    await asAdmin(`ALTER DATABASE "${databaseName}" ALLOW_CONNECTIONS true`)
    await rig.close()
  })

  const takeDown = async () => {
    await asAdmin(`ALTER DATABASE "${databaseName}" ALLOW_CONNECTIONS false`)
    await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${databaseName}' AND pid <> pg_backend_pid()`)
  }
  const bringBack = () => asAdmin(`ALTER DATABASE "${databaseName}" ALLOW_CONNECTIONS true`)

  it('a submission is answered in the modal and can simply be submitted again', async () => {
    const view = await openNewProposal(rig)
    await takeDown()
    const answer = await submitForm(rig, view, validForm())
    expect(answer.status).toBe(200)
    expect(answer.body.response_action).toBe('errors')
    expect(Object.values(answer.body.errors).join(' ')).toMatch(/cannot reach its database/)
    await bringBack()
    const again = await submitForm(rig, view, validForm())
    expect(again.status).toBe(200)
    await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C1' && c.result?.ok === true)
    expect((await inspect(rig)).campaigns).toHaveLength(1)
  })

  it('`/campaign list` says the database is away instead of failing silently', async () => {
    await takeDown()
    const responseUrl = rig.slack.newResponseUrl()
    const answer = await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'list', responseUrl })
    expect(answer.status).toBe(200)
    const told = await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { timeoutMs: 20_000 })
    expect(told.body.text).toMatch(/cannot reach its database/)
  })
})
