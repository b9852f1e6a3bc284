// `/campaign settings`: the workspace's live-stage settings (admins only) and a campaign's own
// overrides (its owner or an admin), each a modal whose fields are checked by the domain and
// answered in the person's language on the field that is wrong.
import type { KnownBlock, ModalView } from '@slack/types'
import { z } from 'zod'
import type { Campaign } from '../../domain/campaign.ts'
import { calendarCountries } from '../../domain/calendarNode.ts'
import { calendarDayLimits, formatCalendarDays, parseCalendarDays } from '../../domain/calendarDays.ts'
import {
  checkLiveSettings, defaultDigestTime, defaultPromptTime, effectiveSettings, noOverrides, type CampaignOverrides, type SettingsProblem,
  type WorkspaceLiveSettings,
} from '../../domain/liveSettings.ts'
import type { IsoWeekday } from '../../domain/localTime.ts'
import { isCurrencyCode } from '../../domain/money.ts'
import { messagesFor, supportedLocales, type Messages } from '../../i18n/catalogue.ts'
import { context, plainText } from '../shared/elements.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { noticeModal } from '../shared/openModal.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { recordId } from '../shared/recordIds.ts'
import type { SummarySettings } from '../../store/portfolio.ts'
import { readSummarySettings, summarySettingsBlocks } from '../portfolio/settingsFields.ts'
import { choicesNotOffered, fieldBlock, readFields, type FieldSpec, type FormValues } from '../shared/formFields.ts'

export const settingsModalIds = { workspace: 'live_settings_workspace', campaign: 'live_settings_campaign' } as const

const weekdays: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7]
const workspaceFields = ['timeZone', 'country', 'workingDays', 'calendarDays', 'digestTime', 'promptTime', 'reminderLeadDays', 'paceMarginPercent', 'quietDigests', 'language', 'currency'] as const
const campaignFields = ['timeZone', 'digestTime', 'promptTime', 'quietDigests'] as const
const campaignMetadata = z.object({ campaignId: recordId })

/** The workspace form's fields, prefilled with `current` (the submission reads them without: only their options count there). */
function workspaceSettingsFields(m: Messages, current: WorkspaceLiveSettings | null): FieldSpec[] {
  const s = m.liveSettings
  return [
    { kind: 'text', name: 'timeZone', label: s.timeZone, hint: s.timeZoneHint, optional: true, maxLength: 64, initial: current?.timeZone ?? null },
    {
      kind: 'select', name: 'country', label: s.country, initial: current?.country ?? 'none',
      options: [{ value: 'none', label: s.countryNone }, ...calendarCountries.map((code) => ({ value: code, label: code }))],
    },
    {
      kind: 'checkboxes', name: 'workingDays', label: s.workingDays, optional: true,
      options: weekdays.map((day) => ({ value: String(day), label: s.weekday[day] })),
      initial: (current?.workingDays ?? [1, 2, 3, 4, 5]).map(String),
    },
    {
      kind: 'text', name: 'calendarDays', label: m.calendarDays.label, hint: m.calendarDays.hint, optional: true, multiline: true,
      maxLength: calendarDayLimits.text, initial: formatCalendarDays(current?.calendarDays ?? []) || null,
    },
    { kind: 'text', name: 'digestTime', label: s.digestTime, hint: s.timeHint, optional: true, maxLength: 5, placeholder: defaultDigestTime, initial: current?.digestTime ?? null },
    { kind: 'text', name: 'promptTime', label: s.promptTime, hint: s.timeHint, optional: true, maxLength: 5, placeholder: defaultPromptTime, initial: current?.promptTime ?? null },
    { kind: 'text', name: 'reminderLeadDays', label: s.reminderLeadDays, hint: s.reminderLeadHint, optional: true, maxLength: 2, initial: current?.reminderLeadDays == null ? null : String(current.reminderLeadDays) },
    {
      kind: 'text', name: 'paceMarginPercent', label: s.paceMargin, hint: s.paceMarginHint, optional: true, maxLength: 3,
      initial: current?.paceMarginPercent == null ? null : String(current.paceMarginPercent),
    },
    {
      kind: 'checkboxes', name: 'quietDigests', label: s.quietDigests, optional: true,
      options: [{ value: 'quiet', label: s.quietDigestsOption }], initial: current?.quietDigests ? ['quiet'] : [],
    },
    {
      kind: 'select', name: 'language', label: s.language, initial: current?.locale ?? 'each',
      options: [{ value: 'each', label: s.languageEach }, { value: 'en', label: 'English' }, { value: 'zh-CN', label: '简体中文' }],
    },
    { kind: 'text', name: 'currency', label: s.currency, hint: s.currencyHint, optional: true, maxLength: 3, initial: current?.currency ?? null },
  ]
}

/** `more`: sections of other features at the foot (the API keys' button). */
export function workspaceSettingsModal(m: Messages, current: WorkspaceLiveSettings, summary: SummarySettings = noSummary, more: KnownBlock[] = []): ModalView {
  const s = m.liveSettings
  const fields = workspaceSettingsFields(m, current)
  return {
    type: 'modal', callback_id: settingsModalIds.workspace,
    title: plainText(s.title, 24), submit: plainText(s.save, 24), close: plainText(s.close, 24),
    // The weekly portfolio summary's fields (src/slack/portfolio/), then other features' sections.
    blocks: [context(trusted(s.intro)), ...fields.map(fieldBlock), ...summarySettingsBlocks(m, summary), ...more],
  }
}

const noSummary: SummarySettings = { channelId: null, weekday: null, time: null }

type Inherited = { timeZone: string; digestTime: string; promptTime: string; quietDigests: boolean }

/** A campaign form's fields, prefilled and hinted when given what it overrides and inherits (the submission needs only their options). */
function campaignSettingsFields(m: Messages, prefill?: { overrides: CampaignOverrides; inherited: Inherited }): FieldSpec[] {
  const s = m.liveSettings
  const overrides = prefill?.overrides ?? noOverrides
  const inherited = prefill?.inherited
  const inheritHint = (value: string | undefined) => (value === undefined ? '' : s.inheritHint(value))
  const choice = overrides.quietDigests === null ? 'inherit' : overrides.quietDigests ? 'quiet' : 'always'
  const inheritedQuiet = inherited === undefined ? '' : ` (${inherited.quietDigests ? s.quietDigestsChoice.quiet : s.quietDigestsChoice.always})`
  return [
    { kind: 'text', name: 'timeZone', label: s.timeZone, hint: inheritHint(inherited?.timeZone), optional: true, maxLength: 64, initial: overrides.timeZone },
    { kind: 'text', name: 'digestTime', label: s.digestTime, hint: `${s.timeHint} ${inheritHint(inherited?.digestTime)}`, optional: true, maxLength: 5, initial: overrides.digestTime },
    { kind: 'text', name: 'promptTime', label: s.promptTime, hint: `${s.timeHint} ${inheritHint(inherited?.promptTime)}`, optional: true, maxLength: 5, initial: overrides.promptTime },
    {
      kind: 'select', name: 'quietDigests', label: s.quietDigests, initial: choice,
      options: [
        { value: 'inherit', label: `${s.quietDigestsChoice.inherit}${inheritedQuiet}` },
        { value: 'quiet', label: s.quietDigestsChoice.quiet },
        { value: 'always', label: s.quietDigestsChoice.always },
      ],
    },
  ]
}

export function campaignSettingsModal(m: Messages, campaign: Campaign, overrides: CampaignOverrides, inherited: Inherited): ModalView {
  const s = m.liveSettings
  const fields = campaignSettingsFields(m, { overrides, inherited })
  return {
    type: 'modal', callback_id: settingsModalIds.campaign, private_metadata: JSON.stringify({ campaignId: campaign.id }),
    title: plainText(s.campaignTitle, 24), submit: plainText(s.save, 24), close: plainText(s.close, 24),
    blocks: [context(trusted(s.campaignIntro(escapeMrkdwn(campaign.name)))), ...fields.map(fieldBlock)],
  }
}

/** May this person change the campaign's own settings? */
export function mayChangeCampaignSettings(campaign: Pick<Campaign, 'ownerId'>, person: Pick<Person, 'userId' | 'isWorkspaceAdmin'>): boolean {
  return person.userId === campaign.ownerId || person.isWorkspaceAdmin
}

/** The settings a campaign inherits, for its modal's hints. */
export async function inheritedSettings(services: Services, campaign: Campaign) {
  const [workspace, owner] = await Promise.all([
    services.store.settings.workspace(campaign.teamId),
    services.people.person(campaign.teamId, campaign.ownerId),
  ])
  return effectiveSettings(workspace, null, owner.timeZone)
}

const text = (values: FormValues, name: string): string | null => {
  const value = values[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}
const list = (values: FormValues, name: string): string[] => (Array.isArray(values[name]) ? values[name] as string[] : [])

type Errors = Record<string, string>

function problemsInWords(problems: Partial<Record<string, SettingsProblem>>, m: Messages): Errors {
  return Object.fromEntries(Object.entries(problems).flatMap(([field, problem]) => (problem ? [[field, m.liveSettings.problem[problem]]] : [])))
}

/** A choice the form never offered, in words under its field: refused rather than read as "none" or "inherit". */
function notOfferedInWords(values: unknown, fields: readonly FieldSpec[], m: Messages): Errors {
  return Object.fromEntries(choicesNotOffered(values, fields).map((name) => [name, m.planFieldError('not_offered')]))
}

/** The workspace modal's values → settings, or the words for each wrong field. */
export function readWorkspaceSettings(values: unknown, m: Messages): { settings: WorkspaceLiveSettings } | { errors: Errors } {
  const read = readFields(values, workspaceFields)
  const lead = text(read, 'reminderLeadDays')
  const leadNumber = lead === null ? null : /^\d{1,2}$/.test(lead) ? Number(lead) : Number.NaN
  const margin = text(read, 'paceMarginPercent')?.replace(/\s*[%％]$/u, '') ?? null
  const marginNumber = margin === null ? null : /^\d{1,3}$/.test(margin) ? Number(margin) : Number.NaN
  const workingDays = list(read, 'workingDays').map(Number).filter((day): day is IsoWeekday => weekdays.includes(day as IsoWeekday))
  const settings: WorkspaceLiveSettings = {
    timeZone: text(read, 'timeZone'),
    country: (calendarCountries as readonly string[]).includes(String(read.country)) ? String(read.country) : null,
    workingDays: [...new Set(workingDays)].sort(),
    digestTime: text(read, 'digestTime'),
    promptTime: text(read, 'promptTime'),
    reminderLeadDays: leadNumber,
    quietDigests: list(read, 'quietDigests').includes('quiet'),
    locale: supportedLocales.find((locale) => locale === read.language) ?? null,
    currency: text(read, 'currency')?.toUpperCase() ?? null,
    paceMarginPercent: marginNumber,
  }
  const ownDays = parseCalendarDays(text(read, 'calendarDays') ?? '')
  settings.calendarDays = 'days' in ownDays ? ownDays.days : []
  const errors = problemsInWords(checkLiveSettings(settings), m)
  if ('problems' in ownDays) errors.calendarDays = m.calendarDays.problems(ownDays.problems)
  if (settings.currency && !isCurrencyCode(settings.currency)) errors.currency = m.liveSettings.problem.bad_currency
  if (Number.isNaN(leadNumber)) errors.reminderLeadDays = m.liveSettings.problem.lead_out_of_range
  if (Number.isNaN(marginNumber)) errors.paceMarginPercent = m.liveSettings.problem.margin_out_of_range
  Object.assign(errors, notOfferedInWords(values, workspaceSettingsFields(m, null), m))
  return Object.keys(errors).length > 0 ? { errors } : { settings }
}

export function readCampaignOverrides(values: unknown, m: Messages): { overrides: CampaignOverrides } | { errors: Errors } {
  const read = readFields(values, campaignFields)
  const overrides: CampaignOverrides = {
    timeZone: text(read, 'timeZone'),
    digestTime: text(read, 'digestTime'),
    promptTime: text(read, 'promptTime'),
    quietDigests: read.quietDigests === 'quiet' ? true : read.quietDigests === 'always' ? false : null,
  }
  const errors = { ...problemsInWords(checkLiveSettings(overrides), m), ...notOfferedInWords(values, campaignSettingsFields(m), m) }
  return Object.keys(errors).length > 0 ? { errors } : { overrides }
}

export function registerSettingsModals(listeners: Listeners, services: Services): void {
  listeners.view(settingsModalIds.workspace, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    try {
      // Checked again here: a modal outlives a role.
      if (!person.isWorkspaceAdmin) return void (await ack({ response_action: 'errors', errors: { timeZone: m.liveSettings.notAdmin } }))
      const read = readWorkspaceSettings(view.state.values, m)
      const summary = readSummarySettings(view.state.values, m)
      if ('errors' in read || 'errors' in summary) {
        return void (await ack({ response_action: 'errors', errors: { ...('errors' in read ? read.errors : {}), ...('errors' in summary ? summary.errors : {}) } }))
      }
      await services.store.settings.saveWorkspace(teamId, read.settings)
      await services.store.portfolio.saveSummarySettings(teamId, summary.settings)
      services.logger.info({ team: teamId, user: person.userId }, 'workspace_settings_saved')
      await ack()
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'workspace_settings_failed')
      await ack({ response_action: 'errors', errors: { timeZone: troubleMessage(error, m) } }).catch(() => {})
    }
  })

  listeners.view(settingsModalIds.campaign, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    try {
      const metadata = readViewMetadata(campaignMetadata, view.private_metadata)
      if (!metadata) {
        // Anyone can send this at will: a warning, not an error, and the person is told in words.
        services.logger.warn({ team: teamId, user: body.user.id, view: view.callback_id }, 'view_metadata_unreadable')
        return void (await ack({ response_action: 'update', view: noticeModal(m.plan.outdatedTitle, trusted(m.liveSettings.formOutdated), m) }))
      }
      const campaign = await services.store.campaigns.byId(teamId, metadata.campaignId)
      if (!campaign) return void (await ack({ response_action: 'errors', errors: { timeZone: m.refusal.campaignNotFound(escapeMrkdwn(String(metadata.campaignId))) } }))
      if (!mayChangeCampaignSettings(campaign, person)) return void (await ack({ response_action: 'errors', errors: { timeZone: m.liveSettings.notOwner } }))
      const read = readCampaignOverrides(view.state.values, m)
      if ('errors' in read) return void (await ack({ response_action: 'errors', errors: read.errors }))
      await services.store.settings.saveCampaignOverrides(teamId, campaign.id, read.overrides)
      services.logger.info({ team: teamId, user: person.userId, campaign: campaign.id }, 'campaign_settings_saved')
      await ack()
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'campaign_settings_failed')
      await ack({ response_action: 'errors', errors: { timeZone: troubleMessage(error, m) } }).catch(() => {})
    }
  })
}
