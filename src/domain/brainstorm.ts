// The team's brainstorm (METHOD.md stage 1, before the proposal): ideas on the workspace's board,
// tagged with a timing node, voted on one vote per person, changed by their author, removed by an
// admin; and brainstorm rounds, a call for ideas in a channel that closes at a deadline.
// Pure: no Slack, no database, no clock (time comes in as an argument).
import { isIsoDate } from './dates.ts'

export const ideaLimits = { text: 1000, tagLabel: 60, topic: 150 } as const

/** How many ideas a board shows (two blocks each, inside a message's 50) and a round's results name. */
export const boardSize = 20
export const roundTopCount = 3

export const ideaStatuses = ['open', 'withdrawn', 'removed'] as const
export type IdeaStatus = (typeof ideaStatuses)[number]

/** A timing node an idea is tagged with: a key to group by and the words people read. */
export type TimingTag = { key: string; label: string }

export type Idea = {
  id: number
  teamId: string
  authorId: string
  text: string
  tag: TimingTag | null
  /** The message it was taken from (the message shortcut). */
  source: { channelId: string; messageTs: string; permalink: string | null } | null
  roundId: number | null
  status: IdeaStatus
  /** The campaign proposed from it. */
  campaign: { id: number; name: string } | null
  voteCount: number
  version: number
  createdAt: Date
  updatedAt: Date
}

export type BrainstormRound = {
  id: number
  teamId: string
  channelId: string
  topic: string
  startedById: string
  deadline: Date
  closedAt: Date | null
  locale: string
}

// ---- an idea's words ----

export type IdeaTextError = 'required' | 'too_long' | 'tag_too_long'

/** A tag as typed (`Double_11`, ` 618 `) → its label and key; null when empty. Underscores read as spaces. */
export function timingTag(typed: string | null | undefined): TimingTag | null {
  const label = (typed ?? '').trim().replace(/^#/, '').replace(/_/g, ' ').trim().replace(/\s+/g, ' ')
  if (!label) return null
  return { label, key: label.normalize('NFKC').toLocaleLowerCase() }
}

/** Checks an idea's text and tag as a person gave them. */
export function checkIdea(text: string, tagLabel: string | null | undefined): { ok: true; text: string; tag: TimingTag | null } | { ok: false; error: IdeaTextError } {
  const trimmed = text.trim()
  if (!trimmed) return { ok: false, error: 'required' }
  if ([...trimmed].length > ideaLimits.text) return { ok: false, error: 'too_long' }
  const tag = timingTag(tagLabel)
  if (tag && [...tag.label].length > ideaLimits.tagLabel) return { ok: false, error: 'tag_too_long' }
  return { ok: true, text: trimmed, tag }
}

/**
 * `/campaign idea <text> [#tag]`: a last word that starts with `#` is the timing-node tag
 * (`#Double_11` reads "Double 11"); a `#` anywhere else is part of the text ("We're #1").
 */
export function readIdeaCommand(rest: string): { text: string; tag: string | null } {
  const trimmed = rest.trim()
  const match = /(?:^|\s)#(\S+)$/u.exec(trimmed)
  if (!match) return { text: trimmed, tag: null }
  return { text: trimmed.slice(0, match.index).trim(), tag: match[1]! }
}

/**
 * A Slack message's text as a person would read it, to prefill an idea: mentions and links become
 * their labels, and Slack's escapes (`&amp;`, `&lt;`, `&gt;`) their characters again.
 */
export function readableMessageText(slackText: string): string {
  return slackText
    .replace(/<([@#!])([^|>]+)(?:\|([^>]*))?>/g, (_, sigil: string, id: string, label: string | undefined) => {
      if (label) return sigil === '!' ? label : `${sigil === '@' ? '@' : '#'}${label}`
      if (sigil === '!') return `@${id.replace(/^subteam\^/, '')}`
      return `${sigil}${id}`
    })
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** The first `max` characters of a text (not UTF-16 units), for a prefilled input. */
export function cutTo(text: string, max: number): string {
  const characters = [...text]
  return characters.length <= max ? text : characters.slice(0, max - 1).join('') + '…'
}

// ---- who may do what ----

export type IdeaChange = 'edit' | 'withdraw' | 'remove'
export type IdeaRefusal = 'not_the_author' | 'not_an_admin' | 'not_open'

/** Edit and withdraw are the author's; removal is a workspace admin's; only an open idea changes. */
export function refusalToChangeIdea(
  idea: Pick<Idea, 'authorId' | 'status'>, actor: { userId: string; isWorkspaceAdmin: boolean }, change: IdeaChange,
): IdeaRefusal | null {
  if (change === 'remove') {
    if (!actor.isWorkspaceAdmin) return 'not_an_admin'
  } else if (idea.authorId !== actor.userId) {
    return 'not_the_author'
  }
  return idea.status === 'open' ? null : 'not_open'
}

/** Anyone may make an open idea a proposal, once. */
export function refusalToPropose(idea: Pick<Idea, 'status' | 'campaign'>): 'not_open' | 'already_proposed' | null {
  if (idea.status !== 'open') return 'not_open'
  return idea.campaign ? 'already_proposed' : null
}

// ---- votes ----

/** What a press of Upvote came from: one state of one board. Two presses from the same state are one. */
export function pressKey(boardId: number, revision: number): string {
  return `${boardId}:r${revision}`
}

/**
 * A press of Upvote against the person's vote as it stands: a vote when there is none, taken back
 * when there is one, and nothing when it repeats the press that made the current state (a double
 * click, or the same click reaching two instances).
 */
export function votePress(current: { active: boolean; lastPress: string } | null, press: string): 'vote' | 'unvote' | 'repeat' {
  if (current?.lastPress === press) return 'repeat'
  return current?.active ? 'unvote' : 'vote'
}

/** Board order: most votes first, then the earliest idea (the store sorts the same way in SQL). */
export function boardOrder(a: Pick<Idea, 'voteCount' | 'createdAt' | 'id'>, b: Pick<Idea, 'voteCount' | 'createdAt' | 'id'>): number {
  return b.voteCount - a.voteCount || a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id
}

// ---- rounds ----

/** A round runs this long when its call names no deadline; and never longer than the maximum. */
export const roundDefaultDays = 3
export const roundMaxDays = 90

export type BrainstormCommandError = 'no_topic' | 'topic_too_long' | 'bad_deadline' | 'deadline_past' | 'deadline_too_far'

/** The instant a local wall-clock time happens in `timeZone` (an IANA name; unknown → UTC). */
export function zonedInstant(isoDate: string, time: string, timeZone: string | null | undefined): Date {
  const [y, mo, d] = isoDate.split('-').map(Number) as [number, number, number]
  const [h, mi] = time.split(':').map(Number) as [number, number]
  const wall = Date.UTC(y, mo - 1, d, h, mi)
  // The zone's offset at a guess, then again at the answer (the offset may differ across a DST change).
  let instant = wall - offsetMs(wall, timeZone)
  instant = wall - offsetMs(instant, timeZone)
  return new Date(instant)
}

function offsetMs(instant: number, timeZone: string | null | undefined): number {
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone || 'UTC', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(instant))
  } catch {
    return 0
  }
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'))
  return asUtc - Math.floor(instant / 1000) * 1000
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/**
 * `/campaign brainstorm <topic> [until <date> [HH:MM]]` (also `截至`/`截止` for until). A date alone
 * means to the end of that day, in the person's time zone; no deadline means the end of the day
 * `roundDefaultDays - 1` days from today. `today` is the person's local date at `now`.
 */
export function readBrainstormCommand(
  rest: string, now: Date, today: string, timeZone: string | null | undefined,
): { ok: true; topic: string; deadline: Date } | { ok: false; error: BrainstormCommandError } {
  const trimmed = rest.trim()
  const until = /\s*(?:\buntil\b|截至|截止)\s*(\S+)(?:\s+(\d{1,2}:\d{2}))?\s*$/iu.exec(trimmed)
  const topic = (until ? trimmed.slice(0, until.index) : trimmed).trim()
  if (!topic) return { ok: false, error: 'no_topic' }
  if ([...topic].length > ideaLimits.topic) return { ok: false, error: 'topic_too_long' }
  let deadline: Date
  if (until) {
    const date = until[1]!
    const time = until[2]
    if (!isIsoDate(date) || (time && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time))) return { ok: false, error: 'bad_deadline' }
    deadline = time ? zonedInstant(date, time, timeZone) : zonedInstant(addDays(date, 1), '00:00', timeZone)
  } else {
    deadline = zonedInstant(addDays(today, roundDefaultDays), '00:00', timeZone)
  }
  if (deadline.getTime() <= now.getTime()) return { ok: false, error: 'deadline_past' }
  if (deadline.getTime() - now.getTime() > roundMaxDays * 86_400_000) return { ok: false, error: 'deadline_too_far' }
  return { ok: true, topic, deadline }
}

/** The rounds to close at `now`: open ones whose deadline has come, earliest deadline first. */
export function dueRoundClosings(rounds: ReadonlyArray<Pick<BrainstormRound, 'id' | 'deadline' | 'closedAt'>>, now: Date): number[] {
  return rounds
    .filter((round) => round.closedAt === null && round.deadline.getTime() <= now.getTime())
    .sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || a.id - b.id)
    .map((round) => round.id)
}
