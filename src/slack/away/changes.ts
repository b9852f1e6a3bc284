// Setting oneself away (issue 7, "not to the absent"), from `/campaign away` or the App Home: the
// date is read on the person's own calendar and stored on their Person row, where the planner
// finds it; reminders and prompts for them wait until the day after, and campaign owners are told.
import { localDate } from '../../domain/dates.ts'
import { awayInForce, readAwayRequest, type AwayRequest } from '../../domain/reminders.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { escapeMrkdwn } from '../../i18n/mrkdwn.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'

export type AwayAnswer = { outcome: 'away' | 'back' | 'was_not_away' | 'refused'; text: string }

/** Why a date was refused, in the person's words. */
export function awayProblemText(request: Extract<AwayRequest, { ok: false }>, typed: string, today: string, m: Messages): string {
  const a = m.awaySetting
  switch (request.problem) {
    case 'usage': return a.usage
    case 'not_a_date': return a.notADate(escapeMrkdwn(typed.trim().slice(0, 40)))
    case 'past': return a.past(today)
    case 'too_far': return a.tooFar(request.latest)
  }
}

/** Reads `text` (a date or "back") for this person and stores it; says what was done or why not. */
export async function setAwayFrom(services: Services, teamId: string, person: Person, text: string, m: Messages): Promise<AwayAnswer> {
  const now = services.clock.now()
  const today = localDate(now, person.timeZone)
  const request = readAwayRequest(text, today)
  if (!request.ok) return { outcome: 'refused', text: awayProblemText(request, text, today, m) }
  if (request.until === null) {
    const before = await services.store.people.find(teamId, person.userId)
    if (!awayInForce(before?.awayUntil ?? null, today)) {
      if (before?.awayUntil) await services.store.people.setAway(teamId, person.userId, null, now)
      return { outcome: 'was_not_away', text: m.awaySetting.wasNotAway }
    }
  }
  await services.store.people.setAway(teamId, person.userId, request.until, now)
  services.logger.info({ team: teamId, user: person.userId, awayUntil: request.until }, 'away_set')
  return request.until === null ? { outcome: 'back', text: m.awaySetting.back } : { outcome: 'away', text: m.awaySetting.set(request.until) }
}
