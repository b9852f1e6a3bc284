// Use as basis, in a goal's form: the goal's basis becomes "past campaigns: …" with the campaigns
// the suggestion came from (and the metric they reached), the rest of what the person typed kept.
import type { BlockAction, ButtonAction } from '@slack/bolt'
import { goalMetrics } from '../../domain/plan.ts'
import { refusalToEditPlan } from '../../domain/planPermissions.ts'
import { messagesFor } from '../../i18n/catalogue.ts'
import { trusted } from '../../i18n/mrkdwn.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { learningActionIds } from './blocks.ts'
import { noticeModal, planFormModal, readFormMetadata } from '../plan/modals.ts'
import { formContext } from '../plan/submission.ts'

export function registerLearningSurfaces(listeners: Listeners, services: Services): void {
  listeners.action<BlockAction<ButtonAction>>(learningActionIds.useAsBasis, async ({ ack, body, action, client }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const log = services.logger.child({ team: teamId, user: person.userId, action: 'use_as_basis' })
    const viewId = body.view?.id
    // Shown on top of the form, so what was typed underneath stays.
    const explain = (text: string) => client.views.push({ trigger_id: body.trigger_id, view: noticeModal(m.plan.outdatedTitle, trusted(text), m) }).catch(() => {})
    const metadata = readFormMetadata(body.view?.private_metadata)
    const metric = goalMetrics.find((key) => key === action.value && key !== 'custom')
    if (!viewId || !metadata || metadata.f !== 'goal' || !metric) return void (await explain(m.plan.formOutdated))
    try {
      const record = await services.store.plans.load(teamId, metadata.c)
      if (!record) return void (await explain(m.plan.campaignGone))
      const refusal = refusalToEditPlan(record.campaign, person)
      if (refusal) return void (await explain(refusal === 'plan_closed' ? m.plan.planClosed(m.stage[record.campaign.stage]) : m.plan.refusal[refusal]))
      const context = await formContext(services, record, person)
      if (!context.learning?.suggestions.some((s) => s.metric === metric)) return void (await explain(m.plan.formOutdated))
      const extra = { ...metadata.x, basis: (metadata.x?.basis ?? 0) + 1, basisMetric: metric }
      const view = planFormModal('goal', context, metadata.i, metadata.p, extra, trusted(m.learning.basisFilled))
      await client.views.update({ view_id: viewId, ...(body.view?.hash ? { hash: body.view.hash } : {}), view })
      log.info({ campaign: record.campaign.id, metric }, 'goal_basis_from_past_campaigns')
    } catch (error) {
      log.error({ err: error }, 'use_as_basis_failed')
      await explain(troubleMessage(error, m))
    }
  })
}
