// The sandbox's page and its small JSON API, on 127.0.0.1 only. The page (page/) is plain ES
// modules with preact and htm served straight from node_modules through an import map: nothing
// to build. It draws what /api/state says one person sees, sends what they do to /api/…, and
// hears of every change through server-sent events (/events), so it follows within a second.
import fs from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DateTime } from 'luxon'
import { z } from 'zod'
import type { SandboxControls } from './controls.ts'
import { snapshotFor } from './snapshot.ts'
import { firstPerson } from './workspace.ts'

const pageDirectory = fileURLToPath(new URL('./page/', import.meta.url))
const require = createRequire(import.meta.url)

/** The page's own files, and the libraries it imports by bare name (see the import map in index.html). */
const staticFiles: Record<string, () => string> = {
  '/': () => path.join(pageDirectory, 'index.html'),
  '/page/app.js': () => path.join(pageDirectory, 'app.js'),
  '/page/blocks.js': () => path.join(pageDirectory, 'blocks.js'),
  '/page/style.css': () => path.join(pageDirectory, 'style.css'),
  '/vendor/preact.mjs': () => path.join(path.dirname(require.resolve('preact')), 'preact.mjs'),
  '/vendor/preact-hooks.mjs': () => path.join(path.dirname(require.resolve('preact/hooks')), 'hooks.mjs'),
  '/vendor/htm.mjs': () => path.join(path.dirname(require.resolve('htm')), 'htm.mjs'),
  // Chinese text on a machine without a CJK font (the charts use the same font; see STACK.md).
  '/fonts/chinese-regular.otf': () => path.join(cjkFonts(), 'NotoSansHans-Regular.otf'),
  '/fonts/chinese-bold.otf': () => path.join(cjkFonts(), 'NotoSansHans-Bold.otf'),
}

// The package's `exports` hide its fonts: resolve its entry point and step over to fonts/.
const cjkFonts = () => path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts')

const contentTypes: Record<string, string> = {
  '.otf': 'font/otf', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
}

const stateValues = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())))
const person = z.string().regex(/^U[A-Z0-9]+$/)
const requests = {
  send: z.object({ as: person, channel: z.string().min(1), text: z.string().max(40_000), threadTs: z.string().optional() }),
  act: z.object({
    as: person,
    surface: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('message'), channel: z.string(), ts: z.string(), ephemeral: z.boolean().optional() }),
      z.object({ kind: z.literal('view'), viewId: z.string() }),
    ]),
    action: z.looseObject({ action_id: z.string(), block_id: z.string(), type: z.string() }),
    values: stateValues.optional(),
  }),
  submit: z.object({ as: person, viewId: z.string(), values: stateValues }),
  close: z.object({ as: person, viewId: z.string(), all: z.boolean() }),
  shortcut: z.object({ as: person, channel: z.string(), ts: z.string(), callbackId: z.string() }),
  tab: z.object({ as: person, tab: z.enum(['home', 'messages']) }),
  // A file from the person's computer: into a modal's file input (no channel), or shared in a channel.
  file: z.object({ as: person, name: z.string().min(1).max(255), channel: z.string().min(1).optional() }),
  clock: z.union([
    z.object({ advance: z.enum(['hour', 'day']) }),
    // A moment in the acting person's zone, as the datetime-local field gives it.
    z.object({ to: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/), as: person }),
  ]),
}

export async function startPageServer(sandbox: SandboxControls, port: number) {
  const listeners = new Set<ServerResponse>()
  let version = 0
  let pending: NodeJS.Timeout | null = null
  let watched = sandbox.world().slack
  let unsubscribe = watched.onChange(() => changed())

  /** Something anyone may see changed: every open page refetches (coalesced, at most every 50 ms). */
  function changed(): void {
    const slack = sandbox.world().slack
    if (slack !== watched) {
      unsubscribe()
      watched = slack
      unsubscribe = watched.onChange(() => changed())
    }
    version += 1
    pending ??= setTimeout(() => {
      pending = null
      for (const listener of listeners) listener.write(`event: change\ndata: ${version}\n\n`)
    }, 50)
  }

  async function api(route: string, body: unknown, response: ServerResponse): Promise<void> {
    const { client } = sandbox.world()
    const parse = <T extends z.ZodType>(schema: T): z.infer<T> => schema.parse(body)
    switch (route) {
      case 'send': {
        const r = parse(requests.send)
        await client.send(r.as, r.channel, r.text, r.threadTs)
        break
      }
      case 'act': {
        const r = parse(requests.act)
        await client.act(r.as, r.surface, r.action as Parameters<typeof client.act>[2], r.values as Parameters<typeof client.act>[3])
        break
      }
      case 'submit': {
        const r = parse(requests.submit)
        await client.submit(r.as, r.viewId, r.values as Parameters<typeof client.submit>[2])
        break
      }
      case 'close': {
        const r = parse(requests.close)
        await client.close(r.as, r.viewId, r.all)
        break
      }
      case 'shortcut': {
        const r = parse(requests.shortcut)
        await client.shortcut(r.as, r.channel, r.ts, r.callbackId)
        break
      }
      case 'tab': {
        const r = parse(requests.tab)
        await client.openAppTab(r.as, r.tab)
        break
      }
      case 'clock': {
        const r = parse(requests.clock)
        if ('advance' in r) {
          await sandbox.moveClock(new Date(sandbox.clock.now().getTime() + (r.advance === 'hour' ? 3_600_000 : 86_400_000)))
        } else {
          const zone = sandbox.world().slack.users.get(r.as)?.tz ?? 'UTC'
          const to = DateTime.fromISO(r.to, { zone })
          if (!to.isValid) return sendJson(response, 400, { error: 'not a time' })
          await sandbox.moveClock(to.toJSDate())
        }
        break
      }
      case 'reset':
        await sandbox.reset()
        break
      default:
        return sendJson(response, 404, { error: 'no such call' })
    }
    changed()
    sendJson(response, 200, { ok: true })
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    // Only this machine's browser: a page elsewhere that points a name at 127.0.0.1 is refused.
    if (!/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(request.headers.host ?? '')) return sendJson(response, 403, { error: 'the sandbox answers only localhost' })
    // HEAD as GET: Node leaves the body out of a HEAD answer.
    if ((request.method === 'GET' || request.method === 'HEAD') && staticFiles[url.pathname]) return sendFile(response, staticFiles[url.pathname]!())
    if (request.method === 'GET' && url.pathname === '/events') return openEvents(response)
    if (request.method === 'GET' && url.pathname === '/favicon.ico') return void response.writeHead(204).end()
    if (request.method === 'GET' && url.pathname === '/api/state') {
      const { slack, client } = sandbox.world()
      const as = url.searchParams.get('as') ?? firstPerson.id
      if (!slack.users.has(as)) return sendJson(response, 404, { error: `nobody is ${as}` })
      return sendJson(response, 200, snapshotFor(slack, client, as, sandbox.clock, version))
    }
    if (request.method === 'POST' && url.pathname === '/api/files') return receiveFile(url, request, response)
    // The app's figures API (issue 17) answers on the app's own port, which is a new free one at each
    // start and reset: served here too, so the page can name one steady URL for curl.
    if (url.pathname.startsWith(figuresApiPrefix)) return forwardToApp(request, response, url)
    const file = /^\/files\/(F[0-9A-Z]+)\//.exec(url.pathname)
    if (request.method === 'GET' && file) return sendUpload(response, file[1]!)
    const call = /^\/api\/([a-z]+)$/.exec(url.pathname)
    if (request.method === 'POST' && call) {
      // JSON only: a form posted from another site cannot be (it would need a CORS preflight we never answer).
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(response, 415, { error: 'JSON only' })
      let body: unknown
      try {
        body = JSON.parse(await readBody(request))
      } catch {
        return sendJson(response, 400, { error: 'not JSON' })
      }
      try {
        return await api(call[1]!, body, response)
      } catch (error) {
        if (error instanceof z.ZodError) return sendJson(response, 400, { error: z.prettifyError(error) })
        throw error
      }
    }
    sendJson(response, 404, { error: 'not found' })
  }

  /**
   * The bytes of a file the person chose, as application/octet-stream (a form on another site cannot
   * send that without a CORS preflight, which is never answered). Registered in the local Slack as
   * theirs, as Slack does with a file input's upload or a file shared in a channel; answers the file
   * as a file input's state carries it.
   */
  async function receiveFile(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) return sendJson(response, 415, { error: 'the file\'s bytes only (application/octet-stream)' })
    const parsed = requests.file.safeParse(Object.fromEntries(url.searchParams))
    if (!parsed.success) return sendJson(response, 400, { error: z.prettifyError(parsed.error) })
    const { as, name, channel } = parsed.data
    const { slack } = sandbox.world()
    if (!slack.users.has(as)) return sendJson(response, 404, { error: `nobody is ${as}` })
    if (channel !== undefined) {
      const where = slack.channels.get(channel)
      if (!where || where.isArchived || !where.members.includes(as)) return sendJson(response, 403, { error: 'you can share a file only in a channel you are in' })
    }
    const bytes = await readBytes(request, maxFileBytes)
    if (!bytes) return sendJson(response, 413, { error: `a file may be at most ${maxFileBytes / 1024 / 1024} MB here` })
    const stored = slack.addPersonFile({ user: as, filename: name, bytes, ...(channel === undefined ? {} : { channel }) })
    changed()
    sendJson(response, 200, { file: slack.fileInputValue(stored.id) })
  }

  async function forwardToApp(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await readBytes(request, maxFileBytes)
    if (body === null) return sendJson(response, 413, { error: 'too large' })
    const headers: Record<string, string> = {}
    for (const name of ['authorization', 'content-type', 'idempotency-key', 'accept']) {
      const value = request.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    const answer = await fetch(`${sandbox.world().app.operationsUrl}${url.pathname}${url.search}`, { method: request.method ?? 'GET', headers, ...(body ? { body } : {}) })
    const bytes = Buffer.from(await answer.arrayBuffer())
    const passed: Record<string, string> = { 'content-length': String(bytes.length) }
    for (const name of ['content-type', 'retry-after', 'allow', 'cache-control']) {
      const value = answer.headers.get(name)
      if (value !== null) passed[name] = value
    }
    response.writeHead(answer.status, passed)
    response.end(bytes)
    // A figure stored by the API shows in the app's surfaces as the next refresh draws them.
    if (answer.ok && request.method === 'POST') changed()
  }

  function openEvents(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    response.write(`event: change\ndata: ${version}\n\n`)
    listeners.add(response)
    response.on('close', () => listeners.delete(response))
  }

  function sendUpload(response: ServerResponse, id: string): void {
    const file = sandbox.world().slack.files.find((f) => f.id === id)
    if (!file) return sendJson(response, 404, { error: 'no such file' })
    const download = file.png === null
    response.writeHead(200, {
      'content-type': file.png ? 'image/png' : 'application/octet-stream',
      'content-length': String(file.bytes.length),
      ...(download ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}` } : {}),
    })
    response.end(file.bytes)
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      process.stderr.write(`Campaign Desk sandbox: ${(error as Error).stack ?? String(error)}\n`)
      if (!response.headersSent) sendJson(response, 500, { error: (error as Error).message })
      else response.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })

  return {
    port: (server.address() as AddressInfo).port,
    changed,
    async stop(): Promise<void> {
      if (pending) clearTimeout(pending)
      unsubscribe()
      for (const listener of listeners) listener.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function sendFile(response: ServerResponse, file: string): void {
  const body = fs.readFileSync(file)
  const cache = path.extname(file) === '.otf' ? 'max-age=86400' : 'no-cache'
  response.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'content-length': String(body.length), 'cache-control': cache })
  response.end(body)
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(json)), 'cache-control': 'no-store' })
  response.end(json)
}

/** Slack's limit for a file input's file; the sandbox keeps shared files to it too. */
const maxFileBytes = 10 * 1024 * 1024
const figuresApiPrefix = '/api/v1/'

/** The body's bytes, or null past `limit` (the rest is not read). */
async function readBytes(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return null
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of request) {
    length += (chunk as Buffer).length
    if (length > limit) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
