// The board of ideas (the workspace's, or a round's call for ideas) and a round's results: each
// idea is two blocks (its words with a menu, and its buttons), so a board of `boardSize` ideas stays
// inside a message's 50 blocks whatever the number of ideas; the rest is counted, not shown. Slack
// also refuses a message whose texts add up to about 12,000 characters (msg_blocks_too_long, below
// every documented limit: slackapi/bolt-js#2509), so a board stops adding ideas at a text budget.
import type { KnownBlock, Overflow } from '@slack/types'
import { roundTopCount, type BrainstormRound, type Idea } from '../../domain/brainstorm.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { BoardView, RoundResults } from '../../store/ideas.ts'
import { actions, button, context, header, option, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'

export const ideaBoardActions = {
  upvote: 'idea_upvote',
  propose: 'idea_make_proposal',
  menu: 'idea_menu',
  addToRound: 'brainstorm_add_idea',
} as const

/** How much of an idea a board shows (escaped); the whole text stays stored (and in the proposal's theme). */
const shownTextLength = 280
/** The characters of text a board may hold in all, well below where Slack refuses a message. */
export const boardTextBudget = 8_000

/** Upvote's value: the idea and the state of the board the press comes from. */
export function upvoteValue(ideaId: number, boardId: number, revision: number): string {
  return `${ideaId}:${boardId}:${revision}`
}

export function readUpvoteValue(value: string | undefined): { ideaId: number; boardId: number; revision: number } | null {
  const match = /^(\d{1,9}):(\d{1,9}):(\d{1,9})$/.exec(value ?? '')
  return match ? { ideaId: Number(match[1]), boardId: Number(match[2]), revision: Number(match[3]) } : null
}

export type IdeaMenuChoice = { operation: 'edit' | 'withdraw' | 'remove'; ideaId: number }

export function readIdeaMenuValue(value: string | undefined): IdeaMenuChoice | null {
  const match = /^(edit|withdraw|remove):(\d{1,9})$/.exec(value ?? '')
  return match ? { operation: match[1] as IdeaMenuChoice['operation'], ideaId: Number(match[2]) } : null
}

export function readIdeaId(value: string | undefined): number | null {
  return /^\d{1,9}$/.test(value ?? '') ? Number(value) : null
}

/** An instant as Slack shows it to each reader, in their own time zone (the fallback is UTC). */
export function slackDate(instant: Date): Mrkdwn {
  const fallback = `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  return trusted(`<!date^${Math.floor(instant.getTime() / 1000)}^{date_short_pretty} {time}|${fallback}>`)
}

/** User text escaped, then cut to `max` characters, never inside an `&…;` escape. */
function escapedCut(text: string, max: number): Mrkdwn {
  const characters = [...escapeMrkdwn(text)]
  if (characters.length <= max) return escapeMrkdwn(text)
  return trusted(characters.slice(0, max - 1).join('').replace(/&[a-z]{0,3}$/, '') + '…')
}

/** Every character of text in blocks (text objects, option labels), as Slack counts towards its limit. */
export function textCharacters(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textCharacters(item), 0)
  if (value === null || typeof value !== 'object') return 0
  return Object.entries(value).reduce((sum: number, [key, item]) =>
    sum + (key === 'text' && typeof item === 'string' ? [...item].length : textCharacters(item)), 0)
}

function sourceLink(idea: Idea, m: Messages): string | null {
  const permalink = idea.source?.permalink
  // Only Slack's own https links, written so that nothing in them can end the link early.
  if (!permalink || !/^https:\/\/[^\s|<>]+$/.test(permalink)) return null
  return `<${permalink}|${m.ideas.board.fromMessage}>`
}

export function ideaText(idea: Idea, rank: number, m: Messages): Mrkdwn {
  const byline = m.ideas.board.byline({
    author: mentionUser(idea.authorId),
    votes: idea.voteCount,
    tag: idea.tag ? escapedCut(idea.tag.label, 80) : null,
    source: sourceLink(idea, m),
    campaign: idea.campaign ? trusted(`#${idea.campaign.id} *${escapedCut(idea.campaign.name, 100)}*`) : null,
  })
  return trusted(`${m.ideas.board.idea(rank, escapedCut(idea.text, shownTextLength))}\n${byline}`)
}

function ideaMenu(idea: Idea, m: Messages): Overflow {
  const menu = m.ideas.board.menu
  return {
    type: 'overflow',
    action_id: ideaBoardActions.menu,
    options: (['edit', 'withdraw', 'remove'] as const).map((operation) => option(menu[operation], `${operation}:${idea.id}`)),
  }
}

function ideaBlocks(idea: Idea, rank: number, view: BoardView, m: Messages): KnownBlock[] {
  return [
    { ...section(ideaText(idea, rank, m), `idea_${idea.id}`), accessory: ideaMenu(idea, m) },
    actions(`idea_actions_${idea.id}`, [
      button(m.ideas.board.upvote(idea.voteCount), ideaBoardActions.upvote, upvoteValue(idea.id, view.board.id, view.board.revision)),
      ...(idea.campaign ? [] : [button(m.ideas.board.makeProposal, ideaBoardActions.propose, String(idea.id))]),
    ]),
  ]
}

function roundHeader(round: BrainstormRound, m: Messages): KnownBlock {
  return header(m.ideas.board.roundTitle(round.topic))
}

/** The board as its state says: live (ideas and buttons), or its last words once replaced or closed. */
export function ideaBoardMessage(view: BoardView, m: Messages): { text: string; blocks: Blocks } {
  const b = m.ideas.board
  const round = view.round
  const text = round ? b.roundSummary(escapeMrkdwn(round.topic), view.total) : b.summary(view.total)
  const blocks: KnownBlock[] = [round ? roundHeader(round, m) : header(b.title)]
  if (view.state === 'replaced') return { text, blocks: [...blocks, context(trusted(b.replaced))] }
  if (view.state === 'closed' && round) return { text, blocks: [...blocks, context(trusted(b.closed(slackDate(round.closedAt ?? round.deadline), view.total)))] }

  if (round) {
    blocks.push(section(trusted(b.roundIntro(mentionUser(round.startedById), slackDate(round.deadline)))))
    blocks.push(actions(`brainstorm_${round.id}`, [button(b.addIdea, ideaBoardActions.addToRound, String(round.id), 'primary')]))
  } else {
    blocks.push(context(trusted(b.intro)))
  }
  if (view.ideas.length === 0) blocks.push(context(trusted(round ? b.roundEmpty : b.empty)))
  // Room for the "more" line, whose text is short.
  let budget = boardTextBudget - textCharacters(blocks) - 200
  let shown = 0
  for (const idea of view.ideas) {
    const its = ideaBlocks(idea, shown + 1, view, m)
    budget -= textCharacters(its)
    if (budget < 0) break
    blocks.push(...its)
    shown += 1
  }
  if (view.total > shown) blocks.push(context(trusted(b.more(shown, view.total))))
  return { text, blocks }
}

/** Posted in the round's channel when it closes: its top three, each with Make it a proposal. */
export function roundResultsMessage(results: RoundResults, m: Messages): { text: string; blocks: Blocks } {
  const r = m.ideas.results
  const { round, top, total } = results
  const blocks: KnownBlock[] = [header(r.title(round.topic))]
  if (top.length === 0) {
    blocks.push(section(trusted(r.none)))
  } else {
    blocks.push(section(trusted(r.summary(total, results.contributors))))
    top.slice(0, roundTopCount).forEach((idea, index) => {
      blocks.push(section(trusted(`${r.medal(index + 1)} ${ideaText(idea, index + 1, m)}`), `result_${idea.id}`))
      if (!idea.campaign) blocks.push(actions(`result_actions_${idea.id}`, [button(m.ideas.board.makeProposal, ideaBoardActions.propose, String(idea.id))]))
    })
  }
  blocks.push(context(trusted(r.footer)))
  return { text: r.text(escapeMrkdwn(round.topic), total), blocks }
}
