// The part of Slack a person's Slack client plays, for the sandbox's page: it sends the app what
// Slack would send when a person types a slash command, clicks, submits or closes a modal, opens
// the Home tab or uses a message shortcut (signed requests, slackRequests.ts), and turns the app's
// answers into what that person sees — a modal stack per person, errors under fields, ephemeral
// messages from ack bodies and response_url posts, edits of the original message.
import type { AppManifest } from './manifest.ts'
import type { LocalSlack, SlackEphemeral } from './localSlack.ts'
import type { AppClient, SlackResponse, StateValues } from './slackRequests.ts'
import { appDmOf } from './workspace.ts'

/** Where an interactive element was: a message (maybe ephemeral), or a view (a modal or the Home tab). */
export type Surface =
  | { kind: 'message'; channel: string; ts: string; ephemeral?: boolean }
  | { kind: 'view'; viewId: string }

/** The element's part of a block_actions payload, as the page read it from the control. */
export type ActionInput = { action_id: string; block_id: string; type: string } & Record<string, unknown>

/** A line from Slack itself (not from the app), shown to one person only, as Slackbot would. */
export type SlackNotice = { channel: string; user: string; ts: string; text: string }

/** One person's open modals, bottom first, and what Slack shows on them. */
export type ModalStack = { viewIds: string[]; errors: Map<string, Record<string, string>>; trouble: Map<string, string> }

type ResponseUrlContext = { userId: string; channel: string; messageTs?: string; ephemeral?: boolean }

export type SlackClient = ReturnType<typeof createSlackClient>

export function createSlackClient(options: { slack: LocalSlack; app: AppClient; manifest: AppManifest; teamId: string; clock: { now(): Date } }) {
  const { slack, app, manifest, teamId, clock } = options
  const commands = new Set(manifest.commands.map((c) => c.command))
  const stacks = new Map<string, ModalStack>()
  /** Whose interaction each trigger id came with, and in which conversation (default_to_current_conversation). */
  const triggers = new Map<string, { userId: string; channel: string | null }>()
  const openedIn = new Map<string, string | null>()
  const responseUrls = new Map<string, ResponseUrlContext>()
  const notices: SlackNotice[] = []
  /** When each message appeared, by the sandbox's clock (Slack shows it beside the author). */
  const postedAt = new Map<string, Date>()
  let callsSeen = 0
  let responsesSeen = 0

  const stackOf = (userId: string): ModalStack => {
    let stack = stacks.get(userId)
    if (!stack) stacks.set(userId, (stack = { viewIds: [], errors: new Map(), trouble: new Map() }))
    return stack
  }

  /** A trigger id Slack hands the app with this person's interaction (views.open/push then know whose). */
  function trigger(userId: string, channel: string | null = null): string {
    const id = slack.newTriggerId()
    triggers.set(id, { userId, channel })
    return id
  }

  function responseUrl(context: ResponseUrlContext): string {
    const url = slack.newResponseUrl()
    responseUrls.set(url.slice(url.lastIndexOf('/') + 1), context)
    return url
  }

  function notify(userId: string, channel: string, text: string): void {
    notices.push({ channel, user: userId, ts: slack.newTs(), text })
    slack.changed()
  }

  function ephemeral(userId: string, channel: string, body: { text?: unknown; blocks?: unknown }): void {
    const entry: SlackEphemeral = { channel, user: userId, ts: slack.newTs(), ...(typeof body.text === 'string' ? { text: body.text } : {}), ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}) }
    slack.ephemerals.push(entry)
    slack.changed()
  }

  /** What the app asked of the Web API and through response URLs, turned into what people see. */
  function follow(): void {
    for (const m of [...slack.messages, ...slack.ephemerals, ...notices]) {
      const key = `${m.channel}:${m.ts}`
      if (!postedAt.has(key)) postedAt.set(key, clock.now())
    }
    for (const call of slack.calls.slice(callsSeen)) {
      callsSeen += 1
      if (call.result?.ok !== true) continue
      if (call.method === 'views.open' || call.method === 'views.push') {
        const from = triggers.get(String(call.args.trigger_id))
        if (!from) continue
        const stack = stackOf(from.userId)
        openedIn.set(call.result.view.id, from.channel ?? (call.method === 'views.push' ? openedIn.get(stack.viewIds.at(-1) ?? '') ?? null : null))
        // views.open from inside a modal starts afresh as in Slack; views.push stacks.
        if (call.method === 'views.open') stack.viewIds = []
        stack.viewIds.push(call.result.view.id)
      }
      if (call.method === 'views.update') {
        // Slack shows the updated view without the errors of the old one.
        for (const stack of stacks.values()) stack.errors.delete(call.result.view.id)
      }
    }
    for (const post of slack.responses.slice(responsesSeen)) {
      responsesSeen += 1
      const context = responseUrls.get(post.id)
      if (context) answerThroughResponseUrl(context, post.body)
    }
  }
  slack.onChange(follow)

  /** response_url: replace or delete the original, post in the channel, or (by default) only to the person. */
  function answerThroughResponseUrl(context: ResponseUrlContext, body: unknown): void {
    const answer = (typeof body === 'string' ? { text: body } : (body ?? {})) as Record<string, unknown>
    const content = { ...(typeof answer.text === 'string' ? { text: answer.text } : {}), ...(Array.isArray(answer.blocks) ? { blocks: answer.blocks } : {}) }
    if ((answer.replace_original === true || answer.delete_original === true) && context.messageTs) {
      const list: Array<{ channel: string; ts: string }> = context.ephemeral ? slack.ephemerals : slack.messages
      const index = list.findIndex((m) => m.channel === context.channel && m.ts === context.messageTs)
      if (index !== -1) {
        if (answer.delete_original === true) list.splice(index, 1)
        else {
          const original = list[index] as { text?: string; blocks?: unknown[]; edited?: boolean }
          delete original.text
          delete original.blocks
          Object.assign(original, content, context.ephemeral ? {} : { edited: true })
        }
        slack.changed()
        return
      }
    }
    if (answer.response_type === 'in_channel') {
      slack.messages.push({ channel: context.channel, ts: slack.newTs(), edited: false, ...content })
      slack.changed()
      return
    }
    ephemeral(context.userId, context.channel, content)
  }

  /** What Slack says when the app did not answer an interaction well. */
  function troubleWith(response: SlackResponse): string | null {
    return response.status === 200 ? null : `The app did not answer as Slack expects (HTTP ${response.status}).`
  }

  function userName(userId: string): string {
    return slack.users.get(userId)?.name ?? userId.toLowerCase()
  }

  function channelName(channel: string): string {
    return channel.startsWith('D') ? 'directmessage' : (slack.channels.get(channel)?.name ?? channel.toLowerCase())
  }

  return {
    notices: notices as readonly SlackNotice[],
    postedAt: (channel: string, ts: string): Date | null => postedAt.get(`${channel}:${ts}`) ?? null,
    manifest,

    /** The modals open for this person (bottom first), with what Slack shows on them. */
    modalsOf(userId: string): Array<{ view: Record<string, any>; errors: Record<string, string>; trouble: string | null; openedIn: string | null }> {
      const stack = stackOf(userId)
      stack.viewIds = stack.viewIds.filter((id) => slack.views.has(id))
      return stack.viewIds.map((id) => ({ view: slack.views.get(id)!, errors: stack.errors.get(id) ?? {}, trouble: stack.trouble.get(id) ?? null, openedIn: openedIn.get(id) ?? null }))
    },

    /**
     * The composer: `/command text` runs the app's slash command as this person in this
     * conversation; anything else is a message from them (a reply when `threadTs` is given).
     */
    async send(userId: string, channel: string, text: string, threadTs?: string): Promise<void> {
      const trimmed = text.trim()
      if (trimmed === '') return
      const command = /^(\/\S+)\s*([\s\S]*)$/.exec(trimmed)
      if (!command) {
        // The app's Messages tab is read-only (manifest: messages_tab_read_only_enabled).
        if (channel === appDmOf(userId)) return notify(userId, channel, 'Sending messages to this app has been turned off. Slash commands still work here.')
        slack.postAsPerson({ channel, user: userId, text: trimmed, ...(threadTs ? { threadTs } : {}) })
        return
      }
      const [, name, rest] = command as unknown as [string, string, string]
      if (!commands.has(name)) return notify(userId, channel, `${name} is not a valid command. This app's command is ${[...commands].join(', ')}.`)
      const answer = await app.slashCommand({
        teamId, userId, channelId: channel, command: name, text: rest.trim(),
        triggerId: trigger(userId, channel), responseUrl: responseUrl({ userId, channel }),
        userName: userName(userId), channelName: channelName(channel),
      })
      const trouble = troubleWith(answer)
      if (trouble) return notify(userId, channel, `${name} failed. ${trouble}`)
      // An ack with a body is the command's answer, to the person only unless it says in_channel.
      if (answer.body !== null && answer.body !== '') answerThroughResponseUrl({ userId, channel }, answer.body)
    },

    /** A click or a choice on an interactive element: block_actions, as Slack sends it. */
    async act(userId: string, surface: Surface, action: ActionInput, values: StateValues = {}): Promise<void> {
      const { action_id: actionId, block_id: blockId, ...element } = action
      if (surface.kind === 'view') {
        const view = slack.views.get(surface.viewId)
        if (!view) return
        const answer = await app.blockAction({ teamId, userId, actionId, blockId, triggerId: trigger(userId), view, values, action: element })
        const trouble = troubleWith(answer)
        if (trouble) stackOf(userId).trouble.set(surface.viewId, trouble)
        return
      }
      const original = surface.ephemeral
        ? slack.ephemerals.find((m) => m.channel === surface.channel && m.ts === surface.ts)
        : slack.messageAt(surface.channel, surface.ts)
      if (!original) return
      const answer = await app.blockAction({
        teamId, userId, actionId, blockId, triggerId: trigger(userId, surface.channel), channelId: surface.channel,
        container: { type: 'message', message_ts: surface.ts, channel_id: surface.channel, is_ephemeral: surface.ephemeral === true },
        responseUrl: responseUrl({ userId, channel: surface.channel, messageTs: surface.ts, ephemeral: surface.ephemeral === true }),
        // Slack sends the message with an interaction on it, but not an ephemeral one.
        ...(surface.ephemeral ? {} : { message: { ...slack.messageJson(original as Parameters<LocalSlack['messageJson']>[0]), channel: surface.channel } }),
        values, action: element,
      })
      const trouble = troubleWith(answer)
      if (trouble) notify(userId, surface.channel, trouble)
    },

    /** The modal's submit button: view_submission, and what its answer asks Slack to do. */
    async submit(userId: string, viewId: string, values: StateValues): Promise<void> {
      const view = slack.views.get(viewId)
      const stack = stackOf(userId)
      if (!view || !stack.viewIds.includes(viewId)) return
      stack.trouble.delete(viewId)
      const answer = await app.viewSubmission({ teamId, userId, view, values, triggerId: trigger(userId) })
      const trouble = troubleWith(answer)
      if (trouble) {
        stack.trouble.set(viewId, trouble)
        return slack.changed()
      }
      const body = (answer.body ?? {}) as { response_action?: string; errors?: Record<string, string>; view?: unknown }
      const at = stack.viewIds.indexOf(viewId)
      switch (body.response_action) {
        case 'errors':
          stack.errors.set(viewId, body.errors ?? {})
          break
        case 'update': {
          const placed = slack.placeView(body.view, { update: viewId })
          if ('refused' in placed) stack.trouble.set(viewId, `Slack refused the app's view: ${placed.refused}`)
          else stack.errors.delete(viewId)
          break
        }
        case 'push': {
          const placed = slack.placeView(body.view, { pushOnto: viewId })
          if ('refused' in placed) stack.trouble.set(viewId, `Slack refused the app's view: ${placed.refused}`)
          else {
            stack.errors.delete(viewId)
            openedIn.set(placed.view.id, openedIn.get(viewId) ?? null)
            stack.viewIds.splice(at + 1, Infinity, placed.view.id)
          }
          break
        }
        case 'clear':
          stack.viewIds = []
          break
        default:
          // An empty answer closes the submitted view; the ones under it stay.
          stack.errors.delete(viewId)
          stack.viewIds.splice(at, Infinity)
      }
      slack.changed()
    },

    /** The modal's close button (this view) or its × (every view): view_closed if the view asked. */
    async close(userId: string, viewId: string, all: boolean): Promise<void> {
      const stack = stackOf(userId)
      const at = stack.viewIds.indexOf(viewId)
      if (at === -1) return
      const closing = all ? stack.viewIds : stack.viewIds.slice(at)
      const view = slack.views.get(viewId)
      stack.viewIds = all ? [] : stack.viewIds.slice(0, at)
      for (const id of closing) stack.errors.delete(id)
      slack.changed()
      if (view?.notify_on_close === true) await app.viewClosed({ teamId, userId, view, isCleared: all })
    },

    /** A message shortcut from a message's More actions menu. */
    async shortcut(userId: string, channel: string, ts: string, callbackId: string): Promise<void> {
      const message = slack.messageAt(channel, ts)
      if (!message) return
      const json = slack.messageJson(message)
      const answer = await app.messageShortcut({
        teamId, userId, callbackId, channelId: channel, triggerId: trigger(userId, channel), responseUrl: responseUrl({ userId, channel, messageTs: ts }),
        message: { ts, text: json.text, user: json.user },
      })
      const trouble = troubleWith(answer)
      if (trouble) notify(userId, channel, trouble)
    },

    /** The person opened the app's Home or Messages tab: app_home_opened. */
    async openAppTab(userId: string, tab: 'home' | 'messages'): Promise<void> {
      await app.appHomeOpened({ teamId, userId, tab, channelId: appDmOf(userId) })
    },
  }
}
