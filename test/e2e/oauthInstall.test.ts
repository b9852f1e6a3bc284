// Many workspaces (issue 16 §1): the app installed by OAuth through /slack/install and
// /slack/oauth_redirect against the fake Slack, each workspace served with its own token — requests,
// the dispatcher's posts, uploads — and a workspace without the app told to install it. A state that
// is forged, expired or used twice, and a code Slack does not confirm, store nothing.
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installMessages } from '../../src/i18n/install.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { withDatabase } from '../support/live.ts'
import { appBase, authorizeAt, castWorkspace, finishInstall, installWorkspace, openInstallPage } from '../support/install.ts'
import { formValues, validForm } from '../support/proposals.ts'

const manifestBotScopes = (() => {
  const manifest = fs.readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')
  const block = /^\s*bot:\n((?:\s*(?:#.*|- .*)\n)+)/m.exec(manifest)![1]!
  return [...block.matchAll(/^\s*- (\S+)/gm)].map((match) => match[1]!)
})()

const installations = (rig: Rig) => withDatabase(rig, (prisma) => prisma.installation.findMany({ orderBy: { id: 'asc' } }))

/** `/campaign new` from a workspace: the views.open it caused (its token), after `since`. */
async function openProposalIn(rig: Rig, who: { teamId: string; userId: string; channelId: string }) {
  const since = rig.slack.calls.length
  const answer = await rig.client.slashCommand({ ...who, text: 'new' })
  expect(answer.status).toBe(200)
  return rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })
}

describe.each(testProviders())('installing by OAuth on %s', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig(provider, { oauth: {} })
  })
  afterEach(async () => rig.close())

  it('serves an Add to Slack page that asks for exactly the manifest bot scopes, with a state cookie', async () => {
    const page = await openInstallPage(rig)
    expect(page.status).toBe(200)
    expect(page.authorizeUrl.pathname).toBe('/oauth/v2/authorize')
    expect(page.authorizeUrl.searchParams.get('client_id')).toBe('1111.2222')
    expect(page.authorizeUrl.searchParams.get('scope')!.split(',')).toEqual(manifestBotScopes)
    const state = page.authorizeUrl.searchParams.get('state')
    expect(state).toBeTruthy()
    expect(page.cookie).toBe(`slack-app-oauth-state=${state}`)
  })

  it('a second and a third workspace install, and each is served with its own token', async () => {
    const beta = castWorkspace(rig, 'T2')
    const gamma = castWorkspace(rig, 'T3')
    const installed = await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta', userId: beta.owner })
    expect(installed.status).toBe(200)
    expect(installed.html).toContain('Campaign Desk is now installed in Beta.')
    expect((await installWorkspace(rig, { teamId: 'T3', teamName: 'Gamma', userId: gamma.owner })).status).toBe(200)

    const [betaToken] = rig.slack.tokensOf('T2')
    const [gammaToken] = rig.slack.tokensOf('T3')
    const rows = await installations(rig)
    expect(rows.map((row) => [row.installKey, row.teamName, row.botUserId, row.botScopes.split(',')])).toEqual([
      ['team:T2', 'Beta', 'UBOT', manifestBotScopes],
      ['team:T3', 'Gamma', 'UBOT', manifestBotScopes],
    ])

    // A request from each workspace is answered with that workspace's token.
    expect((await openProposalIn(rig, { teamId: 'T2', userId: beta.owner, channelId: beta.channel })).token).toBe(betaToken!.token)
    const opened = await openProposalIn(rig, { teamId: 'T3', userId: gamma.owner, channelId: gamma.channel })
    expect(opened.token).toBe(gammaToken!.token)

    // The dispatcher posts Gamma's card and its approver's DM with Gamma's token.
    const since = rig.slack.calls.length
    const answer = await rig.client.viewSubmission({
      teamId: 'T3', userId: gamma.owner, view: opened.result.view,
      values: formValues(validForm({ channelId: gamma.channel, ownerId: gamma.owner, approverId: gamma.approver })),
    })
    expect(answer.status).toBe(200)
    const card = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === gamma.channel, { since })
    expect(card.token).toBe(gammaToken!.token)
    const dm = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === `D${gamma.approver}`, { since })
    expect(dm.token).toBe(gammaToken!.token)
    // Nothing for Gamma went out with Beta's token, nor the other way round.
    for (const call of rig.slack.calls.filter((c) => c.token?.startsWith('xoxb-'))) {
      const team = call.token!.split('-')[1]
      if (call.args.channel === gamma.channel || call.args.user === gamma.approver) expect(team).toBe('T3')
    }
  })

  it('a workspace that has not installed the app is told to install it, and nothing is called with any token', async () => {
    castWorkspace(rig, 'T2')
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    const since = rig.slack.calls.length
    const answer = await rig.client.slashCommand({ teamId: 'T9', userId: 'U901', channelId: 'C901', text: 'new' })
    expect(answer.status).toBe(200)
    expect(answer.body.response_type).toBe('ephemeral')
    const installUrl = `https://${new URL(appBase(rig)).host}/slack/install`
    expect(answer.body.text).toBe(`${installMessages.en.notInstalled(installUrl)}\n${installMessages['zh-CN'].notInstalled(installUrl)}`)
    expect(rig.slack.calls.slice(since)).toEqual([])
  })

  it('refuses a forged state, stores nothing and says why on the page', async () => {
    const page = await openInstallPage(rig)
    const redirect = await authorizeAt(page, { teamId: 'T1' })
    const forged = redirect.searchParams.get('state')!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    redirect.searchParams.set('state', forged)
    const finished = await finishInstall(redirect, `slack-app-oauth-state=${forged}`)
    expect(finished.status).toBe(400)
    expect(finished.html).toContain(installMessages.en.failed.staleLink)
    expect(rig.slack.callsTo('oauth.v2.access')).toEqual([])
    expect(await installations(rig)).toEqual([])
  })

  it('refuses a state older than ten minutes', async () => {
    const page = await openInstallPage(rig)
    const redirect = await authorizeAt(page, { teamId: 'T1' })
    rig.clock.set(new Date(rig.clock.now().getTime() + 11 * 60_000).toISOString())
    const finished = await finishInstall(redirect, page.cookie)
    expect(finished.status).toBe(400)
    expect(finished.html).toContain(installMessages.en.failed.staleLink)
    expect(await installations(rig)).toEqual([])
  })

  it('refuses a state used once already, even with its cookie (on every instance)', async () => {
    const page = await openInstallPage(rig)
    const redirect = await authorizeAt(page, { teamId: 'T1' })
    expect((await finishInstall(redirect, page.cookie)).status).toBe(200)
    const replayed = await finishInstall(redirect, page.cookie)
    expect(replayed.status).toBe(400)
    expect(replayed.html).toContain(installMessages.en.failed.staleLink)
    expect(rig.slack.callsTo('oauth.v2.access')).toHaveLength(1)
  })

  it('a code Slack does not confirm stores nothing, and the page says so', async () => {
    rig.slack.failNext('oauth.v2.access', { error: 'invalid_code' })
    const page = await openInstallPage(rig)
    const finished = await finishInstall(await authorizeAt(page, { teamId: 'T1' }), page.cookie)
    expect(finished.status).toBe(502)
    expect(finished.html).toContain(installMessages.en.failed.notConfirmed('invalid_code'))
    expect(await installations(rig)).toEqual([])
  })

  it('a person who cancels on Slack is told nothing was installed', async () => {
    const page = await openInstallPage(rig)
    const finished = await finishInstall(await authorizeAt(page, { teamId: 'T1', cancel: true }), page.cookie)
    expect(finished.status).toBe(400)
    expect(finished.html).toContain(installMessages.en.failed.cancelled)
    expect(await installations(rig)).toEqual([])
  })

  it('a reinstall replaces the workspace tokens, keeping its bot user and scopes', async () => {
    const beta = castWorkspace(rig, 'T2')
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    const [before] = await installations(rig)
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    const after = await installations(rig)
    expect(after).toHaveLength(1)
    expect(after[0]!.botToken).not.toBe(before!.botToken)
    expect([after[0]!.botUserId, after[0]!.botScopes]).toEqual([before!.botUserId, before!.botScopes])
    const newest = rig.slack.tokensOf('T2').at(-1)!
    expect((await openProposalIn(rig, { teamId: 'T2', userId: beta.owner, channelId: beta.channel })).token).toBe(newest.token)
  })

  it('the install pages speak Chinese to a browser that asks for it', async () => {
    const page = await openInstallPage(rig)
    const redirect = await authorizeAt(page, { teamId: 'T1' })
    const response = await fetch(redirect, { headers: { cookie: page.cookie, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } })
    expect(await response.text()).toContain(installMessages['zh-CN'].installed.text('Acme'))
  })
})

describe.each(testProviders())('token rotation on %s', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    // Tokens live an hour: inside the two hours before expiry, Bolt refreshes them.
    rig = await startRig(provider, { oauth: { tokenRotationSeconds: 3600 } })
  })
  afterEach(async () => rig.close())

  it('refreshes an expiring token with its refresh token, stores the new one and uses it', async () => {
    const beta = castWorkspace(rig, 'T2')
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    const [first] = rig.slack.tokensOf('T2')
    const [stored] = await installations(rig)
    expect(stored!.botRefreshToken).toBeTruthy()
    // Slack's own tokens live twelve hours: the refreshed one is not due again.
    rig.slack.oauth!.tokenRotationSeconds = 43_200
    const opened = await openProposalIn(rig, { teamId: 'T2', userId: beta.owner, channelId: beta.channel })
    const refreshes = rig.slack.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token')
    expect(refreshes).toHaveLength(1)
    const refreshed = rig.slack.tokensOf('T2').at(-1)!
    expect(refreshed.token).not.toBe(first!.token)
    expect(opened.token).toBe(refreshed.token)
    const [after] = await installations(rig)
    expect(after!.botToken).not.toBe(stored!.botToken)
    expect(after!.botTokenExpiresAt).toBeGreaterThan(stored!.botTokenExpiresAt!)
  })
})
