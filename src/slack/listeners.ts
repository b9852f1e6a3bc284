// Every listener is registered here, by the id Slack sends (never a pattern), so the app knows
// what it handles: a modal, button or command that no listener of this version takes (one left
// open from an older version, say) is answered at once instead of waiting out Bolt's 3-s timeout
// for a 404 (see inboundUnhandled.ts). Listener files are given this, not Bolt's App, so a
// listener cannot be registered where the fallback would not know of it.
import type {
  App, Middleware, SlackAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackEventMiddlewareArgs,
  SlackShortcut, SlackShortcutMiddlewareArgs, SlackViewAction, SlackViewMiddlewareArgs,
} from '@slack/bolt'
import { readInbound } from './inbound.ts'

export type Listeners = {
  command(name: string, ...listeners: Middleware<SlackCommandMiddlewareArgs>[]): void
  action<A extends SlackAction = SlackAction>(actionId: string, ...listeners: Middleware<SlackActionMiddlewareArgs<A>>[]): void
  /** A `view_submission` of modals with this callback_id. */
  view<V extends SlackViewAction = SlackViewAction>(callbackId: string, ...listeners: Middleware<SlackViewMiddlewareArgs<V>>[]): void
  event<E extends string>(type: E, ...listeners: Middleware<SlackEventMiddlewareArgs<E>>[]): void
  /** A global or message shortcut with this callback_id (manifest.yml features.shortcuts). */
  shortcut<S extends SlackShortcut = SlackShortcut>(callbackId: string, ...listeners: Middleware<SlackShortcutMiddlewareArgs<S>>[]): void
  /** Whether a listener registered here will take this body: the same ids Bolt matches on. */
  handles(body: unknown): boolean
}

type RoutedBody = {
  type?: unknown
  command?: unknown
  event?: { type?: unknown }
  actions?: Array<{ action_id?: unknown }>
  view?: { callback_id?: unknown }
  callback_id?: unknown
}

export function createListeners(app: App): Listeners {
  const commands = new Set<unknown>()
  const actions = new Set<unknown>()
  const views = new Set<unknown>()
  const events = new Set<unknown>()
  const shortcuts = new Set<unknown>()
  return {
    command(name, ...listeners) {
      commands.add(name)
      app.command(name, ...listeners)
    },
    action(actionId, ...listeners) {
      actions.add(actionId)
      app.action(actionId, ...listeners)
    },
    view(callbackId, ...listeners) {
      views.add(callbackId)
      app.view(callbackId, ...listeners)
    },
    event(type, ...listeners) {
      events.add(type)
      app.event(type, ...listeners)
    },
    shortcut(callbackId, ...listeners) {
      shortcuts.add(callbackId)
      app.shortcut(callbackId, ...listeners)
    },
    handles(body) {
      // Routed as Bolt routes it; the shapes read below were checked by readInbound.
      const inbound = readInbound(body)
      if (inbound.verdict !== 'dispatch') return false
      const routed = body as RoutedBody
      switch (inbound.kind) {
        case 'event': return events.has(routed.event?.type)
        case 'command': return commands.has(routed.command)
        // Bolt hands a listener the first action only, matched on its action_id.
        case 'action': return routed.type === 'block_actions' && actions.has(routed.actions?.[0]?.action_id)
        case 'view': return routed.type === 'view_submission' && views.has(routed.view?.callback_id)
        case 'shortcut': return (routed.type === 'shortcut' || routed.type === 'message_action') && shortcuts.has(routed.callback_id)
        case 'options': return false
      }
    },
  }
}
