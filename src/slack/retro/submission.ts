// Submitting the retro form and the owner's actuals page: fields checked by the domain in the
// person's language (response_action errors, field by field); a campaign not ended, a report
// already compiled, a person who did not take part or an answer saved elsewhere meanwhile replaces
// the modal with words. When the answer saved was the last one awaited, the report is compiled.
import type { Middleware, SlackViewMiddlewareArgs, ViewOutput, ViewResponseAction } from '@slack/bolt'
import { CampaignStage } from '../../domain/campaign.ts'
import { checkRetro, checkRetroActuals } from '../../domain/retro.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { Logger } from '../../logger.ts'
import type { RetroForm } from '../../store/retro.ts'
import { escapeMrkdwn, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import { compileRetroReport } from '../retroReport/compile.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { choicesNotOffered, fieldErrorsForSlack, readFields } from '../shared/formFields.ts'
import { noticeModal } from '../shared/openModal.ts'
import {
  actualsFieldNames, actualsShape, questionFieldNames, questionFields, readRetroActualsMetadata, readRetroFormMetadata, retroActualsModal, retroModalIds,
} from './modals.ts'

type RetroRefusal = { title: string; text: string }

/** Why this person cannot fill in this campaign's retro now, in words with a title; null = they can. */
export function retroRefusal(form: RetroForm, userId: string, m: Messages): RetroRefusal | null {
  const name = escapeMrkdwn(form.campaign.name)
  const { reportCompiledAt, stage } = form.campaign
  if (reportCompiledAt || stage !== CampaignStage.Retrospective) return notOpenRefusal(name, reportCompiledAt !== null, stage, m)
  if (!form.participants.includes(userId)) return notParticipantRefusal(name, m)
  return null
}

// Titled by what happened: "Out of date" is for a copy overtaken by a newer one, not for these.
function notOpenRefusal(name: Mrkdwn, compiled: boolean, stage: CampaignStage, m: Messages): RetroRefusal {
  return compiled || stage === CampaignStage.Closed
    ? { title: m.retro.refusalTitle.compiled, text: m.retro.compiled(name) }
    : { title: m.retro.refusalTitle.notEnded, text: m.retro.notEnded(name, m.stage[stage]) }
}
const notParticipantRefusal = (name: Mrkdwn, m: Messages): RetroRefusal => ({ title: m.retro.refusalTitle.notParticipant, text: m.retro.notParticipant(name) })

type Submission = { teamId: string; person: Person; m: Messages; answer: (response?: ViewResponseAction) => Promise<void>; log: Logger }

export function registerRetroSubmissions(listeners: Listeners, services: Services): void {
  function submission(name: string, handler: (s: Submission, view: ViewOutput) => Promise<void>): Middleware<SlackViewMiddlewareArgs> {
    return async ({ ack, body, view }) => {
      const teamId = body.team?.id ?? body.user.team_id ?? ''
      const person = await services.people.person(teamId, body.user.id)
      const m = messagesFor(person.locale)
      let answered = false
      const answer = async (response?: ViewResponseAction) => {
        answered = true
        await ack(response as never)
      }
      const log = services.logger.child({ team: teamId, user: person.userId, view: view.id, form: name })
      try {
        await handler({ teamId, person, m, answer, log }, view)
      } catch (error) {
        log.error({ err: error }, 'retro_form_failed')
        if (answered) return
        const firstInput = (view.blocks ?? []).find((block) => block.type === 'input')?.block_id
        await (firstInput ? answer({ response_action: 'errors', errors: { [firstInput]: troubleMessage(error, m) } }) : answer()).catch(() => {})
      }
    }
  }
  const notice = (s: Submission, title: string, text: string) =>
    s.answer({ response_action: 'update', view: noticeModal(title, trusted(text), s.m) })
  const refuse = (s: Submission, refusal: RetroRefusal) => notice(s, refusal.title, refusal.text)

  /**
   * The campaign's retro form for this person, or null once they were answered why not: the form's
   * metadata did not read (`campaignId` undefined), the campaign is gone, or they may not answer.
   */
  async function openFormOrAnswer(s: Submission, campaignId: number | undefined): Promise<RetroForm | null> {
    if (campaignId === undefined) {
      await notice(s, s.m.plan.outdatedTitle, s.m.plan.formOutdated)
      return null
    }
    const form = await services.store.retro.form(s.teamId, campaignId, s.person.userId)
    if (!form) {
      await notice(s, s.m.plan.outdatedTitle, s.m.plan.campaignGone)
      return null
    }
    const refusal = retroRefusal(form, s.person.userId, s.m)
    if (refusal) {
      await refuse(s, refusal)
      return null
    }
    return form
  }

  /** After the answer went back to Slack: compile when nobody else is awaited. */
  async function compileIfLast(s: Submission, campaignId: number): Promise<void> {
    const compiled = await compileRetroReport(services, { teamId: s.teamId, campaignId, at: services.clock.now(), reason: 'all_answered' })
    // compileRetroReport hands its rows to the dispatcher itself.
    s.log.info({ campaign: campaignId, outcome: compiled.outcome }, 'retro_compile_on_last_answer')
  }

  listeners.view(retroModalIds.formCallback, submission('retro', async (s, view) => {
    const { m, person, teamId } = s
    const metadata = readRetroFormMetadata(view.private_metadata)
    const form = await openFormOrAnswer(s, metadata?.c)
    if (!metadata || !form) return
    // The actuals are read only where the form showed them (the owner's, when they fit).
    const shape = metadata.a === 'inline' && person.userId === form.campaign.ownerId ? actualsShape(form) : null
    const notOffered = choicesNotOffered(view.state.values, questionFields(form, m))
    const names = [...questionFieldNames(form.stages), ...(shape ? actualsFieldNames(shape) : [])]
    const checked = checkRetro(readFields(view.state.values, names), form.stages, shape)
    if (!checked.ok || notOffered.length > 0) return s.answer(fieldErrorsForSlack(checked.ok ? {} : checked.errors, (field) => field, m, notOffered))

    const saved = await services.store.retro.save({
      teamId, campaignId: form.campaign.id, respondentId: person.userId, expectedVersion: metadata.v,
      answer: checked.value.answer, actuals: checked.value.actuals, at: services.clock.now(),
    })
    s.log.info({ campaign: form.campaign.id, outcome: saved.outcome }, 'retro_saved')
    const name = escapeMrkdwn(form.campaign.name)
    switch (saved.outcome) {
      case 'saved':
        if (metadata.a === 'next_page') return s.answer({ response_action: 'update', view: retroActualsModal(form, m) })
        await notice(s, m.retro.savedTitle, m.retro.saved(name))
        if (saved.allAnswered) await compileIfLast(s, form.campaign.id)
        return
      case 'stale':
        return notice(s, m.plan.outdatedTitle, m.retro.stale)
      case 'not_participant':
        return refuse(s, notParticipantRefusal(name, m))
      case 'not_open':
        return refuse(s, notOpenRefusal(name, saved.compiled, saved.stage, m))
      case 'not_found':
        return notice(s, m.plan.outdatedTitle, m.plan.campaignGone)
    }
  }))

  listeners.view(retroModalIds.actualsCallback, submission('retro_actuals', async (s, view) => {
    const { m, person, teamId } = s
    const metadata = readRetroActualsMetadata(view.private_metadata)
    const form = await openFormOrAnswer(s, metadata?.c)
    if (!metadata || !form) return
    const name = escapeMrkdwn(form.campaign.name)
    if (person.userId !== form.campaign.ownerId) return notice(s, m.plan.outdatedTitle, m.plan.formOutdated)
    const shape = actualsShape(form)
    const checked = checkRetroActuals(readFields(view.state.values, actualsFieldNames(shape)), shape)
    if (!checked.ok) return s.answer(fieldErrorsForSlack(checked.errors, (field) => field, m))
    const saved = await services.store.retro.saveActuals({ teamId, campaignId: form.campaign.id, ownerId: person.userId, actuals: checked.value, at: services.clock.now() })
    s.log.info({ campaign: form.campaign.id, outcome: saved.outcome }, 'retro_actuals_saved')
    switch (saved.outcome) {
      case 'saved':
        await notice(s, m.retro.savedTitle, m.retro.saved(name))
        if (saved.allAnswered) await compileIfLast(s, form.campaign.id)
        return
      case 'not_owner':
        return notice(s, m.plan.outdatedTitle, m.plan.formOutdated)
      case 'not_open':
        return refuse(s, notOpenRefusal(name, saved.compiled, saved.stage, m))
      case 'not_found':
        return notice(s, m.plan.outdatedTitle, m.plan.campaignGone)
    }
  }))
}
