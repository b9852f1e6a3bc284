// Signed requests as Slack sends them (the same shapes as test/support/slackRequests.ts), built and
// signed BEFORE the clock starts, so a sample covers only the HTTP round trip and the app's work.
import {
  conversationPicked, datePicked, optionPicked, plainText, signSlackRequest, userPicked, type StateValues,
} from '../test/support/slackRequests.ts'
import { proposalBlockIds } from '../src/slack/proposal/modal.ts'

const FORM = 'application/x-www-form-urlencoded'
export const team = { id: 'T1', domain: 'acme' }

export type Prepared = { body: string; headers: Record<string, string> }

function prepare(body: string, signingSecret: string): Prepared {
  return { body, headers: { 'content-type': FORM, ...signSlackRequest(signingSecret, body) } }
}

/** Sends a prepared request; resolves when the whole answer has been read. */
export async function send(url: string, request: Prepared): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: request.headers, body: request.body })
  return { status: res.status, text: await res.text() }
}

export function slashCommand(signingSecret: string, a: { userId: string; channelId: string; text: string; triggerId: string; responseUrl: string }): Prepared {
  const form = new URLSearchParams({
    token: 'legacy-verification-token', command: '/campaign', text: a.text, response_url: a.responseUrl,
    trigger_id: a.triggerId, user_id: a.userId, user_name: a.userId.toLowerCase(), team_id: team.id,
    team_domain: team.domain, channel_id: a.channelId, channel_name: a.channelId.toLowerCase(), api_app_id: 'A0CAMPAIGN',
  })
  return prepare(form.toString(), signingSecret)
}

export type ProposalValues = {
  name: string; channelId: string; ownerId: string; approverId: string; startDate: string; endDate: string
}

/** A valid proposal as the modal's state.values. */
export function proposalState(p: ProposalValues): StateValues {
  const b = proposalBlockIds
  return {
    [b.name]: { value: plainText(p.name) },
    [b.theme]: { value: plainText('Winter warm-up: a gift for every loyal customer') },
    [b.basicContent]: { value: plainText('Every order over 200 gets a free scarf. Members get early access.') },
    [b.kind]: { value: optionPicked('own_site', 'Our own site') },
    [b.platform]: { value: { type: 'static_select', selected_option: null } },
    [b.platformOther]: { value: plainText(null) },
    [b.timingNode]: { value: optionPicked('sales_peak', 'Sales peak') },
    [b.timingNote]: { value: plainText(null) },
    [b.startDate]: { value: datePicked(p.startDate) },
    [b.endDate]: { value: datePicked(p.endDate) },
    [b.channelId]: { value: conversationPicked(p.channelId) },
    [b.ownerId]: { value: userPicked(p.ownerId) },
    [b.approverId]: { value: userPicked(p.approverId) },
  }
}

export function viewSubmission(signingSecret: string, a: { userId: string; viewId: string; triggerId: string; values: StateValues }): Prepared {
  const payload = {
    token: 'legacy-verification-token',
    team,
    enterprise: null,
    is_enterprise_install: false,
    user: { id: a.userId, username: a.userId.toLowerCase(), name: a.userId.toLowerCase(), team_id: team.id },
    api_app_id: 'A0CAMPAIGN',
    trigger_id: a.triggerId,
    type: 'view_submission',
    // The app reads only these fields of the view (id: the dedupe key, so fresh each time).
    view: { id: a.viewId, callback_id: 'campaign_proposal', private_metadata: '{"mode":"new"}', hash: 'h', type: 'modal', state: { values: a.values } },
    response_urls: [],
  }
  return prepare(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), signingSecret)
}
