// The sandbox's page server with the real app behind it: it answers only on 127.0.0.1 and only to
// this machine's pages, tells open pages of every change within a second (server-sent events),
// runs what a person does through the app, moves the clock, serves uploads, and resets.
import fs from 'node:fs'
import { request } from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox.ts'
import { appDmOf, firstPerson, sandboxChannels, sandboxPeople } from '../../src/sandbox/workspace.ts'

const owner = firstPerson.id
const campaigns = sandboxChannels[0].id

describe('the sandbox page server', () => {
  let sandbox: RunningSandbox
  let directory: string
  let base: string

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-sandbox-server-'))
    sandbox = await startSandbox({ port: 0, databaseFile: path.join(directory, 'sandbox.db'), logLevel: 'silent', startAt: () => new Date('2027-03-01T09:00:00Z') })
    base = `http://127.0.0.1:${sandbox.port}`
  })
  afterAll(async () => {
    await sandbox.stop()
    fs.rmSync(directory, { recursive: true, force: true })
  })

  const call = (route: string, body: unknown) => fetch(`${base}/api/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const state = async (as: string = owner) => (await (await fetch(`${base}/api/state?as=${as}`)).json()) as any

  it('prints its address as localhost and listens on 127.0.0.1 only', async () => {
    expect(sandbox.url).toBe(`http://localhost:${sandbox.port}`)
    const elsewhere = Object.values(os.networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal)
    if (elsewhere) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(sandbox.port, elsewhere.address)
        socket.once('connect', () => { socket.destroy(); resolve(false) })
        socket.once('error', () => resolve(true))
      })
      expect(refused, `reachable on ${elsewhere.address}`).toBe(true)
    }
    // The app's own Slack endpoint is on loopback too.
    expect(sandbox.world().app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/)
  })

  it('refuses a page served under another name (DNS rebinding) and form posts from other sites', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: sandbox.port, path: '/api/state', headers: { host: 'evil.example:3000' } }, (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      }).on('error', reject).end()
    })
    expect(status).toBe(403)
    const form = await fetch(`${base}/api/reset`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' })
    expect(form.status).toBe(415)
    const bad = await call('send', { as: owner, channel: campaigns })
    expect(bad.status).toBe(400)
  })

  it('serves the page, preact and htm from node_modules, and the Chinese font', async () => {
    const page = await (await fetch(`${base}/`)).text()
    expect(page).toContain('"preact": "/vendor/preact.mjs"')
    for (const file of ['/vendor/preact.mjs', '/vendor/preact-hooks.mjs', '/vendor/htm.mjs', '/page/app.js', '/page/blocks.js', '/page/style.css']) {
      const response = await fetch(`${base}${file}`)
      expect(response.status, file).toBe(200)
      await response.arrayBuffer()
    }
    const font = await fetch(`${base}/fonts/chinese-regular.otf`, { method: 'HEAD' })
    expect(font.headers.get('content-type')).toBe('font/otf')
  })

  it('shows each person their own view: the seeded workspace, their zone, their DM with the app', async () => {
    const seen = await state('U05WEI')
    expect(seen.people.map((p: any) => p.id)).toEqual(sandboxPeople.map((p) => p.id))
    expect(seen.people.find((p: any) => p.id === 'U05WEI')).toMatchObject({ locale: 'zh-CN', tz: 'Asia/Shanghai' })
    expect(seen.channels.map((c: any) => c.name)).toEqual(['campaigns', 'marketing'])
    expect(seen.clock).toMatchObject({ zone: 'Asia/Shanghai', local: '2027-03-01T17:00' })
    expect(Object.keys(seen.conversations)).toContain(appDmOf('U05WEI'))
    expect((await fetch(`${base}/api/state?as=UNOBODY`)).status).toBe(404)
  })

  it('tells an open page of a change, and the answer is in the state', async () => {
    const controller = new AbortController()
    const events = await fetch(`${base}/events`, { signal: controller.signal })
    const reader = events.body!.getReader()
    const decoder = new TextDecoder()
    const nextChange = async () => {
      let text = ''
      while (!text.includes('\n\n')) text += decoder.decode((await reader.read()).value)
      return text
    }
    const version = (change: string) => Number(/^event: change\ndata: (\d+)/.exec(change)?.[1])
    const before = version(await nextChange())
    expect(before).not.toBeNaN()
    expect((await call('send', { as: owner, channel: campaigns, text: '/campaign help' })).status).toBe(200)
    // The page is told of a newer state (how fast is the bench's to show, not a test's).
    expect(version(await nextChange())).toBeGreaterThan(before)
    controller.abort()
    const help = (await state()).conversations[campaigns].find((m: any) => m.ephemeral === 'app')
    expect(JSON.stringify(help)).toContain('/campaign new')
    // Someone else in the channel does not see it.
    expect((await state('U02ADA')).conversations[campaigns]).toEqual([])
  })

  it('moves the clock by an hour, a day, or to a moment in the acting person\'s zone', async () => {
    const at = () => sandbox.clock.now().getTime()
    let before = at()
    await call('clock', { advance: 'hour' })
    expect(at() - before).toBeGreaterThanOrEqual(3_600_000)
    expect(at() - before).toBeLessThan(3_660_000)
    before = at()
    await call('clock', { advance: 'day' })
    expect(at() - before).toBeGreaterThanOrEqual(86_400_000)
    await call('clock', { as: 'U05WEI', to: '2027-03-05T09:30' })
    expect(Math.abs(at() - Date.parse('2027-03-05T01:30:00Z'))).toBeLessThan(60_000)
    expect((await call('clock', { as: owner, to: 'tomorrow' })).status).toBe(400)
  })

  it('serves an uploaded picture inline and any other file as a download', async () => {
    const { slack } = sandbox.world()
    const upload = async (filename: string, bytes: Buffer) => {
      const api = async (method: string, args: Record<string, unknown>) => (await fetch(`${slack.apiUrl}${method}`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${slack.botToken}` }, body: JSON.stringify(args),
      })).json() as Promise<any>
      const begun = await api('files.getUploadURLExternal', { filename, length: bytes.length })
      await fetch(begun.upload_url, { method: 'POST', body: bytes })
      expect((await api('files.completeUploadExternal', { files: [{ id: begun.file_id, title: filename }], channel_id: campaigns })).ok).toBe(true)
      return begun.file_id as string
    }
    const png = fs.readFileSync('docs/gantt-en.png')
    const picture = await upload('gantt.png', png)
    const workbook = await upload('Spring tea festival.xlsx', Buffer.from('PK fake workbook'))
    const files = (await state()).conversations[campaigns].flatMap((m: any) => m.files)
    expect(files).toEqual([
      expect.objectContaining({ id: picture, name: 'gantt.png', image: expect.objectContaining({ width: expect.any(Number) }) }),
      expect.objectContaining({ id: workbook, name: 'Spring tea festival.xlsx', image: null }),
    ])
    const inline = await fetch(`${base}${files[0].url}`)
    expect(inline.headers.get('content-type')).toBe('image/png')
    expect(inline.headers.get('content-disposition')).toBeNull()
    expect(Buffer.from(await inline.arrayBuffer()).equals(png)).toBe(true)
    const download = await fetch(`${base}${files[1].url}`)
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''Spring%20tea%20festival.xlsx`)
  })

  it("takes a person's file as its bytes only: into a file input (the state Slack would send) or shared in a channel they are in", async () => {
    const upload = (query: Record<string, string>, body: string | Buffer, type = 'application/octet-stream') =>
      fetch(`${base}/api/files?${new URLSearchParams(query)}`, { method: 'POST', headers: { 'content-type': type }, body })
    // A form from another site could send text/plain or multipart without a preflight: refused.
    expect((await upload({ as: owner, name: 'a.csv' }, 'date,metric,value', 'text/plain')).status).toBe(415)
    expect((await upload({ as: 'U99NOBODY', name: 'a.csv' }, 'x')).status).toBe(404)
    expect((await upload({ as: owner, name: 'a.csv', channel: 'C99NONE' }, 'x')).status).toBe(403)
    expect((await upload({ as: owner, name: 'big.csv' }, Buffer.alloc(10 * 1024 * 1024 + 1))).status).toBe(413)

    const chosen = await upload({ as: owner, name: 'figures.csv' }, 'date,metric,value\n')
    const { file } = (await chosen.json()) as { file: Record<string, unknown> }
    expect(file).toMatchObject({ name: 'figures.csv', filetype: 'csv', user: owner, user_team: sandbox.world().slack.teamId })
    expect(file.url_private).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files-pri\//)
    expect(sandbox.world().slack.files.find((f) => f.id === file.id)?.channel).toBeNull()

    expect((await upload({ as: owner, name: 'shared.csv', channel: campaigns }, 'date,metric,value\n')).status).toBe(200)
    const shared = (await state()).conversations[campaigns].at(-1)
    expect([shared.author, shared.files.map((f: { name: string }) => f.name)]).toEqual([owner, ['shared.csv']])
  })

  it('resets to the seeded workspace: no messages, an empty database, the clock back at its start', async () => {
    await call('send', { as: owner, channel: campaigns, text: 'Something to forget' })
    expect((await state()).conversations[campaigns].length).toBeGreaterThan(0)
    const before = sandbox.world()
    expect((await call('reset', {})).status).toBe(200)
    expect(sandbox.world()).not.toBe(before)
    const after = await state()
    expect(after.conversations[campaigns]).toEqual([])
    expect(after.people).toHaveLength(sandboxPeople.length)
    expect(Math.abs(sandbox.clock.now().getTime() - Date.parse('2027-03-01T09:00:00Z'))).toBeLessThan(60_000)
    // The app runs on against the new local Slack.
    await call('send', { as: owner, channel: campaigns, text: '/campaign help' })
    expect((await state()).conversations[campaigns]).toHaveLength(1)
  })
})
