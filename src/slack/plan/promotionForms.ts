// The plan's forms for promotion per channel, content rules and prizes (see forms.ts for the table
// of all forms and formKit.ts for what a form is).
import { moneyInputText, planLimits } from '../../domain/plan.ts'
import { checkContentRules, checkPrize, checkPromotionItem, promotionChannels } from '../../domain/planPromotion.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { sectionChanges } from '../../store/planSections.ts'
import { digitsOf, options, plain, type PlanForm, text } from './formKit.ts'


export const promotionItem: PlanForm = {
  key: 'promotionItem', section: 'promotion',
  title: (m) => m.forms.titles.promotionItem,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.promotion.find((p) => p.id === itemId)),
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['promotion'][number] | null
    const t = m.forms.promotionItem
    return [
      { kind: 'select', name: 'channel', label: t.channel, options: options(promotionChannels, m.names.channel), initial: value?.channel ?? null },
      { kind: 'text', name: 'channelOther', label: t.channelOther, maxLength: planLimits.channelOther, optional: true, initial: value?.channelOther ?? null },
      { kind: 'text', name: 'what', label: t.what, maxLength: planLimits.promotionWhat, multiline: true, initial: value?.what ?? null },
      { kind: 'date', name: 'onDate', label: t.onDate, hint: t.onDateHint, initial: value?.onDate ?? null },
      { kind: 'user', name: 'promoterId', label: t.promoter, initial: value?.promoterId ?? null },
    ]
  },
  read: plain(['channel', 'channelOther', 'what', 'onDate', 'promoterId']),
  check: (raw, { record }) => checkPromotionItem(raw, record.snapshot.window),
  save: (value, itemId) => sectionChanges.savePromotionItem(itemId, value as never),
}

export const contentRules: PlanForm = {
  key: 'contentRules', section: 'contentRules',
  title: (m) => m.forms.titles.contentRules,
  current: (record) => record.snapshot.contentRules,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['contentRules']
    const t = m.forms.contentRules
    return [
      { kind: 'text', name: 'description', label: t.description, hint: t.descriptionHint, maxLength: planLimits.description, multiline: true, initial: value?.description ?? null },
      { kind: 'date', name: 'entryDeadline', label: t.entryDeadline, initial: value?.entryDeadline ?? null },
      { kind: 'text', name: 'eligibility', label: t.eligibility, hint: t.eligibilityHint, maxLength: planLimits.eligibility, multiline: true, initial: value?.eligibility ?? null },
    ]
  },
  read: plain(['description', 'entryDeadline', 'eligibility']),
  check: (raw, { record }) => checkContentRules(raw, record.snapshot.window),
  save: (value, _item, { record }) => sectionChanges.contentRules(value as never, record.currency),
}

export const prize: PlanForm = {
  key: 'prize', section: 'contentRules',
  title: (m) => m.forms.titles.prize,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.prizes.find((p) => p.id === itemId)),
  fields: ({ m, record }, current) => {
    const value = current as PlanRecord['snapshot']['prizes'][number] | null
    const t = m.forms.prize
    return [
      { kind: 'text', name: 'name', label: t.name, maxLength: planLimits.prizeName, initial: value?.name ?? null },
      { kind: 'text', name: 'quantity', label: t.quantity, maxLength: 12, initial: value ? String(value.quantity) : null },
      { kind: 'text', name: 'value', label: t.value, hint: m.forms.currencyHint(record.currency), maxLength: 24, initial: value ? moneyInputText(value.valueMinor, digitsOf(record)) : null },
      { kind: 'text', name: 'howGiven', label: t.howGiven, maxLength: planLimits.howGiven, multiline: true, initial: value?.howGiven ?? null },
    ]
  },
  read: plain(['name', 'quantity', 'value', 'howGiven']),
  check: (raw, { record }) => checkPrize(raw, digitsOf(record)),
  save: (value, itemId) => sectionChanges.savePrize(itemId, value as never),
}

/** Blank line slots a new scenario opens with, and how many "More lines" adds (up to the limit). */
