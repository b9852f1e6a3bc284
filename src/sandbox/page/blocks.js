// Block Kit, drawn as Slack draws it, with real controls: every interactive element is a button,
// select, input, checkbox or radio whose accessible name is its Block Kit text (an input block's
// label, a button's text, a select's placeholder), so a person — and a test — finds it by name.
// Values are read back from the controls in Slack's `state.values` shape (collectState).
import { h, Fragment } from 'preact'
import { useState, useEffect, useRef } from 'preact/hooks'
import htm from 'htm'

export const html = htm.bind(h)

// ---- ids: Slack fills in block_id / action_id the app left out; so does the page, the same way each time ----
export const blockIdOf = (block, index) => block.block_id ?? `b${index}`
export const actionIdOf = (element, index) => element.action_id ?? `a${index}`
export const controlId = (prefix, blockId, actionId) => `c-${prefix}-${blockId}-${actionId}`.replace(/[^A-Za-z0-9_-]/g, '_')

const STATEFUL = new Set([
  'plain_text_input', 'number_input', 'email_text_input', 'url_text_input', 'datepicker', 'timepicker', 'static_select', 'external_select',
  'multi_static_select', 'users_select', 'multi_users_select', 'conversations_select', 'multi_conversations_select', 'channels_select',
  'multi_channels_select', 'checkboxes', 'radio_buttons', 'file_input',
])

/** Every option of a select, grouped or not. */
const optionsOf = (element) => element.options ?? (element.option_groups ?? []).flatMap((g) => g.options ?? [])

/** A text object or an option as the app sent it (without the page's mrkdwn trees). */
export function clean(value) {
  if (Array.isArray(value)) return value.map(clean)
  if (typeof value !== 'object' || value === null) return value
  const copy = {}
  for (const [key, item] of Object.entries(value)) if (key !== 'nodes' && key !== 'shown') copy[key] = clean(item)
  return copy
}

// ---- text ----
export function Mrkdwn({ nodes, directory }) {
  return html`${(nodes ?? []).map((node) => html`<${MrkdwnNode} node=${node} directory=${directory} />`)}`
}

function MrkdwnNode({ node, directory }) {
  if (typeof node === 'string') return node
  const children = node.c ? html`<${Mrkdwn} nodes=${node.c} directory=${directory} />` : null
  switch (node.t) {
    case 'b': return html`<strong>${children}</strong>`
    case 'i': return html`<em>${children}</em>`
    case 's': return html`<del>${children}</del>`
    case 'quote': return html`<blockquote>${children}</blockquote>`
    case 'code': return html`<code>${node.text}</code>`
    case 'pre': return html`<pre>${node.text}</pre>`
    case 'link': return html`<a href=${node.url} target="_blank" rel="noreferrer noopener">${children ?? node.url}</a>`
    case 'user': {
      const person = directory.people.find((p) => p.id === node.id)
      const name = node.id === directory.botUserId ? directory.appName : (person?.realName ?? node.id)
      return html`<span class="mention">@${children ?? name}</span>`
    }
    case 'channel': {
      const channel = directory.channels.find((c) => c.id === node.id)
      return html`<span class="mention">#${children ?? channel?.name ?? node.id}</span>`
    }
    case 'special': {
      const [name, ...args] = node.name.split('^')
      if (['here', 'channel', 'everyone'].includes(name)) return html`<span class="mention">@${name}</span>`
      if (name === 'date') {
        const shown = slackDate(Number(args[0]), args[1] ?? '', directory)
        if (shown) return html`<time datetime=${new Date(Number(args[0]) * 1000).toISOString()}>${shown}</time>`
        return children
      }
      return html`<span class="mention">${children ?? name}</span>`
    }
    case 'emoji': return node.char ? html`<span class="emoji" role="img" aria-label=${node.name}>${node.char}</span>` : `:${node.name}:`
    default: return null
  }
}

/**
 * Slack's <!date^seconds^format|fallback>, as Slack shows it: in the reader's own zone, its tokens
 * ({date_num}, {date_short}, {date_pretty}, {time}…) filled in; null for a format it cannot read.
 */
function slackDate(seconds, format, directory) {
  if (!Number.isFinite(seconds) || !format) return null
  const zone = directory.zone ?? 'UTC'
  const at = new Date(seconds * 1000)
  const part = (options) => new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options }).format(at)
  const dayOf = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(date)
  const now = directory.now ? new Date(directory.now) : new Date()
  const relative = () => {
    const day = dayOf(at)
    if (day === dayOf(now)) return 'Today'
    if (day === dayOf(new Date(now.getTime() - 86_400_000))) return 'Yesterday'
    if (day === dayOf(new Date(now.getTime() + 86_400_000))) return 'Tomorrow'
    return null
  }
  const tokens = {
    date_num: () => dayOf(at),
    date: () => part({ month: 'long', day: 'numeric', year: 'numeric' }),
    date_short: () => part({ month: 'short', day: 'numeric', year: 'numeric' }),
    date_long: () => part({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }),
    date_pretty: () => relative() ?? tokens.date(),
    date_short_pretty: () => relative() ?? tokens.date_short(),
    date_long_pretty: () => relative() ?? tokens.date_long(),
    time: () => part({ hour: 'numeric', minute: '2-digit' }),
    time_secs: () => part({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  }
  let unknown = false
  const shown = format.replace(/\{([a-z_]+)\}/g, (token, key) => (tokens[key] ? tokens[key]() : ((unknown = true), token)))
  return unknown ? null : shown
}

/** A text object: mrkdwn drawn from its tree, plain text as it is. */
export function Text({ text, directory }) {
  if (!text) return null
  if (text.type === 'mrkdwn') return html`<span class="mrkdwn"><${Mrkdwn} nodes=${text.nodes} directory=${directory} /></span>`
  return html`<span class="plain">${shown(text)}</span>`
}

/** A plain_text object as Slack shows it: its escapes undone, :emoji: drawn (the server did both). */
export function shown(text) {
  return text?.shown ?? text?.text ?? ''
}

/** The words of a text object, for an accessible name or an option label. */
export function plain(text, directory) {
  if (!text) return ''
  if (text.type !== 'mrkdwn' || !text.nodes) return shown(text)
  const flat = (nodes) => nodes.map((node) => {
    if (typeof node === 'string') return node
    if (node.t === 'user') return `@${directory?.people.find((p) => p.id === node.id)?.realName ?? node.id}`
    if (node.t === 'channel') return `#${directory?.channels.find((c) => c.id === node.id)?.name ?? node.id}`
    if (node.t === 'emoji') return node.char ?? `:${node.name}:`
    if (node.t === 'code' || node.t === 'pre') return node.text
    return node.c ? flat(node.c) : ''
  }).join('')
  return flat(text.nodes)
}

// ---- blocks ----

/**
 * A menu that pops up from a button (an overflow menu, a message's More actions): focus goes to
 * its first item when it opens, and a press anywhere outside it closes it. Returns the open state,
 * its setter, and the ref for the menu's element.
 */
export function usePopupMenu() {
  const [open, setOpen] = useState(false)
  const menu = useRef(null)
  useEffect(() => {
    if (!open) return undefined
    menu.current?.querySelector('button')?.focus()
    const close = (event) => { if (!menu.current?.parentElement?.contains(event.target)) setOpen(false) }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])
  return [open, setOpen, menu]
}
export function Blocks({ blocks, ctx }) {
  return html`<div class="blocks">${(blocks ?? []).map((block, index) => html`<${Block} key=${blockIdOf(block, index)} block=${block} index=${index} ctx=${ctx} />`)}</div>`
}

function Block({ block, index, ctx }) {
  const blockId = blockIdOf(block, index)
  const d = ctx.directory
  switch (block.type) {
    case 'header':
      return html`<h3 class="block header">${shown(block.text)}</h3>`
    case 'divider':
      return html`<hr class="block divider" />`
    case 'section':
      return html`<div class="block section">
        <div class="section-body">
          ${block.text ? html`<div class="section-text"><${Text} text=${block.text} directory=${d} /></div>` : null}
          ${block.fields ? html`<div class="fields">${block.fields.map((f) => html`<div class="field"><${Text} text=${f} directory=${d} /></div>`)}</div>` : null}
        </div>
        ${block.accessory ? html`<div class="accessory"><${Element} element=${block.accessory} blockId=${blockId} index=${0} ctx=${ctx} label=${plain(block.text, d)} /></div>` : null}
      </div>`
    case 'context':
      return html`<div class="block context">${(block.elements ?? []).map((e) => e.type === 'image'
        ? html`<img class="context-image" src=${e.image_url} alt=${e.alt_text ?? ''} />`
        : html`<span class="context-text"><${Text} text=${e} directory=${d} /></span>`)}</div>`
    case 'image':
      return html`<figure class="block image">
        ${block.title ? html`<figcaption><${Text} text=${block.title} directory=${d} /></figcaption>` : null}
        <img src=${block.image_url ?? block.slack_file?.url} alt=${block.alt_text ?? ''} />
      </figure>`
    case 'actions':
      return html`<div class="block actions">${(block.elements ?? []).map((e, i) => html`<${Element} element=${e} blockId=${blockId} index=${i} ctx=${ctx} />`)}</div>`
    case 'input':
      return html`<${InputBlock} block=${block} blockId=${blockId} ctx=${ctx} />`
    case 'rich_text':
      return html`<div class="block rich-text">${(block.elements ?? []).map((e) => html`<${RichTextPart} part=${e} directory=${d} />`)}</div>`
    default:
      return html`<div class="block unknown">[${block.type} block]</div>`
  }
}

function InputBlock({ block, blockId, ctx }) {
  const element = block.element ?? {}
  const actionId = actionIdOf(element, 0)
  const id = controlId(ctx.prefix, blockId, actionId)
  const error = ctx.errors?.[blockId]
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [block.hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  const grouped = element.type === 'checkboxes' || element.type === 'radio_buttons'
  const label = shown(block.label)
  return html`<div class=${`block input${error ? ' has-error' : ''}`}>
    ${grouped ? null : html`<div class="label-row"><label for=${id}>${label}</label>${block.optional ? html`<span class="optional"> (optional)</span>` : null}</div>`}
    <${Element} element=${element} blockId=${blockId} index=${0} ctx=${ctx} inInput=${true} label=${label}
      describedBy=${describedBy} invalid=${Boolean(error)} optional=${block.optional} />
    ${block.hint ? html`<p class="hint" id=${hintId}>${shown(block.hint)}</p>` : null}
    ${error ? html`<p class="field-error" id=${errorId} role="alert">${error}</p>` : null}
  </div>`
}

function RichTextPart({ part, directory }) {
  const inline = (elements) => (elements ?? []).map((e) => html`<${RichTextElement} element=${e} directory=${directory} />`)
  switch (part.type) {
    case 'rich_text_section': return html`<p class="rt-section">${inline(part.elements)}</p>`
    case 'rich_text_quote': return html`<blockquote>${inline(part.elements)}</blockquote>`
    case 'rich_text_preformatted': return html`<pre>${inline(part.elements)}</pre>`
    case 'rich_text_list': {
      const items = (part.elements ?? []).map((item) => html`<li>${inline(item.elements)}</li>`)
      const style = { marginLeft: `${(part.indent ?? 0) * 1.2}em` }
      return part.style === 'ordered' ? html`<ol style=${style} start=${(part.offset ?? 0) + 1}>${items}</ol>` : html`<ul style=${style}>${items}</ul>`
    }
    default: return null
  }
}

function RichTextElement({ element, directory }) {
  let content
  switch (element.type) {
    case 'text': content = element.text; break
    case 'link': content = html`<a href=${element.url} target="_blank" rel="noreferrer noopener">${element.text ?? element.url}</a>`; break
    case 'user': content = html`<span class="mention">@${directory.people.find((p) => p.id === element.user_id)?.realName ?? element.user_id}</span>`; break
    case 'channel': content = html`<span class="mention">#${directory.channels.find((c) => c.id === element.channel_id)?.name ?? element.channel_id}</span>`; break
    case 'broadcast': content = html`<span class="mention">@${element.range}</span>`; break
    case 'emoji': content = element.unicode ? String.fromCodePoint(...element.unicode.split('-').map((u) => parseInt(u, 16))) : `:${element.name}:`; break
    default: content = element.text ?? ''
  }
  const style = element.style ?? {}
  if (style.code) content = html`<code>${content}</code>`
  if (style.bold) content = html`<strong>${content}</strong>`
  if (style.italic) content = html`<em>${content}</em>`
  if (style.strike) content = html`<del>${content}</del>`
  return content
}

// ---- elements ----
function Element({ element, blockId, index, ctx, inInput = false, label = '', describedBy, invalid, optional }) {
  const actionId = actionIdOf(element, index)
  const id = controlId(ctx.prefix, blockId, actionId)
  const d = ctx.directory
  // Outside an input block a change is an action at once (Slack's block_actions); inside, only with dispatch_action.
  const dispatches = !inInput || element.dispatch_action === true || ctx.dispatchInputs === true
  const act = (fields) => ctx.act({ type: element.type, action_id: actionId, block_id: blockId, ...fields })
  const aria = { 'aria-describedby': describedBy, 'aria-invalid': invalid ? 'true' : undefined }
  const placeholder = element.placeholder ? shown(element.placeholder) : undefined
  // An accessible name where no <label> gives one: the placeholder, else what the element is for.
  const ownName = inInput ? undefined : (placeholder ?? label ?? undefined)
  const keyOf = (initial) => `${id}:${JSON.stringify(initial ?? null)}`

  switch (element.type) {
    case 'button':
      return html`<button type="button" id=${id} class=${`slack-button ${element.style ?? ''}`}
        onClick=${() => act({ text: clean(element.text), value: element.value, ...(element.style ? { style: element.style } : {}) })}>${shown(element.text)}</button>`
    case 'overflow':
      return html`<${Overflow} element=${element} label=${label} onChoose=${(option) => act({ selected_option: clean(option) })} directory=${d} />`
    case 'static_select':
    case 'external_select':
    case 'multi_static_select': {
      const multiple = element.type === 'multi_static_select'
      const initial = multiple ? (element.initial_options ?? []).map((o) => o.value) : element.initial_option?.value
      const onChange = dispatches ? (event) => {
        const chosen = [...event.currentTarget.selectedOptions].map((o) => optionsOf(element).find((x) => x.value === o.value)).filter(Boolean)
        act(multiple ? { selected_options: chosen.map(clean) } : { selected_option: chosen[0] ? clean(chosen[0]) : null })
      } : undefined
      const option = (o) => html`<option value=${o.value} selected=${multiple ? initial.includes(o.value) : initial === o.value}>${plain(o.text, d)}</option>`
      return html`<select key=${keyOf(initial)} id=${id} data-kind=${element.type} multiple=${multiple} size=${multiple ? Math.min(6, optionsOf(element).length) : undefined}
          aria-label=${ownName} ...${aria} onChange=${onChange}>
        ${multiple ? null : html`<option value="" selected=${initial === undefined}>${placeholder ?? 'Choose an option'}</option>`}
        ${element.option_groups
          ? element.option_groups.map((g) => html`<optgroup label=${shown(g.label)}>${(g.options ?? []).map(option)}</optgroup>`)
          : (element.options ?? []).map(option)}
      </select>`
    }
    case 'users_select':
    case 'multi_users_select': {
      const multiple = element.type === 'multi_users_select'
      const initial = multiple ? (element.initial_users ?? []) : element.initial_user
      const onChange = dispatches ? (event) => {
        const chosen = [...event.currentTarget.selectedOptions].map((o) => o.value).filter(Boolean)
        act(multiple ? { selected_users: chosen } : { selected_user: chosen[0] ?? null })
      } : undefined
      const people = [...d.people, { id: d.botUserId, realName: d.appName, role: 'app' }]
      return html`<select key=${keyOf(initial)} id=${id} data-kind=${element.type} multiple=${multiple} size=${multiple ? 6 : undefined} aria-label=${ownName} ...${aria} onChange=${onChange}>
        ${multiple ? null : html`<option value="" selected=${!initial}>${placeholder ?? 'Choose a person'}</option>`}
        ${people.map((p) => html`<option value=${p.id} selected=${multiple ? initial.includes(p.id) : initial === p.id}>${p.realName}</option>`)}
      </select>`
    }
    case 'conversations_select':
    case 'channels_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const multiple = element.type.startsWith('multi_')
      const current = element.default_to_current_conversation && ctx.currentConversation && !ctx.currentConversation.startsWith('D') ? ctx.currentConversation : undefined
      const initial = multiple
        ? (element.initial_conversations ?? element.initial_channels ?? [])
        : (element.initial_conversation ?? element.initial_channel ?? current)
      const onChange = dispatches ? (event) => {
        const chosen = [...event.currentTarget.selectedOptions].map((o) => o.value).filter(Boolean)
        const key = element.type.includes('channel') ? 'channel' : 'conversation'
        act(multiple ? { [`selected_${key}s`]: chosen } : { [`selected_${key}`]: chosen[0] ?? null })
      } : undefined
      return html`<select key=${keyOf(initial)} id=${id} data-kind=${element.type} multiple=${multiple} aria-label=${ownName} ...${aria} onChange=${onChange}>
        ${multiple ? null : html`<option value="" selected=${!initial}>${placeholder ?? 'Choose a channel'}</option>`}
        ${d.channels.map((c) => html`<option value=${c.id} selected=${multiple ? initial.includes(c.id) : initial === c.id}>#${c.name}</option>`)}
      </select>`
    }
    case 'datepicker':
      return html`<input key=${keyOf(element.initial_date)} type="date" id=${id} data-kind="datepicker" defaultValue=${element.initial_date ?? ''}
        aria-label=${ownName} ...${aria} onChange=${dispatches ? (e) => act({ selected_date: e.currentTarget.value || null }) : undefined} />`
    case 'timepicker':
      return html`<input key=${keyOf(element.initial_time)} type="time" id=${id} data-kind="timepicker" defaultValue=${element.initial_time ?? ''}
        aria-label=${ownName} ...${aria} onChange=${dispatches ? (e) => act({ selected_time: e.currentTarget.value || null }) : undefined} />`
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input': {
      const common = {
        id, 'data-kind': element.type, 'aria-label': ownName, placeholder, ...aria,
        maxLength: element.max_length, minLength: element.min_length,
        onKeyDown: dispatches && inInput ? (e) => { if (e.key === 'Enter' && !element.multiline) act({ value: e.currentTarget.value || null }) } : undefined,
      }
      if (element.multiline) return html`<textarea key=${keyOf(element.initial_value)} rows="4" defaultValue=${element.initial_value ?? ''} ...${common}></textarea>`
      const type = element.type === 'email_text_input' ? 'email' : element.type === 'url_text_input' ? 'url' : 'text'
      return html`<input key=${keyOf(element.initial_value)} type=${type} inputmode=${element.type === 'number_input' ? 'decimal' : undefined} defaultValue=${element.initial_value ?? ''} ...${common} />`
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const radio = element.type === 'radio_buttons'
      const initial = radio ? [element.initial_option?.value].filter(Boolean) : (element.initial_options ?? []).map((o) => o.value)
      const onChange = dispatches ? (event) => {
        const chosen = [...event.currentTarget.closest('fieldset').querySelectorAll('input:checked')].map((input) => (element.options ?? [])[Number(input.dataset.index)])
        act(radio ? { selected_option: chosen[0] ? clean(chosen[0]) : null } : { selected_options: chosen.map(clean) })
      } : undefined
      return html`<fieldset key=${keyOf(initial)} id=${id} data-kind=${element.type} class="choices" ...${aria}>
        <legend>${label}${optional ? html`<span class="optional"> (optional)</span>` : null}</legend>
        ${(element.options ?? []).map((o, i) => html`<label class="choice">
          <input type=${radio ? 'radio' : 'checkbox'} name=${id} data-index=${i} value=${o.value} defaultChecked=${initial.includes(o.value)} onChange=${onChange} />
          <span><${Text} text=${o.text} directory=${d} />${o.description ? html`<span class="choice-description"><${Text} text=${o.description} directory=${d} /></span>` : null}</span>
        </label>`)}
      </fieldset>`
    }
    case 'file_input':
      return html`<${FileInput} element=${element} id=${id} aria=${aria} ctx=${ctx} />`
    case 'image':
      return html`<img class="accessory-image" src=${element.image_url} alt=${element.alt_text ?? ''} />`
    default:
      return html`<span class="unknown">[${element.type}]</span>`
  }
}

/**
 * Block Kit's file input: a real file chooser (the element's filetypes and max_files). A chosen file
 * is uploaded to the sandbox at once, as Slack uploads it, and the control keeps what Slack would put
 * in state.values (`files`); a submit waits for an upload under way (`input.uploading`).
 */
function FileInput({ element, id, aria, ctx }) {
  const [status, setStatus] = useState('')
  const max = element.max_files ?? 10
  const accept = (element.filetypes ?? []).map((type) => `.${type}`).join(',') || undefined
  const choose = (event) => {
    const input = event.currentTarget
    const chosen = [...(input.files ?? [])]
    input.dataset.files = '[]'
    if (chosen.length > max) {
      input.value = ''
      return setStatus(`Choose at most ${max} ${max === 1 ? 'file' : 'files'}.`)
    }
    const wanted = element.filetypes ?? []
    const refused = chosen.find((file) => wanted.length > 0 && !wanted.includes(file.name.split('.').pop()?.toLowerCase()))
    if (refused) {
      input.value = ''
      return setStatus(`${refused.name} is not one of: ${wanted.join(', ')}.`)
    }
    if (chosen.length === 0) return setStatus('')
    setStatus('Uploading…')
    input.uploading = Promise.all(chosen.map((file) => ctx.upload(file))).then(
      (files) => {
        input.dataset.files = JSON.stringify(files)
        setStatus(`Uploaded: ${files.map((file) => file.name).join(', ')}`)
      },
      (error) => setStatus(`Upload failed: ${error.message ?? error}`),
    )
  }
  return html`<span class="file-input">
    <input type="file" id=${id} accept=${accept} multiple=${max > 1} ...${aria} onChange=${choose} />
    <span class="muted upload-status" role="status">${status}</span>
  </span>`
}

/** Slack's ⋯ menu: a button that opens a list of options. */
function Overflow({ element, label, onChoose, directory }) {
  const [open, setOpen, menu] = usePopupMenu()
  return html`<span class="overflow">
    <button type="button" class="overflow-button" aria-haspopup="menu" aria-expanded=${open} title=${label ? `More options: ${label}` : 'More options'}
      aria-label="More options" onClick=${() => setOpen(!open)}>⋯</button>
    ${open ? html`<div class="menu" role="menu" ref=${menu} onKeyDown=${(e) => { if (e.key === 'Escape') setOpen(false) }}>
      ${(element.options ?? []).map((o) => html`<button type="button" role="menuitem" onClick=${() => { setOpen(false); onChoose(o) }}>${plain(o.text, directory)}</button>`)}
    </div>` : null}
  </span>`
}

// ---- state.values ----
/** What Slack puts in `state.values` for these blocks, read from their controls under `root`. */
export function collectState(blocks, prefix, root) {
  const values = {}
  const put = (blockId, element, index) => {
    if (!STATEFUL.has(element.type)) return
    const actionId = actionIdOf(element, index)
    const control = root.querySelector(`#${controlId(prefix, blockId, actionId)}`)
    if (!control) return
    values[blockId] ??= {}
    values[blockId][actionId] = readControl(element, control)
  }
  ;(blocks ?? []).forEach((block, index) => {
    const blockId = blockIdOf(block, index)
    if (block.type === 'input' && block.element) put(blockId, block.element, 0)
    if (block.type === 'actions') (block.elements ?? []).forEach((e, i) => put(blockId, e, i))
    if (block.type === 'section' && block.accessory) put(blockId, block.accessory, 0)
  })
  return values
}

function readControl(element, control) {
  const type = element.type
  const chosen = () => [...control.selectedOptions].map((o) => o.value).filter(Boolean)
  switch (type) {
    case 'plain_text_input': case 'number_input': case 'email_text_input': case 'url_text_input':
      return { type, value: control.value === '' ? null : control.value }
    case 'datepicker': return { type, selected_date: control.value || null }
    case 'timepicker': return { type, selected_time: control.value || null }
    case 'static_select': case 'external_select': {
      const option = optionsOf(element).find((o) => o.value === control.value)
      return { type, selected_option: option ? clean(option) : null }
    }
    case 'multi_static_select':
      return { type, selected_options: chosen().map((v) => clean(optionsOf(element).find((o) => o.value === v))).filter(Boolean) }
    case 'users_select': return { type, selected_user: control.value || null }
    case 'multi_users_select': return { type, selected_users: chosen() }
    case 'conversations_select': return { type, selected_conversation: control.value || null }
    case 'multi_conversations_select': return { type, selected_conversations: chosen() }
    case 'channels_select': return { type, selected_channel: control.value || null }
    case 'multi_channels_select': return { type, selected_channels: chosen() }
    case 'file_input': return { type, files: JSON.parse(control.dataset.files || '[]') }
    case 'checkboxes': case 'radio_buttons': {
      const picked = [...control.querySelectorAll('input:checked')].map((input) => clean((element.options ?? [])[Number(input.dataset.index)]))
      return type === 'radio_buttons' ? { type, selected_option: picked[0] ?? null } : { type, selected_options: picked }
    }
    default: return { type }
  }
}
