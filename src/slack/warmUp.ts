// Start-up warms what the first requests need, so the first person to use the app after a start is
// answered nearly as fast as the hundredth. Cold, the first `/campaign new` took 36 ms and the first
// submission 88 ms where the hundredth took 3 and 10 (npm run bench, a quiet machine); warmed, 12
// and 18. V8 compiles a function the first time it runs and optimises it once it has run often,
// Prisma compiles a query's plan the first time it meets its shape, and the first SQL statement
// opens the PostgreSQL connection. What is left is mostly the first look-up of each person in
// Slack (users.info, kept for 10 minutes), which no warm-up can make for people not yet known.
// With one workspace, slack/prefetch.ts makes them after the ready line: the workspace's people and
// channels, remembered (not part of this warm-up, which calls Slack for nothing but auth.test).
//
// Nothing here has an effect anyone could see: the reads are for a workspace that does not exist;
// the requests, signed and sent to our own receiver over loopback, are ones answered in the HTTP
// response itself (`/campaign help`, a proposal form with an empty name, a modal closed) by a
// person the people directory is told about, so nothing is stored; their log lines are written at
// debug level. The Web API calls a first request makes (open a form, post a card, look a person
// and a channel up) go through a Web API client of their own to a stand-in on loopback that says
// ok: the same code runs, and nothing reaches Slack.
import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import v8 from 'node:v8'
import vm from 'node:vm'
import { WebClient } from '@slack/web-api'
import { localDate } from '../domain/dates.ts'
import type { Proposal } from '../domain/proposal.ts'
import { slackLogger, type Logger } from '../logger.ts'
import { messagesFor } from '../i18n/catalogue.ts'
import type { Store } from '../store/store.ts'
import { renderHome } from './home/view.ts'
import { createPeopleDirectory, type Person, type PeopleDirectory } from './people.ts'
import { proposalCard } from './proposal/message.ts'
import { proposalSubmitted } from './proposal/notifications.ts'
import { homeRefreshForCampaign } from './shared/homeRefresh.ts'
import { proposalBlockIds, proposalModal, proposalModalCallbackId } from './proposal/modal.ts'

/** The workspace and person of the warm-up: ids Slack never gives (theirs start with T and U and are upper case). */
export const warmUpTeamId = 'T-warm-up'
const warmUpUser: Person = {
  userId: 'U-warm-up', displayName: 'warm-up', locale: 'en', slackLocale: 'en-US', timeZone: 'UTC',
  isWorkspaceAdmin: false, isBot: false, deactivated: false,
}

/** Enough rounds for V8 to optimise what a request runs most (it does so after a function has run often). */
const rounds = 20

const form = 'application/x-www-form-urlencoded'

function signed(secret: string, body: string, contentType: string): RequestInit {
  const timestamp = Math.floor(Date.now() / 1000)
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`
  return { method: 'POST', body, headers: { 'content-type': contentType, 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) } }
}

/** The requests sent to our own receiver: each answered in its response, none calling Slack. */
function warmUpRequests(): Array<{ body: string; contentType: string }> {
  const user = { id: warmUpUser.userId, username: 'warm-up', name: 'warm-up', team_id: warmUpTeamId }
  const team = { id: warmUpTeamId, domain: 'warm-up' }
  const command = new URLSearchParams({
    token: 'warm-up', command: '/campaign', text: 'help', response_url: 'http://127.0.0.1:9/warm-up', trigger_id: 'warm-up',
    user_id: user.id, user_name: user.name, team_id: team.id, team_domain: team.domain, channel_id: 'C-warm-up', channel_name: 'warm-up', api_app_id: 'A-warm-up',
  })
  // A proposal with every field empty: refused field by field, before anything is looked up or stored.
  const emptyForm = Object.fromEntries(Object.values(proposalBlockIds).map((blockId) => [blockId, { value: { type: 'plain_text_input', value: null } }]))
  const view = (type: string, extra: Record<string, unknown>) => new URLSearchParams({
    payload: JSON.stringify({ type, team, user, api_app_id: 'A-warm-up', token: 'warm-up', is_enterprise_install: false, enterprise: null, ...extra }),
  })
  return [
    { body: command.toString(), contentType: form },
    {
      body: view('view_submission', {
        trigger_id: 'warm-up', response_urls: [],
        view: { id: 'V-warm-up', callback_id: proposalModalCallbackId, private_metadata: '{"mode":"new"}', hash: 'warm-up', type: 'modal', state: { values: emptyForm } },
      }).toString(),
      contentType: form,
    },
    { body: view('view_closed', { is_cleared: false, view: { id: 'V-warm-up', callback_id: 'warm-up', type: 'modal' } }).toString(), contentType: form },
  ]
}

/** What the stand-in answers, per method: enough for the code reading the answer to run its usual way. */
const standInAnswers: Record<string, unknown> = {
  'users.info': { ok: true, user: { id: warmUpUser.userId, name: 'warm-up', real_name: 'warm-up', tz: 'UTC', locale: 'en-US', profile: { display_name: 'warm-up' } } },
  'conversations.info': { ok: true, channel: { id: 'C-warm-up', is_member: true, is_private: false, is_archived: false } },
  'views.open': { ok: true, view: { id: 'V-warm-up' } },
  'chat.postMessage': { ok: true, channel: 'C-warm-up', ts: '1.000001' },
}

/** A stand-in for Slack's Web API on loopback: every call is answered ok. */
async function webApiStandIn(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const method = (request.url ?? '').split('/').at(-1) ?? ''
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(standInAnswers[method] ?? { ok: true }))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/` }
}

/**
 * A full garbage collection now, while nobody waits: left to V8, the warm-up's garbage was
 * collected during the first request (a 20 ms pause there). V8 offers gc() only under --expose-gc,
 * which `node dist/main.js` does not pass; set at run time, the flag gives it to a new context.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc')
  try {
    ;(vm.runInNewContext('gc') as () => void)()
  } finally {
    v8.setFlagsFromString('--no-expose-gc')
  }
}

export async function warmUp(options: {
  store: Store; people: PeopleDirectory; logger: Logger
  /**
   * Any of the app's Web API clients: they share one connection pool per host (fetch's). None with
   * many workspaces: no token is known before a workspace's first request.
   */
  client?: WebClient
  /** The receiver's URL (HTTP mode); null in Socket Mode, where only the rest is warmed. */
  url: string | null
  signingSecret: string
  now: Date
}): Promise<void> {
  const startedAt = performance.now()
  const { store, people } = options
  people.remember(warmUpTeamId, warmUpUser)
  const standIn = await webApiStandIn()
  const webApi = new WebClient('xoxb-warm-up', { slackApiUrl: standIn.url, retryConfig: { retries: 0 }, logger: slackLogger(options.logger, 'warm-up') })
  // A directory of its own, asking the stand-in: a first person's look-up runs the same way.
  const lookUps = createPeopleDirectory(webApi)
  try {
    for (let round = 0; round < rounds; round++) {
      // What the first requests read: the lessons shown in a new proposal's form, the name check,
      // a claim (of no row), a person's Home.
      await store.learning.lessons(warmUpTeamId)
      await store.campaigns.isNameTaken(warmUpTeamId, 'warm-up')
      await store.outbox.claimDue('warm-up', options.now, 1, 1, [-1])
      await renderHome({ store, people, clock: { now: () => options.now } }, warmUpTeamId, warmUpUser.userId)
      // A submission's write, rolled back (SQLite: its statements prepared).
      await store.campaigns.rehearseProposal({
        teamId: warmUpTeamId, proposal: warmUpProposal, createdById: warmUpUser.userId, sourceViewId: `V-warm-up-${round}`, at: options.now,
        outbox: (campaign) => [...proposalSubmitted(campaign, { card: 'en', recipient: 'en', submitter: 'en' }), ...homeRefreshForCampaign(campaign)],
        claimFirst: { claimer: 'warm-up', until: options.now },
      })
      // What they render: the form and the card, in both languages, and today's date.
      localDate(options.now, 'UTC')
      for (const locale of ['en', 'zh-CN'] as const) {
        const m = messagesFor(locale)
        const view = proposalModal(m, { mode: 'new' }, { ownerId: warmUpUser.userId }, null)
        const campaign = warmUpCampaign(options.now)
        const card = proposalCard(campaign, m)
        proposalSubmitted(campaign, { card: locale, recipient: locale, submitter: locale })
        homeRefreshForCampaign(campaign)
        await lookUps.lookUp(warmUpTeamId, `${warmUpUser.userId}-${round}-${locale}`)
        await webApi.conversations.info({ channel: 'C-warm-up' })
        await webApi.views.open({ trigger_id: 'warm-up', view })
        await webApi.chat.postMessage({ channel: 'C-warm-up', ...card })
      }
      if (options.url) {
        for (const request of warmUpRequests()) {
          const response = await fetch(options.url, signed(options.signingSecret, request.body, request.contentType))
          await response.text()
        }
      }
    }
    // The connection to Slack, open when the first request comes (the one opened to check the
    // token at start may have been closed as idle by now).
    // Not waited for long: a Slack that does not answer must not hold the start up.
    if (options.client) await Promise.race([options.client.auth.test().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1_000).unref())])
    collectGarbage()
    options.logger.info({ ms: Math.round(performance.now() - startedAt), rounds }, 'warmed_up')
  } catch (error) {
    // A warm-up that fails costs the first person a slower answer, nothing more.
    options.logger.warn({ err: error }, 'warm_up_failed')
  } finally {
    people.forget(warmUpTeamId, warmUpUser.userId)
    await new Promise((resolve) => standIn.server.close(resolve))
  }
}

const warmUpProposal: Proposal = {
  name: 'warm-up', theme: 'warm-up', basicContent: 'warm-up', kind: 'own_site', platform: null, platformOther: null,
  timingNode: 'sales_peak', timingNote: null, startDate: '2030-01-01', endDate: '2030-01-02', channelId: 'C-warm-up',
  ownerId: warmUpUser.userId, approverId: warmUpUser.userId,
}

function warmUpCampaign(now: Date) {
  return {
    id: 1, teamId: warmUpTeamId, name: 'warm-up', stage: 'proposed' as const, kind: 'own_site' as const, platform: null, platformOther: null,
    timingNode: 'sales_peak' as const, timingNote: null, startDate: '2030-01-01', endDate: '2030-01-02', channelId: 'C-warm-up',
    ownerId: warmUpUser.userId, approverId: warmUpUser.userId, createdById: warmUpUser.userId, version: 0, createdAt: now, pausedAt: null,
    proposal: { theme: 'warm-up', basicContent: 'warm-up', revision: 1, decision: null, decidedById: null, decidedAt: null, sendBackReason: null },
  }
}
