// Submitting one of the plan's forms (planForms.ts): checked field by field in the person's
// language, saved through applyPlanChange (the plan message follows), and refused in words when
// the person may not, the campaign moved on, the item went, or the copy they edited is stale —
// then the modal shows the newer values with who changed them.
import type { ViewResponseAction } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import { localDate } from '../../domain/dates.ts'
import type { PlanFieldError } from '../../domain/plan.ts'
import type { PlanSection } from '../../domain/planCompleteness.ts'
import { refusalToEditSection } from '../../domain/planPermissions.ts'
import { messagesFor } from '../../i18n/catalogue.ts'
import type { Logger } from '../../logger.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import type { Listeners } from '../listeners.ts'
import { assignmentProblem, type Person } from '../people.ts'
import { applyPlanChange } from './changes.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { choicesNotOffered, fieldErrorsForSlack, inputsNotInForm, type FieldSpec } from '../shared/formFields.ts'
import { planLearning } from '../learning/blocks.ts'
import { planForms } from './forms.ts'
import { type FormContext, type FormExtra } from './formKit.ts'
import { planFormModal, planModalIds, readFormMetadata, sectionModal, stampOf } from './modals.ts'
import { noticeModal } from '../shared/openModal.ts'

/** Everything a plan form or section modal is built from, for this person now. */
export async function formContext(services: Services, record: PlanRecord, person: Person): Promise<FormContext> {
  return {
    m: messagesFor(person.locale),
    record,
    today: localDate(services.clock.now(), person.timeZone),
    pastCampaigns: await services.store.plans.pastCampaigns(record.campaign.teamId),
    learning: await planLearning(services, record),
  }
}

/** Refreshes a section modal after a change made from it; a failure only costs freshness. */
export async function refreshSectionModal(
  services: Services, client: WebClient, viewId: string, section: PlanSection, record: PlanRecord, person: Person, logger: Logger,
): Promise<void> {
  const context = await formContext(services, record, person)
  await client.views.update({ view_id: viewId, view: sectionModal(section, context, refusalToEditSection(record.campaign, person, section)) })
    .catch((error: unknown) => logger.warn({ err: error, view: viewId }, 'section_modal_refresh_failed'))
}

/**
 * The people a form names (data owner, promoter, risk owner, who answers participants) must be
 * real, active people: an app or someone who left cannot be given work.
 */
async function peopleErrors(services: Services, teamId: string, fields: FieldSpec[], raw: unknown): Promise<Record<string, PlanFieldError>> {
  const errors: Record<string, PlanFieldError> = {}
  const values = (raw ?? {}) as Record<string, unknown>
  await Promise.all(fields.filter((field) => field.kind === 'user').map(async (field) => {
    const userId = values[field.name]
    if (typeof userId !== 'string' || userId === '') return
    const code = assignmentProblem(await services.people.lookUp(teamId, userId))
    if (code) errors[field.name] = { code }
  }))
  return errors
}

export function registerPlanSubmission(listeners: Listeners, services: Services): void {
  listeners.view(planModalIds.formCallback, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const answer = (response?: ViewResponseAction) => ack(response as never)
    const replaceWith = (modal: ModalView) => answer({ response_action: 'update', view: modal })
    const log = services.logger.child({ team: teamId, user: person.userId, view: view.id })
    const metadata = readFormMetadata(view.private_metadata)
    if (!metadata) return void (await replaceWith(noticeModal(m.plan.outdatedTitle, trusted(m.plan.formOutdated), m)))
    try {
      const record = await services.store.plans.load(teamId, metadata.c)
      if (!record) return void (await replaceWith(noticeModal(m.plan.outdatedTitle, trusted(m.plan.campaignGone), m)))
      const form = planForms[metadata.f]
      const refusal = refusalToEditSection(record.campaign, person, form.section)
      if (refusal) return void (await replaceWith(noticeModal(m.plan.outdatedTitle, trusted(refusal === 'plan_closed' ? m.plan.planClosed(m.stage[record.campaign.stage]) : m.plan.refusal[refusal]), m)))

      const extra: FormExtra = metadata.x ?? {}
      const context = await formContext(services, record, person)
      const fields = form.fields(context, form.current(record, metadata.i, extra), extra)
      // A view that is not the form its metadata names (a risk form calling itself a goal form):
      // its errors would name fields it does not have, so it is answered as out of date instead.
      const strangers = inputsNotInForm(view, fields)
      if (strangers.length > 0) {
        log.warn({ campaign: record.campaign.id, form: metadata.f, inputs: strangers.slice(0, 10) }, 'plan_form_mismatch')
        return void (await replaceWith(noticeModal(m.plan.outdatedTitle, trusted(m.plan.formMismatch), m)))
      }
      const notOffered = choicesNotOffered(view.state.values, fields)
      const raw = form.read(view.state.values, context, extra)
      const checked = form.check(raw, context)
      const blockOf = (field: string) => form.errorBlock?.(field, context, extra) ?? field
      if (!checked.ok || notOffered.length > 0) {
        return void (await answer(fieldErrorsForSlack(checked.ok ? {} : checked.errors as Record<string, PlanFieldError>, blockOf, m, notOffered)))
      }
      const unassignable = await peopleErrors(services, teamId, fields, raw)
      if (Object.keys(unassignable).length > 0) return void (await answer(fieldErrorsForSlack(unassignable, blockOf, m)))

      const result = await applyPlanChange(services, {
        record, actor: person, section: form.section,
        change: async (tx, campaignId, before) => {
          const current = form.current(before, metadata.i, extra)
          if (metadata.i !== null && current === undefined) return false
          if (stampOf(current) !== metadata.s) return 'stale'
          return form.save(checked.value, metadata.i, { ...context, record: before })(tx, campaignId, before)
        },
      })
      log.info({ campaign: record.campaign.id, form: metadata.f, item: metadata.i, outcome: result.outcome }, 'plan_form_saved')
      switch (result.outcome) {
        case 'changed':
          await answer()
          if (metadata.p) await refreshSectionModal(services, client, metadata.p, form.section, result.record, person, log)
          return
        case 'stale': {
          const newer = await formContext(services, result.record, person)
          const notice = trusted(m.plan.staleCopy(result.changedById ? mentionUser(result.changedById) : escapeMrkdwn('?')))
          return void (await replaceWith(planFormModal(metadata.f, newer, metadata.i, metadata.p, extra, notice)))
        }
        case 'item_not_found':
          return void (await replaceWith(noticeModal(m.plan.outdatedTitle, trusted(m.plan.itemGone), m)))
        case 'not_editable':
          return void (await replaceWith(noticeModal(m.plan.outdatedTitle, trusted(m.plan.planClosed(m.stage[result.record.campaign.stage])), m)))
        case 'not_found':
          return void (await replaceWith(noticeModal(m.plan.outdatedTitle, trusted(m.plan.campaignGone), m)))
      }
    } catch (error) {
      log.error({ err: error }, 'plan_form_failed')
      // Keep the modal open with what was typed: the person can submit again.
      const firstBlock = (view.blocks ?? []).find((block) => block.type === 'input')?.block_id
      if (firstBlock) await answer({ response_action: 'errors', errors: { [firstBlock]: troubleMessage(error, m) } }).catch(() => {})
      else await answer().catch(() => {})
    }
  })
}

