// The weekly portfolio summary's fields in the workspace's `/campaign settings` (admins only): the
// channel (a conversation picker; empty = no summary), the weekday and the time in the workspace's
// zone (empty = Monday, 09:30). Read and checked here; src/slack/settings/modals.ts shows and saves them.
import type { InputBlock, KnownBlock } from '@slack/types'
import { z } from 'zod'
import { isLocalTime, type IsoWeekday } from '../../domain/localTime.ts'
import { defaultSummaryTime, defaultSummaryWeekday } from '../../domain/portfolio.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { SummarySettings } from '../../store/portfolio.ts'
import { input } from '../shared/elements.ts'
import { choicesNotOffered, fieldActionId, fieldBlock, readFields, type FieldSpec } from '../shared/formFields.ts'

export const summaryFieldIds = { channel: 'portfolioChannel', weekday: 'portfolioWeekday', time: 'portfolioTime' } as const

const weekdays: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7]

function choiceFields(m: Messages, current: SummarySettings | null): FieldSpec[] {
  const p = m.portfolio.settings
  return [
    {
      kind: 'select', name: summaryFieldIds.weekday, label: p.weekday, initial: String(current?.weekday ?? defaultSummaryWeekday),
      options: weekdays.map((day) => ({ value: String(day), label: m.liveSettings.weekday[day] })),
    },
    { kind: 'text', name: summaryFieldIds.time, label: p.time, hint: p.timeHint, optional: true, maxLength: 5, placeholder: defaultSummaryTime, initial: current?.time ?? null },
  ]
}

export function summarySettingsBlocks(m: Messages, current: SummarySettings): KnownBlock[] {
  const p = m.portfolio.settings
  const channel: InputBlock = input(summaryFieldIds.channel, p.channel, {
    type: 'conversations_select', action_id: fieldActionId,
    filter: { include: ['public', 'private'], exclude_bot_users: true },
    ...(current.channelId ? { initial_conversation: current.channelId } : {}),
  }, { hint: p.channelHint, optional: true })
  return [channel, ...choiceFields(m, current).map(fieldBlock)]
}

const channelState = z.object({ selected_conversation: z.string().regex(/^[CG][A-Za-z0-9_]{1,40}$/).nullish() })

/** The fields' values, or the words under each wrong one. */
export function readSummarySettings(values: unknown, m: Messages): { settings: SummarySettings } | { errors: Record<string, string> } {
  const all = (values ?? {}) as Record<string, Record<string, unknown> | undefined>
  const picked = channelState.safeParse(all[summaryFieldIds.channel]?.[fieldActionId] ?? {})
  const read = readFields(values, [summaryFieldIds.weekday, summaryFieldIds.time])
  const weekday = Number(read[summaryFieldIds.weekday])
  const time = typeof read[summaryFieldIds.time] === 'string' && read[summaryFieldIds.time]!.toString().trim() !== '' ? String(read[summaryFieldIds.time]).trim() : null
  const errors: Record<string, string> = {}
  if (!picked.success) errors[summaryFieldIds.channel] = m.planFieldError('not_offered')
  if (time !== null && !isLocalTime(time)) errors[summaryFieldIds.time] = m.liveSettings.problem.bad_time
  for (const name of choicesNotOffered(values, choiceFields(m, null))) errors[name] = m.planFieldError('not_offered')
  if (Object.keys(errors).length > 0) return { errors }
  return {
    settings: {
      channelId: picked.success ? picked.data.selected_conversation ?? null : null,
      weekday: weekdays.includes(weekday as IsoWeekday) ? weekday as IsoWeekday : null,
      time,
    },
  }
}
