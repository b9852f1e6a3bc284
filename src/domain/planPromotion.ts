// Stage 2, the plan's promotion per channel, content rules and prizes (活动推广方案, 活动内容细则):
// what each holds and the check of its form. Pure.
// ── Promotion plan 活动推广方案 ──────────────────────────────────────────────────────────────────
import { z } from 'zod'
import { type CampaignWindow, isWithin } from './dates.ts'
import { cached, checkForm, countField, type FormCheck, isoDate, moneyField, optionalText, type PlanFieldErrors, requiredText, slackUserId, withFieldErrors } from './formCheck.ts'
import { sentenceCount } from './proposal.ts'
import { planLimits } from './plan.ts'

export const promotionChannels = [
  'own_platform', 'weibo', 'wechat', 'douyin', 'xiaohongshu', 'bilibili', 'email', 'sms', 'paid_search', 'kol',
  'community', 'other',
] as const
export type PromotionChannel = (typeof promotionChannels)[number]

/** METHOD.md: per channel, what is promoted, when, and who promotes it. */
export type PromotionItem = {
  id: number
  channel: PromotionChannel
  channelOther: string | null
  what: string
  onDate: string
  promoterId: string
}
export type PromotionItemValue = Omit<PromotionItem, 'id'>

const promotionItemSchema = z.object({
  channel: z.enum(promotionChannels, { error: 'required' }),
  channelOther: optionalText(planLimits.channelOther),
  what: requiredText(planLimits.promotionWhat),
  onDate: isoDate,
  promoterId: slackUserId,
})
export type PromotionItemField = keyof z.input<typeof promotionItemSchema>

/** Promotion runs before (pre-heat) or during the window, never after its last day. */
export function checkPromotionItem(input: unknown, window: CampaignWindow): FormCheck<PromotionItemValue, PromotionItemField> {
  const parsed = checkForm<typeof promotionItemSchema, PromotionItemField>(promotionItemSchema, input)
  if (!parsed.ok) return parsed
  const item = parsed.value
  const errors: PlanFieldErrors<PromotionItemField> = {}
  if (item.channel === 'other' && !item.channelOther) errors.channelOther = { code: 'channel_other_required' }
  if (item.onDate > window.endDate) errors.onDate = { code: 'after_window' }
  return withFieldErrors({ ...item, channelOther: item.channel === 'other' ? item.channelOther : null }, errors)
}

// ── Content rules 活动内容细则 ──────────────────────────────────────────────────────────────────

/** `description`: the campaign in 1–2 sentences; `eligibility`: who may take part, on what conditions. */
export type ContentRules = { description: string; entryDeadline: string; eligibility: string }

const contentRulesSchema = z.object({
  description: requiredText(planLimits.description).refine(
    (text) => sentenceCount(text) <= planLimits.descriptionSentences,
    'too_many_sentences',
  ),
  entryDeadline: isoDate,
  eligibility: requiredText(planLimits.eligibility),
})
export type ContentRulesField = keyof ContentRules

/** The entry deadline falls within the campaign window, both ends included. */
export function checkContentRules(input: unknown, window: CampaignWindow): FormCheck<ContentRules, ContentRulesField> {
  const parsed = checkForm<typeof contentRulesSchema, ContentRulesField>(contentRulesSchema, input)
  if (!parsed.ok) return parsed
  const rules = parsed.value
  const errors: PlanFieldErrors<ContentRulesField> = {}
  if (!isWithin(rules.entryDeadline, window)) errors.entryDeadline = { code: 'outside_window' }
  return withFieldErrors(rules, errors)
}

/** `valueMinor`: the value of one prize in minor units; `howGiven`: how winners get it. */
export type Prize = { id: number; name: string; quantity: number; valueMinor: number; howGiven: string }
export type PrizeValue = Omit<Prize, 'id'>

const prizeSchemas = new Map<number, ReturnType<typeof buildPrizeSchema>>()
function buildPrizeSchema(fractionDigits: number) {
  return z.object({
    name: requiredText(planLimits.prizeName),
    quantity: countField(planLimits.prizeQuantity),
    /** Typed in major units ("99.50"); becomes `valueMinor`. */
    value: moneyField(fractionDigits),
    howGiven: requiredText(planLimits.howGiven),
  })
}
export type PrizeField = 'name' | 'quantity' | 'value' | 'howGiven'

/** Checks a prize; its form field `value` is typed in the currency's major unit. */
export function checkPrize(input: unknown, fractionDigits: number): FormCheck<PrizeValue, PrizeField> {
  const parsed = checkForm<ReturnType<typeof buildPrizeSchema>, PrizeField>(cached(prizeSchemas, fractionDigits, buildPrizeSchema), input)
  if (!parsed.ok) return parsed
  const { value, ...prize } = parsed.value
  return { ok: true, value: { ...prize, valueMinor: value } }
}
