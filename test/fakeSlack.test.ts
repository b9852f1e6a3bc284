// Checks the test double itself: the fake Slack over real HTTP with the real WebClient, the request
// signer, and the Block Kit limits. If these are wrong, every end-to-end test is wrong with them.
import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { crc32, deflateSync } from 'node:zlib'
import { App, LogLevel as BoltLogLevel } from '@slack/bolt'
import { ErrorCode, LogLevel, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkMessage, checkView } from './support/blockKitLimits.ts'
import { startFakeSlack, UPLOAD_URL, type FakeSlack } from './support/fakeSlack.ts'
import { AppClient, optionPicked, plainText, signSlackRequest } from './support/slackRequests.ts'

const TITLE_25 = '这是一个非常非常非常非常非常非常非常非常长的标题啊'
const section = (text: string, blockId?: string) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...(blockId ? { block_id: blockId } : {}) })
const modal = (title: string, blocks: unknown[] = [section('hi')]) => ({ type: 'modal', callback_id: 'cb', title: { type: 'plain_text', text: title }, blocks })

/** A real, viewable PNG of one grey pixel row per line: signature, IHDR, IDAT, IEND, each chunk CRC'd. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 0, 0, 0, 0], 8) // 8-bit greyscale, no interlace
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0x80)])))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

/** The Slack error code of a rejected WebClient call. */
async function slackError(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the call to fail')
}

describe('fake Slack', () => {
  let fake: FakeSlack
  let client: WebClient

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: 'xoxb-test', triggerTtlMs: 200 })
    client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR })
    fake.addUser({ id: 'U1', locale: 'zh-CN' })
    fake.addChannel({ id: 'C1', name: 'marketing', members: ['U1', fake.botUserId] })
    fake.addChannel({ id: 'C2', name: 'random', members: ['U1'] })
    fake.addChannel({ id: 'G1', name: 'secret', isPrivate: true, members: ['U1'] })
  })
  afterEach(async () => {
    await fake.close()
  })

  it('answers auth.test and checks the token', async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' })
    const wrong = new WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } })
    expect((await slackError(wrong.auth.test())).data.error).toBe('invalid_auth')
  })

  it('records chat.postMessage, returns increasing ts and keeps the message', async () => {
    const blocks = [section('*Launch* plan')]
    const first = await client.chat.postMessage({ channel: 'C1', text: 'Launch plan', blocks })
    const second = await client.chat.postMessage({ channel: 'C1', text: 'again' })
    expect(first).toMatchObject({ ok: true, channel: 'C1', message: { text: 'Launch plan', blocks } })
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/)
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts))
    const call = await fake.waitFor('chat.postMessage')
    expect(call).toMatchObject({ token: 'xoxb-test', args: { channel: 'C1', text: 'Launch plan', blocks } })
    expect(fake.messageAt('C1', first.ts!)).toMatchObject({ text: 'Launch plan', blocks })

    await client.chat.update({ channel: 'C1', ts: first.ts!, text: 'Launched', blocks: [] })
    expect(fake.messageAt('C1', first.ts!)).toMatchObject({ text: 'Launched', blocks: [], edited: true })
    expect((await slackError(client.chat.update({ channel: 'C1', ts: '1.000000', text: 'x' }))).data.error).toBe('message_not_found')
  })

  it('refuses channels the bot is not in, and lets it join public ones', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'C2', text: 'x' }))).data.error).toBe('not_in_channel')
    expect((await slackError(client.chat.postMessage({ channel: 'G1', text: 'x' }))).data.error).toBe('channel_not_found')
    expect((await slackError(client.chat.postMessage({ channel: 'C404', text: 'x' }))).data.error).toBe('channel_not_found')
    expect((await slackError(client.conversations.join({ channel: 'C404' }))).data.error).toBe('channel_not_found')
    fake.addChannel({ id: 'G2', name: 'secret-in', isPrivate: true, members: [fake.botUserId] })
    expect((await slackError(client.conversations.join({ channel: 'G2' }))).data.error).toBe('method_not_supported_for_channel_type')
    expect(await client.conversations.join({ channel: 'C2' })).toMatchObject({ ok: true, channel: { id: 'C2', is_member: true } })
    expect(await client.chat.postMessage({ channel: 'C2', text: 'now I can' })).toMatchObject({ ok: true })
    const dm = await client.conversations.open({ users: 'U1' })
    expect(dm.channel?.id).toBe('DU1')
    expect(await client.chat.postMessage({ channel: 'DU1', text: 'hello' })).toMatchObject({ ok: true, channel: 'DU1' })
    expect(await client.conversations.info({ channel: 'C1' })).toMatchObject({ channel: { id: 'C1', name: 'marketing', is_private: false, is_member: true, is_archived: false } })
  })

  it('refuses invalid blocks in messages', async () => {
    const e = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('a', 'b1'), section('b', 'b1')] }))
    expect(e.code).toBe(ErrorCode.PlatformError)
    expect(e.data).toMatchObject({ ok: false, error: 'invalid_blocks' })
    expect(e.data.errors[0]).toContain('duplicate block_id')
    expect((await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }))).data.error).toBe('invalid_blocks')
    expect((await slackError(client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x', blocks: [{ type: 'table' }] as any }))).data.error).toBe('invalid_blocks')
    expect(await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' })).toMatchObject({ ok: true, message_ts: expect.any(String) })
  })

  it('refuses a 25-character Chinese modal title and accepts 24', async () => {
    expect([...TITLE_25].length).toBe(25)
    const refused = await slackError(client.views.open({ trigger_id: fake.newTriggerId(), view: modal(TITLE_25) as any }))
    expect(refused.data.error).toBe('invalid_arguments')
    expect(refused.data.response_metadata.messages[0]).toContain('/view/title')
    const opened = await client.views.open({ trigger_id: fake.newTriggerId(), view: modal(TITLE_25.slice(0, 24)) as any })
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), hash: expect.any(String), callback_id: 'cb', state: { values: {} } })
    expect(fake.views.get(opened.view!.id!)).toEqual(opened.view)
    expect(fake.lastView()?.id).toBe(opened.view!.id)
  })

  it('refuses a 101st block and duplicate block ids in views', async () => {
    const blocks = Array.from({ length: 100 }, (_, i) => section(`row ${i}`, `b${i}`))
    await client.views.open({ trigger_id: fake.newTriggerId(), view: modal('Rows', blocks) as any })
    const tooMany = await slackError(client.views.open({ trigger_id: fake.newTriggerId(), view: modal('Rows', [...blocks, section('one more')]) as any }))
    expect(tooMany.data.error).toBe('invalid_arguments')
    const dup = await slackError(client.views.open({ trigger_id: fake.newTriggerId(), view: modal('Dup', [section('a', 'x'), section('b', 'x')]) as any }))
    expect(dup.data.response_metadata.messages[0]).toContain('duplicate block_id x')
  })

  it('updates a view by id and hash, and publishes a home tab', async () => {
    const { view } = await client.views.open({ trigger_id: fake.newTriggerId(), view: modal('One') as any })
    const updated = await client.views.update({ view_id: view!.id!, hash: view!.hash!, view: modal('Two') as any })
    expect(updated.view).toMatchObject({ id: view!.id, title: { text: 'Two' } })
    expect((await slackError(client.views.update({ view_id: view!.id!, hash: view!.hash!, view: modal('Three') as any }))).data.error).toBe('hash_conflict')
    const home = await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section('Your campaigns')] } })
    expect(fake.homeTabs.get('U1')?.id).toBe(home.view!.id)
  })

  describe('the Home tab (views.publish)', () => {
    const home = (blocks: unknown[] = [section('Your campaigns')]) => ({ type: 'home', blocks }) as any

    it('keeps one Home tab per user, republished under the same view id, and waits for one', async () => {
      fake.addUser({ id: 'U2' })
      const waiting = fake.waitForHome('U1', (v) => v.blocks[0].text.text === 'Second')
      const first = await client.views.publish({ user_id: 'U1', view: home([section('First')]) })
      await client.views.publish({ user_id: 'U2', view: home() })
      const second = await client.views.publish({ user_id: 'U1', view: home([section('Second')]), hash: first.view!.hash! })
      expect(second.view).toMatchObject({ id: first.view!.id, type: 'home', root_view_id: first.view!.id })
      expect(second.view!.hash).not.toBe(first.view!.hash)
      expect(await waiting).toEqual(second.view)
      expect(fake.homeTabs.get('U1')).toEqual(second.view)
      expect(fake.homeTabs.get('U2')?.id).not.toBe(first.view!.id)
      expect(fake.homePublished.map((p) => p.userId)).toEqual(['U1', 'U2', 'U1'])
      await expect(fake.waitForHome('U2', () => true, { since: 2, timeoutMs: 50 })).rejects.toThrow(/no a Home tab published to U2/)
    })

    it('refuses what Slack refuses: no or unknown user, a modal, a 101st block, a bad block, a stale hash', async () => {
      const hundred = Array.from({ length: 100 }, (_, i) => section(`row ${i}`))
      await client.views.publish({ user_id: 'U1', view: home(hundred) })
      const refusals = await Promise.all([
        slackError(client.views.publish({ view: home() } as any)),
        slackError(client.views.publish({ user_id: 'U404', view: home() })),
        slackError(client.views.publish({ user_id: 'U1', view: modal('Not a home') as any })),
        slackError(client.views.publish({ user_id: 'U1', view: home([...hundred, section('one more')]) })),
        slackError(client.views.publish({ user_id: 'U1', view: home([section('a'.repeat(3001))]) })),
        slackError(client.views.publish({ user_id: 'U1', view: home([section('a', 'x'), section('b', 'x')]) })),
      ])
      expect(refusals.map((e) => e.data.error)).toEqual(Array(6).fill('invalid_arguments'))
      expect(refusals.map((e) => e.data.response_metadata.messages[0])).toEqual([
        'invalid `user_id`', 'invalid `user_id`', expect.stringContaining('/view/type'), expect.stringContaining('at most 100 blocks'),
        expect.stringContaining('/view/blocks/0/text/text'), expect.stringContaining('duplicate block_id x'),
      ])
      expect((await slackError(client.views.publish({ user_id: 'U1', view: home(), hash: '1.stale' }))).data.error).toBe('hash_conflict')
      expect(fake.homeTabs.get('U1')?.blocks).toHaveLength(100)
      expect(fake.homePublished).toHaveLength(1)
    })
  })

  it('expires trigger ids after the TTL and refuses unknown or reused ones', async () => {
    const trigger = fake.newTriggerId()
    await new Promise((r) => setTimeout(r, 250))
    expect((await slackError(client.views.open({ trigger_id: trigger, view: modal('Late') as any }))).data.error).toBe('expired_trigger_id')
    expect((await slackError(client.views.open({ trigger_id: 'made-up', view: modal('Fake') as any }))).data.error).toBe('invalid_trigger_id')
    const once = fake.newTriggerId()
    await client.views.open({ trigger_id: once, view: modal('Once') as any })
    expect((await slackError(client.views.open({ trigger_id: once, view: modal('Twice') as any }))).data.error).toBe('trigger_exchanged')
  })

  it('fails the next call with HTTP 500, then succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 500 })
    const e = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x' }))
    expect(e.code).toBe(ErrorCode.HTTPError)
    expect(e.statusCode).toBe(500)
    expect(await client.chat.postMessage({ channel: 'C1', text: 'x' })).toMatchObject({ ok: true })
    expect(fake.callsTo('chat.postMessage').map((c) => c.failed ?? false)).toEqual([true, false])
  })

  it('answers 429 with Retry-After', async () => {
    fake.failNext('*', { rateLimited: 7 }, { times: 2 })
    const e = (await slackError(client.chat.postMessage({ channel: 'C1', text: 'x' }))) as WebAPIRateLimitedError
    expect(e.code).toBe(ErrorCode.RateLimitedError)
    expect(e.retryAfter).toBe(7)
    expect(((await slackError(client.users.info({ user: 'U1' }))) as WebAPIRateLimitedError).retryAfter).toBe(7)
    expect(await client.users.info({ user: 'U1' })).toMatchObject({ ok: true })
  })

  it('answers an injected {error} until cleared', async () => {
    fake.failAlways('conversations.info', { error: 'channel_not_found' })
    for (let i = 0; i < 2; i++) {
      const e = (await slackError(client.conversations.info({ channel: 'C1' }))) as WebAPIPlatformError
      expect(e.data.error).toBe('channel_not_found')
    }
    fake.clearFailures()
    expect(await client.conversations.info({ channel: 'C1' })).toMatchObject({ ok: true })
  })

  it('hangs a call until cleared, and close() cuts off one still hanging', async () => {
    fake.failNext('chat.postMessage', { hang: true })
    const pending = slackError(client.chat.postMessage({ channel: 'C1', text: 'x' }))
    const call = await fake.waitFor('chat.postMessage', (c) => c.failed === true)
    expect(call.args.text).toBe('x')
    fake.clearFailures()
    expect((await pending).code).toBe(ErrorCode.RequestError)
    fake.failNext('auth.test', { hang: true })
    const hanging = slackError(client.auth.test())
    await fake.waitFor('auth.test')
    expect(fake.hangingRequests()).toBe(1)
    // close() does not wait for the hung request (it would never end): it drops it, as a connection lost.
    await fake.close()
    expect((await hanging).code).toBe(ErrorCode.RequestError)
    expect(fake.hangingRequests()).toBe(0)
  })

  it('includes the locale in users.info only with include_locale', async () => {
    const plain = await client.users.info({ user: 'U1' })
    expect(plain.user).toMatchObject({ id: 'U1', team_id: 'T1', tz: 'Asia/Shanghai', tz_offset: 28800, is_bot: false, deleted: false })
    expect(plain.user).not.toHaveProperty('locale')
    expect((await client.users.info({ user: 'U1', include_locale: true })).user?.locale).toBe('zh-CN')
    expect((await slackError(client.users.info({ user: 'U404' }))).data.error).toBe('user_not_found')
  })

  it('waits for calls, with since and a timeout', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'old' })
    const since = fake.calls.length
    const waiting = fake.waitFor('chat.postMessage', undefined, { since })
    await client.chat.postMessage({ channel: 'C1', text: 'new' })
    expect((await waiting).args.text).toBe('new')
    await expect(fake.waitFor('views.open', undefined, 50)).rejects.toThrow(/no a call to views.open within 50 ms.*chat.postMessage/)
    fake.reset()
    expect(fake.calls).toEqual([])
    expect(fake.users.has('U1')).toBe(true)
  })

  it('answers unknown methods like Slack', async () => {
    expect((await slackError(client.apiCall('chat.frobnicate', {}))).data.error).toBe('unknown_method')
  })

  describe('file uploads as filesUploadV2 makes them', () => {
    it('takes the bytes at its upload_url, records the file with its PNG size and shares it in the thread', async () => {
      const chart = png(640, 360)
      const parent = await client.chat.postMessage({ channel: 'C1', text: 'Weekly report' })
      const waiting = fake.waitForFile((f) => f.filename === 'chart.png')
      const result = await client.filesUploadV2({ channel_id: 'C1', thread_ts: parent.ts!, file: chart, filename: 'chart.png', title: 'Reach by day', initial_comment: 'This week' })

      const file = await waiting
      expect(file).toMatchObject({
        id: expect.stringMatching(/^F/), filename: 'chart.png', title: 'Reach by day', declaredLength: chart.length,
        channel: 'C1', threadTs: parent.ts, initialComment: 'This week', uploadedBy: 'UBOT', png: { width: 640, height: 360 },
      })
      expect(file.bytes.equals(chart)).toBe(true)
      expect(result.files).toEqual([expect.objectContaining({ ok: true, files: [expect.objectContaining({ id: file.id, title: 'Reach by day', size: chart.length, mimetype: 'image/png', original_w: 640, original_h: 360 })] })])

      const [getUrl] = fake.callsTo('files.getUploadURLExternal')
      expect(getUrl).toMatchObject({ token: 'xoxb-test', args: { filename: 'chart.png', length: String(chart.length) }, result: { ok: true, file_id: file.id } })
      expect(getUrl!.result.upload_url.startsWith(`${fake.baseUrl}/upload/`)).toBe(true)
      expect(fake.callsTo(UPLOAD_URL)).toEqual([expect.objectContaining({ args: { file_id: file.id, length: chart.length, filename: expect.any(String) }, result: `OK - ${chart.length}` })])
      expect(fake.callsTo('files.completeUploadExternal')[0]!.args).toMatchObject({ files: [{ id: file.id, title: 'Reach by day' }], channel_id: 'C1', thread_ts: parent.ts, initial_comment: 'This week' })
      expect(fake.messagesIn('C1').at(-1)).toMatchObject({ ts: file.ts, text: 'This week', threadTs: parent.ts, files: [file.id] })
    })

    it('keeps a file shared nowhere private, and records one that is not a PNG with png null', async () => {
      await client.filesUploadV2({ content: 'day,reach\n1,200\n', filename: 'reach.csv' })
      expect(fake.files).toEqual([expect.objectContaining({ filename: 'reach.csv', title: 'reach.csv', channel: null, ts: null, threadTs: null, initialComment: null, png: null })])
      expect(fake.files[0]!.bytes.toString()).toBe('day,reach\n1,200\n')
      expect(fake.messages.filter((m) => m.files)).toEqual([])
      await client.filesUploadV2({ channel_id: 'U1', content: 'hi', filename: 'note.txt' })
      expect(fake.files[1]).toMatchObject({ channel: 'DU1' })
    })

    it('refuses what Slack refuses: missing arguments, unknown or unsent files, a wrong length, channels the bot is not in', async () => {
      const missing = await slackError(client.files.getUploadURLExternal({ length: 3 } as any))
      expect(missing.data).toMatchObject({ error: 'invalid_arguments', response_metadata: { messages: [expect.stringContaining('filename')] } })
      expect((await slackError(client.files.getUploadURLExternal({ filename: 'a.txt' } as any))).data.response_metadata.messages[0]).toContain('length')
      expect((await slackError(client.files.completeUploadExternal({ files: [{ id: 'F404' }] }))).data.error).toBe('file_not_found')

      const declared = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 10 })
      const notSent = await slackError(client.files.completeUploadExternal({ files: [{ id: declared.file_id! }] }))
      expect(notSent.data).toMatchObject({ error: 'file_not_found', response_metadata: { messages: [expect.stringContaining('nothing was POSTed')] } })
      // Raw bytes are an upload too (Slack takes raw or multipart); five are not the ten declared.
      const raw = await fetch(declared.upload_url!, { method: 'POST', body: 'short' })
      expect([raw.status, await raw.text()]).toEqual([200, 'OK - 5'])
      const short = await slackError(client.files.completeUploadExternal({ files: [{ id: declared.file_id! }], channel_id: 'C1' }))
      expect(short.data).toMatchObject({ error: 'invalid_arguments', response_metadata: { messages: [expect.stringContaining('5 bytes uploaded, 10 declared')] } })

      expect((await slackError(client.filesUploadV2({ channel_id: 'C2', content: 'x', filename: 'x.txt' }))).data.error).toBe('not_in_channel')
      expect((await slackError(client.filesUploadV2({ channel_id: 'G1', content: 'x', filename: 'x.txt' }))).data.error).toBe('channel_not_found')
      expect(fake.files).toEqual([])

      await client.filesUploadV2({ channel_id: 'C1', content: 'once', filename: 'once.txt' })
      const again = await slackError(client.files.completeUploadExternal({ files: [{ id: fake.files[0]!.id }], channel_id: 'C1' }))
      expect(again.data.error).toBe('file_not_found')
      expect((await fetch(fake.callsTo('files.getUploadURLExternal').at(-1)!.result.upload_url, { method: 'POST', body: 'late' })).status).toBe(404)
    })

    it('fails each of the three steps on request', async () => {
      const upload = () => client.filesUploadV2({ channel_id: 'C1', file: png(2, 2), filename: 'p.png' })
      fake.failNext('files.getUploadURLExternal', { status: 500 })
      expect((await slackError(upload())).code).toBe(ErrorCode.HTTPError)
      fake.failNext(UPLOAD_URL, { status: 503 })
      expect(await slackError(upload())).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 })
      fake.failNext('files.completeUploadExternal', { error: 'internal_error' })
      expect((await slackError(upload())).data.error).toBe('internal_error')
      fake.failNext(UPLOAD_URL, { rateLimited: 4 })
      expect(await slackError(upload())).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 4 })
      expect(fake.files).toEqual([])
      expect(fake.calls.filter((c) => c.failed).map((c) => c.method)).toEqual(['files.getUploadURLExternal', UPLOAD_URL, 'files.completeUploadExternal', UPLOAD_URL])
      await upload()
      expect(fake.files).toHaveLength(1)
    })
  })

  describe('rate limits, when enforced', () => {
    let now = 0
    const clock = () => now
    /** The Retry-After of each attempt, or 'ok'. */
    const attempts = async (n: number, call: () => Promise<unknown>) => {
      const seen: Array<number | 'ok'> = []
      for (let i = 0; i < n; i++) seen.push(await call().then(() => 'ok' as const, (e: WebAPIRateLimitedError) => e.retryAfter))
      return seen
    }
    const post = (channel = 'C1') => client.chat.postMessage({ channel, text: 'tick' })
    beforeEach(() => { now = Date.parse('2026-12-01T02:00:00Z') })

    it('lets a burst of 3 into a channel, then about one a second, each channel on its own', async () => {
      fake.enforceRateLimits({ clock })
      expect(await attempts(4, post)).toEqual(['ok', 'ok', 'ok', 1])
      expect(await attempts(1, () => post('DU1'))).toEqual(['ok'])
      now += 999
      expect(await attempts(1, post)).toEqual([1])
      now += 1
      expect(await attempts(2, post)).toEqual(['ok', 1])
      now += 60_000 // a quiet minute refills the burst, no more
      expect(await attempts(4, post)).toEqual(['ok', 'ok', 'ok', 1])
      expect(fake.messagesIn('C1')).toHaveLength(7)
      expect(fake.rateLimited).toHaveLength(4)
      expect(fake.rateLimited.every((c) => c.method === 'chat.postMessage' && c.failed && c.retryAfter === 1)).toBe(true)
      expect(fake.callsTo('chat.postMessage').filter((c) => c.failed)).toEqual(fake.rateLimited)
    })

    it('slows the steady rate and waits longer when told, and takes a Date clock', async () => {
      fake.enforceRateLimits({ clock: () => new Date(now), perChannelPerSecond: 0.25, burst: 1 })
      expect(await attempts(2, post)).toEqual(['ok', 4])
      now += 2500
      expect(await attempts(1, post)).toEqual([2])
    })

    it('limits calls per method per minute across the workspace, over the tier defaults', async () => {
      fake.enforceRateLimits({ clock, perMethodPerMinute: { 'users.info': 2, 'chat.postMessage': 4 } })
      const info = () => client.users.info({ user: 'U1' })
      expect(await attempts(3, info)).toEqual(['ok', 'ok', 60])
      now += 45_000
      expect(await attempts(1, info)).toEqual([15])
      now += 15_000
      expect(await attempts(2, info)).toEqual(['ok', 'ok'])
      fake.addChannel({ id: 'C3', name: 'launch', members: [fake.botUserId] })
      expect(await attempts(5, () => post(['C1', 'C3', 'DU1'][fake.callsTo('chat.postMessage').length % 3]))).toEqual(['ok', 'ok', 'ok', 'ok', 60])
      expect(await attempts(1, () => client.conversations.info({ channel: 'C1' }))).toEqual(['ok'])
    })

    it("limits a campaign channel's methods at their tiers: create, archive and list 20 a minute, invite 50", async () => {
      fake.enforceRateLimits({ clock })
      fake.addUser({ id: 'U7', teamId: 'T1', name: 'seven' })
      let n = 0
      const create = () => client.conversations.create({ name: `tier-${++n}` })
      expect((await attempts(21, create)).slice(-2)).toEqual(['ok', 60])
      expect(fake.channels.size).toBeGreaterThanOrEqual(20)
      const created = fake.callsTo('conversations.create').filter((c) => c.result?.ok).map((c) => c.result.channel.id as string)
      expect((await attempts(21, () => client.conversations.list({}))).slice(-2)).toEqual(['ok', 60])
      let a = 0
      expect((await attempts(21, () => client.conversations.archive({ channel: created[a++ % created.length]! }))).slice(-2)).toEqual(['ok', 60])
      // Invitations: 50 a minute (already_in_channel after the first counts as a call all the same).
      const invites = await attempts(51, () => client.conversations.invite({ channel: 'C1', users: 'U7' }).catch((e) => { if (e.code === 'slack_webapi_rate_limited_error') throw e }))
      expect(invites.slice(-2)).toEqual(['ok', 60])
    })

    it('is off by default, and off again when stopped', async () => {
      expect(await attempts(6, post)).toEqual(Array(6).fill('ok'))
      fake.enforceRateLimits({ clock })
      expect((await attempts(4, post)).at(-1)).toBe(1)
      fake.stopEnforcingRateLimits()
      expect(await attempts(3, post)).toEqual(['ok', 'ok', 'ok'])
      fake.reset()
      expect(fake.rateLimited).toEqual([])
    })

    it("is waited out by the app's own WebClient, which pauses for Retry-After and tries again", async () => {
      const patient = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 }, logLevel: LogLevel.ERROR })
      fake.enforceRateLimits({ clock, burst: 1 })
      await patient.chat.postMessage({ channel: 'C1', text: 'first' })
      const second = patient.chat.postMessage({ channel: 'C1', text: 'second' })
      await fake.waitFor('chat.postMessage', (c) => c.retryAfter === 1)
      now += 1000 // the second Slack wanted passes while the client waits
      expect(await second).toMatchObject({ ok: true })
      expect(fake.callsTo('chat.postMessage').map((c) => c.retryAfter ?? 'ok')).toEqual(['ok', 1, 'ok'])
    })
  })

  it('records POSTs to response URLs', async () => {
    const url = fake.newResponseUrl()
    const waiting = fake.waitForResponse()
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'done', replace_original: true }) })
    expect(res.status).toBe(200)
    expect(await waiting).toMatchObject({ id: url.split('/').at(-1), body: { text: 'done', replace_original: true } })
    expect((await fetch(`${fake.baseUrl}/response/nope`, { method: 'POST', body: '{}' })).status).toBe(404)
  })
})

describe('signed requests to the app', () => {
  it('signs v0:{ts}:{body} with HMAC-SHA256', () => {
    const body = 'command=%2Fcampaign&text=new'
    const headers = signSlackRequest('s3cret', body, 1_700_000_000)
    const expected = createHmac('sha256', 's3cret').update(`v0:1700000000:${body}`).digest('hex')
    expect(headers).toEqual({ 'X-Slack-Signature': `v0=${expected}`, 'X-Slack-Request-Timestamp': '1700000000' })
  })

  it('sends slash commands and payloads form-encoded without a charset', async () => {
    const seen: Array<{ headers: Record<string, unknown>; body: string }> = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        seen.push({ headers: req.headers, body })
        res.writeHead(200, { 'content-type': 'application/json' }).end(seen.length === 1 ? '' : '{"response_action":"clear"}')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const app = new AppClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, signingSecret: 's3cret' })
      const slash = await app.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'new Spring sale', responseUrl: 'http://r', triggerId: 't1' })
      expect(slash).toEqual({ status: 200, body: null })
      const sub = await app.viewSubmission({ teamId: 'T1', userId: 'U1', view: { id: 'V1', hash: 'h', callback_id: 'cb', private_metadata: '{}' }, values: { name: { name: plainText('Spring') }, kind: { kind: optionPicked('email') } } })
      expect(sub.body).toEqual({ response_action: 'clear' })

      const [first, second] = seen
      expect(first!.headers['content-type']).toBe('application/x-www-form-urlencoded')
      const ts = String(first!.headers['x-slack-request-timestamp'])
      expect(first!.headers['x-slack-signature']).toBe(`v0=${createHmac('sha256', 's3cret').update(`v0:${ts}:${first!.body}`).digest('hex')}`)
      expect(Object.fromEntries(new URLSearchParams(first!.body))).toMatchObject({ command: '/campaign', text: 'new Spring sale', user_id: 'U1', team_id: 'T1', channel_id: 'C1', trigger_id: 't1', response_url: 'http://r' })
      const payload = JSON.parse(new URLSearchParams(second!.body).get('payload')!)
      expect(payload).toMatchObject({ type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1' }, view: { callback_id: 'cb', state: { values: { kind: { kind: { selected_option: { value: 'email' } } } } } } })
    } finally {
      server.close()
    }
  })
})

describe('signed Events API requests to a real Bolt app', () => {
  let fake: FakeSlack
  let bolt: App
  let app: AppClient
  const opened: Array<Record<string, any>> = []

  beforeEach(async () => {
    opened.length = 0
    fake = await startFakeSlack({ botToken: 'xoxb-test' })
    fake.addUser({ id: 'U1' })
    bolt = new App({
      token: 'xoxb-test', signingSecret: 's3cret', processBeforeResponse: true, logLevel: BoltLogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    })
    // What an app does with it: publish the Home tab when it is opened.
    bolt.event('app_home_opened', async ({ event, client }) => {
      opened.push(event)
      if (event.tab === 'home') await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Opened ${opened.length}` } }] } })
    })
    const server = await bolt.start({ port: 0, host: '127.0.0.1' })
    app = new AppClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, signingSecret: 's3cret', slack: fake })
  })
  afterEach(async () => {
    await bolt.stop()
    await fake.close()
  })

  it('answers url_verification with the challenge, only when signed', async () => {
    expect(await app.urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P')).toEqual({ status: 200, body: { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' } })
    const body = JSON.stringify({ token: 'legacy-verification-token', challenge: 'c', type: 'url_verification' })
    expect((await app.send(body, 'application/json', { signature: 'v0=forged' })).status).toBe(401)
    expect((await app.send(body, 'application/json', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401)
  })

  it('sends app_home_opened as Slack does: the DM channel, the tab, and the Home tab view once one exists', async () => {
    expect((await app.appHomeOpened({ teamId: 'T1', userId: 'U1', tab: 'home' })).status).toBe(200)
    const first = await fake.waitForHome('U1')
    await app.appHomeOpened({ teamId: 'T1', userId: 'U1', tab: 'home' })
    await app.appHomeOpened({ teamId: 'T1', userId: 'U1', tab: 'messages' })
    expect(opened).toEqual([
      { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home', event_ts: expect.stringMatching(/^\d{10}\.\d{6}$/) },
      { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home', event_ts: expect.any(String), view: first },
      { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'messages', event_ts: expect.any(String) },
    ])
    expect(new Set(opened.map((e) => e.event_ts)).size).toBe(3)
    expect(fake.homeTabs.get('U1')?.blocks[0].text.text).toBe('Opened 2')
  })
})

describe('Block Kit limits', () => {
  it('accepts a reasonable modal and message', () => {
    const view = {
      ...modal('New campaign'),
      submit: { type: 'plain_text', text: 'Create' },
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Plan' } },
        { type: 'input', block_id: 'name', label: { type: 'plain_text', text: 'Name' }, element: { type: 'plain_text_input', action_id: 'name', max_length: 80 } },
        { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'A' } }, { type: 'static_select', action_id: 'b', options: [{ text: { type: 'plain_text', text: 'x' }, value: 'x' }] }] },
      ],
    }
    expect(checkView(view)).toBeNull()
    expect(checkMessage({ text: 'hi' })).toBeNull()
    expect(checkMessage({ blocks: [section('hi')] })).toBeNull()
  })

  it.each([
    ['type', { ...modal('x'), type: 'dialog' }],
    ['submit', { ...modal('x'), submit: { type: 'plain_text', text: 'a'.repeat(25) } }],
    ['private_metadata', { ...modal('x'), private_metadata: 'a'.repeat(3001) }],
    ['callback_id', { ...modal('x'), callback_id: 'a'.repeat(256) }],
    ['block type', modal('x', [{ type: 'table' }])],
    ['section text', modal('x', [section('a'.repeat(3001))])],
    ['empty text', modal('x', [section('')])],
    ['text type', modal('x', [{ type: 'section', text: { type: 'markdown', text: 'a' } }])],
    ['11 fields', modal('x', [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }])],
    ['header', modal('x', [{ type: 'header', text: { type: 'plain_text', text: 'a'.repeat(151) } }])],
    ['input label', modal('x', [{ type: 'input', element: { type: 'plain_text_input' } }])],
    ['input element', modal('x', [{ type: 'input', label: { type: 'plain_text', text: 'L' } }])],
    ['max_length', modal('x', [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', max_length: 3001 } }])],
    ['button text', modal('x', [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'a'.repeat(76) } }] }])],
    ['button value', modal('x', [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'a' }, value: 'v'.repeat(2001) }] }])],
    ['101 options', modal('x', [{ type: 'actions', elements: [{ type: 'static_select', options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `${i}` }, value: `${i}` })) }] }])],
    ['duplicate action_id', modal('x', [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'A' } }, { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'B' } }] }])],
    ['long block_id', modal('x', [section('a', 'b'.repeat(256))])],
  ])('refuses a view with a bad %s', (_, view) => {
    expect(checkView(view)).toEqual(expect.any(String))
  })

  it('refuses an empty message and 51 message blocks', () => {
    expect(checkMessage({})).toEqual(expect.any(String))
    expect(checkMessage({ text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toMatch(/at most 50/)
  })
})
