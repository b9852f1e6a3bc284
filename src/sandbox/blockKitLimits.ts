// The Block Kit limits Slack enforces (see docs/SLACK.md), as pure checks the local Slack (localSlack.ts) runs on
// every view and message. Each returns a human reason when Slack would refuse, else null.
// Lengths count characters (code points), so a 25-character Chinese modal title is refused.

/** Reason returned when a message has neither text nor blocks (Slack's `no_text`). */
export const NO_TEXT = 'a message needs `text` or `blocks`'

const BLOCK_TYPES = new Set(['section', 'divider', 'header', 'context', 'actions', 'input', 'image', 'rich_text'])

type Obj = Record<string, unknown>

class Refusal extends Error {}

/** Stops checking with a reason that names where it went wrong, like Slack's `[json-pointer:/…]`. */
function refuse(path: string, why: string): never {
  throw new Refusal(`${path}: ${why}`)
}

const len = (s: string): number => [...s].length
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function maxLen(value: unknown, max: number, path: string): void {
  if (typeof value === 'string' && len(value) > max) refuse(path, `must be at most ${max} characters (got ${len(value)})`)
}

/** A text object: {type: 'plain_text'|'mrkdwn', text: non-empty} with at most `max` characters. */
function text(t: unknown, max: number, path: string, plainOnly = false): void {
  if (!isObj(t)) refuse(path, 'must be a text object')
  if (t.type !== 'plain_text' && t.type !== 'mrkdwn') refuse(`${path}/type`, `must be 'plain_text' or 'mrkdwn' (got ${String(t.type)})`)
  if (plainOnly && t.type !== 'plain_text') refuse(`${path}/type`, "must be 'plain_text'")
  if (typeof t.text !== 'string' || t.text.length === 0) refuse(`${path}/text`, 'must be a non-empty string')
  maxLen(t.text, max, `${path}/text`)
}

/** An interactive element (button, select, input…); returns its action_id for the uniqueness check. */
function element(e: unknown, path: string): string | undefined {
  if (!isObj(e) || typeof e.type !== 'string') refuse(path, 'must be an element with a type')
  maxLen(e.action_id, 255, `${path}/action_id`)
  if (e.type === 'button') {
    text(e.text, 75, `${path}/text`, true)
    maxLen(e.value, 2000, `${path}/value`)
  }
  if (e.type === 'static_select' || e.type === 'multi_static_select') {
    const options = Array.isArray(e.options) ? e.options : []
    if (options.length > 100) refuse(`${path}/options`, `must have at most 100 options (got ${options.length})`)
    options.forEach((o: unknown, i) => text(isObj(o) ? o.text : o, 75, `${path}/options/${i}/text`))
  }
  if (e.type === 'plain_text_input') {
    const { min_length: min, max_length: max } = e
    if (min !== undefined && (typeof min !== 'number' || min < 0 || min > 3000)) refuse(`${path}/min_length`, 'must be 0–3000')
    if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 3000)) refuse(`${path}/max_length`, 'must be 1–3000')
  }
  return typeof e.action_id === 'string' ? e.action_id : undefined
}

function block(b: unknown, path: string): void {
  if (!isObj(b)) refuse(path, 'must be a block object')
  if (typeof b.type !== 'string' || !BLOCK_TYPES.has(b.type)) refuse(`${path}/type`, `unknown block type ${String(b.type)}`)
  const actionIds: string[] = []
  const el = (e: unknown, p: string) => {
    const id = element(e, p)
    if (id !== undefined && actionIds.includes(id)) refuse(`${p}/action_id`, `duplicate action_id ${id} in this block`)
    if (id !== undefined) actionIds.push(id)
  }
  switch (b.type) {
    case 'section': {
      if (b.text === undefined && b.fields === undefined) refuse(path, 'a section needs `text` or `fields`')
      if (b.text !== undefined) text(b.text, 3000, `${path}/text`)
      const fields = b.fields === undefined ? [] : b.fields
      if (!Array.isArray(fields)) refuse(`${path}/fields`, 'must be an array')
      if (fields.length > 10) refuse(`${path}/fields`, `must have at most 10 fields (got ${fields.length})`)
      fields.forEach((f: unknown, i) => text(f, 2000, `${path}/fields/${i}`))
      if (b.accessory !== undefined) el(b.accessory, `${path}/accessory`)
      break
    }
    case 'header':
      text(b.text, 150, `${path}/text`, true)
      break
    case 'context':
      if (!Array.isArray(b.elements)) refuse(`${path}/elements`, 'must be an array')
      b.elements.forEach((e: unknown, i) => isObj(e) && e.type === 'image' ? undefined : text(e, 3000, `${path}/elements/${i}`))
      break
    case 'actions':
      if (!Array.isArray(b.elements)) refuse(`${path}/elements`, 'must be an array')
      b.elements.forEach((e: unknown, i) => el(e, `${path}/elements/${i}`))
      break
    case 'input':
      if (b.label === undefined) refuse(`${path}/label`, 'an input block needs a label')
      text(b.label, 2000, `${path}/label`, true)
      if (b.hint !== undefined) text(b.hint, 2000, `${path}/hint`, true)
      if (b.element === undefined) refuse(`${path}/element`, 'an input block needs an element')
      el(b.element, `${path}/element`)
      break
  }
}

function blocks(list: unknown, max: number, path: string): void {
  if (!Array.isArray(list)) refuse(path, 'must be an array')
  if (list.length > max) refuse(path, `must have at most ${max} blocks (got ${list.length})`)
  const blockIds = new Set<string>()
  list.forEach((b: unknown, i) => {
    const id = isObj(b) ? b.block_id : undefined
    maxLen(id, 255, `${path}/${i}/block_id`)
    if (typeof id === 'string' && blockIds.has(id)) refuse(`${path}/${i}/block_id`, `duplicate block_id ${id}`)
    if (typeof id === 'string') blockIds.add(id)
    block(b, `${path}/${i}`)
  })
}

function run(check: () => void): string | null {
  try {
    check()
    return null
  } catch (e) {
    if (e instanceof Refusal) return e.message
    throw e
  }
}

/** What views.open/push/update/publish would refuse. */
export function checkView(view: unknown): string | null {
  return run(() => {
    if (!isObj(view)) refuse('/view', 'must be an object')
    if (view.type !== 'modal' && view.type !== 'home') refuse('/view/type', `must be 'modal' or 'home' (got ${String(view.type)})`)
    if (view.type === 'modal') {
      if (view.title === undefined) refuse('/view/title', 'a modal needs a title')
      text(view.title, 24, '/view/title', true)
      if (view.submit !== undefined) text(view.submit, 24, '/view/submit', true)
      if (view.close !== undefined) text(view.close, 24, '/view/close', true)
    }
    maxLen(view.private_metadata, 3000, '/view/private_metadata')
    maxLen(view.callback_id, 255, '/view/callback_id')
    blocks(view.blocks, 100, '/view/blocks')
  })
}

/** What chat.postMessage/update/postEphemeral would refuse. */
export function checkMessage(args: { text?: string; blocks?: unknown }): string | null {
  const hasBlocks = Array.isArray(args.blocks) ? args.blocks.length > 0 : args.blocks != null
  if (!args.text && !hasBlocks) return NO_TEXT
  return args.blocks == null ? null : run(() => blocks(args.blocks, 50, '/blocks'))
}
