// The sandbox's page: a small Slack client for whoever is chosen under "Acting as". It draws what
// /api/state says that person sees, sends what they do to /api/…, and refetches whenever the
// server says something changed (server-sent events). The page's own controls are in English
// whoever acts; what the app sends is in the acting person's Slack language, as in Slack.
import { render } from 'preact'
import { useState, useEffect, useRef, useCallback, useMemo } from 'preact/hooks'
import { html, Blocks, Text, collectState, blockIdOf, shown, usePopupMenu } from './blocks.js'

const params = new URLSearchParams(location.search)

async function post(call, body) {
  const response = await fetch(`/api/${call}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}))
    throw new Error(problem.error ?? `HTTP ${response.status}`)
  }
}

/**
 * Sends a file the person chose to the sandbox, which keeps it in the local Slack as theirs (shared in
 * `channel` when given); resolves with the file as a file input's state carries it.
 */
async function uploadFile(as, file, channel) {
  const query = new URLSearchParams({ as, name: file.name, ...(channel ? { channel } : {}) })
  const response = await fetch(`/api/files?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file })
  const answer = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`)
  return answer.file
}

function App() {
  const [as, setAs] = useState(params.get('as') ?? '')
  const [state, setState] = useState(null)
  const [where, setWhere] = useState(params.get('in') ?? '')
  const [thread, setThread] = useState(null)
  const [problem, setProblem] = useState(null)
  const [busy, setBusy] = useState(0)
  const [guide, setGuide] = useState(localStorage.getItem('sandbox-guide') !== 'hidden')
  // Per person and conversation, the newest message they have seen: the sidebar counts the rest.
  const [seen, setSeen] = useState(() => JSON.parse(localStorage.getItem('sandbox-seen') ?? '{}'))
  const version = useRef(0)
  const latestAsk = useRef(0)

  const refresh = useCallback(async () => {
    // Answers can come back out of order (a change event's refresh, then a switch of person): only
    // the newest question's answer is shown, or an older one would put back the person acting before.
    const ask = ++latestAsk.current
    const response = await fetch(`/api/state${as ? `?as=${encodeURIComponent(as)}` : ''}`)
    if (ask !== latestAsk.current) return
    if (!response.ok) return setProblem(`The sandbox did not answer (HTTP ${response.status}).`)
    const next = await response.json()
    if (ask !== latestAsk.current) return
    version.current = next.version
    setState(next)
    if (!as) setAs(next.me)
  }, [as])

  useEffect(() => { void refresh() }, [refresh])
  useEffect(() => {
    const events = new EventSource('/events')
    events.addEventListener('change', () => void refresh())
    events.onerror = () => setProblem('Lost the connection to the sandbox; retrying…')
    events.onopen = () => setProblem(null)
    return () => events.close()
  }, [refresh])

  // Remember who acts and where, so a reload (or a second window's URL) keeps them.
  useEffect(() => {
    const url = new URL(location.href)
    if (as) url.searchParams.set('as', as)
    if (where) url.searchParams.set('in', where)
    history.replaceState(null, '', url)
  }, [as, where])

  /** Runs something a person did; the page keeps working while the app answers. */
  const run = useCallback(async (call, body) => {
    setBusy((n) => n + 1)
    try {
      await post(call, { as, ...body })
      setProblem(null)
    } catch (error) {
      setProblem(String(error.message ?? error))
    } finally {
      setBusy((n) => n - 1)
      void refresh()
    }
  }, [as, refresh])

  /** The composer's attach button: the file is shared in the channel as a message of the person's. */
  const share = useCallback(async (file, channel) => {
    setBusy((n) => n + 1)
    try {
      await uploadFile(as, file, channel)
      setProblem(null)
    } catch (error) {
      setProblem(`The file was not shared: ${error.message ?? error}`)
    } finally {
      setBusy((n) => n - 1)
      void refresh()
    }
  }, [as, refresh])

  // Opening the app's Home or Messages tab (or arriving on it as someone else) is an event for the app.
  const tab = !state ? null : where === 'home' ? 'home' : where === state.app.dm ? 'messages' : null
  useEffect(() => {
    if (tab && state?.me === as) void run('tab', { tab })
  }, [tab, as, state?.me === as])

  const shown = state ? currentOf(state, where) : null
  const newest = state && shown !== 'home' ? (state.conversations[shown]?.at(-1)?.ts ?? null) : null
  useEffect(() => {
    if (!state || !newest || seen[`${state.me}:${shown}`] === newest) return
    const next = { ...seen, [`${state.me}:${shown}`]: newest }
    localStorage.setItem('sandbox-seen', JSON.stringify(next))
    setSeen(next)
  }, [state?.me, shown, newest])

  if (!state) return html`<p class="loading">Starting the sandbox…</p>`
  const unread = (conversation) => {
    const since = seen[`${state.me}:${conversation}`] ?? ''
    return (state.conversations[conversation] ?? []).filter((m) => m.ts > since && m.author !== state.me && (!m.threadTs || m.threadTs === m.ts)).length
  }
  const badge = (conversation) => {
    const count = conversation === current ? 0 : unread(conversation)
    // Beside the name, not part of it: the button stays "campaigns" for a screen reader and a test.
    return count > 0 ? html` <span class="unread" aria-hidden="true" title=${`${count} new`}>${count}</span>` : null
  }

  const directory = { people: state.people, channels: state.channels, botUserId: state.app.botUserId, appName: state.app.name, zone: state.clock.zone, now: state.clock.iso }
  const memberChannels = state.channels.filter((c) => c.member)
  const current = currentOf(state, where)
  const open = (next) => {
    setWhere(next)
    setThread(null)
  }
  const me = state.people.find((p) => p.id === state.me)
  const title = current === 'home' ? `${state.app.name} — Home` : current === state.app.dm ? `${state.app.name} — Messages` : `#${state.channels.find((c) => c.id === current)?.name ?? current}`

  return html`<div class="layout">
    <header class="topbar">
      <div class="brand"><strong>${state.team.name}</strong> <span class="badge">sandbox</span></div>
      <label class="acting">Acting as
        <select value=${state.me} onChange=${(e) => { setAs(e.currentTarget.value); setThread(null) }}>
          ${state.people.map((p) => html`<option value=${p.id}>${p.realName} — ${p.role}${p.locale === 'zh-CN' ? ' (中文)' : ''}</option>`)}
        </select>
      </label>
      <${Clock} clock=${state.clock} run=${run} />
      <button type="button" class="reset" onClick=${() => { if (confirm('Reset the sandbox? Every campaign, message and setting goes; the people and channels stay.')) void run('reset', {}) }}>Reset sandbox</button>
      ${busy > 0 ? html`<span class="busy" role="status">Waiting for the app…</span>` : html`<span class="busy" role="status"></span>`}
    </header>
    <nav class="sidebar" aria-label="Sidebar">
      <h2>Channels</h2>
      <ul>${memberChannels.map((c) => html`<li><button type="button" class="nav" aria-current=${current === c.id ? 'page' : undefined} onClick=${() => open(c.id)}><span aria-hidden="true"># </span>${c.name}${badge(c.id)}</button></li>`)}</ul>
      <h2>Apps</h2>
      <div class="app-entry"><span class="app-icon" aria-hidden="true">CD</span> ${state.app.name}</div>
      <ul role="group" aria-label=${state.app.name}>
        <li><button type="button" class="nav" aria-current=${current === 'home' ? 'page' : undefined} onClick=${() => open('home')}>Home</button></li>
        <li><button type="button" class="nav" aria-current=${current === state.app.dm ? 'page' : undefined} onClick=${() => open(state.app.dm)}>Messages${badge(state.app.dm)}</button></li>
      </ul>
      <div class="me">You are <strong>${me?.realName}</strong><br /><span class="muted">${me?.role}; ${me?.locale}; ${me?.tz}</span></div>
    </nav>
    <main class="main" aria-label=${title}>
      ${guide ? html`<${Guide} hide=${() => { localStorage.setItem('sandbox-guide', 'hidden'); setGuide(false) }} state=${state} />` : null}
      ${problem ? html`<p class="problem" role="alert">${problem}</p>` : null}
      <h1 class="conversation-title">${title}</h1>
      ${current === 'home'
        ? html`<${Home} state=${state} directory=${directory} run=${run} />`
        : html`<${Conversation} key=${current} state=${state} channel=${current} directory=${directory} run=${run} share=${share} openThread=${setThread} />`}
    </main>
    ${thread ? html`<${Thread} state=${state} thread=${thread} directory=${directory} run=${run} close=${() => setThread(null)} />` : null}
    ${state.modals.map((modal, index) => html`<${Modal} key=${modal.view.id} modal=${modal} top=${index === state.modals.length - 1} directory=${directory} run=${run} upload=${(file) => uploadFile(state.me, file)} />`)}
  </div>`
}

/** The conversation shown: the one chosen, else the first channel the person is in. */
function currentOf(state, where) {
  if (where && (where === 'home' || state.conversations[where])) return where
  return state.channels.find((c) => c.member)?.id ?? 'home'
}

function Clock({ clock, run }) {
  const [value, setValue] = useState(clock.local)
  useEffect(() => setValue(clock.local), [clock.local])
  return html`<section class="clock" aria-label="Sandbox clock">
    <span class="now"><span class="muted">Time here:</span> <output>${clock.shown}</output> <span class="muted">(${clock.zone})</span></span>
    <button type="button" onClick=${() => run('clock', { advance: 'hour' })}>Advance 1 hour</button>
    <button type="button" onClick=${() => run('clock', { advance: 'day' })}>Advance 1 day</button>
    <form class="jump" onSubmit=${(e) => { e.preventDefault(); void run('clock', { to: value }) }}>
      <label>Sandbox time <input type="datetime-local" value=${value} onInput=${(e) => setValue(e.currentTarget.value)} required /></label>
      <button type="submit">Set time</button>
    </form>
  </section>`
}

function Guide({ hide, state }) {
  const approver = state.people.find((p) => p.role === 'approver')
  return html`<aside class="guide" aria-label="Getting started">
    <h2>Getting started</h2>
    <ol>
      <li>In <strong>#campaigns</strong>, type <code>/campaign new</code> in the Message box and press Enter. Fill in the proposal and submit it.</li>
      <li>Switch <em>Acting as</em> to ${approver?.realName ?? 'the approver'} and press <strong>Approve</strong> on the card.</li>
      <li>Back as the owner, open each section of the plan message, then <strong>Ready to go live</strong>.</li>
      <li>Press <strong>Advance 1 day</strong> until the start date: the campaign goes live, and the digest comes at 09:30.</li>
    </ol>
    <p>Issue 17's features, once a campaign is live (step 4):</p>
    <ul>
      <li>Figures from a file: <strong>Import a file…</strong> on the Enter figures form (<code>/campaign metrics</code>), or attach a CSV with 📎 and type <code>/campaign metrics import</code>.</li>
      <li>A campaign's own channel: tick <em>Create a channel</em> in the proposal; on approval it appears in the sidebar of everyone invited.</li>
      <li><code>/campaign portfolio</code> (and <code>/campaign portfolio chart</code>) shows every live campaign; so does the Home of ${state.people.find((p) => p.isAdmin)?.realName ?? 'the admin'} and the approver.</li>
      <li>The figures API answers here: make a key as the admin in <code>/campaign settings api-keys</code>, then <code>curl -X POST ${location.origin}/api/v1/metrics -H "Authorization: Bearer KEY" -H "Content-Type: application/json" -d '{"campaignId": 1, "metric": "orders", "date": "YYYY-MM-DD", "value": 42}'</code> (<a href="/api/v1/openapi.json" target="_blank" rel="noreferrer">OpenAPI</a>).</li>
    </ul>
    <p class="muted">Everything here is the real app talking to a local stand-in for Slack. Try a Chinese-speaking person to see the app in Chinese. <code>/campaign help</code> lists every command.</p>
    <button type="button" onClick=${hide}>Hide guide</button>
  </aside>`
}

function Home({ state, directory, run }) {
  const home = state.home
  const root = useRef(null)
  if (!home) return html`<p class="empty">The app has not published a Home tab for you yet.</p>`
  const prefix = home.id
  const ctx = {
    prefix, directory, errors: {},
    act: (action) => run('act', { surface: { kind: 'view', viewId: home.id }, action, values: collectState(home.blocks, prefix, root.current) }),
  }
  return html`<section class="home" aria-label="Home tab" ref=${root}><${Blocks} blocks=${home.blocks} ctx=${ctx} /></section>`
}

function topLevel(messages) {
  return messages.filter((m) => !m.threadTs || m.threadTs === m.ts)
}

function Conversation({ state, channel, directory, run, share, openThread }) {
  const messages = topLevel(state.conversations[channel] ?? [])
  const list = useRef(null)
  const count = messages.length
  useEffect(() => { if (list.current) list.current.scrollTop = list.current.scrollHeight }, [count, channel])
  const isDm = channel === state.app.dm
  return html`<div class="conversation">
    <div class="messages" role="log" aria-label=${isDm ? state.app.name : `#${state.channels.find((c) => c.id === channel)?.name ?? channel}`} ref=${list}>
      ${messages.length === 0 ? html`<p class="empty">${isDm ? `Nothing from ${state.app.name} yet. Type /campaign help below.` : 'No messages yet.'}</p>` : null}
      ${messages.map((m) => html`<${Message} key=${`${m.ts}`} message=${m} state=${state} directory=${directory} run=${run} openThread=${openThread} />`)}
    </div>
    <${Composer} label="Message" placeholder=${isDm ? `Message ${state.app.name} (slash commands only)` : `Message #${state.channels.find((c) => c.id === channel)?.name ?? ''} — try /campaign new`}
      commands=${state.app.commands} send=${(text) => run('send', { channel, text })} attach=${isDm ? null : (file) => share(file, channel)} />
  </div>`
}

function Composer({ label, placeholder, send, commands, attach = null }) {
  const [text, setText] = useState('')
  const hint = text.startsWith('/') ? commands.find((c) => c.command.startsWith(text.split(/\s/)[0])) : null
  const submit = () => {
    if (text.trim() === '') return
    void send(text)
    setText('')
  }
  return html`<form class="composer" onSubmit=${(e) => { e.preventDefault(); submit() }}>
    ${hint ? html`<div class="command-hint"><strong>${hint.command}</strong> ${hint.usageHint} <span class="muted">— ${hint.description}</span></div>` : null}
    <textarea aria-label=${label} placeholder=${placeholder} rows="2" value=${text} onInput=${(e) => setText(e.currentTarget.value)}
      onKeyDown=${(e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit() } }}></textarea>
    ${attach ? html`<label class="attach" title="Attach a file">📎<input type="file" class="visually-hidden" aria-label="Attach a file"
      onChange=${(e) => { const input = e.currentTarget; const chosen = input.files?.[0]; input.value = ''; if (chosen) void attach(chosen) }} /></label>` : null}
    <button type="submit" aria-label="Send">Send</button>
  </form>`
}

function authorOf(message, state) {
  if (message.ephemeral === 'slack') return { name: 'Slackbot', app: false }
  if (message.author === state.app.botUserId) return { name: state.app.name, app: true }
  const person = state.people.find((p) => p.id === message.author)
  return { name: person?.realName ?? message.author, app: false }
}

function Message({ message, state, directory, run, openThread, inThread = false }) {
  const author = authorOf(message, state)
  const root = useRef(null)
  const prefix = `m${message.ts.replace('.', '_')}`
  const surface = { kind: 'message', channel: message.channel, ts: message.ts, ...(message.ephemeral === 'app' ? { ephemeral: true } : {}) }
  const ctx = {
    prefix, directory, errors: {}, currentConversation: message.channel,
    act: (action) => run('act', { surface, action, values: collectState(message.blocks, prefix, root.current) }),
  }
  return html`<article class=${`message${message.ephemeral ? ' ephemeral' : ''}`} aria-label=${`${author.name}${message.time ? `, ${message.time}` : ''}`} ref=${root}>
    <div class=${`avatar${author.app ? ' app' : ''}`} aria-hidden="true">${author.app ? 'CD' : author.name.replace(/^[^A-Za-z\u4e00-\u9fff]+/, '').slice(0, 1)}</div>
    <div class="message-body">
      <div class="message-meta">
        <strong>${author.name}</strong>${author.app ? html` <span class="badge">APP</span>` : null}
        <span class="muted time">${message.time}</span>
        ${message.edited ? html`<span class="muted"> (edited)</span>` : null}
      </div>
      ${message.blocks ? html`<${Blocks} blocks=${message.blocks} ctx=${ctx} />` : html`<div class="message-text"><${Text} text=${{ type: 'mrkdwn', text: message.text, nodes: message.nodes ?? [message.text] }} directory=${directory} /></div>`}
      ${message.files.map((file) => html`<${File} file=${file} />`)}
      ${message.ephemeral ? html`<p class="only-you">Only visible to you</p>` : null}
      ${!inThread && message.replyCount > 0 ? html`<button type="button" class="replies" onClick=${() => openThread({ channel: message.channel, ts: message.ts })}>${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}</button>` : null}
    </div>
    ${message.ephemeral ? null : html`<${MessageMenu} message=${message} state=${state} run=${run} openThread=${inThread ? null : openThread} />`}
  </article>`
}

function File({ file }) {
  if (file.image) {
    return html`<figure class="file image-file">
      <a href=${file.url} target="_blank" rel="noreferrer"><img src=${file.url} alt=${file.title} width=${Math.min(file.image.width, 480)} /></a>
      <figcaption>${file.title}</figcaption>
    </figure>`
  }
  return html`<div class="file attachment"><span class="file-icon" aria-hidden="true">${file.name.split('.').pop()?.toUpperCase()}</span>
    <a href=${file.url} download=${file.name}>${file.name}</a> <span class="muted">${file.title !== file.name ? file.title : ''}</span></div>`
}

function MessageMenu({ message, state, run, openThread }) {
  const [open, setOpen, menu] = usePopupMenu()
  return html`<div class="message-actions">
    ${openThread ? html`<button type="button" class="icon" aria-label="Reply in thread" title="Reply in thread" onClick=${() => openThread({ channel: message.channel, ts: message.threadTs ?? message.ts })}>💬</button>` : null}
    <button type="button" class="icon" aria-haspopup="menu" aria-expanded=${open} aria-label="More actions" title="More actions" onClick=${() => setOpen(!open)}>⋮</button>
    ${open ? html`<div class="menu" role="menu" ref=${menu} onKeyDown=${(e) => { if (e.key === 'Escape') setOpen(false) }}>
      ${state.app.messageShortcuts.map((s) => html`<button type="button" role="menuitem" title=${s.description}
        onClick=${() => { setOpen(false); void run('shortcut', { channel: message.channel, ts: message.ts, callbackId: s.callbackId }) }}>${s.name}</button>`)}
    </div>` : null}
  </div>`
}

function Thread({ state, thread, directory, run, close }) {
  const all = state.conversations[thread.channel] ?? []
  const parent = all.find((m) => m.ts === thread.ts)
  const replies = all.filter((m) => m.threadTs === thread.ts && m.ts !== thread.ts)
  return html`<aside class="thread" aria-label="Thread">
    <div class="thread-head"><h2>Thread</h2><button type="button" onClick=${close} aria-label="Close thread">×</button></div>
    <div class="messages">
      ${parent ? html`<${Message} message=${parent} state=${state} directory=${directory} run=${run} inThread=${true} />` : null}
      <p class="muted replies-count">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</p>
      ${replies.map((m) => html`<${Message} key=${m.ts} message=${m} state=${state} directory=${directory} run=${run} inThread=${true} />`)}
    </div>
    <${Composer} label="Reply" placeholder="Reply…" commands=${state.app.commands} send=${(text) => run('send', { channel: thread.channel, text, threadTs: thread.ts })} />
  </aside>`
}

/** What Slack itself refuses before sending a submission: an empty required field, too short a text. */
function checkedBySlack(blocks, values) {
  const errors = {}
  ;(blocks ?? []).forEach((block, index) => {
    if (block.type !== 'input') return
    const blockId = blockIdOf(block, index)
    const state = Object.values(values[blockId] ?? {})[0]
    if (!state) return
    const chosen = Object.entries(state).filter(([key]) => key !== 'type').map(([, value]) => value)
    const empty = chosen.every((value) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    if (empty && !block.optional) errors[blockId] = 'Please complete this required field.'
    const min = block.element?.min_length
    if (!empty && typeof state.value === 'string' && min && [...state.value].length < min) errors[blockId] = `Please enter at least ${min} characters.`
  })
  return errors
}

function Modal({ modal, top, directory, run, upload }) {
  const { view, trouble } = modal
  const [slackErrors, setSlackErrors] = useState({})
  const errors = { ...modal.errors, ...slackErrors }
  const form = useRef(null)
  const prefix = view.id
  const titleId = `${view.id}-title`
  useEffect(() => {
    if (!top || !form.current) return
    const first = form.current.querySelector('input, select, textarea, button:not(.modal-x)')
    first?.focus()
  }, [top, view.id, view.hash])
  const values = () => collectState(view.blocks, prefix, form.current)
  const ctx = {
    prefix, directory, errors, currentConversation: modal.openedIn, upload,
    act: (action) => run('act', { surface: { kind: 'view', viewId: view.id }, action, values: values() }),
  }
  return html`<div class="overlay" hidden=${!top}>
    <div class="modal" role="dialog" aria-modal="true" aria-labelledby=${titleId} inert=${!top}>
      <form ref=${form} noValidate onSubmit=${async (e) => {
        e.preventDefault()
        // As Slack, a file still uploading is waited for before the form is sent.
        await Promise.allSettled([...form.current.querySelectorAll('input[type="file"]')].map((input) => input.uploading))
        const checked = checkedBySlack(view.blocks, values())
        setSlackErrors(checked)
        if (Object.keys(checked).length === 0) void run('submit', { viewId: view.id, values: values() })
      }}
        onKeyDown=${(e) => { if (e.key === 'Escape') void run('close', { viewId: view.id, all: true }) }}>
        <div class="modal-head">
          <h2 id=${titleId}>${shown(view.title)}</h2>
          <button type="button" class="modal-x" aria-label="Close all" title="Close" onClick=${() => run('close', { viewId: view.id, all: true })}>×</button>
        </div>
        <div class="modal-body">
          ${trouble ? html`<p class="problem" role="alert">${trouble}</p>` : null}
          <${Blocks} blocks=${view.blocks} ctx=${ctx} />
        </div>
        <div class="modal-foot">
          <button type="button" onClick=${() => run('close', { viewId: view.id, all: false })}>${view.close ? shown(view.close) : 'Cancel'}</button>
          ${view.submit ? html`<button type="submit" class="primary">${shown(view.submit)}</button>` : null}
        </div>
      </form>
    </div>
  </div>`
}

render(html`<${App} />`, document.getElementById('root'))
