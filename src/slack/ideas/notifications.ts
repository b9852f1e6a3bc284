// The posts the brainstorm causes, as outbox drafts: a board of ideas (posted once, then edited in
// place at every revision, newest wins, as the plan message) and a round's results.
import { localeFromSlack, messagesFor } from '../../i18n/catalogue.ts'
import type { BoardView, RoundResults } from '../../store/ideas.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import { ideaBoardMessage, roundResultsMessage } from './message.ts'

export const ideaBoardKey = (boardId: number) => `idea-board:${boardId}`
export const roundClosingKey = (roundId: number) => `brainstorm-close:${roundId}`

/** A board as it now stands: its first post, or the edit of its current revision. */
export function ideaBoardDraft(view: BoardView): OutboxDraft {
  const { board } = view
  const payload = ideaBoardMessage(view, messagesFor(localeFromSlack(board.locale)))
  if (view.state === 'posted') {
    return { teamId: board.teamId, dedupeKey: ideaBoardKey(board.id), kind: 'post', target: board.channelId, payload }
  }
  return {
    teamId: board.teamId,
    dedupeKey: `${ideaBoardKey(board.id)}:r${board.revision}`,
    kind: 'update',
    target: board.channelId,
    updatesKey: ideaBoardKey(board.id),
    payload,
  }
}

/** A round's results, posted once when it closes. */
export function roundResultsDraft(results: RoundResults): OutboxDraft {
  const { round } = results
  return {
    teamId: round.teamId,
    dedupeKey: roundClosingKey(round.id),
    kind: 'post',
    target: round.channelId,
    payload: roundResultsMessage(results, messagesFor(localeFromSlack(round.locale))),
  }
}
