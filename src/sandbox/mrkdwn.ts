// Slack's mrkdwn read into a small tree for the page: slack-message-parser does the reading (bold,
// italic, strike, code, quotes, links, <@U…>, <#C…>, <!here>), node-emoji turns :shortcodes: into
// emoji, and the escapes Slack asks for (&amp; &lt; &gt;) are undone. Names of people and channels
// are left as ids: the page knows the workspace and writes @name and #name.
import { parse, NodeType, type Node } from 'slack-message-parser'
import * as emoji from 'node-emoji'

export type MrkdwnNode =
  | string
  | { t: 'b' | 'i' | 's' | 'quote'; c: MrkdwnNode[] }
  | { t: 'code' | 'pre'; text: string }
  | { t: 'link'; url: string; c?: MrkdwnNode[] }
  | { t: 'user'; id: string; c?: MrkdwnNode[] }
  | { t: 'channel'; id: string; c?: MrkdwnNode[] }
  /** <!here>, <!channel>, <!everyone>, <!subteam^ID|@team>, <!date^…|fallback>: shown as Slack would. */
  | { t: 'special'; name: string; c?: MrkdwnNode[] }
  | { t: 'emoji'; name: string; char: string | null }

const cache = new Map<string, MrkdwnNode[]>()

/** The tree of one mrkdwn text (memoised: a page shows the same texts again and again). */
export function readMrkdwn(text: string): MrkdwnNode[] {
  let nodes = cache.get(text)
  if (!nodes) {
    // A `>` that starts a line quotes it in Slack, escaped or not; the parser knows the escaped one.
    nodes = convert(parse(text.replace(/^>/gm, '&gt;')).children)
    if (cache.size > 5_000) cache.clear()
    cache.set(text, nodes)
  }
  return nodes
}

function convert(nodes: Node[] | undefined): MrkdwnNode[] {
  const out: MrkdwnNode[] = []
  for (const node of nodes ?? []) {
    const converted = one(node)
    // Neighbouring texts become one string (an emoji name that is no emoji stays text).
    if (typeof converted === 'string' && typeof out.at(-1) === 'string') out[out.length - 1] += converted
    else out.push(converted)
  }
  return out
}

const withLabel = (label: Node[] | undefined) => (label && label.length > 0 ? { c: convert(label) } : {})

function one(node: Node): MrkdwnNode {
  switch (node.type) {
    case NodeType.Text: return unescape(node.text)
    case NodeType.Bold: return { t: 'b', c: convert(node.children) }
    case NodeType.Italic: return { t: 'i', c: convert(node.children) }
    case NodeType.Strike: return { t: 's', c: convert(node.children) }
    case NodeType.Quote: return { t: 'quote', c: convert(node.children) }
    case NodeType.Code: return { t: 'code', text: unescape(node.text) }
    case NodeType.PreText: return { t: 'pre', text: unescape(node.text) }
    case NodeType.URL: return { t: 'link', url: unescape(node.url), ...withLabel(node.label) }
    case NodeType.UserLink: return { t: 'user', id: node.userID, ...withLabel(node.label) }
    case NodeType.ChannelLink: return { t: 'channel', id: node.channelID, ...withLabel(node.label) }
    case NodeType.Command: return { t: 'special', name: [node.name, ...node.arguments].join('^'), ...withLabel(node.label) }
    case NodeType.Emoji: return { t: 'emoji', name: node.name, char: emojiFor(node.name, node.variation) }
    default: return unescape(node.source)
  }
}

/** Slack's names that node-emoji (emojilib) knows by another name, or not at all. */
const slackNames: Record<string, string> = {
  large_green_circle: '🟢', large_yellow_circle: '🟡', large_orange_circle: '🟠', large_purple_circle: '🟣', large_brown_circle: '🟤',
  large_green_square: '🟩', large_yellow_square: '🟨', large_orange_square: '🟧', large_red_square: '🟥', large_blue_square: '🟦',
  double_vertical_bar: '⏸️', first_place_medal: '🥇', second_place_medal: '🥈', third_place_medal: '🥉',
  shopping_bags: '🛍️', shopping_trolley: '🛒', spiral_calendar_pad: '🗓️', thumbsup: '👍', thumbsdown: '👎',
}

function emojiFor(name: string, variation: string | undefined): string | null {
  const base = slackNames[name] ?? emoji.get(name) ?? null
  // Skin tones (skin-tone-2 … 6) are modifiers added after the emoji.
  const tone = variation ? /^skin-tone-([2-6])$/.exec(variation)?.[1] : undefined
  return base && tone ? base + String.fromCodePoint(0x1f3fb + Number(tone) - 2) : base
}

/** Slack's three escapes, undone (mrkdwn asks for exactly these: docs/SLACK.md). */
export function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/**
 * A copy of a message's or a view's blocks in which every mrkdwn text object carries its tree
 * (`nodes`) and every plain_text object what Slack shows of it (`shown`: the three escapes undone,
 * as Slack undoes them in plain text too, and :shortcodes: drawn unless `emoji: false`).
 */
export function withMrkdwnTrees<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withMrkdwnTrees(item)) as T
  if (typeof value !== 'object' || value === null) return value
  const object = value as Record<string, unknown>
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(object)) copy[key] = withMrkdwnTrees(item)
  if (object.type === 'mrkdwn' && typeof object.text === 'string') copy.nodes = readMrkdwn(object.text)
  if (object.type === 'plain_text' && typeof object.text === 'string') copy.shown = plainShown(object.text, object.emoji !== false)
  return copy as T
}

/** What Slack shows of a plain_text object's text. */
export function plainShown(text: string, withEmoji: boolean): string {
  const unescaped = unescape(text)
  return withEmoji ? unescaped.replace(/:([a-z0-9_+-]+):/g, (code, name: string) => emojiFor(name, undefined) ?? code) : unescaped
}
