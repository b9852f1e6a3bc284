// What one person sees in the sandbox, as one JSON document for the page: the workspace (people,
// channels, the app), their conversations (channels they are in and their DM with the app), their
// ephemeral messages, their Home tab, their open modals and the clock. The page draws only this,
// so two windows acting as two people see what each of them would in Slack.
import { DateTime } from 'luxon'
import type { LocalSlack, SlackMessage } from './localSlack.ts'
import { readMrkdwn, withMrkdwnTrees, type MrkdwnNode } from './mrkdwn.ts'
import type { SlackClient } from './slackClient.ts'
import { appDmOf, sandboxPeople } from './workspace.ts'

export type PageMessage = {
  ts: string
  channel: string
  /** Who posted it: a person's id, or the app's bot user. */
  author: string
  text: string
  /** The text's mrkdwn tree, for a message without blocks (Slack shows the text then). */
  nodes: MrkdwnNode[] | null
  blocks: unknown[] | null
  files: Array<{ id: string; name: string; title: string; url: string; image: { width: number; height: number } | null }>
  threadTs: string | null
  replyCount: number
  edited: boolean
  /** When it appeared, in the person's zone (HH:mm, and the day when not today). */
  time: string
  /** Only this person sees it: from the app (an ack, respond(), chat.postEphemeral) or from Slack itself. */
  ephemeral: 'app' | 'slack' | null
}

export type Snapshot = ReturnType<typeof snapshotFor>

export function snapshotFor(slack: LocalSlack, client: SlackClient, userId: string, clock: { now(): Date }, version: number) {
  const me = slack.users.get(userId)
  const zone = me?.tz ?? 'UTC'
  const now = DateTime.fromJSDate(clock.now(), { zone })
  // A group DM is not a channel in the sidebar; an archived channel leaves it, as in Slack. A private
  // channel the app created (a campaign's own, issue 17) shows to its members.
  const channels = [...slack.channels.values()]
    .filter((c) => !c.isPrivate || c.members.includes(userId))
    .filter((c) => !c.name.startsWith('mpdm-') && !c.isArchived)
  const visible = new Set([...channels.filter((c) => c.members.includes(userId)).map((c) => c.id), appDmOf(userId)])

  const files = (message: SlackMessage): PageMessage['files'] => (message.files ?? []).flatMap((id) => {
    const file = slack.files.find((f) => f.id === id)
    return file ? [{ id: file.id, name: file.filename, title: file.title, url: `/files/${file.id}/${encodeURIComponent(file.filename)}`, image: file.png }] : []
  })
  const timeOf = (channel: string, ts: string): string => {
    const at = client.postedAt(channel, ts)
    if (!at) return ''
    const local = DateTime.fromJSDate(at, { zone }).setLocale('en-GB')
    return local.hasSame(now, 'day') ? local.toFormat('HH:mm') : local.toFormat('ccc d LLL, HH:mm')
  }
  const replies = new Map<string, number>()
  for (const m of slack.messages) if (m.threadTs && m.threadTs !== m.ts) replies.set(`${m.channel}:${m.threadTs}`, (replies.get(`${m.channel}:${m.threadTs}`) ?? 0) + 1)

  const conversations: Record<string, PageMessage[]> = {}
  for (const id of visible) conversations[id] = []
  for (const m of slack.messages) {
    if (!visible.has(m.channel)) continue
    conversations[m.channel]!.push({
      ts: m.ts, time: timeOf(m.channel, m.ts), channel: m.channel, author: m.user ?? slack.botUserId, text: m.text ?? '', nodes: m.blocks ? null : readMrkdwn(m.text ?? ''), blocks: m.blocks ? withMrkdwnTrees(m.blocks) : null,
      files: files(m), threadTs: m.threadTs ?? null, replyCount: replies.get(`${m.channel}:${m.ts}`) ?? 0, edited: m.edited, ephemeral: null,
    })
  }
  for (const e of slack.ephemerals) {
    if (e.user !== userId || !visible.has(e.channel)) continue
    conversations[e.channel]!.push({ ts: e.ts, time: timeOf(e.channel, e.ts), channel: e.channel, author: slack.botUserId, text: e.text ?? '', nodes: e.blocks ? null : readMrkdwn(e.text ?? ''), blocks: e.blocks ? withMrkdwnTrees(e.blocks) : null, files: [], threadTs: null, replyCount: 0, edited: false, ephemeral: 'app' })
  }
  for (const n of client.notices) {
    if (n.user !== userId || !visible.has(n.channel)) continue
    conversations[n.channel]!.push({ ts: n.ts, time: timeOf(n.channel, n.ts), channel: n.channel, author: 'USLACKBOT', text: n.text, nodes: readMrkdwn(n.text), blocks: null, files: [], threadTs: null, replyCount: 0, edited: false, ephemeral: 'slack' })
  }
  for (const list of Object.values(conversations)) list.sort((a, b) => a.ts.localeCompare(b.ts))

  const modals = client.modalsOf(userId)
  const home = slack.homeTabs.get(userId)
  return {
    version,
    me: userId,
    team: { id: slack.teamId, name: slack.teamName },
    app: { name: client.manifest.name, botUserId: slack.botUserId, dm: appDmOf(userId), commands: client.manifest.commands, messageShortcuts: client.manifest.messageShortcuts },
    people: [...slack.users.values()].filter((u) => !u.isBot).map((u) => ({
      id: u.id, name: u.name, realName: u.realName, locale: u.locale, tz: u.tz, isAdmin: u.isAdmin,
      role: sandboxPeople.find((p) => p.id === u.id)?.role ?? '',
    })),
    channels: channels.map((c) => ({ id: c.id, name: c.name, member: c.members.includes(userId) })),
    clock: {
      iso: now.toISO(),
      zone,
      /** For the page's `Sandbox time` field (datetime-local, in the person's zone). */
      local: now.toFormat("yyyy-MM-dd'T'HH:mm"),
      shown: now.setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm'),
    },
    conversations,
    home: home ? withMrkdwnTrees(home) : null,
    modals: modals.map((modal) => ({ ...modal, view: withMrkdwnTrees(modal.view) })),
  }
}
