// Idea board bench: `/campaign ideas` in a workspace of 500 ideas (votes spread over them, texts
// and tags at their longest, Chinese and English), measured from POSTing the signed command to the
// board's chat.postMessage reaching the fake Slack: the board read, built, written to the outbox
// (the channel's previous board retired in the same transaction) and delivered.
// n=200 timed after 20 warm-ups, one at a time, in this process (fake Slack on loopback, the app on
// a free port, SQLite in a temporary directory). Run alone with `npx tsx bench/ideas.ts`;
// bench/run.ts may call benchIdeaBoard() too.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { startCampaignDesk } from '../src/campaignDesk.ts'
import { parseConfig } from '../src/config.ts'
import { createLogger } from '../src/logger.ts'
import { startFakeSlack } from '../test/support/fakeSlack.ts'
import { withStore } from '../test/support/home.ts'
import { tapFake } from './probe.ts'
import { send, slashCommand, team } from './requests.ts'
import { summarize } from './stats.ts'

const WARMUP = 20
const RUNS = 200
const IDEAS = 500
const VOTERS = 40

const botToken = 'xoxb-bench-token'
const signingSecret = 'bench-signing-secret-0123456789'
const now = new Date('2026-12-01T02:00:00Z')
const channel = 'CIDEAS'

export type IdeaBoardBench = { medianMs: number; p99Ms: number; n: number; ideas: number; blocks: number }

/** 500 ideas by 40 people, each with some of their votes, through the app's own store. */
async function seedIdeas(config: Parameters<typeof withStore>[0]): Promise<void> {
  await withStore(config, async (store) => {
    const noBoards = () => { throw new Error('bench: no board is posted while seeding') }
    for (let n = 1; n <= IDEAS; n += 1) {
      const words = n % 2 ? `Idea ${n}: a live tea tasting <with> friends & family, ` : `创意 ${n}：茶艺直播<与>亲友同乐，`
      const added = await store.ideas.add({
        teamId: team.id, authorId: `U${n % VOTERS}`, text: words.repeat(40).slice(0, 1000),
        tag: n % 3 ? { key: 'double 11', label: '双十一 Double 11' } : null, at: new Date(now.getTime() - (IDEAS - n) * 60_000), boards: noBoards,
      })
      if (added.outcome !== 'added') throw new Error('bench: an idea was not added')
      for (let v = 0; v < n % 7; v += 1) {
        await store.ideas.vote({ teamId: team.id, ideaId: added.idea.id, userId: `U${v}`, press: { boardId: 0, revision: n }, at: now, boards: noBoards })
      }
    }
  })
}

export async function benchIdeaBoard(options: { runs?: number } = {}): Promise<IdeaBoardBench> {
  const runs = options.runs ?? RUNS
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-ideas-'))
  const fake = await startFakeSlack({ botToken })
  let app: Awaited<ReturnType<typeof startCampaignDesk>> | null = null
  try {
    fake.addUser({ id: 'UASK', teamId: team.id })
    fake.addChannel({ id: channel, name: 'ideas', members: ['UASK', fake.botUserId] })
    const config = parseConfig({
      SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl,
      PORT: '0', DATABASE_URL: `file:${path.join(tmp, 'ideas.db')}`, LOG_LEVEL: 'silent',
    })
    await seedIdeas(config)
    app = await startCampaignDesk(config, { clock: { now: () => now }, logger: createLogger('silent'), dispatcher: { pollMs: 1000 } })

    const probe = tapFake(fake, ['chat.postMessage', 'chat.update'])
    let blocks = 0
    const once = async (): Promise<number> => {
      const request = slashCommand(signingSecret, { userId: 'UASK', channelId: channel, text: 'ideas', triggerId: 'bench-trigger', responseUrl: `${fake.baseUrl}/response/bench` })
      const posted = probe.next('chat.postMessage', (a) => a.channel === channel)
      const t0 = performance.now()
      const res = await send(app!.url!, request)
      const doneAt = await posted
      if (res.status !== 200) throw new Error(`bench: /campaign ideas answered ${res.status} ${res.text.slice(0, 300)}`)
      // The previous board's last edit follows the post: let it out before the next sample.
      if (fake.messagesIn(channel).length > 1) await probe.next('chat.update', (a) => a.channel === channel)
      blocks = fake.messagesIn(channel).at(-1)?.blocks?.length ?? 0
      // Forget the calls the fake recorded (outside the timed part); the boards stay, as the next one retires the last.
      fake.reset()
      probe.clear()
      return doneAt - t0
    }
    for (let i = 0; i < WARMUP; i++) await once()
    const times: number[] = []
    for (let i = 0; i < runs; i++) times.push(await once())
    if (probe.refusals.length > 0) throw new Error(`bench: the fake Slack refused: ${probe.refusals.slice(0, 3).join(', ')}`)
    const { median, p99 } = summarize(times)
    return { medianMs: median, p99Ms: p99, n: runs, ideas: IDEAS, blocks }
  } finally {
    await app?.stop()
    await fake.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchIdeaBoard()
  process.stdout.write(
    `Idea board, ${r.ideas} ideas, /campaign ideas → chat.postMessage, n=${r.n} after ${WARMUP} warm-up, node ${process.version}, SQLite: ` +
      `median ${r.medianMs.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms (${r.blocks} blocks)\n`,
  )
}
