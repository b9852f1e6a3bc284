// The plan's buttons: Open a section (from the plan message, `/campaign plan` or App Home), Add /
// Edit / Delete / Choose inside a section modal, More lines in a budget form, Ready to go live and
// Back to planning. Anyone may look; only who may edit the plan gets the edit buttons, and a
// refused click is answered in words (ephemeral on a message, a small modal inside a modal).
import type { BlockAction, ButtonAction, OverflowAction, RespondFn } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import { CampaignStage } from '../../domain/campaign.ts'
import { goalMetrics } from '../../domain/plan.ts'
import { missingForReady, type PlanSection } from '../../domain/planCompleteness.ts'
import { alreadyMovedTo, refusalToEditPlan, refusalToEditSection, refusalToMarkReady, refusalToReturnToPlanning } from '../../domain/planPermissions.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { type PlanRecord } from '../../store/planRecord.ts'
import { sectionChanges } from '../../store/planSections.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import { planActions, readSectionButtonValue } from './message.ts'
import { homeRefresh } from '../shared/homeRefresh.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import { applyPlanChange, planAudience } from './changes.ts'
import { planMessageUpdate, stageChangePost } from './notifications.ts'
import { readRecordId } from '../shared/recordIds.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { learningActionIds } from '../learning/blocks.ts'
import { planForms } from './forms.ts'
import { type FormExtra, type PlanFormKey } from './formKit.ts'
import { noticeModal } from '../shared/openModal.ts'
import {
  planFormModal, planModalIds, readFormMetadata, readFormRequest, sectionModal,
} from './modals.ts'
import { formContext, refreshSectionModal } from './submission.ts'
import { ephemeral } from '../shared/ephemeral.ts'


/** Sections edited in one form: their Open button goes straight to it for whoever may edit. */
const formSections: Partial<Record<PlanSection, PlanFormKey>> = { purpose: 'purpose', targetUsers: 'targetUsers', window: 'window' }

type Click = { teamId: string; person: Person; m: Messages }

/**
 * The tasks section has its own surface (slack/tasks/): the plan's Open button hands over to it.
 * Given by the app, so the plan stage need not import the stage built on top of it.
 */
export type TasksSection = {
  /** Opens the task list from a message or the App Home. */
  open: (services: Services, client: WebClient, triggerId: string, teamId: string, campaignId: number, actor: Person, respond: RespondFn) => Promise<void>
  /** The task list, pushed from inside the plan overview modal. */
  listModal: (args: { record: PlanRecord; m: Messages; today: string; actor: Person; page: number }) => ModalView
}

export function registerPlanActions(listeners: Listeners, services: Services, tasksSection: TasksSection): void {
  registerUseAsBasis(listeners, services)
  async function whoClicked(body: BlockAction): Promise<Click> {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    return { teamId, person, m: messagesFor(person.locale) }
  }

  /** Opens a modal on top of the one clicked in, or a new one from a message or App Home. */
  async function show(client: WebClient, body: BlockAction, view: ModalView): Promise<void> {
    const inModal = body.container?.type === 'view' && body.view?.type === 'modal'
    if (inModal) await client.views.push({ trigger_id: body.trigger_id, view })
    else await client.views.open({ trigger_id: body.trigger_id, view })
  }

  /** Tells the person why not: ephemeral under a message, a small modal where there is none. */
  async function explain(client: WebClient, body: BlockAction, respond: RespondFn, m: Messages, text: string): Promise<void> {
    if (body.response_url) await respond(ephemeral(text)).catch(() => {})
    else await show(client, body, noticeModal(m.plan.outdatedTitle, trusted(text), m)).catch(() => {})
  }

  async function loadOrExplain(client: WebClient, body: BlockAction, respond: RespondFn, click: Click, campaignId: number): Promise<PlanRecord | null> {
    const record = await services.store.plans.load(click.teamId, campaignId)
    if (!record) await explain(client, body, respond, click.m, click.m.refusal.campaignNotFound(escapeMrkdwn(String(campaignId))))
    return record
  }

  function guarded(name: string, handler: (args: { body: BlockAction; client: WebClient; respond: RespondFn; click: Click; value: string | undefined }) => Promise<void>) {
    return async ({ ack, body, action, client, respond }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction | OverflowAction; client: WebClient; respond: RespondFn }) => {
      await ack()
      const click = await whoClicked(body)
      const value = 'selected_option' in action ? action.selected_option?.value : action.value
      try {
        await handler({ body, client, respond, click, value })
      } catch (error) {
        services.logger.error({ err: error, team: click.teamId, user: click.person.userId, action: name }, 'plan_action_failed')
        await explain(client, body, respond, click.m, troubleMessage(error, click.m))
      }
    }
  }

  listeners.action<BlockAction<ButtonAction>>(planActions.openSection, guarded('open_section', async ({ body, client, respond, click, value }) => {
    const request = readSectionButtonValue(value)
    if (!request) return explain(client, body, respond, click.m, click.m.plan.formOutdated)
    // The tasks section has its own modal (the tasks surface); from a message or App Home it opens.
    if (request.section === 'tasks' && !(body.container?.type === 'view' && body.view?.type === 'modal')) {
      await tasksSection.open(services, client, body.trigger_id, click.teamId, request.campaignId, click.person, respond)
      return
    }
    const record = await loadOrExplain(client, body, respond, click, request.campaignId)
    if (!record) return
    const context = await formContext(services, record, click.person)
    const refusal = refusalToEditSection(record.campaign, click.person, request.section)
    const form = formSections[request.section]
    if (request.section === 'tasks') {
      await show(client, body, tasksSection.listModal({ record, m: click.m, today: context.today, actor: click.person, page: 0 }))
      return
    }
    await show(client, body, form && refusal === null ? planFormModal(form, context, null, null) : sectionModal(request.section, context, refusal))
  }))

  listeners.action<BlockAction<ButtonAction>>(planModalIds.openForm, guarded('open_form', async ({ body, client, respond, click, value }) => {
    const request = readFormRequest(value)
    if (!request) return explain(client, body, respond, click.m, click.m.plan.formOutdated)
    const record = await loadOrExplain(client, body, respond, click, request.c)
    if (!record) return
    const refusal = refusalToEditSection(record.campaign, click.person, planForms[request.f].section)
    if (refusal) return explain(client, body, respond, click.m, click.m.plan.refusal[refusal])
    const extra: FormExtra = request.ch ? { channel: request.ch } : {}
    if (itemMissing(record, request.f, request.i, extra)) return explain(client, body, respond, click.m, click.m.plan.itemGone)
    const context = await formContext(services, record, click.person)
    const parent = body.view?.type === 'modal' ? body.view.id : null
    await show(client, body, planFormModal(request.f, context, request.i ?? null, parent, extra))
  }))

  listeners.action<BlockAction<OverflowAction>>(planModalIds.itemMenu, guarded('item_menu', async ({ body, client, respond, click, value }) => {
    const request = readFormRequest(value)
    if (!request?.o) return explain(client, body, respond, click.m, click.m.plan.formOutdated)
    const record = await loadOrExplain(client, body, respond, click, request.c)
    if (!record) return
    const refusal = refusalToEditSection(record.campaign, click.person, planForms[request.f].section)
    if (refusal) return explain(client, body, respond, click.m, click.m.plan.refusal[refusal])
    const parent = body.view?.type === 'modal' ? body.view.id : null
    const extra: FormExtra = request.ch ? { channel: request.ch } : {}
    if (request.o === 'edit') {
      if (itemMissing(record, request.f, request.i, extra)) return explain(client, body, respond, click.m, click.m.plan.itemGone)
      await show(client, body, planFormModal(request.f, await formContext(services, record, click.person), request.i ?? null, parent, extra))
      return
    }
    const change = itemChange(request.f, request.o, request.i ?? null, request.ch ?? null)
    if (!change) return explain(client, body, respond, click.m, click.m.plan.formOutdated)
    const result = await applyPlanChange(services, { record, actor: click.person, section: change.section, change: change.apply })
    if (result.outcome === 'changed' && parent) {
      await refreshSectionModal(services, client, parent, change.section, result.record, click.person, services.logger)
    } else if (result.outcome === 'item_not_found') {
      await explain(client, body, respond, click.m, click.m.plan.itemGone)
    } else if (result.outcome === 'not_editable') {
      await explain(client, body, respond, click.m, click.m.plan.planClosed(click.m.stage[result.record.campaign.stage]))
    } else if (result.outcome === 'not_found') {
      await explain(client, body, respond, click.m, click.m.plan.campaignGone)
    }
  }))

  listeners.action<BlockAction<ButtonAction>>(planModalIds.moreLines, guarded('more_lines', async ({ body, client, respond, click, value }) => {
    const metadata = readFormMetadata(body.view?.private_metadata)
    const slots = Number(value)
    if (!metadata || !body.view?.id || !Number.isInteger(slots)) return explain(client, body, respond, click.m, click.m.plan.formOutdated)
    const record = await loadOrExplain(client, body, respond, click, metadata.c)
    if (!record) return
    if (itemMissing(record, metadata.f, metadata.i, metadata.x ?? {})) return explain(client, body, respond, click.m, click.m.plan.itemGone)
    // Same block ids: Slack keeps what the person already typed in the lines above.
    const view = planFormModal(metadata.f, await formContext(services, record, click.person), metadata.i, metadata.p, { ...metadata.x, slots })
    await client.views.update({ view_id: body.view.id, ...(body.view.hash ? { hash: body.view.hash } : {}), view })
  }))

  listeners.action<BlockAction<ButtonAction>>(planActions.ready, guarded('ready', async ({ body, client, respond, click, value }) => {
    const campaignId = readRecordId(value)
    if (campaignId === null) return explain(client, body, respond, click.m, click.m.plan.formOutdated)
    const record = await loadOrExplain(client, body, respond, click, campaignId)
    if (!record) return
    const refusal = refusalToMarkReady(record.campaign, click.person, record.snapshot)
    if (refusal) {
      const text = refusal.code === 'plan_incomplete'
        ? click.m.plan.readyRefused(refusal.missing.map((section) => click.m.plan.section[section]).join(', '))
        : refusal.code === 'not_the_owner' ? click.m.plan.refusal.not_the_owner : notMoved(record, CampaignStage.Scheduled, click.m)
      return explain(client, body, respond, click.m, text)
    }
    await moveStage(record, click, CampaignStage.Planning, CampaignStage.Scheduled, client, body, respond)
  }))

  listeners.action<BlockAction<ButtonAction>>(planActions.backToPlanning, guarded('back_to_planning', async ({ body, client, respond, click, value }) => {
    const campaignId = readRecordId(value)
    if (campaignId === null) return explain(client, body, respond, click.m, click.m.plan.formOutdated)
    const record = await loadOrExplain(client, body, respond, click, campaignId)
    if (!record) return
    const refusal = refusalToReturnToPlanning(record.campaign, click.person)
    if (refusal) return explain(client, body, respond, click.m, refusal === 'not_scheduled' ? notMoved(record, CampaignStage.Planning, click.m) : click.m.plan.refusal[refusal])
    await moveStage(record, click, CampaignStage.Scheduled, CampaignStage.Planning, client, body, respond)
  }))

  /** Why the plan was not moved `to`: where it stands, when someone was quicker; else the rule. */
  function notMoved(record: PlanRecord, to: typeof CampaignStage.Scheduled | typeof CampaignStage.Planning, m: Messages): string {
    const { stage, startDate } = record.campaign
    if (alreadyMovedTo(stage, to)) return m.plan.alreadyMoved(stage, m.stage[stage], startDate)
    if (stage === CampaignStage.Retrospective || stage === CampaignStage.Closed) return m.plan.planClosed(m.stage[stage])
    return m.plan.refusal[to === CampaignStage.Scheduled ? 'not_in_planning' : 'not_scheduled']
  }

  async function moveStage(
    record: PlanRecord, click: Click, from: CampaignStage, to: typeof CampaignStage.Scheduled | typeof CampaignStage.Planning, client: WebClient, body: BlockAction, respond: RespondFn,
  ): Promise<void> {
    const audience = await planAudience(services, record)
    const at = services.clock.now()
    const result = await services.store.plans.moveStage({
      teamId: click.teamId, campaignId: record.campaign.id, from, to, actorId: click.person.userId, at,
      outbox: (after) => [
        planMessageUpdate(after, audience.ownerLocale, audience.ownerToday),
        stageChangePost(after, audience.ownerLocale, click.person.userId, `plan-stage:${after.campaign.id}:v${after.campaign.version}`),
        ...homeRefresh(record, after),
      ],
    })
    if (result.outcome === 'changed') {
      services.logger.info({ team: click.teamId, user: click.person.userId, campaign: record.campaign.id, to }, 'plan_stage_changed')
      void services.dispatcher.deliverNow(result.outboxIds)
      return
    }
    if (result.outcome === 'not_found') return explain(client, body, respond, click.m, click.m.plan.campaignGone)
    // Someone was quicker (a double click, or another instance): say where it stands now.
    const stillMissing = to === CampaignStage.Scheduled && !alreadyMovedTo(result.record.campaign.stage, to) ? missingForReady(result.record.snapshot) : []
    await explain(client, body, respond, click.m, stillMissing.length > 0
      ? click.m.plan.readyRefused(stillMissing.map((section) => click.m.plan.section[section]).join(', '))
      : notMoved(result.record, to, click.m))
  }
}

/** The form names an item the plan does not have (deleted meanwhile, or never this campaign's). */
function itemMissing(record: PlanRecord, form: PlanFormKey, itemId: number | null | undefined, extra: FormExtra): boolean {
  return itemId !== null && itemId !== undefined && planForms[form].current(record, itemId, extra) === undefined
}

/** Delete or choose, from a section modal's item menu. */
function itemChange(form: PlanFormKey, operation: 'edit' | 'delete' | 'choose', itemId: number | null, channel: string | null) {
  if (operation === 'choose') return form === 'scenario' && itemId !== null ? { section: 'budget' as const, apply: sectionChanges.chooseScenario(itemId) } : null
  if (operation !== 'delete') return null
  if (form === 'estimate') return channel ? { section: 'budget' as const, apply: sectionChanges.deleteEffectEstimate(channel) } : null
  if (itemId === null) return null
  switch (form) {
    case 'goal': return { section: 'goals' as const, apply: sectionChanges.deleteGoal(itemId) }
    case 'promotionItem': return { section: 'promotion' as const, apply: sectionChanges.deletePromotionItem(itemId) }
    case 'prize': return { section: 'contentRules' as const, apply: sectionChanges.deletePrize(itemId) }
    case 'scenario': return { section: 'budget' as const, apply: sectionChanges.deleteScenario(itemId) }
    case 'risk': return { section: 'risks' as const, apply: sectionChanges.deleteRisk(itemId) }
    default: return null
  }
}

/**
 * Use as basis, in a goal's form: the goal's basis becomes "past campaigns: …" with the campaigns
 * the suggestion came from (and the metric they reached), the rest of what the person typed kept.
 */
function registerUseAsBasis(listeners: Listeners, services: Services): void {
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
