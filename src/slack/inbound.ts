// What comes in from Slack, checked before Bolt routes it. Bolt dereferences parts of a body
// (`body.ssl_check`, `view.app_installed_team_id`, `user.id`, `channel.id`, `event.item.channel`…)
// before any listener or middleware of ours runs: a signed body without them threw, as an
// unhandled rejection (the process exited) or as a 500. Each kind of body is checked here for
// the minimum that Bolt and our listeners read; anything else is malformed and answered 400.
import type { AnyMiddlewareArgs, Middleware, SocketModeReceiverProcessEventErrorHandlerArgs } from '@slack/bolt'
import { z } from 'zod'
import { withoutControlCharacters } from '../domain/text.ts'
import type { Logger } from '../logger.ts'

const id = z.string().min(1)
const anObject = z.looseObject({})

/** What every interaction (action, view, shortcut, options) must hold before Bolt reads it. */
const interaction = {
  user: z.looseObject({ id, team_id: z.string().optional() }),
  // null for an org-wide installation; then the user's team_id names the workspace.
  team: z.looseObject({ id: z.string() }).nullish(),
  channel: z.looseObject({ id: z.string() }).optional(),
  response_url: z.string().optional(),
  response_urls: z.array(z.looseObject({ response_url: z.string() })).optional(),
  trigger_id: z.string().optional(),
}

type Interaction = { team?: { id: string } | null | undefined; user: { team_id?: string | undefined } }
const namesItsTeam = (body: Interaction) => Boolean(body.team?.id || body.user.team_id)
// A modal opened from a Slack Connect channel names the workspace that installed the app.
const viewNamesItsTeam = (body: Interaction & { view: { app_installed_team_id?: string | undefined } }) =>
  Boolean(body.view.app_installed_team_id) || namesItsTeam(body)
const noTeam = { message: 'no team id', path: ['team'] }

const view = {
  id,
  // Missing or unknown is not malformed: it is a modal no listener of this version knows.
  callback_id: z.string().optional(),
  private_metadata: z.string().optional(),
  app_installed_team_id: z.string().optional(),
}

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  ...interaction,
  view: z.looseObject({ ...view, state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), anObject)) }) }),
}).refine(viewNamesItsTeam, noTeam)

const viewClosed = z.looseObject({ type: z.literal('view_closed'), ...interaction, view: z.looseObject(view) }).refine(viewNamesItsTeam, noTeam)

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  ...interaction,
  trigger_id: z.string(),
  // Empty is not malformed either: nothing to do, and the person is told so.
  actions: z.array(z.looseObject({ action_id: z.string(), block_id: z.string().optional(), value: z.string().optional() })),
  view: z.looseObject({ id }).optional(),
}).refine(namesItsTeam, noTeam)

/** Shortcuts, options and legacy interactions: no listener of ours, but Bolt still reads these. */
const otherInteraction = z.looseObject({
  type: z.string().optional(),
  ...interaction,
  actions: z.array(anObject).optional(),
}).refine(namesItsTeam, noTeam)

const slashCommand = z.looseObject({
  command: z.string().startsWith('/'),
  text: z.string().optional(),
  team_id: id,
  user_id: id,
  channel_id: id,
  response_url: z.string(),
  trigger_id: z.string(),
  enterprise_id: z.string().optional(),
})

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: z.string().optional(),
  authorizations: z.array(z.looseObject({ team_id: z.string().nullish() })).optional(),
  event: z.looseObject({
    type: id,
    // Bolt looks for the user and the conversation in these, by `in` and property access.
    user: z.union([z.string(), anObject]).optional(),
    channel: z.union([z.string(), anObject]).optional(),
    item: anObject.optional(),
    subteam: anObject.optional(),
  }),
}).refine((body) => Boolean(body.authorizations?.[0]?.team_id ?? body.team_id), { message: 'no team id', path: ['team_id'] })

/** The kind of listener Bolt will look for, in Bolt's own order (helpers.getTypeAndConversation). */
export type InboundKind = 'event' | 'command' | 'options' | 'action' | 'shortcut' | 'view'

export type Inbound =
  | { verdict: 'malformed'; reason: string }
  | { verdict: 'ssl_check' }
  | { verdict: 'url_verification'; challenge: string }
  /** Bolt finds no kind of listener for it and would leave it unanswered until its 3-s timeout. */
  | { verdict: 'unroutable'; type: string | null }
  | { verdict: 'dispatch'; kind: InboundKind }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function checked(kind: InboundKind, schema: z.ZodType, body: unknown): Inbound {
  const result = schema.safeParse(body)
  if (result.success) return { verdict: 'dispatch', kind }
  const issue = result.error.issues[0]
  return { verdict: 'malformed', reason: `${kind}: ${issue?.path.join('.') || 'body'} ${issue?.message ?? 'invalid'}` }
}

/** Reads a parsed body (HTTP or a Socket Mode envelope's payload) as Bolt will route it. */
export function readInbound(body: unknown): Inbound {
  if (!isRecord(body)) return { verdict: 'malformed', reason: `body is ${Array.isArray(body) ? 'an array' : String(body === null ? null : typeof body)}` }
  if (body.ssl_check === '1') return { verdict: 'ssl_check' }
  if (body.type === 'url_verification') {
    return typeof body.challenge === 'string' ? { verdict: 'url_verification', challenge: body.challenge } : { verdict: 'malformed', reason: 'url_verification: no challenge' }
  }
  // The same tests in the same order as Bolt, so the schema checked is the one Bolt relies on.
  if (body.event !== undefined) return checked('event', eventCallback, body)
  if (body.command !== undefined) return checked('command', slashCommand, body)
  if (body.name !== undefined || body.type === 'block_suggestion') return checked('options', otherInteraction, body)
  if (body.actions !== undefined || body.type === 'dialog_submission') {
    return body.type === 'block_actions' ? checked('action', blockActions, body) : checked('action', otherInteraction, body)
  }
  if (body.type === 'shortcut' || body.type === 'message_action') return checked('shortcut', otherInteraction, body)
  if (body.type === 'view_submission') return checked('view', viewSubmission, body)
  if (body.type === 'view_closed') return checked('view', viewClosed, body)
  return { verdict: 'unroutable', type: typeof body.type === 'string' ? body.type : null }
}

/**
 * Removes control characters from every string of a payload, in place: Bolt's `command`, `action`,
 * `view` and `event` are parts of the body, so every listener sees the cleaned text. Iterative,
 * so no nesting depth a client sends can overflow the stack.
 */
export function cleanInboundText(body: unknown): void {
  const pending: unknown[] = [body]
  while (pending.length > 0) {
    const value = pending.pop()
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        const item: unknown = value[i]
        if (typeof item === 'string') value[i] = withoutControlCharacters(item)
        else if (typeof item === 'object' && item !== null) pending.push(item)
      }
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>
      for (const key of Object.keys(record)) {
        const item = record[key]
        if (typeof item === 'string') record[key] = withoutControlCharacters(item)
        else if (typeof item === 'object' && item !== null) pending.push(item)
      }
    }
  }
}

/**
 * The first middleware of the app: the shape check for Socket Mode (HTTP bodies were checked by the
 * receiver before Bolt saw them; the check is cheap and the same), then clean text for everyone.
 */
export function inboundGuard(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const inbound = readInbound(args.body)
    if (inbound.verdict === 'malformed') {
      logger.warn({ reason: inbound.reason }, 'slack_request_malformed')
      // Acked so that Slack does not deliver it again; there is nothing to answer.
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)().catch(() => {})
      return
    }
    cleanInboundText(args.body)
    await args.next()
  }
}

/**
 * Socket Mode has no receiver of ours: Bolt throws on some malformed bodies (`view: null`…) before
 * any middleware runs. Those are acked (Slack would deliver them again) with one log line.
 */
export function socketModeErrorHandler(logger: Logger) {
  return async ({ error, event }: SocketModeReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    const inbound = readInbound(event.body)
    if (inbound.verdict === 'malformed') {
      logger.warn({ reason: inbound.reason }, 'slack_request_malformed')
      return true
    }
    logger.error({ err: error }, 'slack_request_failed')
    return false
  }
}
