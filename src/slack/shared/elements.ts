// Small typed builders for the Block Kit pieces the app uses, so surfaces read as what they show.
import type {
  ActionsBlock, Button, ContextBlock, HeaderBlock, InputBlock, KnownBlock, MrkdwnElement,
  PlainTextElement, PlainTextOption, SectionBlock,
} from '@slack/types'
import { escapeMrkdwn, type Mrkdwn } from '../../i18n/mrkdwn.ts'

export type Blocks = KnownBlock[]

/**
 * Slack decodes `&amp;`, `&lt;` and `&gt;` in every text object, so plain text is escaped by the
 * same one function as mrkdwn. Over Slack's length limit it is cut rather than refused (the full
 * text stays stored).
 */
export function plainText(text: string, maxLength = 3000): PlainTextElement {
  return { type: 'plain_text', text: fitMrkdwn(escapeMrkdwn(text), maxLength), emoji: true }
}

export function mrkdwnText(text: Mrkdwn): MrkdwnElement {
  return { type: 'mrkdwn', text: fitMrkdwn(text, 3000) }
}

/** Cuts to `maxLength` characters (not UTF-16 units), never inside an `&…;` escape. */
function fitMrkdwn(text: string, maxLength: number): string {
  const characters = [...text]
  if (characters.length <= maxLength) return text
  return characters.slice(0, maxLength - 1).join('').replace(/&[a-z]{0,3}$/, '') + '…'
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text, 150) }
}

export function section(text: Mrkdwn, blockId?: string): SectionBlock {
  return { type: 'section', text: mrkdwnText(text), ...(blockId ? { block_id: blockId } : {}) }
}

/** A section of label/value pairs, shown as Slack's two-column fields (at most 10). */
export function fieldsSection(fields: Array<[label: string, value: Mrkdwn]>): SectionBlock {
  return {
    type: 'section',
    fields: fields.slice(0, 10).map(([label, value]) => ({ type: 'mrkdwn', text: fitMrkdwn(`*${label}*\n${value}`, 2000) })),
  }
}

export function context(text: Mrkdwn, blockId?: string): ContextBlock {
  return { type: 'context', elements: [mrkdwnText(text)], ...(blockId ? { block_id: blockId } : {}) }
}

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): Button {
  return { type: 'button', text: plainText(text, 75), action_id: actionId, value, ...(style ? { style } : {}) }
}

export function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements }
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plainText(text, 75), value }
}

export function input(
  blockId: string,
  label: string,
  element: InputBlock['element'],
  extras: { hint?: string; optional?: boolean; dispatchAction?: boolean } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label, 2000),
    element,
    ...(extras.hint ? { hint: plainText(extras.hint, 2000) } : {}),
    ...(extras.optional ? { optional: true } : {}),
  }
}
